"""Attach per-URL traffic (visits, Googlebot hits) from the client's traffic DuckDB, when there is one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from crawler.audit.result import Issue


def load(traffic_db: Path | None) -> dict[str, tuple[int, int]] | None:
    """path -> (visits + pageviews fallback, googlebot hits); None when the DB is absent or unreadable."""
    if traffic_db is None or not Path(traffic_db).is_file():
        return None
    try:
        import duckdb

        con = duckdb.connect(str(traffic_db), read_only=True)
    except Exception:   # locked by a writer, not a DuckDB file...: the audit goes on without traffic
        return None
    try:
        rows = con.execute("SELECT path, visits, pageviews, googlebot_hits FROM url_traffic").fetchall()
    except Exception:
        return None
    finally:
        con.close()
    out: dict[str, tuple[int, int]] = {}
    for path, visits, pageviews, gbot in rows:
        if path is None:
            continue
        v, g = out.get(path, (0, 0))
        out[path] = (v + int(visits or pageviews or 0), g + int(gbot or 0))
    return out


def attach(issues: list[Issue], traffic_db: Path | None) -> dict[str, tuple[int, int]] | None:
    """Set visits / googlebot_hits on each issue; returns the per-path table (None without traffic data)."""
    table = load(traffic_db)
    if table is None:
        return None
    for i in issues:
        i.visits, i.googlebot_hits = table.get(path_of(i.url), (0, 0))
    return table


def path_of(url: str) -> str:
    return urlsplit(url).path or "/"
