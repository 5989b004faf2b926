"""The overview's KPI cards: each figure with its change against the previous period (signed, with a
tone that says good or bad) and, for CPA and ROAS, the targets client.yml sets.

Every card's value is the same number its detail page prints: the cards read the same summaries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from generator.report.campaigns import _scope, kpi_text
from generator.report.common import num, obj
from generator.report.data import ReportData
from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.model import Figure
from generator.report.ratios import RatioNotes

Direction = Literal["up", "down", "none"]  # which way is good
CAMPAIGN_CARDS: tuple[tuple[str, Direction], ...] = (
    ("cost", "none"), ("conversions", "up"), ("cpa", "down"), ("roas", "up"))


def card(label: str, value: str, current: object, previous: object, data: ReportData, fmt: Formatter,
         L: Labels, good: Direction = "up", shown: Callable[[object], str] | None = None,
         year_ago: object = None) -> Figure:
    """A figure with its change against the previous period, when that period was summarised:
    "+25,1 % vs septembre 2026 (6 111)", the previous value formatted by ``shown`` as the current one is;
    and against the same period a year earlier (``year_ago``) when there is data for it, as its note."""
    figure = Figure(label, value)
    if num(current) is None:
        return figure
    show = shown or fmt.integer
    if data.previous is not None and num(previous) is not None:
        cur, prev = float(current), float(previous)  # type: ignore[arg-type]
        figure.change = f"{fmt.change(cur, prev)} {L('vs_period', name=fmt.period_name(data.previous.period))}"
        figure.change += f" ({show(previous)})"
        better = (cur > prev) == (good == "up")
        figure.tone = "neutral" if cur == prev or good == "none" else ("good" if better else "bad")
    if data.year_before is not None and num(year_ago) is not None:
        figure.note = (f"{fmt.change(current, year_ago)} "
                       f"{L('vs_period', name=fmt.period_name(data.year_before.period))} ({show(year_ago)})")
    return figure


def year_ago(data: ReportData, kind: str, *path: str) -> object:
    """A value of the same period a year earlier (``kind``: traffic or campaigns), None without one."""
    value: object = getattr(data.year_before, kind, None) if data.year_before else None
    for key in path:
        value = obj(value).get(key)
    return value


def traffic_cards(data: ReportData, fmt: Formatter, L: Labels) -> list[Figure]:
    t = obj(data.traffic)
    p = obj(data.previous.traffic if data.previous else None)
    out = []
    if t.get("human"):
        human, before = obj(t["human"]), obj(p.get("human"))
        organic = obj(t.get("channels")).get("Organic Search", 0)
        organic_before = obj(p.get("channels")).get("Organic Search", 0) if p.get("human") else None
        out += [
            card(L.visits, fmt.integer(human["visits"]), human["visits"], before.get("visits"), data, fmt, L,
                 year_ago=year_ago(data, "traffic", "human", "visits")),
            card(L.organic_visits, fmt.integer(organic), organic, organic_before, data, fmt, L,
                 year_ago=year_ago(data, "traffic", "channels", "Organic Search")),
            card(L.pageviews, fmt.integer(human["pageviews"]), human["pageviews"], before.get("pageviews"),
                 data, fmt, L, year_ago=year_ago(data, "traffic", "human", "pageviews")),
        ]
    gsc = obj(t.get("search_console"))
    if gsc.get("totals"):
        clicks = obj(gsc["totals"]).get("clicks")
        before = obj(obj(p.get("search_console")).get("totals")).get("clicks")
        out.append(card(L.gsc_clicks_short, fmt.integer(clicks), clicks, before, data, fmt, L,
                        year_ago=year_ago(data, "traffic", "search_console", "totals", "clicks")))
    analytics = obj(t.get("analytics"))
    if analytics.get("sessions") is not None and not t.get("human"):
        before = obj(p.get("analytics")).get("sessions")
        out.append(card(L.ga_sessions, fmt.integer(analytics["sessions"]), analytics["sessions"], before,
                        data, fmt, L))
    return out


def campaign_cards(data: ReportData, fmt: Formatter, L: Labels, ratio_notes: RatioNotes) -> list[Figure]:
    """Cost, conversions, CPA, ROAS; a ratio on fewer rows than the totals gets a mark, its footnote goes
    to ``ratio_notes`` (printed under the cards)."""
    c = data.campaigns
    if not c or not c["by_campaign"]:
        return []
    before = obj(obj(data.previous.campaigns if data.previous else None).get("totals"))
    out = []
    for key, good in CAMPAIGN_CARDS:
        value = c["totals"][key]
        mark = ratio_notes.mark(L.all_platforms, c["totals"], key)
        figure = card(L(key), kpi_text(key, value, fmt, c["currency"]) + mark, value, before.get(key), data, fmt,
                      L, good, shown=lambda v, k=key: kpi_text(k, v, fmt, c["currency"]),
                      year_ago=year_ago(data, "campaigns", "totals", key))
        notes = [figure.note] if figure.note else []
        notes += [_target_note(t, fmt, L, c["currency"]) for t in c["targets"] if t["metric"] == key]
        figure.note = " · ".join(notes)
        out.append(figure)
    return out


def _target_note(target: Mapping[str, Any], fmt: Formatter, L: Labels, currency: str) -> str:
    """"Search payant : 13,34 € (objectif 25,00 €, atteint)": each target with its scope's own figure."""
    metric = target["metric"]
    status = L(target["status"]) if target["status"] != "no_data" else "—"
    return L("target_note", scope=_scope(target, L), actual=kpi_text(metric, target["actual"], fmt, currency),
             target=kpi_text(metric, target["target"], fmt, currency), status=status)
