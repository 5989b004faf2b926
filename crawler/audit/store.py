"""Keep the audit results in the crawl database (additive tables), so later crawls can be compared."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.audit.result import AuditResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_issues (
    "check"        TEXT NOT NULL,
    severity       TEXT NOT NULL,
    url            TEXT NOT NULL,
    detail         TEXT,
    category       TEXT,
    title          TEXT,
    new            INTEGER NOT NULL DEFAULT 1,
    inconclusive   INTEGER NOT NULL DEFAULT 0,
    visits         INTEGER,
    googlebot_hits INTEGER,
    PRIMARY KEY ("check", url)
);
CREATE TABLE IF NOT EXISTS audit_counts (      -- per-check counts of this crawl (the report draws trends)
    "check"  TEXT PRIMARY KEY,
    severity TEXT NOT NULL,
    count    INTEGER NOT NULL,
    new      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS audit_summary (key TEXT PRIMARY KEY, value TEXT);
"""


def save(db_path: Path, result: AuditResult) -> None:
    """Replace this crawl's audit results in one transaction."""
    con = sqlite3.connect(db_path, timeout=30)
    try:
        con.executescript(SCHEMA)
        with con:
            con.execute("DELETE FROM audit_issues")
            con.execute("DELETE FROM audit_counts")
            con.execute("DELETE FROM audit_summary")
            con.executemany(
                'INSERT INTO audit_issues("check", severity, url, detail, category, title, new, inconclusive, visits, '
                "googlebot_hits) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(i.check, i.severity, i.url, i.detail, i.category, i.title, int(i.new), int(i.inconclusive),
                  i.visits, i.googlebot_hits) for i in result.issues])
            counts: dict[str, list] = {}
            for i in result.issues:
                if not i.inconclusive:
                    c = counts.setdefault(i.check, [i.severity, 0, 0])
                    c[1] += 1
                    c[2] += int(i.new)
            con.executemany('INSERT INTO audit_counts("check", severity, count, new) VALUES (?,?,?,?)',
                            [(k, *v) for k, v in counts.items()])
            summary = {
                "audited_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "health_score": result.health_score,
                "pages_crawled": result.pages_crawled,
                "complete": int(result.complete),
                "counts_by_severity": json.dumps(result.counts_by_severity),
                "fixed": len(result.fixed),
                "language": result.language,
            }
            con.executemany("INSERT INTO audit_summary(key, value) VALUES (?, ?)",
                            [(k, str(v)) for k, v in summary.items()])
    finally:
        con.close()


def checkpoint(db_path: Path) -> None:
    """Fold the WAL back into the database file and remove it, so `crawl.sqlite` alone is the whole crawl.

    Read-only connections cannot remove a WAL when they close; without this a copied `crawl.sqlite`
    (without its -wal file) would lack the audit tables.
    """
    try:
        con = sqlite3.connect(db_path, timeout=30)
    except sqlite3.Error:
        return
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass
    finally:
        con.close()


def read_stored(db_path: Path) -> list[dict[str, Any]] | None:
    """Issues stored by a previous run_audit in this crawl DB (None when it was never audited)."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        has = con.execute("SELECT 1 FROM sqlite_master WHERE name='audit_issues'").fetchone()
        if not has:
            return None
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute("SELECT * FROM audit_issues")]
    finally:
        con.close()
