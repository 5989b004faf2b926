"""SEO log analysis (what Screaming Frog's Log File Analyser shows), joined with an optional crawl DB.

The crawl database (crawler/site/schema.sql, SQLite) is read with the standard library and handed to DuckDB
as small DataFrames: a crawl has thousands of URLs, the log millions of lines, so the join runs in
DuckDB. Log paths are matched to the crawl's URLs by path + query string.
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
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


def _connect_crawl(crawl_db: Path) -> sqlite3.Connection:
    if not Path(crawl_db).is_file():
        raise InputError(f"{crawl_db}: no such crawl database")
    try:
        return sqlite3.connect(f"file:{crawl_db}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"{crawl_db}: not a crawl database ({exc})") from exc


def load_crawl(crawl_db: Path) -> pd.DataFrame:
    """The crawl's URLs: path, url, status, kind, reason (why not indexable, None when it is).

    Read once per crawl file and process (a report summarises several periods against the same crawl;
    a 10,000-page crawl's facts take seconds to read)."""
    st = Path(crawl_db).stat() if Path(crawl_db).is_file() else None
    return _load_crawl(str(Path(crawl_db).resolve()), st.st_mtime_ns if st else 0, st.st_size if st else 0).copy()


@lru_cache(maxsize=4)
def _load_crawl(crawl_db: str, _mtime: int, _size: int) -> pd.DataFrame:
    import pandas as pd  # only with a crawl to join: not on the start-up path of every run

    con = _connect_crawl(Path(crawl_db))
    try:
        urls = con.execute("""SELECT u.id, u.url, u.kind, u.status, u.robots_blocked, u.final_url, p.facts
                              FROM urls u LEFT JOIN pages p ON p.url_id = u.id""").fetchall()
    except sqlite3.Error as exc:
        raise InputError(f"{crawl_db}: not a crawl database ({exc})") from exc
    finally:
        con.close()
    rows = []
    for _id, url, kind, status, blocked, _final, facts in urls:
        if not url.startswith(("http://", "https://")):
            continue
        rows.append((_path_of(url), url, status, kind, _reason(url, status, blocked, facts)))
    return pd.DataFrame(rows, columns=["path", "url", "status", "kind", "reason"]).drop_duplicates("path")


def linking_pages(crawl_db: Path, paths: list[str], limit: int = 20) -> dict[str, list[str]]:
    """path -> the crawled pages linking to it (internal links), for a few paths (the top 404s): read
    through the links' target index, never the whole link table (millions of rows on a big site)."""
    if not paths:
        return {}
    wanted = set(paths)
    con = _connect_crawl(crawl_db)
    try:
        ids = {i: _path_of(u) for i, u in con.execute("SELECT id, url FROM urls").fetchall()
               if u.startswith(("http://", "https://")) and _path_of(u) in wanted}
        out: dict[str, set[str]] = {}
        chunk = list(ids)
        for n in range(0, len(chunk), 500):
            part = chunk[n:n + 500]
            marks = ",".join("?" * len(part))
            for to_id, from_url in con.execute(
                    f"SELECT l.to_id, f.url FROM links l JOIN urls f ON f.id = l.from_id "
                    f"WHERE l.internal = 1 AND l.to_id IN ({marks})", part):
                out.setdefault(ids[to_id], set()).add(from_url)
        # links to URLs the crawl did not keep (limits, scope) have no target id: matched by their URL
        for to_url, from_url in con.execute(
                "SELECT l.to_url, f.url FROM links l JOIN urls f ON f.id = l.from_id "
                "WHERE l.internal = 1 AND l.to_id IS NULL"):
            if to_url.startswith(("http://", "https://")) and (path := _path_of(to_url)) in wanted:
                out.setdefault(path, set()).add(from_url)
    except sqlite3.Error as exc:
        raise InputError(f"{crawl_db}: not a crawl database ({exc})") from exc
    finally:
        con.close()
    return {p: sorted(urls)[:limit] for p, urls in out.items()}


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
    pages = load_crawl(crawl_db)
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
        by_target = linking_pages(crawl_db, [r["path"] for r in rows])
        for r in rows:
            r["linked_from"] = by_target.get(r["path"], [])
    return rows


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
