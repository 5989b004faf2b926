"""Public API of the log side of crawler.logs: ingest access logs, compute the traffic report.

    ingest_logs(files, db_path, settings=None, *, fmt=None) -> IngestResult
    ingest_and_report(files, db_path, settings=None, *, fmt=None, crawl_db=None, start=None, end=None)
        -> (IngestResult, dict)   (both on one connection)
    traffic_report(db_path, *, crawl_db=None, start=None, end=None) -> dict   (traffic.json)
    write_json(report, out_dir) -> Path
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from crawler.common import atomic
from crawler.logs import derive, ingest, store
from crawler.logs.ingest import FileResult, IngestResult
from crawler.logs.settings import TrafficSettings

__all__ = ["ingest_logs", "ingest_and_report", "traffic_report", "write_json", "IngestResult", "FileResult"]


def ingest_logs(files: list[str | Path], db_path: Path, settings: TrafficSettings | None = None, *,
                fmt: str | None = None) -> IngestResult:
    """Read new lines of each file ('-' = stdin) into the DuckDB store; already-read lines are skipped."""
    settings = settings or TrafficSettings()
    con = store.connect(Path(db_path))
    try:
        result = _ingest(con, files, Path(db_path), settings, fmt)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return result


def ingest_and_report(files: list[str | Path], db_path: Path, settings: TrafficSettings | None = None, *,
                      fmt: str | None = None, crawl_db: Path | None = None, start: date | None = None,
                      end: date | None = None) -> tuple[IngestResult, dict]:
    """`ingest_logs` then `traffic_report` on one connection: the report reads the hits the ingestion just
    left in DuckDB's buffer pool instead of reopening the file (what `traffic logs` does)."""
    settings = settings or TrafficSettings()
    con = store.connect(Path(db_path))
    try:
        result = _ingest(con, files, Path(db_path), settings, fmt)
        report = _report(con, crawl_db, start, end, writable=True)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return result, report


def _ingest(con, files: list[str | Path], db_path: Path, settings: TrafficSettings, fmt: str | None) -> IngestResult:
    salt = store.salt(con, settings.salt)
    result = ingest.ingest(con, [str(f) for f in files], settings, salt, fmt, db_path.resolve().parent)
    dirty = con.execute("SELECT value FROM meta WHERE key = 'dirty'").fetchone()
    if dirty and dirty[0] == "1":
        derive.rebuild(con, settings)
    return result


def traffic_report(db_path: Path, *, crawl_db: Path | None = None, start: date | None = None,
                   end: date | None = None) -> dict:
    """The traffic.json content for [start, end] (inclusive days; whole store when omitted)."""
    con = store.connect(Path(db_path), read_only=True)
    try:
        report = _report(con, crawl_db, start, end, writable=False)
    finally:
        con.close()
    if isinstance(report, tuple):          # computed, not cached: keep it for the next run
        key, report = report
        _store_cache(Path(db_path), key, report)
    return report


def _report(con, crawl_db: Path | None, start: date | None, end: date | None, *, writable: bool):
    """The cached report, else a new one: stored at once on a writable connection, else returned as
    (key, report) for the caller to store."""
    from crawler.logs.report import build_report

    key = _cache_key(con, crawl_db, start, end)
    row = con.execute(f"SELECT report FROM report_cache WHERE key = {store.sql_literal(key)}").fetchone()
    if row:
        return json.loads(row[0])
    report = build_report(con, crawl_db=crawl_db, start=start, end=end)
    if not writable:
        return key, report
    _put_cache(con, key, report)
    return report


def _code_version() -> str:
    """Fingerprint of the code that builds the report: a new version never serves an old cached report."""
    import hashlib

    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("report.py", "seo.py", "store.py", "derive.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


REPORT_VERSION = _code_version()


def _cache_key(con, crawl_db: Path | None, start: date | None, end: date | None) -> str:
    """Same data (version bumped by every rebuild), same period, same crawl file: same report."""
    row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    crawl = ""
    if crawl_db is not None and Path(crawl_db).is_file():
        st = Path(crawl_db).stat()
        crawl = f"{Path(crawl_db).resolve()}:{st.st_size}:{st.st_mtime_ns}"
    return f"{REPORT_VERSION}|{row[0] if row else 0}|{start}|{end}|{crawl}"


def _store_cache(db_path: Path, key: str, report: dict) -> None:
    """Keep the report so that an unchanged re-run answers at once; a busy database just skips it."""
    try:
        con = store.connect(db_path)
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return
    try:
        _put_cache(con, key, report)
    finally:
        con.close()


def _put_cache(con, key: str, report: dict) -> None:
    import duckdb

    # literals, not parameters: parameter binding imports pandas (0.4 s)
    lit = store.sql_literal
    try:
        con.execute(f"DELETE FROM report_cache WHERE key NOT LIKE {lit('|'.join(key.split('|')[:2]) + '|%')}")
        con.execute(f"INSERT OR REPLACE INTO report_cache VALUES ({lit(key)}, {lit(json.dumps(report, default=str))})")
    except duckdb.Error:
        pass


def write_json(report: dict, out_dir: Path) -> Path:
    """Write out_dir/traffic.json atomically, built through its contract (crawler/contracts/traffic.py)."""
    return write_summary(report, Path(out_dir) / "traffic.json")


def write_summary(report: dict, path: Path) -> Path:
    """traffic.json at ``path`` (also with the analytics blocks merged in, as `traffic run` writes it)."""
    from crawler.contracts import TrafficSummary, build, dump

    return atomic.write_json(path, dump(build(TrafficSummary, report, source="crawler.logs")), indent=1)
