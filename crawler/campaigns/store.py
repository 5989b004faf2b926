"""The per-client campaign store (DuckDB): one normalised row per platform row, with its lineage.

Money and conversions are DECIMAL so that sums equal the platforms' totals rows to the cent.
Re-importing an export replaces the rows it covers: the key is platform + (campaign id, or name when the
export has no id) + ad group + date. Every file is written in one transaction, after all its rows parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from crawler.common.errors import InputError

SCHEMA = """
CREATE TABLE IF NOT EXISTS campaign_rows (
    date DATE NOT NULL,
    platform VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    account VARCHAR,
    campaign VARCHAR NOT NULL,
    campaign_id VARCHAR,
    ad_group VARCHAR,
    row_key VARCHAR NOT NULL,
    impressions BIGINT,
    clicks BIGINT,
    cost DECIMAL(18, 6),
    conversions DECIMAL(18, 6),
    conversion_value DECIMAL(18, 6),
    currency VARCHAR,
    clicks_all BIGINT,
    reach BIGINT,
    frequency DOUBLE,
    results BIGINT,
    result_indicator VARCHAR,
    source_file VARCHAR NOT NULL,
    source_line INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS imports (
    source_file VARCHAR PRIMARY KEY,
    platform VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    info JSON NOT NULL
);
"""
COLUMNS = (
    "date", "platform", "channel", "account", "campaign", "campaign_id", "ad_group", "row_key", "impressions",
    "clicks", "cost", "conversions", "conversion_value", "currency", "clicks_all", "reach", "frequency", "results",
    "result_indicator", "source_file", "source_line",
)  # fmt: skip


def row_key(row: dict[str, Any]) -> str:
    ident = f"id:{row['campaign_id']}" if row.get("campaign_id") else f"name:{row['campaign']}"
    return f"{ident}|ag:{row.get('ad_group') or ''}"


@contextmanager
def connect(db_path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    if read_only and not db_path.exists():
        raise InputError(f"{db_path}: no campaign store yet (import exports first with `traffic campaigns FILE...`)")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.Error as exc:
        raise InputError(f"{db_path}: cannot open the campaign store ({exc})") from None
    try:
        if not read_only:
            con.execute(SCHEMA)
        yield con
    finally:
        con.close()


def _insert(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Bulk insert through a DataFrame; numbers travel as text and are cast exactly by DuckDB."""
    frame = pd.DataFrame(
        {c: [None if r.get(c) is None else str(r[c]) for r in rows] for c in COLUMNS}, dtype=object
    )
    casts = {
        "date": "DATE", "impressions": "BIGINT", "clicks": "BIGINT", "cost": "DECIMAL(18, 6)",
        "conversions": "DECIMAL(18, 6)", "conversion_value": "DECIMAL(18, 6)", "clicks_all": "BIGINT",
        "reach": "BIGINT", "frequency": "DOUBLE", "results": "BIGINT", "source_line": "INTEGER",
    }  # fmt: skip
    select = ", ".join(f"CAST({c} AS {casts[c]})" if c in casts else c for c in COLUMNS)
    con.register("_incoming", frame)
    try:
        con.execute(f"INSERT INTO campaign_rows ({', '.join(COLUMNS)}) SELECT {select} FROM _incoming")
    finally:
        con.unregister("_incoming")


def write_file(con: duckdb.DuckDBPyConnection, source_file: str, platform: str, rows: list[dict[str, Any]], info_json: str) -> int:
    """Replace the rows this file covers and insert its rows, in one transaction. Returns rows replaced."""
    for r in rows:
        r["row_key"] = row_key(r)
    keys = sorted({(r["platform"], r["row_key"], r["date"]) for r in rows})
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _keys (platform VARCHAR, row_key VARCHAR, date DATE)")
        con.execute("DELETE FROM _keys")
        key_frame = pd.DataFrame(keys, columns=["platform", "row_key", "date"], dtype=object)
        con.register("_incoming_keys", key_frame)
        try:
            con.execute("INSERT INTO _keys SELECT platform, row_key, CAST(date AS DATE) FROM _incoming_keys")
        finally:
            con.unregister("_incoming_keys")
        before = con.execute("SELECT count(*) FROM campaign_rows").fetchone()[0]
        con.execute(
            "DELETE FROM campaign_rows c USING _keys k "
            "WHERE c.platform = k.platform AND c.row_key = k.row_key AND c.date = k.date"
        )
        # Rows an earlier import of this same file wrote that the new version no longer has.
        con.execute("DELETE FROM campaign_rows WHERE source_file = ?", [source_file])
        replaced = before - con.execute("SELECT count(*) FROM campaign_rows").fetchone()[0]
        _insert(con, rows)
        con.execute(
            "INSERT OR REPLACE INTO imports VALUES (?, ?, now(), ?)", [source_file, platform, info_json]
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return replaced
