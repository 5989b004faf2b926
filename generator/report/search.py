"""Search Console and analytics exports for the Traffic page.

Reads traffic.json's ``search_console`` ({period, totals, daily, top_queries, top_pages, devices,
countries}: clicks, impressions, ctr as a fraction, position) and ``analytics`` ({platform, period,
sessions, sessions_by_channel, channels, daily, landing_pages, pages}) when the client imported them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from generator.charts import to_spec
from generator.charts.rules import worth_a_bar_chart
from generator.charts.traffic import bars, ctr_by_position, daily_lines
from generator.report.cards import card
from generator.report.common import num, obj, records
from generator.report.data import ReportData
from generator.report.fmt import Formatter, parse_date
from generator.report.i18n import Labels
from generator.report.model import Chart, Column, Figure, Link, Section, Table
from generator.report.names import channel_name, device_name

TOP = 20
PLATFORMS = {"ga4": "Google Analytics 4", "matomo": "Matomo", "plausible": "Plausible"}


def _gsc_row(r: Mapping[str, Any], fmt: Formatter) -> list[str]:
    return [fmt.integer(r.get("clicks")), fmt.integer(r.get("impressions")), fmt.percent(r.get("ctr"), 1),
            fmt.number(r.get("position"), 1)]


def search_console_section(traffic: Mapping[str, Any], fmt: Formatter, L: Labels, lang: str,
                           cur: str, data: ReportData | None = None) -> Section | None:
    gsc = traffic.get("search_console")
    if not isinstance(gsc, Mapping):
        return None
    sec = Section(title=L.search_console)
    period = gsc.get("period") if isinstance(gsc.get("period"), Mapping) else {}
    if period:
        sec.intro = f"{L.period}{' : ' if lang == 'fr' else ': '}{fmt.period(period.get('start'), period.get('end'))}"
    totals = gsc.get("totals") if isinstance(gsc.get("totals"), Mapping) else {}
    before = obj(obj(obj(data.previous.traffic if data and data.previous else None).get("search_console"))
                 .get("totals"))
    if data is None:
        sec.figures = [Figure(L.clicks, fmt.integer(totals.get("clicks"))),
                       Figure(L.impressions, fmt.integer(totals.get("impressions"))),
                       Figure(L.ctr, fmt.percent(totals.get("ctr"), 2)),
                       Figure(L.position, fmt.number(totals.get("position"), 1))]
    else:  # each with its change against the previous period (a lower position is better)
        sec.figures = [
            card(L.clicks, fmt.integer(totals.get("clicks")), totals.get("clicks"), before.get("clicks"), data, fmt, L),
            card(L.impressions, fmt.integer(totals.get("impressions")), totals.get("impressions"),
                 before.get("impressions"), data, fmt, L),
            card(L.ctr, fmt.percent(totals.get("ctr"), 2), totals.get("ctr"), before.get("ctr"), data, fmt, L,
                 shown=lambda v: fmt.percent(v, 2)),
            card(L.position, fmt.number(totals.get("position"), 1), totals.get("position"), before.get("position"),
                 data, fmt, L, good="down", shown=lambda v: fmt.number(v, 1)),
        ]
    daily = [r for r in records(gsc.get("daily")) if parse_date(r.get("date"))]
    if daily:
        frame = pd.DataFrame([{"date": parse_date(r["date"]).isoformat(), "series": L.clicks,
                               "value": num(r.get("clicks")) or 0.0} for r in daily])
        sec.charts.append(Chart(to_spec(daily_lines(frame, title=L.gsc_clicks, value_title=L.clicks,
                                                    date_title=L.date), lang, cur), L.gsc_clicks))
    metric_cols = [Column(L.clicks, "right"), Column(L.impressions, "right"), Column(L.ctr, "right"),
                   Column(L.position, "right")]
    queries = records(gsc.get("top_queries"))
    points = [q for q in queries if num(q.get("position")) is not None and num(q.get("ctr")) is not None]
    if len(points) >= 5:
        frame = pd.DataFrame([{"query": str(q.get("query") or ""), "position": num(q["position"]),
                               "ctr": num(q["ctr"]), "impressions": num(q.get("impressions")) or 0.0}
                              for q in points])
        sec.charts.append(Chart(to_spec(ctr_by_position(frame, title=L.ctr_by_position, ctr_title=L.ctr,
                                                        position_title=L.position), lang, cur), L.ctr_by_position))
    if queries:
        sec.tables.append(Table([Column(L.query)] + metric_cols,
                                [[str(r.get("query") or "")] + _gsc_row(r, fmt) for r in queries[:TOP]],
                                caption=L.top_queries))
    pages = records(gsc.get("top_pages"))
    if pages:
        sec.tables.append(Table([Column(L.page)] + metric_cols,
                                [[Link.safe(r.get("page"))] + _gsc_row(r, fmt) for r in pages[:TOP]],
                                caption=L.top_pages))
    devices = records(gsc.get("devices"))
    if devices:
        sec.tables.append(Table([Column(L.device)] + metric_cols,
                                [[device_name(r.get("device"), L.language)] + _gsc_row(r, fmt) for r in devices],
                                caption=L.devices))
    return sec


def analytics_section(traffic: Mapping[str, Any], fmt: Formatter, L: Labels, lang: str,
                      cur: str) -> Section | None:
    an = traffic.get("analytics")
    if not isinstance(an, Mapping):
        return None
    platform = PLATFORMS.get(str(an.get("platform")), str(an.get("platform") or ""))
    sec = Section(title=f"{L.analytics} ({platform})" if platform else L.analytics)
    period = an.get("period") if isinstance(an.get("period"), Mapping) else {}
    if period:
        sec.intro = f"{L.period}{' : ' if lang == 'fr' else ': '}{fmt.period(period.get('start'), period.get('end'))}"
    sec.figures = [Figure(L.sessions, fmt.integer(an.get("sessions")))]
    channels = records(an.get("channels"))
    if channels:
        rows = sorted(channels, key=lambda r: -(num(r.get("sessions")) or 0))
        if worth_a_bar_chart(num(r.get("sessions")) or 0.0 for r in rows):
            sec.charts.append(Chart(to_spec(bars(
                pd.DataFrame([{"channel": channel_name(r.get("channel"), lang) or "—",
                               "sessions": num(r.get("sessions")) or 0.0}
                              for r in rows]),
                category="channel", value="sessions", title=L.sessions_by_channel, value_title=L.sessions,
                color="#009688"), lang, cur), L.sessions_by_channel))
        has_engagement = any(r.get("engagement_rate") is not None for r in rows)
        cols = [Column(L.channel), Column(L.sessions, "right")]
        cols += [Column(L.engagement_rate, "right"), Column(L.key_events, "right")] if has_engagement else []
        table = []
        for r in rows:
            row = [channel_name(r.get("channel"), lang) or "—", fmt.integer(r.get("sessions"))]
            if has_engagement:
                row += [fmt.percent(r.get("engagement_rate")), fmt.number(r.get("key_events"), 0)]
            table.append(row)
        sec.tables.append(Table(cols, table))
    landing = records(an.get("landing_pages"))
    if landing:
        sec.tables.append(Table([Column(L.page), Column(L.sessions, "right")],
                                [[Link.safe(r["landing_page"]), fmt.integer(r.get("sessions"))]
                                 for r in landing[:TOP]], caption=L.landing_pages))
    return sec
