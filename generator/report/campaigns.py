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

from crawler.campaigns.analysis import ON_TRACK
from crawler.campaigns.platforms import CHANNEL_LABELS
from crawler.common.period import Period
from crawler.common.text import name_of
from generator.charts import to_spec
from generator.charts.campaigns import cost_by_group, daily_cost, pacing
from generator.charts.rules import worth_a_bar_chart
from generator.report.common import num, obj, records, seq, sort_desc
from generator.report.coverage import coverage_note
from generator.report.data import ReportData
from generator.report.fmt import Formatter, parse_date
from generator.report.i18n import Labels
from generator.report.model import Chart, Column, Figure, Page, Rich, Section, Table
from generator.report.ratios import RatioNotes, conversions_text

RATES = ("ctr", "conversion_rate")

LABELLED_KPIS = ("cpa", "roas")
LOWER_IS_BETTER = {"cost", "cpc", "cpm", "cpa"}
MAX_ANOMALIES = 25


def strip_dirs(text: str) -> str:
    """File names without their folders: the client sees names, not the traffic manager's disk layout."""
    return " ".join(t.replace("\\", "/").rsplit("/", 1)[-1] if ("/" in t or "\\" in t) else t
                    for t in text.split(" "))


def kpi_text(key: str, value: object, fmt: Formatter, currency: str) -> str:
    if key in ("cost", "cpc", "cpm", "cpa", "conversion_value"):
        return fmt.money(value, currency)
    if key in RATES:
        return fmt.percent(value, 2)
    if key == "roas":
        return fmt.ratio(value)
    if key == "conversions":
        return conversions_text(fmt, value)
    return fmt.integer(value)


def change_text(key: str, cur: object, prev: object, fmt: Formatter) -> str:
    return fmt.points(cur, prev) if key in RATES else fmt.change(cur, prev)


def tone(key: str, cur: object, prev: object) -> str:
    a, b = num(cur), num(prev)
    if a is None or b is None or a == b:
        return "neutral"
    better = a < b if key in LOWER_IS_BETTER else a > b
    return "good" if better else "bad"


KPIS = ("cost", "impressions", "clicks", "ctr", "cpc", "conversions", "cpa", "roas")


def build_campaigns_page(data: ReportData, fmt: Formatter, L: Labels) -> Page:
    page = Page(filename="campaigns.md", nav_title=L.campaigns, title=L.campaigns)
    c = data.campaigns
    if not c or not c["by_campaign"]:
        page.notice = L.no_campaigns
        return page
    cur = c["currency"]
    page.intro = coverage_note(data, c["start"], c["end"], fmt, L)
    key = Section(title=L.key_figures)
    notes = RatioNotes(fmt, L, cur)
    for k in ("cost", "impressions", "clicks", "conversions", "conversion_value", "ctr", "cpc", "cpa", "roas"):
        mark = notes.mark(L.all_platforms, c["totals"], k)
        key.figures.append(Figure(L(k), kpi_text(k, c["totals"][k], fmt, cur) + mark))
    key.notes = notes.notes
    page.sections += [key, platforms_section(c, fmt, L, data.language)]
    daily = daily_cost_section(c, L, data.language)
    if daily is not None:
        page.sections.append(daily)
    page.sections.append(campaigns_section(c, fmt, L, data.language))
    optional = (channels_section(c, fmt, L), comparison_section(c, fmt, L, cur), pacing_section(c, fmt, L, cur),
                targets_section(c, fmt, L, cur), anomalies_section(c, fmt, L), utm_section(c, fmt, L),
                sources_section(c, fmt, L))
    page.sections += [s for s in optional if s is not None]
    return page


def kpi_cells(scope: str, row: Mapping[str, Any], fmt: Formatter, cur: str, notes: RatioNotes) -> list[str]:
    """A row's KPI cells; a CPA or ROAS computed on fewer rows than the printed totals gets a footnote."""
    return [kpi_text(k, row[k], fmt, cur) + notes.mark(scope, row, k) for k in KPIS]


def _kpi_columns(L: Labels) -> list[Column]:
    return [Column(L(k), "right") for k in KPIS]


def platforms_section(c: Mapping[str, Any], fmt: Formatter, L: Labels, lang: str) -> Section:
    cur = c["currency"]
    plat = sort_desc([{"platform": L.platform_label(k), **v} for k, v in c["by_platform"].items()], "cost")
    psec = Section(title=L.by_platform)
    if not plat:
        psec.empty = L.no_rows
        return psec
    frame = pd.DataFrame([{"platform": p["platform"], "cost": p["cost"] or 0.0,
                           "conversions": p["conversions"] or 0.0} for p in plat])
    if worth_a_bar_chart(frame["cost"]):
        psec.charts.append(Chart(to_spec(cost_by_group(frame, group="platform", title=L.by_platform,
                                                       cost_title=L.cost), lang, cur), L.by_platform))
    notes = RatioNotes(fmt, L, cur)
    psec.tables.append(Table([Column(L.platform)] + _kpi_columns(L),
                             [[p["platform"]] + kpi_cells(p["platform"], p, fmt, cur, notes) for p in plat],
                             notes=notes.notes))
    return psec


def daily_cost_section(c: Mapping[str, Any], L: Labels, lang: str) -> Section | None:
    daily = [{"date": r["date"], "platform": L.platform_label(r["platform"]), "cost": r["cost"]}
             for r in c["daily"] if r["cost"] is not None and parse_date(r["date"]) is not None]
    if not daily:
        return None
    # One point per day and platform (exports have one row per campaign and day: a year of 200
    # campaigns would be 73,000 points in the page).
    frame = pd.DataFrame(daily).groupby(["date", "platform"], as_index=False)["cost"].sum()
    dsec = Section(title=L.daily_cost)
    dsec.charts.append(Chart(to_spec(daily_cost(frame, title=L.daily_cost, cost_title=L.cost,
                                                date_title=L.date), lang, c["currency"]), L.daily_cost))
    return dsec


def campaigns_section(c: Mapping[str, Any], fmt: Formatter, L: Labels, lang: str) -> Section:
    cur = c["currency"]
    camps = sort_desc(c["by_campaign"], "cost")
    csec = Section(title=L.by_campaign)
    frame = pd.DataFrame([{"campaign": r["campaign"], "cost": r["cost"] or 0.0,
                           "conversions": r["conversions"] or 0.0} for r in camps[:15]])
    if len(camps) > 1 and worth_a_bar_chart(frame["cost"]):
        csec.charts.append(Chart(to_spec(cost_by_group(frame, group="campaign", title=L.by_campaign,
                                                       cost_title=L.cost), lang, cur), L.by_campaign))
    notes = RatioNotes(fmt, L, cur)
    csec.tables.append(Table(
        [Column(L.campaign), Column(L.platform)] + _kpi_columns(L),
        [[r["campaign"], L.platform_label(r["platform"])] + kpi_cells(r["campaign"], r, fmt, cur, notes)
         for r in camps], notes=notes.notes))
    return csec


def channels_section(c: Mapping[str, Any], fmt: Formatter, L: Labels) -> Section | None:
    """KPIs by channel, named in the report's language (not in the language of the import)."""
    chan = sort_desc([{"key": k, **v} for k, v in c["by_channel"].items()], "cost")
    if len(chan) < 2:
        return None
    notes = RatioNotes(fmt, L, c["currency"])
    return Section(title=L.by_channel, tables=[Table(
        [Column(L.channel)] + _kpi_columns(L),
        [[_scope(v, L)] + kpi_cells(_scope(v, L), v, fmt, c["currency"], notes) for v in chan],
        notes=notes.notes)])


def utm_section(c: Mapping[str, Any], fmt: Formatter, L: Labels) -> Section | None:
    """Platform clicks next to the sessions the site saw for the campaign's utm_campaign."""
    utm = c.get("utm_vs_clicks")
    if not isinstance(utm, Mapping) or not utm.get("available"):
        return None
    rows = records(utm.get("rows"))
    if not rows:
        return None
    table = Table([Column(L.campaign), Column("utm_campaign"), Column(L.clicks, "right"),
                   Column(L.sessions, "right"), Column(L.difference, "right"), Column(L.ratio_sessions, "right")], [])
    for r in rows:
        table.rows.append([str(r.get("campaign") or "—"), str(r.get("utm_campaign") or ""),
                           fmt.integer(r.get("clicks")), fmt.integer(r.get("sessions")),
                           fmt.diff(r.get("sessions"), r.get("clicks")) if r.get("difference") is not None else "—",
                           fmt.percent(r.get("ratio"), 0)])
    return Section(title=L.utm_vs_clicks, intro=L.utm_intro, tables=[table])


def sources_section(c: Mapping[str, Any], fmt: Formatter, L: Labels) -> Section:
    """The exports behind the figures: file name (never the local path), platform, rows, totals check."""
    sec = Section(title=L.sources)
    rows = []
    for f in records(c.get("files")):
        name = strip_dirs(str(f.get("path") or ""))
        match = f.get("totals_match")
        rows.append([name, L.platform_label(str(f.get("platform") or "")), fmt.integer(f.get("rows")),
                     fmt.period(f.get("start"), f.get("end")),
                     "—" if match is None else (L.totals_ok if match else L.totals_mismatch)])
    if rows:
        sec.tables.append(Table([Column(L.file), Column(L.platform), Column(L.rows, "right"), Column(L.period),
                                 Column(L.totals_check)], rows))
    warnings = [strip_dirs(str(w)) for w in seq(c.get("warnings")) if w]
    sec.items = list(warnings)
    if not rows and not warnings:
        sec.empty = L.no_rows
    return sec


def _scope(row: Mapping[str, Any], L: Labels) -> str:
    """The budget / target key: a channel's name in the report language, or the campaign's name."""
    return name_of(CHANNEL_LABELS, row["key"], L.language)


def comparison_section(c: Mapping[str, Any], fmt: Formatter, L: Labels, cur: str) -> Section | None:
    """The period against the previous period of its kind and the same period a year earlier; a CPA or
    ROAS on fewer rows than its column's totals gets its footnote, as in the other tables."""
    comp = c.get("comparison")
    if not isinstance(comp, Mapping):
        return None
    columns = [Column(L.kpi)]
    blocks = []
    for name in ("previous_period", "same_period_last_year"):
        block = comp.get(name)
        if not isinstance(block, Mapping) or not block.get("base_has_data"):
            continue
        current, base = obj(block.get("current")), obj(block.get("base"))
        if not blocks:
            columns.append(Column(_window_name(current, fmt), "right"))
        columns += [Column(_window_name(base, fmt), "right"), Column(L.change, "right")]
        blocks.append((current, base))
    if not blocks:
        return None
    notes = RatioNotes(fmt, L, cur)
    rows = []
    for k in ("cost", "impressions", "clicks", "ctr", "cpc", "conversions", "cpa", "roas"):
        first = blocks[0][0]
        row = [L(k), kpi_text(k, first.get(k), fmt, cur) + notes.mark(_window_name(first, fmt), first, k)]
        for current, base in blocks:
            row += [kpi_text(k, base.get(k), fmt, cur) + notes.mark(_window_name(base, fmt), base, k),
                    change_text(k, current.get(k), base.get(k), fmt)]
        rows.append(row)
    return Section(title=L.comparison, tables=[Table(columns, rows, notes=notes.notes)])


def _window_name(window: Mapping[str, Any], fmt: Formatter) -> str:
    """"octobre 2026" for a whole month (or quarter, year), else its dates."""
    start, end = parse_date(window.get("start")), parse_date(window.get("end"))
    if start is None or end is None:
        return fmt.period(window.get("start"), window.get("end"))
    return fmt.period_name(Period.between(start, end))


def pacing_section(c: Mapping[str, Any], fmt: Formatter, L: Labels, cur: str) -> Section:
    sec = Section(title=L.pacing)
    rows = c["pacing"]
    if not rows:
        sec.empty = L.no_pacing
        return sec
    table = []
    frame = []
    for r in rows:
        spent, expected = r["spend_to_date"], r["prorated_budget"]
        month = fmt.period_name(Period.parse(r["month"]))
        table.append([_scope(r, L), month, fmt.money(r["budget"], cur), fmt.money(spent, cur), fmt.money(expected, cur),
                      fmt.percent(r["pacing_ratio"], 0), fmt.money(r["projected_spend"], cur),
                      _status(r["status"], r["alerts"], fmt, L)])
        frame.append({"scope": _scope(r, L), "spent": spent, "expected": expected, "budget": r["budget"]})
    sec.charts.append(Chart(to_spec(pacing(pd.DataFrame(frame), title=L.pacing, spent_title=L.spent,
                                           budget_label=L.budget, expected_label=L.expected), L.language, cur),
                            L.pacing))
    sec.intro = L("pacing_rule", tolerance=fmt.percent(ON_TRACK, 0))
    sec.tables.append(Table([Column(L.scope), Column(L.month), Column(L.budget, "right"), Column(L.spent, "right"),
                             Column(L.expected, "right"), Column(L.pacing_ratio, "right"),
                             Column(L.projected, "right"), Column(L.pacing_status)], table))
    return sec


def _status(status: str, alerts: list[int], fmt: Formatter, L: Labels) -> str:
    text = L(status)
    if alerts:
        text += f" ({L.alert} {fmt.percent(max(alerts) / 100, 0)})"
    return text


def targets_section(c: Mapping[str, Any], fmt: Formatter, L: Labels, cur: str) -> Section | None:
    out = []
    for r in c["targets"]:
        kpi, status = r["metric"], r["status"]
        out.append([_scope(r, L), L(kpi) if kpi in LABELLED_KPIS else kpi,
                    kpi_text(kpi, r["target"], fmt, cur), kpi_text(kpi, r["actual"], fmt, cur),
                    L(status) if status != "no_data" else "—"])
    if not out:
        return None
    return Section(title=L.targets, tables=[Table([Column(L.scope), Column(L.kpi), Column(L.target, "right"),
                                                   Column(L.actual, "right"), Column(L.pacing_status)], out)])


def anomalies_section(c: Mapping[str, Any], fmt: Formatter, L: Labels) -> Section:
    sec = Section(title=L.anomalies)
    for a in c["anomalies"]:
        template = a["templates"][L.language]
        before, found, after = template.partition("{campaign}")
        if found:  # the campaign name (untrusted) goes in as emphasised text, never into the template
            sec.items.append(Rich([(before, False), (a["campaign"], True), (after, False)]))
        else:
            sec.items.append(a["sentences"][L.language])
    if len(sec.items) > MAX_ANOMALIES:  # newest first: the report keeps the latest ones
        hidden = len(sec.items) - MAX_ANOMALIES
        sec.items = [*sec.items[:MAX_ANOMALIES], L("and_more", n=fmt.integer(hidden))]
    if not sec.items:
        sec.empty = L.no_anomalies
    return sec
