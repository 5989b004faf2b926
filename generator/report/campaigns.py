"""Campaigns page model: totals, by platform, by campaign with KPIs, pacing, targets and anomalies.

Reads campaigns.json (the Campaigns issue's contract: totals / by_platform / by_campaign with ratios as
fractions) and its documented extras when present: ``daily``, ``comparison``, ``pacing``, ``targets``,
``anomalies``. KPIs are shown as given (the importer recomputes them from summed components); a missing
or null KPI shows as "—".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from generator.charts import to_spec
from generator.charts.campaigns import cost_by_group, daily_cost, pacing
from generator.report.common import first, localized, num, records, sort_desc
from generator.report.data import ReportData
from generator.report.fmt import Formatter, parse_date
from generator.report.i18n import Labels
from generator.report.model import Chart, Column, Figure, Page, Section, Table

RATES = ("ctr", "conversion_rate")
LOWER_IS_BETTER = {"cost", "cpc", "cpm", "cpa"}


def kpi_text(key: str, value: object, fmt: Formatter, currency: str) -> str:
    if key in ("cost", "cpc", "cpm", "cpa", "conversion_value"):
        return fmt.money(value, currency)
    if key in RATES:
        return fmt.percent(value, 2)
    if key == "roas":
        return fmt.ratio(value)
    if key == "conversions":
        return fmt.number(value, 1) if num(value) is not None and num(value) % 1 else fmt.integer(value)
    return fmt.integer(value)


def previous_totals(c: Mapping[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """Totals of the previous period of equal length, when the campaigns output carries them."""
    comp = c.get("comparison")
    if not isinstance(comp, Mapping):
        return None, ""
    prev = first(comp, "previous_period", "previous")
    if isinstance(prev, Mapping):
        totals = prev.get("totals") if isinstance(prev.get("totals"), Mapping) else prev
        return dict(totals), ""
    return None, ""


def change_text(key: str, cur: object, prev: object, fmt: Formatter) -> str:
    return fmt.points(cur, prev) if key in RATES else fmt.change(cur, prev)


def tone(key: str, cur: object, prev: object) -> str:
    a, b = num(cur), num(prev)
    if a is None or b is None or a == b:
        return "neutral"
    better = a < b if key in LOWER_IS_BETTER else a > b
    return "good" if better else "bad"


def build_campaigns_page(data: ReportData, fmt: Formatter, L: Labels) -> Page:
    page = Page(filename="campaigns.md", nav_title=L.campaigns, title=L.campaigns)
    c = data.campaigns
    if not c or not (c.get("totals") or c.get("by_campaign")):
        page.notice = L.no_campaigns
        return page
    lang = data.language
    cur = str(c.get("currency") or data.currency)
    totals = c.get("totals") or {}
    sep = " : " if lang == "fr" else ": "
    page.intro = f"{L.period}{sep}{fmt.period(c.get('start'), c.get('end'))}"

    prev, _ = previous_totals(c)
    key = Section(title=L.key_figures)
    for k in ("cost", "impressions", "clicks", "conversions", "conversion_value", "ctr", "cpc", "cpa", "roas"):
        fig = Figure(L(k), kpi_text(k, totals.get(k), fmt, cur))
        if prev is not None and k in prev:
            fig.change = f"{change_text(k, totals.get(k), prev.get(k), fmt)} {L.vs_previous_period}"
            fig.tone = tone(k, totals.get(k), prev.get(k))  # type: ignore[assignment]
        key.figures.append(fig)
    page.sections.append(key)

    kpis = ("cost", "impressions", "clicks", "ctr", "cpc", "conversions", "cpa", "roas")
    kpi_cols = [Column(L(k), "right") for k in kpis]

    # By platform
    plat = [{"platform": L.platform_label(str(k)), **v} for k, v in (c.get("by_platform") or {}).items()
            if isinstance(v, Mapping)]
    plat = sort_desc(plat, "cost")
    psec = Section(title=L.by_platform)
    if plat:
        frame = pd.DataFrame([{"platform": p["platform"], "cost": num(p.get("cost")) or 0.0,
                               "conversions": num(p.get("conversions")) or 0.0} for p in plat])
        psec.charts.append(Chart(to_spec(cost_by_group(frame, group="platform", title=L.by_platform,
                                                       cost_title=L.cost), lang, cur), L.by_platform))
        psec.tables.append(Table([Column(L.platform)] + kpi_cols,
                                 [[p["platform"]] + [kpi_text(k, p.get(k), fmt, cur) for k in kpis] for p in plat]))
    else:
        psec.empty = L.no_rows
    page.sections.append(psec)

    # Daily spend
    daily = []
    for r in records(c.get("daily"), "date"):
        d = parse_date(r.get("date"))
        if d is not None and num(r.get("cost")) is not None:
            daily.append({"date": d.isoformat(), "platform": L.platform_label(str(r.get("platform") or L.cost)),
                          "cost": num(r.get("cost"))})
    if daily:
        dsec = Section(title=L.daily_cost)
        dsec.charts.append(Chart(to_spec(daily_cost(pd.DataFrame(daily), title=L.daily_cost, cost_title=L.cost,
                                                    date_title=L.date), lang, cur), L.daily_cost))
        page.sections.append(dsec)

    # By campaign
    camps = sort_desc([r for r in c.get("by_campaign") or [] if isinstance(r, Mapping)], "cost")
    csec = Section(title=L.by_campaign)
    if camps:
        if not plat:
            frame = pd.DataFrame([{"campaign": str(r.get("campaign", "")), "cost": num(r.get("cost")) or 0.0,
                                   "conversions": num(r.get("conversions")) or 0.0} for r in camps[:20]])
            csec.charts.append(Chart(to_spec(cost_by_group(frame, group="campaign", title=L.by_campaign,
                                                           cost_title=L.cost), lang, cur), L.by_campaign))
        csec.tables.append(Table(
            [Column(L.campaign), Column(L.platform)] + kpi_cols,
            [[str(r.get("campaign", "")), L.platform_label(str(r.get("platform", "")))]
             + [kpi_text(k, r.get(k), fmt, cur) for k in kpis] for r in camps]))
    else:
        csec.empty = L.no_rows
    page.sections.append(csec)

    page.sections.append(pacing_section(c, fmt, L, cur))
    tsec = targets_section(c, fmt, L, cur)
    if tsec is not None:
        page.sections.append(tsec)
    page.sections.append(anomalies_section(c, fmt, L))
    return page


def _scope(row: Mapping[str, Any]) -> str:
    return str(first(row, "scope", "label", "name", "key", "channel", "campaign") or "")


def pacing_section(c: Mapping[str, Any], fmt: Formatter, L: Labels, cur: str) -> Section:
    sec = Section(title=L.pacing)
    rows = records(c.get("pacing"), "scope")
    rows = [r for r in rows if num(r.get("budget")) is not None]
    if not rows:
        sec.empty = L.no_pacing
        return sec
    table = []
    frame = []
    for r in rows:
        spent = num(first(r, "spent", "spend", "spend_to_date", "cost"))
        expected = num(first(r, "expected", "prorated_budget", "prorated", "expected_spend"))
        status = str(r.get("status") or "")
        table.append([_scope(r), fmt.money(r.get("budget"), cur), fmt.money(spent, cur), fmt.money(expected, cur),
                      fmt.percent(first(r, "pacing", "pacing_ratio", "ratio"), 0),
                      fmt.money(first(r, "projected", "projected_spend", "projection"), cur),
                      L(status.replace(" ", "_")) if status else "—"])
        frame.append({"scope": _scope(r), "spent": spent or 0.0, "expected": expected or 0.0,
                      "budget": num(r.get("budget")) or 0.0})
    sec.charts.append(Chart(to_spec(pacing(pd.DataFrame(frame), title=L.pacing, spent_title=L.spent,
                                           budget_label=L.budget, expected_label=L.expected), L.language, cur),
                            L.pacing))
    sec.tables.append(Table([Column(L.scope), Column(L.budget, "right"), Column(L.spent, "right"),
                             Column(L.expected, "right"), Column(L.pacing_ratio, "right"),
                             Column(L.projected, "right"), Column(L.pacing_status)], table))
    return sec


def targets_section(c: Mapping[str, Any], fmt: Formatter, L: Labels, cur: str) -> Section | None:
    rows = records(c.get("targets"), "scope")
    out = []
    for r in rows:
        kpi = str(first(r, "kpi", "metric") or "")
        if not kpi:
            continue
        status = r.get("status")
        if status is None and isinstance(r.get("met"), bool):
            status = "met" if r["met"] else "missed"
        out.append([_scope(r), L(kpi) if kpi in ("cpa", "roas") else kpi,
                    kpi_text(kpi, r.get("target"), fmt, cur), kpi_text(kpi, r.get("actual"), fmt, cur),
                    L(str(status)) if status else "—"])
    if not out:
        return None
    return Section(title=L.targets, tables=[Table([Column(L.scope), Column(L.kpi), Column(L.target, "right"),
                                                   Column(L.actual, "right"), Column(L.pacing_status)], out)])


def anomalies_section(c: Mapping[str, Any], fmt: Formatter, L: Labels) -> Section:
    sec = Section(title=L.anomalies)
    for a in c.get("anomalies") or []:
        if isinstance(a, Mapping):
            text = localized(first(a, "sentence", "message", "text", "description"), L.language)
            when = a.get("date")
            if text:
                sec.items.append(f"{fmt.date(when)} — {text}" if when and str(when)[:4] not in text else text)
        elif isinstance(a, str):
            sec.items.append(a)
    if not sec.items:
        sec.empty = L.no_anomalies
    return sec
