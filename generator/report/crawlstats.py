"""Crawl overview from a crawl database (crawler/site/schema.sql), read only: status codes, depth, speed, size.

Like Screaming Frog's overview tab, it tells the reader what the audit looked at. A database that cannot be
read (missing, locked, older schema) gives no overview rather than an error: the audit page still builds.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    pos = (len(values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


TIME_BUCKETS = (200, 500, 1000, 2000)            # ms: <200, 200-500, 500-1000, 1000-2000, >=2000
SIZE_BUCKETS = (50_000, 100_000, 200_000, 500_000)  # bytes of HTML


def buckets(values: list[float], edges: tuple[int, ...]) -> list[tuple[int | None, int | None, int]]:
    """(low, high, count) per bucket, low included, high excluded; None for an open end."""
    bounds = [None, *edges, None]
    out = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        n = sum(1 for v in values if (lo is None or v >= lo) and (hi is None or v < hi))
        out.append((lo, hi, n))
    return out


def indexability(db: Path) -> dict[str, int]:
    """Crawled pages by indexability: indexable, noindex, canonicalised, blocked, redirected, error."""
    from crawler.logs.seo import load_crawl

    pages = load_crawl(db)
    pages = pages[(pages["kind"] == "page") & pages["status"].notna()]  # fetched, as the status table
    out = {"indexable": 0, "noindex": 0, "canonicalised": 0, "blocked": 0, "redirected": 0, "error": 0}
    for reason in pages["reason"]:
        if reason is None or reason != reason:  # None / NaN: nothing keeps it out of the index
            key = "indexable"
        elif reason.startswith("error"):
            key = "error"
        else:
            key = {"blocked by robots.txt": "blocked", "redirect": "redirected"}.get(reason, reason)
        out[key] = out.get(key, 0) + 1
    return out


def crawl_stats(db: Path) -> dict[str, Any] | None:
    """Figures about the in-scope pages of one crawl, or None when the database cannot be read."""
    if not db.is_file():
        return None
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        fetched = "kind = 'page' AND status IS NOT NULL"
        status = dict(con.execute(f"SELECT status, count(*) FROM urls WHERE {fetched} GROUP BY 1 ORDER BY 1"))
        depth = dict(con.execute(f"SELECT depth, count(*) FROM urls WHERE {fetched} AND status BETWEEN 200 AND 299 "
                                 "AND depth IS NOT NULL GROUP BY 1 ORDER BY 1"))
        times = [r[0] for r in con.execute(f"SELECT response_ms FROM urls WHERE {fetched} AND response_ms IS NOT NULL")]
        sizes = [r[0] for r in con.execute(f"SELECT size FROM urls WHERE {fetched} AND size IS NOT NULL "
                                           "AND content_type = 'text/html'")]
        in_sitemap, blocked, errors = con.execute(
            "SELECT count(*) FILTER (WHERE in_sitemap = 1), count(*) FILTER (WHERE robots_blocked = 1), "
            "count(*) FILTER (WHERE state = 'error') FROM urls WHERE kind = 'page'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return {
        "pages": sum(status.values()),
        "status": {str(k): int(v) for k, v in status.items()},
        "depth": {int(k): int(v) for k, v in depth.items()},
        "response_ms_median": _quantile(times, 0.5),
        "response_ms_p95": _quantile(times, 0.95),
        "html_size_median": _quantile(sizes, 0.5),
        "in_sitemap": int(in_sitemap or 0),
        "robots_blocked": int(blocked or 0),
        "fetch_errors": int(errors or 0),
        "response_buckets": buckets(times, TIME_BUCKETS),
        "size_buckets": buckets(sizes, SIZE_BUCKETS),
        "indexability": _indexability_or_none(db),
    }


def _indexability_or_none(db: Path) -> dict[str, int] | None:
    try:
        return indexability(db)
    except Exception:  # an unreadable or older crawl database: the overview goes on without it
        return None
