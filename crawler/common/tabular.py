"""The one tabular reader under every import of exports (analytics, Search Console, ad platforms).

What the exports of this field look like, and how each shape is read, in one place:
- encodings: UTF-8 with or without BOM, UTF-16 with BOM (Matomo's CSV, Google Ads' "Excel CSV"),
  BOM-less UTF-16 (recognised by its NUL bytes), else Windows-1252;
- CSV dialects: ``,`` ``;`` (French Excel) or tab, sniffed from a line outside quoted fields, with the
  1-based physical line number of every record kept for error messages, even when a field spans lines;
- XLSX workbooks, read in read-only mode, one sheet at a time, cells as values.

Value parsing (decimal separators, date orders) is decided per column by the importers from the evidence
of all its cells; this module only gets the cells out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crawler.common.errors import InputError

DELIMITERS = ("\t", ";", ",")
Row = tuple[int, list[object]]   # (1-based line of the record's first physical line, cells)


def decode(data: bytes) -> tuple[str, str]:
    """(encoding, text): by BOM, then by the NUL pattern of BOM-less UTF-16, then UTF-8, then Windows-1252."""
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", data[2:].decode("utf-16-le", errors="replace")
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", data[2:].decode("utf-16-be", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", data[3:].decode("utf-8", errors="replace")
    head = data[:4000]
    if head and head.count(b"\x00") > len(head) // 4:
        enc = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return enc, data.decode(enc, errors="replace")
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", data.decode("cp1252", errors="replace")


def sniff_delimiter(line: str) -> str:
    """The delimiter used most often outside quoted fields of ``line`` (``,`` when none is)."""
    counts = {d: 0 for d in ",;\t"}
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def split_rows(text: str, delimiter: str, source: str, *, first_line: int = 1,
               limit: int | None = None) -> list[Row]:
    """CSV records with the physical line each starts on; an unreadable record names its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[Row] = []
    start = first_line
    try:
        for cells in reader:
            out.append((start, list(cells)))
            start = first_line + reader.line_num
            if limit is not None and len(out) >= limit:
                break
    except csv.Error as exc:
        raise InputError(f"{source}:{first_line + reader.line_num - 1}: unreadable CSV ({exc})") from None
    return out


@dataclass
class Sheet:
    title: str
    rows: list[Row]    # trailing empty cells dropped; empty cells are ""


def is_workbook(data: bytes) -> bool:
    """An XLSX workbook (a ZIP holding xl/workbook.xml), not any ZIP."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as probe:
            return "xl/workbook.xml" in probe.namelist()
    except zipfile.BadZipFile:
        return False


def read_sheets(source: Path | str, data: bytes, *, first_only: bool = False) -> list[Sheet]:
    """The sheets of an XLSX workbook; a damaged workbook is an InputError naming ``source``."""
    return list(_iter_sheets(source, data, first_only))


def _iter_sheets(source: Path | str, data: bytes, first_only: bool) -> Iterator[Sheet]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise InputError(f"{source}: unreadable Excel workbook ({exc})") from None
    try:
        for sheet in book.worksheets[:1] if first_only else book.worksheets:
            rows: list[Row] = []
            for i, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells: list[object] = ["" if v is None else v for v in row]
                while cells and cells[-1] == "":
                    cells.pop()
                rows.append((i, cells))
            yield Sheet(sheet.title, rows)
    finally:
        book.close()
