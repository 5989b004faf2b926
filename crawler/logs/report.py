"""traffic.json: the figures, computed by DuckDB queries over the store.

Contract keys (issue 5): lines, rejected, rejected_samples, first, last, hits, unique_visitors, bandwidth,
status, human{hits,pageviews,visitors,visits,bounces}, bots{hits,by_bot}, channels.
Documented extras: period, files, status_classes, bots.by_group, human.{bounce_rate,avg_visit_seconds,
pages_per_visit}, daily, top_pages, landing_pages, exit_pages, referrers, not_found, googlebot, browsers,
os, devices, per_day{browsers,os,devices,status}, utm_campaigns, click_ids, response_time.

Definitions: ``hits`` = every parsed request. ``unique_visitors`` = GoAccess's: distinct (day, IP + user
agent) over all hits except 4xx, crawlers included. ``human.*`` leave out crawlers (by user agent) and
browser-like robots (robots.txt, absurd rates). A page view is a human GET of a page (not a static asset)
answered 2xx or 304; a visit is a visitor's page views with no gap over ``visit_gap_minutes``.
Days are the log's own (server local) dates.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

TOP = 50


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, (_plain(v) for v in row), strict=True)) for row in cur.fetchall()]


def _plain(v):
    if isinstance(v, date):
        return v.isoformat()
    return v


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple:
    return con.execute(sql).fetchone() or ()


def build_report(con: duckdb.DuckDBPyConnection, *, crawl_db: Path | None = None, start: date | None = None,
                 end: date | None = None) -> dict:
    """traffic.json's figures for the period (all days when start/end are None): views, totals, lists."""
    _period_views(con, start, end)
    report = _totals(con, start, end)
    _lists(con, report, crawl_db)
    return report


def _period_views(con: duckdb.DuckDBPyConnection, start: date | None, end: date | None) -> None:
    conds = []
    if start:
        conds.append(f"day >= DATE '{start.isoformat()}'")
    if end:
        conds.append(f"day <= DATE '{end.isoformat()}'")
    w = " AND ".join(conds) or "TRUE"
    # The period's hits with their agent and suspect flag: a view, not a copy (each query reads only its
    # columns; joining the few thousand agents costs less than materialising a million wide rows).
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW ha AS
        SELECT h.ts, h.day, h.host, h.visitor, h.method, h.path, h.status, h.bytes, h.referrer, h.response_ms,
               h.is_page, a.bot, a.bot_group, a.browser, a.os, a.device, s.visitor IS NOT NULL AS suspect
        FROM hits h JOIN agents a ON a.ua_id = h.ua_id
        LEFT JOIN (SELECT DISTINCT day, visitor FROM suspects) s ON s.day = h.day AND s.visitor = h.visitor
        WHERE {w.replace('day', 'h.day')}""")
    con.execute("CREATE OR REPLACE TEMP VIEW h AS SELECT * FROM ha")
    con.execute("CREATE OR REPLACE TEMP VIEW hh AS SELECT * FROM ha WHERE bot IS NULL AND NOT suspect")
    con.execute("CREATE OR REPLACE TEMP VIEW pv AS SELECT * FROM hh WHERE is_page AND method = 'GET' "
                "AND (status BETWEEN 200 AND 299 OR status = 304)")
    con.execute(f"CREATE OR REPLACE TEMP VIEW vi AS SELECT * FROM visits WHERE {w}")


def _totals(con: duckdb.DuckDBPyConnection, start: date | None, end: date | None) -> dict:
    lines, rejected = _one(con, "SELECT coalesce(sum(lines), 0), coalesce(sum(rejected), 0) FROM log_files")
    first, last, hits, uniq, bandwidth = _one(con, """
        SELECT min(ts), max(ts), count(*), count(DISTINCT (day, visitor)) FILTER (WHERE status NOT BETWEEN 400 AND 499),
               coalesce(sum(bytes), 0) FROM h""")
    status = {str(s): n for s, n in con.execute("SELECT status, count(*) FROM h GROUP BY 1 ORDER BY 1").fetchall()}
    classes: dict[str, int] = {}
    for s, n in status.items():
        classes[s[0] + "xx"] = classes.get(s[0] + "xx", 0) + n

    h_hits = _one(con, "SELECT count(*) FROM hh")[0]
    # human visitors: people who viewed at least one page (same definition as daily[].visitors)
    pageviews, h_visitors = _one(con, "SELECT count(*), count(DISTINCT (day, visitor)) FROM pv")
    visits, bounces, dur, pages = _one(con, """
        SELECT count(*), count(*) FILTER (WHERE pageviews = 1),
               avg(epoch(ended) - epoch(started)), avg(pageviews) FROM vi""")
    bot_hits = _one(con, "SELECT count(*) FROM ha WHERE bot IS NOT NULL")[0]
    suspect_hits = _one(con, "SELECT count(*) FROM ha WHERE bot IS NULL AND suspect")[0]
    by_bot = dict(con.execute(
        "SELECT bot, count(*) n FROM ha WHERE bot IS NOT NULL GROUP BY 1 ORDER BY n DESC, bot").fetchall())
    by_group = dict(con.execute(
        "SELECT bot_group, count(*) n FROM ha WHERE bot IS NOT NULL GROUP BY 1 ORDER BY n DESC").fetchall())
    if suspect_hits:
        by_group["Browser-like robots (heuristics)"] = suspect_hits
    channels = dict(con.execute(
        "SELECT coalesce(channel, 'Unassigned'), count(*) n FROM vi GROUP BY 1 ORDER BY n DESC, 1").fetchall())

    report: dict = {
        "lines": int(lines), "rejected": int(rejected),
        "rejected_samples": _rows(con, """
            SELECT f.name AS file, r.line_no AS line, r.reason, r.line AS text
            FROM rejects r JOIN log_files f USING (file_id) ORDER BY f.file_id, r.line_no LIMIT 100"""),
        "first": first.isoformat() if first else None, "last": last.isoformat() if last else None,
        "hits": int(hits), "unique_visitors": int(uniq), "bandwidth": int(bandwidth), "status": status,
        "human": {"hits": int(h_hits), "pageviews": int(pageviews), "visitors": int(h_visitors),
                  "visits": int(visits), "bounces": int(bounces),
                  "bounce_rate": bounces / visits if visits else None,  # rounded for display only
                  "avg_visit_seconds": round(dur, 1) if dur is not None else None,
                  "pages_per_visit": round(pages, 2) if pages is not None else None},
        "bots": {"hits": int(bot_hits + suspect_hits), "by_bot": by_bot, "by_group": by_group},
        "channels": channels,
        "period": {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None},
        "status_classes": classes,
        "files": _rows(con, """SELECT name, format, lines, hits, rejected, first_ts::VARCHAR AS first,
                                      last_ts::VARCHAR AS last FROM log_files ORDER BY file_id"""),
    }
    return report


def _lists(con: duckdb.DuckDBPyConnection, report: dict, crawl_db: Path | None) -> None:
    report["daily"] = _rows(con, """
        WITH d AS (SELECT day, count(*) hits, count(*) FILTER (WHERE bot IS NOT NULL) bot_hits,
                          count(*) FILTER (WHERE bot = 'Googlebot') googlebot_hits, sum(bytes) bandwidth
                   FROM ha GROUP BY day),
             p AS (SELECT day, count(*) pageviews FROM pv GROUP BY day),
             v AS (SELECT day, count(*) visits, count(DISTINCT visitor) visitors FROM vi GROUP BY day)
        SELECT d.day AS date, d.hits, coalesce(p.pageviews, 0) AS pageviews, coalesce(v.visits, 0) AS visits,
               coalesce(v.visitors, 0) AS visitors, d.bot_hits, d.googlebot_hits, d.bandwidth
        FROM d LEFT JOIN p USING (day) LEFT JOIN v USING (day) ORDER BY d.day""")
    report["top_pages"] = _rows(con, f"""
        SELECT split_part(path, '?', 1) AS path, count(*) AS pageviews, count(DISTINCT (day, visitor)) AS visitors
        FROM pv GROUP BY 1 ORDER BY pageviews DESC, path LIMIT {TOP}""")
    report["landing_pages"] = _rows(con, f"""
        SELECT split_part(landing, '?', 1) AS path, count(*) AS visits,
               count(*) FILTER (WHERE pageviews = 1) AS bounces,
               round(avg(epoch(ended) - epoch(started)), 1) AS avg_visit_seconds
        FROM vi GROUP BY 1 ORDER BY visits DESC, path LIMIT {TOP}""")
    report["exit_pages"] = _rows(con, f"""
        SELECT split_part(exit_page, '?', 1) AS path, count(*) AS visits
        FROM vi GROUP BY 1 ORDER BY visits DESC, path LIMIT {TOP}""")
    # A host's channel is the one most of its visits had (ties: alphabetical), the same on every run.
    report["referrers"] = _rows(con, f"""
        WITH r AS (
            SELECT lower(regexp_extract(referrer, '^[a-zA-Z]+://([^/:?#]+)', 1)) AS host, channel, count(*) AS n
            FROM vi WHERE referrer IS NOT NULL AND regexp_matches(referrer, '^[a-zA-Z]+://')
              AND channel IS DISTINCT FROM 'Direct'
            GROUP BY 1, 2)
        SELECT host, sum(n)::BIGINT AS visits, first(channel ORDER BY n DESC, channel NULLS LAST) AS channel
        FROM r GROUP BY host ORDER BY visits DESC, host LIMIT {TOP}""")
    # A visitor is one IP + user agent, so one browser / OS / device: count visitor-days, not requests.
    con.execute("CREATE OR REPLACE TEMP TABLE pvd AS "
                "SELECT day, visitor, browser, os, device, count(*) AS n FROM pv GROUP BY ALL")
    dims = (("browser", "browsers"), ("os", "os"), ("device", "devices"))
    for dim, key in dims:
        report[key] = _rows(con, f"""
            SELECT {dim} AS name, count(*) AS visitors, sum(n)::BIGINT AS pageviews
            FROM pvd GROUP BY 1 ORDER BY visitors DESC, name""")
    report["per_day"] = {
        key: _rows(con, f"""SELECT day AS date, {dim} AS name, count(*) AS visitors
                            FROM pvd GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2""")
        for dim, key in dims}
    report["per_day"]["status"] = _rows(con, """
        SELECT day AS date, status, count(*) AS hits FROM h GROUP BY 1, 2 ORDER BY 1, 2""")
    report["per_day"]["channels"] = _rows(con, """
        SELECT day AS date, coalesce(channel, 'Unassigned') AS name, count(*) AS visits
        FROM vi GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2""")
    report["per_day"]["bot_groups"] = _rows(con, """
        SELECT day AS date, bot_group AS name, count(*) AS hits
        FROM ha WHERE bot IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2""")
    report["utm_campaigns"] = _rows(con, """
        SELECT utm_campaign, utm_source, utm_medium, count(*) AS visits,
               count(*) FILTER (WHERE pageviews = 1) AS bounces, sum(pageviews) AS pageviews
        FROM vi WHERE utm_campaign IS NOT NULL GROUP BY ALL ORDER BY visits DESC, utm_campaign""")
    report["click_ids"] = dict(con.execute(
        "SELECT click_id, count(*) FROM vi WHERE click_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC").fetchall())
    report["response_time"] = _response_time(con)
    from crawler.logs import seo

    report["not_found"] = seo.not_found(con, crawl_db)
    report["googlebot"] = seo.googlebot(con, crawl_db)

def _response_time(con: duckdb.DuckDBPyConnection) -> dict | None:
    n, avg, p50, p95 = _one(con, """
        SELECT count(response_ms), avg(response_ms), quantile_cont(response_ms, 0.5),
               quantile_cont(response_ms, 0.95) FROM h WHERE response_ms IS NOT NULL""")
    if not n:
        return None
    return {"hits_with_time": int(n), "avg_ms": round(avg, 2), "p50_ms": round(p50, 2), "p95_ms": round(p95, 2),
            "daily": _rows(con, """
                SELECT day AS date, round(avg(response_ms), 2) AS avg_ms,
                       round(quantile_cont(response_ms, 0.95), 2) AS p95_ms
                FROM h WHERE response_ms IS NOT NULL GROUP BY 1 ORDER BY 1"""),
            "slowest_pages": _rows(con, """
                SELECT split_part(path, '?', 1) AS path, count(*) AS hits, round(avg(response_ms), 2) AS avg_ms
                FROM h WHERE response_ms IS NOT NULL AND is_page GROUP BY 1 HAVING count(*) >= 3
                ORDER BY avg_ms DESC LIMIT 20""")}
