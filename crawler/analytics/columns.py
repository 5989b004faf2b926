"""Turn a table's rows into typed columns (a DataFrame), column by column.

Most columns of most exports are plain (``1234``, ``0.6521``, ``2026-09-01``): pandas converts those in C.
A column that is not plain (decimal commas, ``3,2 %``, ``00:01:12``, ``01/09/2026``, a typo) goes through the
cell parsers of values.py, which also give the exact line of a bad value. A Plausible export of a million
rows so costs seconds, not minutes.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from crawler.analytics.formats import Col, Match
from crawler.analytics.reader import Table
from crawler.analytics.values import PARSERS, normalise_header
from crawler.common.errors import InputError

TOTAL_LABELS = frozenset({"grand total", "total", "totals", "total general", "totaux", "somme"})
# A column is "plain" when it holds only digits, '.', '-' (and empty cells): numpy converts it in C. One
# regex search over the joined column, no backtracking. Anything else goes through the cell parsers.
_NOT_PLAIN = re.compile(r"[^0-9.\n-]")
_PANDAS = {"int": "Int64", "float": "Float64", "rate": "Float64", "percent": "Float64", "duration": "Float64"}
_TOTAL_FIRST = frozenset("GgTtSs")


def _rows(table: Table) -> tuple[list[int], list[list[str]], int]:
    """Data rows (blank lines and total rows left out) checked against the header's width."""
    lines: list[int] = []
    rows: list[list[str]] = []
    skipped = 0
    width = len(table.headers)
    for line, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue
        first = cells[0]
        if first[:1] in _TOTAL_FIRST and len(first) < 16 and normalise_header(first) in TOTAL_LABELS:
            skipped += 1
            continue
        while len(cells) > width and not cells[-1].strip():
            cells = cells[:-1]
        if len(cells) != width:
            raise InputError(f"{table.source}:{line}: expected {width} fields like the header on line "
                             f"{table.header_line}, found {len(cells)}")
        lines.append(line)
        rows.append(cells)
    return lines, rows, skipped


def _slow(values: list[str], col: Col, lang: str, lines: list[int], source: str, header: str) -> list:
    parser = PARSERS[col.type]
    out = []
    for value, line in zip(values, lines, strict=True):
        try:
            out.append(parser(value, lang))
        except ValueError as exc:
            raise InputError(f"{source}:{line}: column {header!r}: {exc}") from None
    return out


def _fast_ok(stripped: list[str], type_: str) -> bool:
    if type_ not in ("int", "float", "rate", "duration", "date", "percent") or _NOT_PLAIN.search("\n".join(stripped)):
        return False
    if type_ == "date":  # ISO dates only: numpy would read "20260901" as a year
        return all(len(v) in (0, 10) and (not v or v[4] == "-") for v in stripped)
    return "--" not in "".join(stripped)


def parse_column(values: list[str], col: Col, lang: str, lines: list[int], source: str, header: str) -> pd.Series:
    stripped = [v.strip() for v in values]
    if col.type == "text":
        return pd.Series(stripped, dtype="string")
    if _fast_ok(stripped, col.type):
        arr = np.array(stripped, dtype=str)
        empty = arr == ""
        try:
            if col.type == "date":
                dates = np.where(empty, "NaT", arr).astype("datetime64[D]")
                return pd.Series(dates.astype("datetime64[ns]"))
            number = np.where(empty, "0", arr).astype(np.int64 if col.type == "int" else np.float64)
            if col.type == "percent" and number.min(initial=0) >= 0 and number.max(initial=0) <= 100:
                number = number / 100
            elif col.type == "percent":
                raise ValueError("out of range")
            if col.type != "rate" or number.max(initial=0) <= 1:  # a rate over 1 is a bare percentage
                cls = pd.arrays.IntegerArray if col.type == "int" else pd.arrays.FloatingArray
                return pd.Series(cls(number, empty))
        except ValueError:
            pass  # "1-2", "2026-02-30"...: the cell parsers name the line
    parsed = _slow(values, col, lang, lines, source, header)
    if col.type == "date":
        return pd.to_datetime(pd.Series(parsed, dtype="object"))
    return pd.Series(parsed, dtype="object").astype(_PANDAS[col.type])


def to_frame(table: Table, match: Match) -> tuple[pd.DataFrame, int]:
    """(typed DataFrame with a ``line`` column, number of total rows left out)."""
    lines, rows, skipped = _rows(table)
    frame = pd.DataFrame({"line": pd.Series(lines, dtype="Int64")})
    for index, col in match.columns.items():
        values = [r[index] for r in rows]
        frame[col.name] = parse_column(values, col, match.lang, lines, table.source, table.headers[index])
    frame["dimension"] = pd.Series([match.dimension or None] * len(frame), dtype="string")
    if match.kind.platform == "gsc" and match.dimension == "date" and "key" in frame:
        key_index = next(i for i, c in match.columns.items() if c.name == "key")
        frame["date"] = parse_column([r[key_index] for r in rows], Col("date", "date"), match.lang, lines,
                                     table.source, table.headers[key_index])
    if _unlabelled_total(frame, match):
        frame, skipped = frame.iloc[1:].reset_index(drop=True), skipped + 1
    return frame, skipped


def _unlabelled_total(frame: pd.DataFrame, match: Match) -> bool:
    """GA4 puts the report's totals first, with an empty label, in some downloads: a first row with no
    dimension value whose main metric is the sum of the other rows is that total, not a row."""
    dim = match.kind.required[0]
    metric = next((m for m in ("sessions", "views", "clicks") if m in frame), None)
    if len(frame) < 2 or dim == "date" or metric is None or dim not in frame:
        return False
    label = frame[dim].iloc[0]
    if not (pd.isna(label) or str(label).strip() == ""):
        return False
    total, rest = frame[metric].iloc[0], frame[metric].iloc[1:].sum()
    return bool(pd.notna(total) and rest and abs(total - rest) <= 0.01 * rest)
