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
from generator.charts.rules import worth_a_bar_chart
from generator.charts.traffic import bars, daily_lines, stacked_daily
from generator.report.cards import card
from generator.report.common import num, obj, ratio, sort_desc
from generator.report.compare import Baseline, baselines, by_key, cells, columns
from generator.report.coverage import coverage_note
from generator.report.data import ReportData
from generator.report.fmt import Formatter, parse_date
from generator.report.googlebot import googlebot_section, not_found_section
from generator.report.i18n import Labels
from generator.report.model import Chart, Column, Figure, Link, Page, Section, Table
from generator.report.names import bot_group_name, channel_name, device_name, placeholder
from generator.report.search import analytics_section, search_console_section

TOP_PAGES = 20


def _day(row: dict[str, Any]) -> str | None:
    d = parse_date(row["date"])
    return d.isoformat() if d else None


def daily_frame(traffic: dict[str, Any], metrics: dict[str, str]) -> pd.DataFrame:
    """Long frame (date, series, value) of the daily metrics present; ``metrics`` maps key -> label."""
    rows = []
    for row in traffic["daily"]:
        day = _day(row)
        if day is None:
            continue
        for key, label in metrics.items():
            value = num(row.get(key))
            if value is not None:
                rows.append({"date": day, "series": label, "value": value})
    return pd.DataFrame(rows, columns=["date", "series", "value"])


def has_logs(traffic: dict[str, Any]) -> bool:
    """True when traffic.json holds server-log figures (not only analytics / Search Console exports)."""
    return traffic.get("hits") is not None or isinstance(traffic.get("human"), dict)


def build_traffic_page(data: ReportData, fmt: Formatter, L: Labels) -> Page:
    page = Page(filename="traffic.md", nav_title=L.traffic, title=L.traffic)
    t = data.traffic
    if not t:
        page.notice = L.no_traffic
        return page
    lang, cur = data.language, data.currency
    if not has_logs(t):
        # Only analytics / Search Console exports: say that the log figures are missing, show the rest.
        page.notice = L.no_logs
        page.sections += _export_sections(t, fmt, L, lang, cur, data)
        return page
    page.intro = coverage_note(data, t["first"], t["last"], fmt, L)
    page.sections += [key_figures_section(t, fmt, L, data), channels_section(t, fmt, L, lang, cur, data),
                      daily_section(t, L, lang, cur)]
    landing = landing_section(t, fmt, L, data)
    if landing is not None:
        page.sections.append(landing)
    sources = sources_section(t, fmt, L, lang, cur, data)
    if sources is not None:
        page.sections.append(sources)
    page.sections.append(googlebot_section(t, fmt, L, lang, cur))
    nf = not_found_section(t, fmt, L)
    if nf is not None:
        page.sections.append(nf)
    page.sections.append(bots_section(t, fmt, L, lang, cur))
    status = status_section(t, fmt, L, lang, cur)
    if status is not None:
        page.sections.append(status)
    page.sections += _export_sections(t, fmt, L, lang, cur, data)
    return page


def _export_sections(t: dict[str, Any], fmt: Formatter, L: Labels, lang: str, cur: str,
                     data: ReportData | None = None) -> list[Section]:
    found = (search_console_section(t, fmt, L, lang, cur, data), analytics_section(t, fmt, L, lang, cur))
    return [s for s in found if s is not None]


def key_figures_section(t: dict[str, Any], fmt: Formatter, L: Labels, data: ReportData) -> Section:
    human, bots, hits = t["human"], t["bots"], t["hits"]
    before = obj(obj(data.previous.traffic if data.previous else None).get("human"))
    key = Section(title=L.key_figures)
    visitors = card(L.visitors, fmt.integer(human["visitors"]), human["visitors"], before.get("visitors"), data,
                    fmt, L)
    visitors.note = L.visitors_note
    key.figures = [
        card(L.visits, fmt.integer(human["visits"]), human["visits"], before.get("visits"), data, fmt, L),
        card(L.pageviews, fmt.integer(human["pageviews"]), human["pageviews"], before.get("pageviews"), data,
             fmt, L),
        visitors,
        Figure(L.bounce_rate, fmt.percent(human["bounce_rate"])),
        Figure(L.hits, fmt.integer(hits)),
        Figure(L.unique_visitors, fmt.integer(t["unique_visitors"]), note=L.unique_visitors_note),
        Figure(L.bot_share, fmt.percent(ratio(bots["hits"], hits))),
        Figure(L.bandwidth, _bytes(t["bandwidth"], fmt)),
    ]
    if human["pages_per_visit"] is not None:
        key.figures.append(Figure(L.pages_per_visit, fmt.number(human["pages_per_visit"], 1)))
    if human["avg_visit_seconds"] is not None:
        key.figures.append(Figure(L.avg_visit, _duration(human["avg_visit_seconds"], fmt)))
    rt = t["response_time"]
    if rt:
        key.figures += [Figure(L.response_time, f"{fmt.number(rt['avg_ms'], 0)}\u00a0ms"),
                        Figure(L.response_time_p95, f"{fmt.number(rt['p95_ms'], 0)}\u00a0ms")]
    if t["rejected"]:
        key.items.append(L("rejected", n=fmt.integer(t["rejected"]), total=fmt.integer(t["lines"])))
    return key


def channels_section(t: dict[str, Any], fmt: Formatter, L: Labels, lang: str, cur: str,
                     data: ReportData | None = None) -> Section:
    """Visits by channel, with the previous period's visits and the change when it was summarised."""
    channels = Section(title=L.channels)
    chan = sort_desc([{"key": k, "channel": channel_name(k, lang), "visits": float(v)}
                      for k, v in t["channels"].items()], "visits")
    total_visits = sum(c["visits"] for c in chan)
    if chan and worth_a_bar_chart(c["visits"] for c in chan):
        channels.charts.append(Chart(to_spec(bars(
            pd.DataFrame(chan)[["channel", "visits"]], category="channel", value="visits", title=L.channels,
            value_title=L.visits), lang, cur), L.channels))
    if chan:
        found = baselines(data, lambda earlier: earlier.get("channels") or {}, fmt, L)
        cols = [Column(L.channel), Column(L.visits, "right"), Column(L.share, "right"), *columns(found)]
        rows = [[c["channel"], fmt.integer(c["visits"]), fmt.percent(ratio(c["visits"], total_visits)),
                 *cells(c["key"], c["visits"], found, fmt, complete=True)] for c in chan]
        channels.tables.append(Table(cols, rows))
        daily = channel_days(t, lang)
        if not daily.empty and daily["date"].nunique() > 1:
            channels.charts.append(Chart(to_spec(stacked_daily(
                daily, title=L.channels_over_time, value_title=L.visits, date_title=L.date), lang, cur),
                L.channels_over_time))
    else:
        channels.empty = L.no_rows
    return channels


def channel_days(t: dict[str, Any], lang: str) -> pd.DataFrame:
    """Visits per day and channel, the small channels (under 2 % of visits, when there are several)
    grouped as one."""
    rows = (t["per_day"] or {}).get("channels") or []
    if not rows:
        return pd.DataFrame(columns=["date", "series", "value"])
    frame = pd.DataFrame(rows)
    totals = frame.groupby("name")["visits"].sum()
    small = set(totals[totals < 0.02 * totals.sum()].index)
    if len(small) < 2:  # "Other" for a single channel would only hide its name
        small = set()
    other = placeholder("Other", lang)
    frame["series"] = [other if n in small else channel_name(n, lang) for n in frame["name"]]
    return frame.groupby(["date", "series"], as_index=False)["visits"].sum().rename(columns={"visits": "value"})


def daily_section(t: dict[str, Any], L: Labels, lang: str, cur: str) -> Section:
    daily = Section(title=L.daily)
    frame = daily_frame(t, {"visits": L.visits, "pageviews": L.pageviews, "visitors": L.visitors})
    if frame.empty:
        daily.empty = L.no_series
    else:
        daily.charts.append(Chart(to_spec(daily_lines(
            frame, title=L.daily, value_title=L.count, date_title=L.date), lang, cur), L.daily))
    return daily


def landing_section(t: dict[str, Any], fmt: Formatter, L: Labels, data: ReportData | None = None) -> Section | None:
    """Top landing pages, with their visits of the previous period and the change when it was summarised
    (a page absent from the previous period's top list shows "—": its visits then are not known)."""
    landing = t["landing_pages"]
    if not landing:
        return None
    sec = Section(title=L.landing_pages)
    found = baselines(data, lambda earlier: by_key(earlier.get("landing_pages"), "path", "visits"), fmt, L)
    cols = [Column(L.page), Column(L.visits, "right"), Column(L.bounce_rate, "right"), *columns(found)]
    rows = [[Link.safe(r["path"]), fmt.integer(r["visits"]), fmt.percent(ratio(r["bounces"], r["visits"])),
             *cells(r["path"], r["visits"], found, fmt)] for r in landing[:TOP_PAGES]]
    more = L("and_more", n=fmt.integer(len(landing) - TOP_PAGES)) if len(landing) > TOP_PAGES else ""
    sec.tables.append(Table(cols, rows, more=more))
    top = t["top_pages"]
    if top:
        sec.tables.append(Table(
            [Column(L.page), Column(L.pageviews, "right"), Column(L.visitors, "right")],
            [[Link.safe(r["path"]), fmt.integer(r["pageviews"]), fmt.integer(r["visitors"])]
             for r in top[:TOP_PAGES]], caption=L.top_pages))
    return sec


def sources_section(t: dict[str, Any], fmt: Formatter, L: Labels, lang: str, cur: str,
                    data: ReportData | None = None) -> Section | None:
    refs, devices = t["referrers"], t["devices"]
    if not refs and not devices:
        return None
    sec = Section(title=L.sources_devices)
    if devices and worth_a_bar_chart(r["visitors"] for r in devices):
        sec.charts.append(Chart(to_spec(bars(
            pd.DataFrame([{"device": device_name(r["name"], lang) or "—", "visitors": float(r["visitors"])}
                          for r in devices]),
            category="device", value="visitors", title=L.devices, value_title=L.visitors, color="#9c27b0"),
            lang, cur), L.devices))
    if refs:
        sec.tables.append(Table([Column(L.host), Column(L.channel), Column(L.visits, "right")],
                                [[r["host"], channel_name(r["channel"], lang) or "—", fmt.integer(r["visits"])]
                                 for r in refs[:TOP_PAGES]], caption=L.referrers))
    for key, caption, name in (("devices", L.devices, device_name), ("os", L.os_label, placeholder),
                               ("browsers", L.browsers, placeholder)):
        rows = t[key][:10]
        if rows:
            found = baselines(data, lambda earlier, key=key: by_key(earlier.get(key), "name", "visitors"), fmt, L)
            sec.tables.append(_named_table(rows, found, caption, name, fmt, L))
    return sec


def _named_table(rows: list[dict], found: list[Baseline], caption: str, name, fmt: Formatter,
                 L: Labels) -> Table:
    """Visitors per device, OS or browser, with the share and the earlier periods that were summarised."""
    total = sum(r["visitors"] for r in rows)
    cols = [Column(caption), Column(L.visitors, "right"), Column(L.share, "right"), *columns(found)]
    out = [[name(r["name"], L.language) or "—", fmt.integer(r["visitors"]), fmt.percent(ratio(r["visitors"], total)),
            *cells(r["name"], r["visitors"], found, fmt)] for r in rows]
    return Table(cols, out, caption=caption)


def bots_section(t: dict[str, Any], fmt: Formatter, L: Labels, lang: str, cur: str) -> Section:
    bots = t["bots"]
    by_bot = sort_desc([{"bot": placeholder(k, lang), "hits": float(v)} for k, v in bots["by_bot"].items()], "hits")
    groups = sort_desc([{"bot": bot_group_name(k, lang), "hits": float(v)} for k, v in bots["by_group"].items()],
                       "hits")
    bsec = Section(title=L.bots)
    if worth_a_bar_chart(b["hits"] for b in (groups or by_bot)[:15]):
        bsec.charts.append(Chart(to_spec(bars(
            pd.DataFrame((groups or by_bot)[:15]), category="bot", value="hits",
            title=L.bot_groups if groups else L.bot_hits, value_title=L.hits, color="#607d8b"), lang, cur),
            L.bot_hits))
    if by_bot:
        bsec.tables.append(Table([Column(L.bot), Column(L.hits, "right"), Column(L.share, "right")],
                                 [[b["bot"], fmt.integer(b["hits"]), fmt.percent(ratio(b["hits"], bots["hits"]))]
                                  for b in by_bot]))
    ai = [r for r in (t["per_day"] or {}).get("bot_groups") or [] if r["name"] == "AI crawlers"]
    if len({r["date"] for r in ai}) > 1:
        frame = pd.DataFrame([{"date": r["date"], "series": bot_group_name(r["name"], lang), "value": r["hits"]}
                              for r in ai])
        bsec.charts.append(Chart(to_spec(daily_lines(frame, title=L.ai_over_time, value_title=L.hits,
                                                     date_title=L.date), lang, cur), L.ai_over_time))
    if not groups and not by_bot:
        bsec.empty = L.no_rows
    return bsec


def status_section(t: dict[str, Any], fmt: Formatter, L: Labels, lang: str, cur: str) -> Section | None:
    """Status codes as a table with shares; a chart only when no code dwarfs the others (it usually does:
    200 holds most hits, and the 404s and 301s would be invisible slivers)."""
    status = [{"status": str(k), "hits": float(v)} for k, v in sorted(t["status"].items())]
    if not status:
        return None
    ssec = Section(title=L.status_codes)
    if worth_a_bar_chart(s["hits"] for s in status):
        ssec.charts.append(Chart(to_spec(bars(
            pd.DataFrame(status), category="status", value="hits", title=L.status_codes, value_title=L.hits,
            horizontal=False, color="#009688"), lang, cur), L.status_codes))
    total = sum(s["hits"] for s in status)
    ssec.tables.append(Table([Column(L.status), Column(L.hits, "right"), Column(L.share, "right")],
                             [[s["status"], fmt.integer(s["hits"]), fmt.percent(ratio(s["hits"], total))]
                              for s in status]))
    return ssec


def _duration(seconds: object, fmt: Formatter) -> str:
    x = num(seconds)
    if x is None:
        return fmt.integer(None)
    minutes, secs = divmod(int(round(x)), 60)
    return f"{minutes}\u00a0min\u00a0{secs:02d}\u00a0s" if minutes else f"{secs}\u00a0s"


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
