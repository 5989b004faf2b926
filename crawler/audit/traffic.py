"""Attach per-URL traffic (visits, Googlebot hits) from the client's traffic DuckDB, when there is one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from crawler.audit.result import Issue


def load(traffic_db: Path | None) -> dict[str, tuple[int, int, int]] | None:
    """path -> (visits (page views when no visit landed there), Googlebot hits, search visits); None when
    the DB is absent or unreadable. Search visits are the organic-search visits that landed on the page
    (from the logs), or its Search Console clicks when the store has no log."""
    if traffic_db is None or not Path(traffic_db).is_file():
        return None
    try:
        import duckdb

        con = duckdb.connect(str(traffic_db), read_only=True)
    except Exception:   # locked by a writer, not a DuckDB file...: the audit goes on without traffic
        return None
    try:
        try:
            rows = con.execute("SELECT path, visits, pageviews, googlebot_hits, organic_visits "
                               "FROM url_traffic").fetchall()
        except Exception:  # a store written before organic_visits existed
            rows = [(*r, 0) for r in con.execute(
                "SELECT path, visits, pageviews, googlebot_hits FROM url_traffic").fetchall()]
        clicks = _gsc_clicks(con) if not rows else {}
    except Exception:
        return None
    finally:
        con.close()
    out: dict[str, tuple[int, int, int]] = {}
    for path, visits, pageviews, gbot, organic in rows:
        if path is None:
            continue
        v, g, s = out.get(path, (0, 0, 0))
        out[path] = (v + int(visits or pageviews or 0), g + int(gbot or 0), s + int(organic or 0))
    for path, n in clicks.items():
        v, g, s = out.get(path, (0, 0, 0))
        out[path] = (v, g, s + n)
    return out


def _gsc_clicks(con) -> dict[str, int]:
    """Search Console clicks per page path (page-dimension exports), when the store has them."""
    try:
        rows = con.execute("""
            SELECT p.key, sum(p.clicks) FROM gsc_performance p JOIN analytics_imports i USING (import_id)
            WHERE i.dimension = 'page' GROUP BY 1""").fetchall()
    except Exception:
        return {}
    out: dict[str, int] = {}
    for key, n in rows:
        if key:
            path = path_of(str(key))
            out[path] = out.get(path, 0) + int(n or 0)
    return out


def require(traffic_db: Path) -> None:
    """A traffic store named on the command line must be one: said before the crawl, with its name."""
    from crawler.common.errors import InputError

    path = Path(traffic_db)
    if not path.is_file():
        raise InputError(f"{path}: no such traffic store (expected the traffic.duckdb of `traffic logs`)")
    try:
        import duckdb

        con = duckdb.connect(str(path), read_only=True)
    except Exception as exc:  # duckdb raises IOException, InvalidInputException...
        raise InputError(f"{path}: not a DuckDB traffic store ({str(exc).splitlines()[0][:120]})") from None
    try:
        con.execute("SELECT 1 FROM url_traffic LIMIT 1")
    except Exception:
        raise InputError(f"{path}: a DuckDB file without traffic (no url_traffic table; run `traffic logs`)") from None
    finally:
        con.close()


def attach(issues: list[Issue], traffic_db: Path | None) -> dict[str, tuple[int, int, int]] | None:
    """Set visits / googlebot_hits / search_visits on each issue; returns the per-path table (None without
    traffic data)."""
    table = load(traffic_db)
    if table is None:
        return None
    for i in issues:
        i.visits, i.googlebot_hits, i.search_visits = table.get(path_of(i.url), (0, 0, 0))
    return table


def path_of(url: str) -> str:
    return urlsplit(url).path or "/"
