"""Figures from imported exports, for the report and for traffic.json ("search_console" and "analytics").

When two imports of the same kind and dimension cover overlapping periods (last month's export, then this
quarter's), the newest wins and the older one is left out, so a figure never counts a day twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb

from crawler.common.errors import InputError
from crawler.logs.channels import CHANNELS

TOP = 20
CHANNEL_DIMENSIONS = ("session_default_channel_group", "default_channel_group", "session_primary_channel_group",
                      "first_user_default_channel_group")


def _selected(con: duckdb.DuckDBPyConnection, start: date | None = None,
              end: date | None = None) -> dict[tuple[str, str], list[int]]:
    """(kind, dimension) -> import ids to count: newest first, dropping any that overlap a newer one.

    With a report period, only the exports that overlap it count. An export's totals cannot be cut to
    the period, so the summary carries the export's own dates and the page says when they differ.
    """
    rows = con.execute(
        "SELECT import_id, kind, coalesce(dimension, ''), date_start, date_end FROM analytics_imports"
        " ORDER BY imported_at DESC, import_id DESC"
    ).fetchall()
    kept: dict[tuple[str, str], list[tuple[int, date | None, date | None]]] = defaultdict(list)
    for import_id, kind, dimension, first, last in rows:
        if kind == "ga4_traffic" and dimension in CHANNEL_DIMENSIONS:
            dimension = "channel_group"  # default / primary channel group: one figure, newest export wins
        if start and end and not _overlap(first, last, start, end):
            continue
        group = kept[(kind, dimension)]
        if any(_overlap(first, last, s, e) for _, s, e in group):
            continue
        group.append((import_id, first, last))
    return {key: [i for i, _, _ in group] for key, group in kept.items()}


def _overlap(s1: date | None, e1: date | None, s2: date | None, e2: date | None) -> bool:
    if None in (s1, e1, s2, e2):
        return True  # an undated export may cover anything
    return s1 <= e2 and s2 <= e1


def _ids(sel: dict[tuple[str, str], list[int]], kind: str, dimension: str = "") -> list[int]:
    return sel.get((kind, dimension), [])


def _rows(con: duckdb.DuckDBPyConnection, sql: str, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    cur = con.execute(sql.replace("{ids}", marks), ids)
    names = [d[0] for d in cur.description]
    return [{k: _plain(v) for k, v in zip(names, row, strict=True)} for row in cur.fetchall()]


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    return value


def _period(con: duckdb.DuckDBPyConnection, ids: list[int]) -> dict | None:
    rows = _rows(con, "SELECT min(date_start) AS start, max(date_end) AS end FROM analytics_imports"
                      " WHERE import_id IN ({ids})", ids)
    return rows[0] if rows and rows[0]["start"] else None


_GSC_METRICS = ("sum(clicks) AS clicks, sum(impressions) AS impressions, "
                "sum(clicks) / nullif(sum(impressions), 0) AS ctr, "
                "sum(position * impressions) / nullif(sum(impressions), 0) AS position")


def _gsc(con: duckdb.DuckDBPyConnection, sel: dict, start: date | None = None,
         end: date | None = None) -> dict | None:
    by_dim = {d: _ids(sel, "gsc_performance", d) for d in ("query", "page", "country", "device", "date",
                                                            "search_appearance")}
    all_ids = [i for ids in by_dim.values() for i in ids]
    if not all_ids:
        return None

    def top(dim: str, name: str, limit: int | None = TOP) -> list[dict]:
        lim = f" LIMIT {int(limit)}" if limit else ""
        return _rows(con, f"SELECT key AS {name}, {_GSC_METRICS} FROM gsc_performance WHERE import_id IN ({{ids}})"
                          f" GROUP BY key ORDER BY clicks DESC, impressions DESC, key{lim}", by_dim[dim])

    # Daily rows can be cut to the report period exactly; the other dimensions are the export's totals.
    cut = f" AND date BETWEEN DATE '{start.isoformat()}' AND DATE '{end.isoformat()}'" if start and end else ""
    daily = _rows(con, f"SELECT date, {_GSC_METRICS} FROM gsc_performance WHERE import_id IN ({{ids}}){cut}"
                       " GROUP BY date ORDER BY date", by_dim["date"])
    # Totals: the daily rows add up to the property's totals; so do devices or countries. Queries do not
    # (Search Console leaves anonymised queries out), so they are the last resort.
    totals, source = None, None
    for dim in ("date", "device", "country", "page", "query"):
        if by_dim[dim]:
            where = cut if dim == "date" else ""
            totals = _rows(con, f"SELECT {_GSC_METRICS} FROM gsc_performance WHERE import_id IN ({{ids}}){where}",
                           by_dim[dim])[0]
            source = dim
            break
    return {
        "period": _period(con, all_ids),  # the exports' own dates: queries and pages cover all of them
        "totals": totals,
        "totals_from": source,
        "daily": daily,
        "top_queries": top("query", "query"),
        "top_pages": top("page", "page"),
        "devices": top("device", "device", None),
        "countries": top("country", "country"),
        "search_appearance": top("search_appearance", "search_appearance", None),
        "imports": len(all_ids),
    }


def _ga4_channels(con: duckdb.DuckDBPyConnection, sel: dict) -> tuple[list[dict], list[int]]:
    ids = _ids(sel, "ga4_traffic", "channel_group")
    if ids:
        rows = _rows(con, "SELECT value AS channel, sum(sessions) AS sessions, sum(engaged_sessions) AS"
                          " engaged_sessions, sum(engaged_sessions) / nullif(sum(sessions), 0) AS"
                          " engagement_rate, sum(key_events) AS key_events, sum(revenue) AS revenue"
                          " FROM ga4_traffic WHERE import_id IN ({ids}) GROUP BY value", ids)
        return rows, ids
    return [], []


def _ordered(rows: list[dict], value: str) -> dict[str, float]:
    order = {c: i for i, c in enumerate(CHANNELS)}
    rows = sorted(rows, key=lambda r: (order.get(r["channel"], len(order)), r["channel"] or ""))
    return {r["channel"]: r[value] for r in rows if r[value] is not None}


def _analytics(con: duckdb.DuckDBPyConnection, sel: dict) -> dict | None:
    out: dict = {}
    channels, ids = _ga4_channels(con, sel)
    platform, metric = ("ga4", "sessions") if channels else (None, "sessions")
    fallbacks = (
        ("plausible", "visits", "SELECT channel, sum(visits) AS sessions FROM plausible_sources", "plausible_sources", ""),
        ("plausible", "visitors", "SELECT name AS channel, sum(visitors) AS sessions FROM plausible_breakdowns",
         "plausible_breakdown", "channels"),
        ("matomo", "visits", "SELECT channel, sum(visits) AS sessions FROM matomo_referrers", "matomo_referrers", ""),
    )
    for platform_name, metric_name, select, kind, dimension in fallbacks if not channels else ():
        ids = _ids(sel, kind, dimension)
        if ids:
            channels = _rows(con, select + " WHERE import_id IN ({ids}) GROUP BY 1", ids)
            platform, metric = platform_name, metric_name
            break
    if channels:
        out["platform"] = platform
        out["channel_metric"] = metric  # what the channel figures count: GA4 sessions, visits or visitors
        out["period"] = _period(con, ids)
        out["sessions_by_channel"] = _ordered(channels, "sessions")
        out["sessions"] = sum(v for v in out["sessions_by_channel"].values())
        out["channels"] = sorted(channels, key=lambda r: -(r["sessions"] or 0))
    daily_ids = _ids(sel, "ga4_daily") or (ids if platform == "ga4" else [])
    daily = _rows(con, "SELECT date, sum(sessions) AS sessions FROM ga4_traffic WHERE import_id IN ({ids})"
                       " AND date IS NOT NULL GROUP BY date ORDER BY date", daily_ids)
    for table in ("plausible_visitors", "plausible_dashboard_visitors"):
        if not daily and _ids(sel, table):
            daily = _rows(con, "SELECT date, sum(visits) AS sessions, sum(visitors) AS visitors, sum(pageviews) AS"
                               f" pageviews FROM {table} WHERE import_id IN ({{ids}}) GROUP BY date"
                               " ORDER BY date", _ids(sel, table))
    if daily:
        out["daily"] = daily
    landing = [i for d in ("landing_page", "landing_page_query") for i in _ids(sel, "ga4_landing_pages", d)]
    if landing:
        out["landing_pages"] = _rows(con, "SELECT landing_page, sum(sessions) AS sessions, sum(engaged_sessions)"
                                          " AS engaged_sessions, sum(key_events) AS key_events FROM"
                                          " ga4_landing_pages WHERE import_id IN ({ids}) GROUP BY landing_page"
                                          f" ORDER BY sessions DESC NULLS LAST, landing_page LIMIT {TOP}", landing)
    elif _ids(sel, "plausible_entry_pages"):
        out["landing_pages"] = _rows(con, "SELECT entry_page AS landing_page, sum(entrances) AS sessions FROM"
                                          " plausible_entry_pages WHERE import_id IN ({ids}) GROUP BY entry_page"
                                          f" ORDER BY sessions DESC, entry_page LIMIT {TOP}",
                                     _ids(sel, "plausible_entry_pages"))
    elif _ids(sel, "plausible_breakdown", "entry_pages"):
        out["landing_pages"] = _rows(con, "SELECT name AS landing_page, sum(total_entrances) AS sessions FROM"
                                          " plausible_breakdowns WHERE import_id IN ({ids}) GROUP BY name"
                                          f" ORDER BY sessions DESC NULLS LAST, name LIMIT {TOP}",
                                     _ids(sel, "plausible_breakdown", "entry_pages"))
    pages = [i for (kind, _), ids_ in sel.items() if kind == "ga4_pages" for i in ids_]
    if pages:
        out["pages"] = _rows(con, "SELECT page, sum(views) AS views, sum(active_users) AS active_users FROM"
                                  " ga4_pages WHERE import_id IN ({ids}) GROUP BY page"
                                  f" ORDER BY views DESC NULLS LAST, page LIMIT {TOP}", pages)
    else:
        sources = (("plausible_pages", "", "plausible_pages", "page"),
                   ("plausible_breakdown", "pages", "plausible_breakdowns", "name"),
                   ("matomo_pages", "", "matomo_pages", "coalesce(url, label)"))
        for kind, dimension, table, page_col in sources:
            if _ids(sel, kind, dimension):
                out["pages"] = _rows(con, f"SELECT {page_col} AS page, sum(pageviews) AS views FROM {table}"
                                          " WHERE import_id IN ({ids}) GROUP BY 1"
                                          f" ORDER BY views DESC NULLS LAST, page LIMIT {TOP}",
                                     _ids(sel, kind, dimension))
                break
    return out or None


def exports_summary(db_path: Path, start: date | None = None, end: date | None = None) -> dict:
    """{"search_console": {...} | None, "analytics": {...} | None} from the imports in ``db_path`` (those
    overlapping start..end when given)."""
    empty = {"search_console": None, "analytics": None}
    if not Path(db_path).is_file():
        return empty
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.ConnectionException:
        con = duckdb.connect(str(db_path))  # this process already holds it read-write (e.g. the log ingester)
    except duckdb.IOException as exc:
        raise InputError(f"{db_path}: cannot open the traffic database ({exc})") from None
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "analytics_imports" not in tables:
            return empty
        sel = _selected(con, start, end)
        return {"search_console": _gsc(con, sel, start, end), "analytics": _analytics(con, sel)}
    finally:
        con.close()
