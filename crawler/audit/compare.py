"""Crawl comparison: the issues of a previous crawl, read from its stored audit or recomputed.

Issues are matched on (check, URL relative to the crawl's start origin): a site compared across http/https,
staging/production or test ports still matches page by page. URLs on other hosts keep their full form.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from crawler.audit.context import origin
from crawler.audit.settings import AuditSettings
from crawler.common.errors import InputError


def key(check: str, url: str, start_url: str) -> tuple[str, str]:
    o = origin(start_url)
    return (check, url[len(o):] if o and url.startswith(o + "/") else url)


def previous_issues(prev_db: Path, settings: AuditSettings | None, language: str, collect: Callable
                    ) -> tuple[set[tuple[str, str]], list[dict[str, Any]], str]:
    """(keys, issues, start URL) of the previous crawl; inconclusive ones are left out (they found nothing)."""
    from crawler.audit.context import AuditContext
    from crawler.audit.store import read_stored

    if not prev_db.is_file():
        raise InputError(f"{prev_db}: previous crawl database not found")
    ctx = AuditContext.load(prev_db)
    try:
        stored = read_stored(prev_db)
        if stored is None:
            stored = [{"check": i.check, "url": i.url, "severity": i.severity, "title": i.title, "detail": i.detail,
                       "inconclusive": int(i.inconclusive)} for i in collect(ctx, settings, language)]
    finally:
        ctx.close()
    rows = [{"check": r["check"], "url": r["url"], "severity": r["severity"], "title": r["title"], "detail": r["detail"]}
            for r in stored if not r.get("inconclusive")]
    return {key(r["check"], r["url"], ctx.start_url) for r in rows}, rows, ctx.start_url
