"""DuckDB tables of imported exports, in the client's traffic.duckdb beside the log tables (which we never touch).

Every table we own is prefixed (ga4_, matomo_, plausible_, gsc_) and every row carries the ``import_id`` of
its line in ``analytics_imports``, the lineage table: which file (path, ZIP member, SHA-256), which kind, which
period, when. Re-importing a file replaces what the same file (same content, or same path) gave before for the
same kind, in one transaction: nothing doubles and nothing is half-written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

import duckdb
import pandas as pd

from crawler.analytics.formats import KINDS, Col

SQL_TYPES = {"text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "rate": "DOUBLE", "percent": "DOUBLE",
             "duration": "DOUBLE", "date": "DATE"}

# Columns computed at import, not read: the GA4 channel of a Plausible source / Matomo referrer row...
EXTRA_COLUMNS: dict[str, tuple[Col, ...]] = {
    "plausible_sources": (Col("channel", "text"),),
    "matomo_referrers": (Col("channel", "text"),),
    "gsc_performance": (Col("date", "date"),),  # parsed from the key of Dates.csv rows
}

LINEAGE_DDL = """
CREATE TABLE IF NOT EXISTS analytics_imports (
    import_id BIGINT PRIMARY KEY,
    kind VARCHAR NOT NULL,          -- ga4_traffic, gsc_performance, plausible_sources, ...
    platform VARCHAR NOT NULL,      -- ga4, matomo, plausible, gsc
    dimension VARCHAR,              -- session_default_channel_group, query, page, ...
    file_path VARCHAR NOT NULL,     -- absolute path of the file (the ZIP for a member)
    member VARCHAR NOT NULL,        -- ZIP member name, '' for a plain file
    table_index INTEGER NOT NULL,   -- which table of the file (GA4 downloads may hold several)
    sha256 VARCHAR NOT NULL,        -- of the file, or of the ZIP member
    size BIGINT,
    rows BIGINT,
    lang VARCHAR,                   -- language of the headers: en, fr, '' (raw ids)
    title VARCHAR,
    property VARCHAR,
    date_start DATE,
    date_end DATE,
    meta VARCHAR,                   -- JSON: comment lines, Search Console filters
    imported_at TIMESTAMP NOT NULL
)
"""


def table_columns() -> dict[str, list[Col]]:
    """Our data tables and their columns (union over the kinds that write to each)."""
    tables: dict[str, dict[str, Col]] = {}
    for kind in KINDS:
        if not kind.table:
            continue
        cols = tables.setdefault(kind.table, {})
        for col in (*kind.columns, *EXTRA_COLUMNS.get(kind.table, ())):
            cols.setdefault(col.name, col)
    return {name: list(cols.values()) for name, cols in tables.items()}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(LINEAGE_DDL)
    for table, cols in table_columns().items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} (import_id BIGINT NOT NULL, line INTEGER, "
                    "dimension VARCHAR)")
        for col in cols:
            con.execute(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{col.name}" {SQL_TYPES[col.type]}')


def previous_imports(con: duckdb.DuckDBPyConnection, *, path: str, member: str, sha256: str, kind: str,
                     table_index: int) -> list[int]:
    """Imports the same file gave before for this kind: same content, or same path (an updated export)."""
    rows = con.execute(
        "SELECT import_id FROM analytics_imports WHERE kind = ? AND member = ? AND table_index = ?"
        " AND (sha256 = ? OR file_path = ?)",
        [kind, member, table_index, sha256, path],
    ).fetchall()
    return [r[0] for r in rows]


def delete_imports(con: duckdb.DuckDBPyConnection, import_ids: Iterable[int]) -> None:
    ids = list(import_ids)
    if not ids:
        return
    marks = ", ".join("?" for _ in ids)
    for table in table_columns():
        con.execute(f"DELETE FROM {table} WHERE import_id IN ({marks})", ids)
    con.execute(f"DELETE FROM analytics_imports WHERE import_id IN ({marks})", ids)


def next_import_id(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM analytics_imports").fetchone()[0])


def insert_lineage(con: duckdb.DuckDBPyConnection, import_id: int, **fields) -> None:
    meta = fields.pop("meta", {})
    con.execute(
        "INSERT INTO analytics_imports (import_id, kind, platform, dimension, file_path, member, table_index,"
        " sha256, size, rows, lang, title, property, date_start, date_end, meta, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [import_id, fields["kind"], fields["platform"], fields.get("dimension"), fields["file_path"],
         fields["member"], fields["table_index"], fields["sha256"], fields["size"], fields["rows"],
         fields.get("lang"), fields.get("title"), fields.get("property"), fields.get("date_start"),
         fields.get("date_end"), json.dumps(meta, ensure_ascii=False, sort_keys=True),
         datetime.now(UTC).replace(tzinfo=None)],
    )


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Insert set-wise (DuckDB reads the DataFrame directly; executemany would go row by row)."""
    if frame.empty:
        return
    known = {c.name for c in table_columns()[table]} | {"import_id", "line", "dimension"}
    frame = frame[[c for c in frame.columns if c in known]]
    con.register("_tm_import_frame", frame)
    try:
        names = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _tm_import_frame")
    finally:
        con.unregister("_tm_import_frame")
