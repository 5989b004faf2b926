"""SEO log analysis (what Screaming Frog's Log File Analyser shows), joined with an optional crawl DB.

The crawl database (crawler/site/schema.sql, SQLite) is read with the standard library and handed to DuckDB
as small DataFrames: a crawl has thousands of URLs, the log millions of lines, so the join runs in
DuckDB. Log paths are matched to the crawl's URLs by path + query string.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import duckdb

from crawler.common.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

LIST = 100


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def load_crawl(crawl_db: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(pages, links): pages = path, url, status, kind, reason (why not indexable, None when it is)."""
    import pandas as pd  # only with a crawl to join: not on the start-up path of every run

    if not Path(crawl_db).is_file():
        raise InputError(f"{crawl_db}: no such crawl database")
    try:
        con = sqlite3.connect(f"file:{crawl_db}?mode=ro", uri=True)
        urls = con.execute("""SELECT u.id, u.url, u.kind, u.status, u.robots_blocked, u.final_url, p.facts
                              FROM urls u LEFT JOIN pages p ON p.url_id = u.id""").fetchall()
        links = con.execute("""SELECT f.url, l.to_url FROM links l JOIN urls f ON f.id = l.from_id
                               WHERE l.internal = 1""").fetchall()
        con.close()
    except sqlite3.Error as exc:
        raise InputError(f"{crawl_db}: not a crawl database ({exc})") from exc
    rows = []
    for _id, url, kind, status, blocked, _final, facts in urls:
        if not url.startswith(("http://", "https://")):
            continue
        rows.append((_path_of(url), url, status, kind, _reason(url, status, blocked, facts)))
    pages = pd.DataFrame(rows, columns=["path", "url", "status", "kind", "reason"]).drop_duplicates("path")
    link_df = pd.DataFrame([(_path_of(t), f) for f, t in links if t.startswith(("http://", "https://"))],
                           columns=["to_path", "from_url"])
    return pages, link_df


def _reason(url: str, status: int | None, blocked: int, facts: str | None) -> str | None:
    if blocked:
        return "blocked by robots.txt"
    if status is None:
        return None
    if 300 <= status < 400:
        return "redirect"
    if status >= 400:
        return f"error {status}"
    if not facts:
        return None
    try:
        f = json.loads(facts)
    except ValueError:
        return None
    robots = " ".join(f.get("meta_robots") or []) + " " + " ".join(f.get("x_robots_tag") or [])
    if "noindex" in robots.lower() or "none" in robots.lower().split():
        return "noindex"
    canon = (f.get("canonicals") or f.get("canonical_headers") or [None])[0]
    if canon and canon.rstrip("/") != url.rstrip("/"):
        return "canonicalised"
    return None


def googlebot(con: duckdb.DuckDBPyConnection, crawl_db: Path | None) -> dict:
    """Googlebot's activity (`h` is the period's hits view; fake Googlebots excluded when verified)."""
    con.execute("""CREATE OR REPLACE TEMP TABLE gb AS
                   SELECT day, ts, path, status, is_page, bot_group FROM ha WHERE bot = 'Googlebot' AND NOT EXISTS
                       (SELECT 1 FROM fake_googlebots f WHERE f.day = ha.day AND f.visitor = ha.visitor)""")
    hits, urls = con.execute("SELECT count(*), count(DISTINCT path) FROM gb").fetchone() or (0, 0)
    out: dict = {
        "hits": int(hits), "urls_crawled": int(urls),
        "by_type": {k.replace("Googlebot ", ""): v for k, v in con.execute(
            "SELECT bot_group, count(*) FROM gb GROUP BY 1 ORDER BY 1").fetchall()},
        "status": {str(s): n for s, n in con.execute(
            "SELECT status, count(*) FROM gb GROUP BY 1 ORDER BY 1").fetchall()},
        "daily": _dicts(con, """
            SELECT day::VARCHAR AS date, count(*) AS hits,
                   count(*) FILTER (WHERE bot_group = 'Googlebot smartphone') AS smartphone,
                   count(*) FILTER (WHERE bot_group = 'Googlebot desktop') AS desktop,
                   count(DISTINCT path) AS urls
            FROM gb GROUP BY day ORDER BY day"""),
        "top_urls": _dicts(con, f"""
            SELECT path, count(*) AS hits, max(ts)::VARCHAR AS last_crawled, mode(status) AS status
            FROM gb GROUP BY path ORDER BY hits DESC, path LIMIT {LIST}"""),
        "fake_googlebot_hits": int(con.execute(
            "SELECT count(*) FROM ha WHERE bot = 'Googlebot'").fetchone()[0] - hits),
    }
    if crawl_db is None:
        out["crawl"] = None
        return out
    pages, _ = load_crawl(crawl_db)
    con.register("crawl_pages", pages)
    try:
        out["crawl"] = _crawl_join(con, str(crawl_db))
    finally:
        con.unregister("crawl_pages")
    return out


def _crawl_join(con: duckdb.DuckDBPyConnection, name: str) -> dict:
    per_reason = dict(con.execute("""
        SELECT c.reason, count(*) FROM gb JOIN crawl_pages c ON c.path = gb.path
        WHERE c.reason IS NOT NULL GROUP BY 1 ORDER BY 2 DESC""").fetchall())
    wasted = _dicts(con, f"""
        SELECT gb.path, c.reason, count(*) AS hits FROM gb JOIN crawl_pages c ON c.path = gb.path
        WHERE c.reason IS NOT NULL GROUP BY 1, 2 ORDER BY hits DESC, gb.path LIMIT {LIST}""")
    never_n, = con.execute("""SELECT count(*) FROM crawl_pages c WHERE kind = 'page'
                              AND NOT EXISTS (SELECT 1 FROM gb WHERE gb.path = c.path)""").fetchone()
    never = [r["url"] for r in _dicts(con, f"""
        SELECT url FROM crawl_pages c WHERE kind = 'page' AND NOT EXISTS (SELECT 1 FROM gb WHERE gb.path = c.path)
        ORDER BY reason NULLS FIRST, url LIMIT {LIST}""")]
    orphans_n, = con.execute("""SELECT count(DISTINCT path) FROM gb WHERE is_page AND status BETWEEN 200 AND 299
                                AND path NOT IN (SELECT path FROM crawl_pages)""").fetchone()
    orphans = _dicts(con, f"""
        SELECT path, count(*) AS hits FROM gb WHERE is_page AND status BETWEEN 200 AND 299
          AND path NOT IN (SELECT path FROM crawl_pages)
        GROUP BY path ORDER BY hits DESC, path LIMIT {LIST}""")
    return {
        "db": name,
        "crawled_pages": int(con.execute("SELECT count(*) FROM crawl_pages WHERE kind = 'page'").fetchone()[0]),
        "non_indexable_hits": sum(v for k, v in per_reason.items() if k != "redirect"),
        "redirect_hits": int(per_reason.get("redirect", 0)),
        "hits_by_reason": per_reason,
        "wasted_urls": wasted,
        "never_visited_count": int(never_n), "never_visited": never,
        "orphans_count": int(orphans_n), "orphans": orphans,
    }


def not_found(con: duckdb.DuckDBPyConnection, crawl_db: Path | None) -> list[dict]:
    """404 paths with their hits, the referrers that sent people there and the crawled pages linking to them."""
    rows = _dicts(con, f"""
        SELECT path, count(*) AS hits, count(*) FILTER (WHERE bot IS NULL) AS human_hits,
               count(*) FILTER (WHERE bot = 'Googlebot') AS googlebot_hits,
               coalesce(list(DISTINCT referrer) FILTER (WHERE referrer IS NOT NULL), [])[1:10] AS referrers
        FROM ha WHERE status = 404
        GROUP BY path ORDER BY hits DESC, path LIMIT {LIST}""")
    if crawl_db is not None and rows:
        _, links = load_crawl(crawl_db)
        by_target = links.groupby("to_path")["from_url"].apply(lambda s: sorted(set(s))[:20]).to_dict()
        for r in rows:
            r["linked_from"] = by_target.get(r["path"], [])
    return rows


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
