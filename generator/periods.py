"""Reporting periods in a client's state, and their summaries:

    state/periods/<key>/period.json      the period, whether a report was built for it, the crawls it used
    state/periods/<key>/traffic.json     the period's traffic (logs, Search Console, analytics)
    state/periods/<key>/campaigns.json   the period's campaigns, compared with the period before

Preparing a period summarises it and, when the stores hold data for them, the previous period of the same
kind and the same period a year earlier: the report compares with both. These per-period aggregates are
also the client's history: an archived period is rebuilt from its folder, not from raw data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb

from crawler.clients import ClientConfig
from crawler.common import atomic
from crawler.common.errors import InputError
from crawler.common.period import Period
from crawler.contracts import PeriodRecord, build, dump, load


def periods_dir(state_dir: Path) -> Path:
    return Path(state_dir) / "periods"


def period_dir(state_dir: Path, period: Period) -> Path:
    return periods_dir(state_dir) / period.key


def read_record(folder: Path) -> PeriodRecord | None:
    path = folder / PeriodRecord.FILE_NAME
    return load(PeriodRecord, path) if path.is_file() else None


def built_periods(state_dir: Path) -> list[Period]:
    """Every period a report was built for, oldest first."""
    root = periods_dir(state_dir)
    out = []
    if root.is_dir():
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            record = read_record(folder)
            if record is not None and record.built:
                out.append(Period.parse(record.period.key))
    return sorted(out, key=lambda p: (p.end, p.start))


# --------------------------------------------------------------------------- what data there is


def _query(db: Path, sql: str, params: list | None = None) -> tuple:
    if not db.is_file():
        return ()
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return ()
    try:
        return con.execute(sql, params or []).fetchone() or ()
    except duckdb.CatalogException:  # the store has no such table yet
        return ()
    finally:
        con.close()


def data_days(client: ClientConfig) -> list[tuple[date, date]]:
    """(first, last) day of each source that has data: logs, exports, campaigns."""
    spans = [
        _query(client.traffic_db, "SELECT min(day), max(day) FROM hits"),
        _query(client.traffic_db, "SELECT min(date_start), max(date_end) FROM analytics_imports"),
        _query(client.campaigns_db, "SELECT min(date), max(date) FROM campaign_rows"),
    ]
    return [(a, b) for a, b in (s[:2] for s in spans if s) if a is not None and b is not None]


def default_period(client: ClientConfig, today: date | None = None) -> Period:
    """The last complete calendar month when there is data for it (a run on 4 November reports October);
    otherwise the month of the newest day of data (the demo's October, an export that stops on 2 Sept)."""
    yesterday = (today or datetime.now(UTC).date()) - timedelta(days=1)
    due = Period.last_complete_month(yesterday)
    spans = data_days(client)
    if not spans or has_data(client, due):
        return due
    newest = min(max(b for _, b in spans), yesterday)
    return Period.month(newest.year, newest.month)


def has_data(client: ClientConfig, period: Period) -> bool:
    window = [period.start, period.end]
    checks = (
        (client.traffic_db, "SELECT count(*) FROM hits WHERE day BETWEEN ? AND ?"),
        (client.traffic_db, "SELECT count(*) FROM analytics_imports WHERE date_start <= ? AND date_end >= ?"),
        (client.campaigns_db, "SELECT count(*) FROM campaign_rows WHERE date BETWEEN ? AND ?"),
    )
    for db, sql in checks:
        params = window if "BETWEEN" in sql else [period.end, period.start]
        row = _query(db, sql, params)
        if row and row[0]:
            return True
    return False


# --------------------------------------------------------------------------- summaries


def summarise(client: ClientConfig, period: Period, *, built: bool, crawls: dict[str, str]) -> Path:
    """Write the period's folder: traffic.json, campaigns.json (each when its store exists), period.json.

    period.json goes last, so a folder without it is an interrupted run and is never read as a period.
    A period once built stays built, with the crawls it was reported with.
    """
    folder = period_dir(client.state_dir, period)
    previous = read_record(folder)
    if previous is not None and previous.built and not built:
        built, crawls = True, dict(previous.crawls)
    _traffic_summary(client, period, folder)
    _campaigns_summary(client, period, folder)
    record = build(PeriodRecord, {
        "period": period.to_dict(), "built": built, "crawls": crawls,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds") if built else None,
    }, source="generator.periods")
    atomic.write_json(folder / PeriodRecord.FILE_NAME, dump(record))
    return folder


def _traffic_summary(client: ClientConfig, period: Period, folder: Path) -> None:
    if not client.traffic_db.is_file():
        return
    report: dict = {}
    if any(_query(client.traffic_db, "SELECT count(*) FROM hits")):
        from crawler.logs.api import traffic_report

        report = traffic_report(client.traffic_db, crawl_db=_crawl_db(client), start=period.start, end=period.end)
    from crawler.analytics import exports_summary

    report.update({k: v for k, v in exports_summary(client.traffic_db, period.start, period.end).items() if v})
    report["report_period"] = period.to_dict()
    from crawler.logs.api import write_summary

    write_summary(report, folder / "traffic.json")


def _crawl_db(client: ClientConfig) -> Path | None:
    from generator.pipeline import latest_crawl

    if not client.sites:
        return None
    last = latest_crawl(client, client.sites[0].name)
    return last / "crawl.sqlite" if last else None


def _campaigns_summary(client: ClientConfig, period: Period, folder: Path) -> None:
    if not client.campaigns_db.is_file():
        return
    from crawler.campaigns.api import campaigns_report, write_json

    report = campaigns_report(
        client.campaigns_db, currency=client.currency, settings=client.campaigns, budgets=client.budgets,
        targets={k: v.model_dump() for k, v in client.targets.items()},
        traffic_db=client.traffic_db if client.traffic_db.exists() else None, language=client.language,
        period=period)
    write_json(report, folder)


def prepare(client: ClientConfig, period: Period, crawls: dict[str, str]) -> Path:
    """Summarise ``period`` (built) and the two it is compared with (when there is data for them).

    A period with no data at all, when the stores hold other days, is refused with what they hold.
    """
    spans = data_days(client)
    if spans and not has_data(client, period):  # an audit-only client has no data days: its period is free
        have = ", ".join(f"{a.isoformat()}..{b.isoformat()}" for a, b in spans) or "no data yet"
        raise InputError(f"{client.path}: no data for the period {period.key} "
                         f"({period.start.isoformat()}..{period.end.isoformat()}); the stores hold {have}")
    for base in (period.previous(), period.year_before()):
        if has_data(client, base):
            summarise(client, base, built=False, crawls={})
    return summarise(client, period, built=True, crawls=crawls)
