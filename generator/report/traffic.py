"""Traffic page model: visits by channel, daily series, top landing pages, Googlebot and other bots.

Reads traffic.json (the Traffic issue's contract) and, when present, its documented extra fields:
``daily`` (list of {date, pageviews, visits, visitors, hits, bot_hits, googlebot_hits}), ``landing_pages``
(list of {url, visits, bounces}) and ``googlebot`` ({hits, urls, daily, status}). Absent fields leave
their section out or say the data is missing; nothing is invented.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from generator.charts import to_spec
from generator.charts.traffic import bars, daily_bars, daily_lines
from generator.report.common import first, num, ratio, records, sort_desc
from generator.report.data import ReportData
from generator.report.fmt import Formatter, parse_date
from generator.report.i18n import Labels
from generator.report.model import Chart, Column, Figure, Link, Page, Section, Table

TOP_PAGES = 20


def _day(row: dict[str, Any]) -> str | None:
    d = parse_date(first(row, "date", "day", "name"))
    return d.isoformat() if d else None


def daily_frame(traffic: dict[str, Any], metrics: dict[str, str]) -> pd.DataFrame:
    """Long frame (date, series, value) of the daily metrics present; ``metrics`` maps key -> label."""
    rows = []
    for row in records(first(traffic, "daily", "by_day", "days"), "date"):
        day = _day(row)
        if day is None:
            continue
        for key, label in metrics.items():
            value = num(row.get(key))
            if value is not None:
                rows.append({"date": day, "series": label, "value": value})
    return pd.DataFrame(rows, columns=["date", "series", "value"])


def googlebot_data(traffic: dict[str, Any]) -> dict[str, Any]:
    """Googlebot figures: the ``googlebot`` object, else what ``bots.by_bot`` and ``daily`` say."""
    gb = traffic.get("googlebot")
    out: dict[str, Any] = dict(gb) if isinstance(gb, dict) else {}
    by_bot = (traffic.get("bots") or {}).get("by_bot") or {}
    if out.get("hits") is None and isinstance(by_bot, dict):
        hits = [num(v) for k, v in by_bot.items() if str(k).lower().startswith("googlebot")]
        if hits:
            out["hits"] = sum(h or 0 for h in hits)
    if not out.get("daily"):
        series = [{"date": _day(r), "hits": num(first(r, "googlebot_hits", "googlebot"))}
                  for r in records(first(traffic, "daily", "by_day"), "date")]
        series = [s for s in series if s["date"] and s["hits"] is not None]
        if series:
            out["daily"] = series
    return out


def build_traffic_page(data: ReportData, fmt: Formatter, L: Labels) -> Page:
    page = Page(filename="traffic.md", nav_title=L.traffic, title=L.traffic)
    t = data.traffic
    if not t:
        page.notice = L.no_traffic
        return page
    lang, cur = data.language, data.currency
    human = t.get("human") or {}
    bots = t.get("bots") or {}
    hits = num(t.get("hits"))
    page.intro = f"{L.period} : {fmt.period(t.get('first'), t.get('last'))}" if lang == "fr" else \
        f"{L.period}: {fmt.period(t.get('first'), t.get('last'))}"

    key = Section(title=L.key_figures)
    key.figures = [
        Figure(L.visits, fmt.integer(human.get("visits"))),
        Figure(L.pageviews, fmt.integer(human.get("pageviews"))),
        Figure(L.visitors, fmt.integer(human.get("visitors"))),
        Figure(L.bounce_rate, fmt.percent(ratio(human.get("bounces"), human.get("visits")))),
        Figure(L.hits, fmt.integer(hits)),
        Figure(L.unique_visitors, fmt.integer(t.get("unique_visitors"))),
        Figure(L.bot_share, fmt.percent(ratio(bots.get("hits"), hits))),
        Figure(L.bandwidth, _bytes(t.get("bandwidth"), fmt)),
    ]
    if num(t.get("rejected")):
        key.items.append(L("rejected", n=fmt.integer(t.get("rejected")), total=fmt.integer(t.get("lines"))))
    page.sections.append(key)

    # Channels
    channels = Section(title=L.channels)
    chan = [{"channel": str(k), "visits": num(v) or 0.0} for k, v in (t.get("channels") or {}).items()
            if not isinstance(v, dict)]
    chan = sort_desc(chan, "visits")
    total_visits = sum(c["visits"] for c in chan)
    if chan:
        channels.charts.append(Chart(to_spec(bars(
            pd.DataFrame(chan), category="channel", value="visits", title=L.channels, value_title=L.visits),
            lang, cur), L.channels))
        channels.tables.append(Table(
            [Column(L.channel), Column(L.visits, "right"), Column(L.share, "right")],
            [[c["channel"], fmt.integer(c["visits"]), fmt.percent(ratio(c["visits"], total_visits))]
             for c in chan]))
    else:
        channels.empty = L.no_rows
    page.sections.append(channels)

    # Daily series
    daily = Section(title=L.daily)
    frame = daily_frame(t, {"visits": L.visits, "pageviews": L.pageviews, "visitors": L.visitors})
    if frame.empty:
        daily.empty = L.no_series
    else:
        daily.charts.append(Chart(to_spec(daily_lines(
            frame, title=L.daily, value_title=L.count, date_title=L.date), lang, cur), L.daily))
    page.sections.append(daily)

    # Landing pages
    landing = sort_desc(records(first(t, "landing_pages", "top_landing_pages", "landings"), "url"), "visits")
    if landing:
        sec = Section(title=L.landing_pages)
        has_bounces = any(r.get("bounces") is not None for r in landing)
        cols = [Column(L.page), Column(L.visits, "right")] + (
            [Column(L.bounce_rate, "right")] if has_bounces else [])
        rows = []
        for r in landing[:TOP_PAGES]:
            row: list = [Link.safe(first(r, "url", "page", "path")), fmt.integer(first(r, "visits", "entrances"))]
            if has_bounces:
                row.append(fmt.percent(ratio(r.get("bounces"), first(r, "visits", "entrances"))))
            rows.append(row)
        more = L("and_more", n=fmt.integer(len(landing) - TOP_PAGES)) if len(landing) > TOP_PAGES else ""
        sec.tables.append(Table(cols, rows, more=more))
        page.sections.append(sec)

    # Googlebot
    gb = googlebot_data(t)
    gsec = Section(title=L.googlebot)
    gsec.figures = [Figure(L.googlebot_hits, fmt.integer(gb.get("hits")))]
    if gb.get("urls") is not None or gb.get("distinct_urls") is not None:
        gsec.figures.append(Figure(L.googlebot_urls, fmt.integer(first(gb, "urls", "distinct_urls"))))
    gdaily = [{"date": _day(r), "value": num(first(r, "hits", "value"))}
              for r in records(gb.get("daily"), "date", "hits")]
    gdaily = [g for g in gdaily if g["date"] and g["value"] is not None]
    if gdaily:
        gsec.charts.append(Chart(to_spec(daily_bars(
            pd.DataFrame(gdaily), title=L.googlebot_hits, value_title=L.hits, date_title=L.date), lang, cur),
            L.googlebot_hits))
    gstatus = records(first(gb, "status", "statuses"), "status", "hits")
    if gstatus:
        gsec.tables.append(Table([Column(L.status), Column(L.hits, "right")],
                                 [[str(r.get("status")), fmt.integer(first(r, "hits", "value", "count"))]
                                  for r in gstatus]))
    if not gb.get("hits") and not gdaily:
        gsec.empty = L.no_googlebot
    page.sections.append(gsec)

    # Bots
    by_bot = sort_desc([{"bot": str(k), "hits": num(v) or 0.0} for k, v in (bots.get("by_bot") or {}).items()
                        if not isinstance(v, dict)], "hits")
    bsec = Section(title=L.bots)
    if by_bot:
        bsec.charts.append(Chart(to_spec(bars(
            pd.DataFrame(by_bot[:15]), category="bot", value="hits", title=L.bot_hits, value_title=L.hits,
            color="#607d8b"), lang, cur), L.bot_hits))
        bsec.tables.append(Table([Column(L.bot), Column(L.hits, "right"), Column(L.share, "right")],
                                 [[b["bot"], fmt.integer(b["hits"]), fmt.percent(ratio(b["hits"], bots.get("hits")))]
                                  for b in by_bot]))
    else:
        bsec.empty = L.no_rows
    page.sections.append(bsec)

    # Status codes
    status = [{"status": str(k), "hits": num(v) or 0.0} for k, v in sorted((t.get("status") or {}).items())]
    if status:
        ssec = Section(title=L.status_codes)
        ssec.charts.append(Chart(to_spec(bars(
            pd.DataFrame(status), category="status", value="hits", title=L.status_codes, value_title=L.hits,
            horizontal=False, color="#009688"), lang, cur), L.status_codes))
        page.sections.append(ssec)
    return page


def _bytes(value: object, fmt: Formatter) -> str:
    x = num(value)
    if x is None:
        return fmt.integer(None)
    units = ["o", "Ko", "Mo", "Go", "To"] if fmt.language == "fr" else ["B", "KB", "MB", "GB", "TB"]
    i = 0
    while x >= 1000 and i < len(units) - 1:
        x /= 1000
        i += 1
    return f"{fmt.number(x, 0 if i == 0 else 1)}\u00a0{units[i]}"
