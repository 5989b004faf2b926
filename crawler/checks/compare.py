"""Crawl comparison: the issues of a previous crawl, read from its stored audit or recomputed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler.checks.settings import AuditSettings
from crawler.errors import InputError


def previous_issues(prev_db: Path, settings: AuditSettings | None, language: str
                    ) -> tuple[set[tuple[str, str]], list[dict[str, Any]]]:
    """(keys, issues) of the previous crawl; inconclusive ones are left out (they found nothing)."""
    from crawler.checks.audit import collect, read_stored
    from crawler.checks.context import AuditContext

    if not prev_db.is_file():
        raise InputError(f"{prev_db}: previous crawl database not found")
    stored = read_stored(prev_db)
    if stored is None:
        ctx = AuditContext.load(prev_db)
        stored = [{"check": i.check, "url": i.url, "severity": i.severity, "title": i.title, "detail": i.detail,
                   "inconclusive": int(i.inconclusive)} for i in collect(ctx, settings, language)]
    rows = [{"check": r["check"], "url": r["url"], "severity": r["severity"], "title": r["title"], "detail": r["detail"]}
            for r in stored if not r.get("inconclusive")]
    return {(r["check"], r["url"]) for r in rows}, rows
