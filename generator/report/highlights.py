"""The overview's highlights: what changed and what needs attention, written as sentences from the data.

Every number in a sentence is formatted from the same value, with the same formatter, as the table it
links to on a detail page, so a reader can find it there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crawler.common.period import Period
from crawler.common.text import Text
from generator.report.campaigns import _scope, kpi_text
from generator.report.common import num, obj
from generator.report.data import ReportData
from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.model import Link, Rich

T = Text
SENTENCES: dict[str, Text] = {
    "visits_up": T("Visits rose {change}: {now} in {period} against {before} in {previous}.",
                   "Les visites progressent de {change} : {now} en {period} contre {before} en {previous}."),
    "visits_down": T("Visits fell {change}: {now} in {period} against {before} in {previous}.",
                     "Les visites reculent de {change} : {now} en {period} contre {before} en {previous}."),
    "organic_up": T("Organic search brought {change} more visits: {now} against {before}.",
                    "La recherche naturelle apporte {change} de visites en plus : {now} contre {before}."),
    "organic_down": T("Organic search brought {change} fewer visits: {now} against {before}.",
                      "La recherche naturelle apporte {change} de visites en moins : {now} contre {before}."),
    "pacing_over_done": T("{scope} spent {spent} in {month} for a budget of {budget} ({ratio}): over budget.",
                          "{scope} a dépensé {spent} en {month} pour un budget de {budget} ({ratio}) : "
                          "budget dépassé."),
    "pacing_under_done": T("{scope} spent {spent} in {month} for a budget of {budget} ({ratio}): under budget.",
                           "{scope} a dépensé {spent} en {month} pour un budget de {budget} ({ratio}) : "
                           "budget sous-consommé."),
    "pacing_over": T("{scope} is pacing {ratio} of its budget: at this rate {month} ends at {projected} for "
                     "{budget}.",
                     "{scope} dépense à {ratio} de son budget : à ce rythme, {month} se terminera à {projected} "
                     "pour {budget}."),
    "target_met": T("{scope}: {kpi} {actual}, target {target} met.",
                    "{scope} : {kpi} de {actual}, objectif de {target} atteint."),
    "target_missed": T("{scope}: {kpi} {actual}, target {target} missed.",
                       "{scope} : {kpi} de {actual}, objectif de {target} manqué."),
    "top_action": T("First thing to fix: {check} ({severity}), on {url}.",
                    "À corriger en premier : {check} ({severity}), sur {url}."),
    "see": T("See the table", "Voir le tableau"),
}


def build_highlights(data: ReportData, fmt: Formatter, L: Labels, plan: list) -> list[Rich]:
    out = _traffic(data, fmt, L) + _campaigns(data, fmt, L)
    if plan:
        site, g = plan[0]
        from generator.report.checkpages import check_page_file, most_searched

        url = most_searched(g)[0]["url"]
        out.append(_say(L, "top_action", Link.to_page(SENTENCES["see"].get(L.language), "index.md",
                                                       check_page_file(site, g.check, len(data.crawls) > 1)),
                        check=g.title, severity=L.severity_label(g.severity).lower(), url=url))
    return out


def _say(L: Labels, key: str, link: Link, **values: str) -> Rich:
    return Rich([(SENTENCES[key].get(L.language).format(**values), False)], link=link)


def _traffic(data: ReportData, fmt: Formatter, L: Labels) -> list[Rich]:
    t, p = obj(data.traffic), obj(data.previous.traffic if data.previous else None)
    if not t.get("human") or not p.get("human") or data.period is None or data.previous is None:
        return []
    now, before = t["human"]["visits"], p["human"]["visits"]
    out = []
    link = Link.to_page(SENTENCES["see"].get(L.language), "index.md", "traffic.md", L.key_figures)
    if now != before and before:
        out.append(_say(L, "visits_up" if now > before else "visits_down", link,
                        change=fmt.change(now, before).lstrip("+−"), now=fmt.integer(now),
                        before=fmt.integer(before), period=fmt.period_name(data.period),
                        previous=fmt.period_name(data.previous.period)))
    org_now = obj(t.get("channels")).get("Organic Search", 0)
    org_before = obj(p.get("channels")).get("Organic Search", 0)
    if org_now != org_before and org_before:
        link = Link.to_page(SENTENCES["see"].get(L.language), "index.md", "traffic.md", L.channels)
        out.append(_say(L, "organic_up" if org_now > org_before else "organic_down", link,
                        change=fmt.change(org_now, org_before).lstrip("+−"), now=fmt.integer(org_now),
                        before=fmt.integer(org_before)))
    return out


def _campaigns(data: ReportData, fmt: Formatter, L: Labels) -> list[Rich]:
    c = data.campaigns
    if not c or not c["by_campaign"]:
        return []
    cur = c["currency"]
    out = []
    pacing_link = Link.to_page(SENTENCES["see"].get(L.language), "index.md", "campaigns.md", L.pacing)
    for r in c["pacing"]:
        if r["status"] == "on_track":
            continue
        done = r["days_elapsed"] >= r["days_in_month"]
        key = f"pacing_{r['status']}_done" if done else "pacing_over" if r["status"] == "over" else ""
        if not key:
            continue
        month = fmt.period_name(Period.parse(r["month"]))
        out.append(_say(L, key, pacing_link, scope=_scope(r, L), spent=fmt.money(r["spend_to_date"], cur),
                        month=month, budget=fmt.money(r["budget"], cur), ratio=fmt.percent(r["pacing_ratio"], 0),
                        projected=fmt.money(r["projected_spend"], cur)))
    target_link = Link.to_page(SENTENCES["see"].get(L.language), "index.md", "campaigns.md", L.targets)
    for t in c["targets"]:
        if t["status"] not in ("met", "missed"):
            continue
        out.append(_target(t, fmt, L, cur, target_link))
    if c["anomalies"]:  # the newest one, as the campaigns page words it
        anomaly = c["anomalies"][0]
        out.append(Rich([(anomaly["sentences"][L.language], False)],
                        link=Link.to_page(SENTENCES["see"].get(L.language), "index.md", "campaigns.md",
                                          L.anomalies)))
    return out


def _target(t: Mapping[str, Any], fmt: Formatter, L: Labels, cur: str, link: Link) -> Rich:
    metric = t["metric"]
    return _say(L, f"target_{t['status']}", link, scope=_scope(t, L), kpi=L(metric) if metric in ("cpa", "roas")
                else metric, actual=kpi_text(metric, t["actual"], fmt, cur),
                target=kpi_text(metric, num(t["target"]), fmt, cur))
