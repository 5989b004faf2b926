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
    }
