"""Turn an export file into rows of cells with their line numbers, whatever its encoding and separator.

Platforms write CSV as UTF-8 (with or without BOM), Google's "Excel CSV" as UTF-16LE with BOM and tabs,
French Excel re-saves with semicolons, and XLSX. Which separator a file uses is decided later, together
with the header row (see platforms.find_header), because preamble lines carry no reliable clue.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from crawler.common.errors import InputError

DELIMITERS = ("\t", ";", ",")


@dataclass
class RawFile:
    """Decoded content: text for delimited files, or rows already split (XLSX)."""

    path: Path
    encoding: str
    text: str | None = None
    rows: list[tuple[int, list[object]]] | None = None  # XLSX: (line number, cells)

    def split(self, delimiter: str, limit: int | None = None) -> list[tuple[int, list[object]]]:
        """Rows as (1-based physical line number of the row's start, cells); the first ``limit`` rows only."""
        if self.rows is not None:
            return self.rows if limit is None else self.rows[:limit]
        assert self.text is not None
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=delimiter)
        out: list[tuple[int, list[object]]] = []
        start = 1
        try:
            for cells in reader:
                out.append((start, list(cells)))
                start = reader.line_num + 1
                if limit is not None and len(out) >= limit:
                    break
        except csv.Error as exc:
            raise InputError(f"{self.path}:{reader.line_num}: unreadable CSV ({exc})") from None
        return out


def read_file(path: Path) -> RawFile:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{path}: old Excel .xls workbook; download the report as CSV or XLSX instead")
    if not data.strip():
        raise InputError(f"{path}: the file is empty (expected an ad-platform export with a header row)")
    encoding, text = decode(data)
    if path.suffix.lower() == ".xlsx":
        raise InputError(f"{path}: named .xlsx but is not an Excel workbook")
    return RawFile(path=path, encoding=encoding, text=text)


def decode(data: bytes) -> tuple[str, str]:
    """Decode by BOM, then by the NUL pattern of BOM-less UTF-16, then UTF-8, then Windows-1252."""
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", data[2:].decode("utf-16-le", errors="strict")
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", data[2:].decode("utf-16-be", errors="strict")
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", data[3:].decode("utf-8")
    head = data[:4000]
    if head and head.count(b"\x00") > len(head) // 4:
        enc = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return enc, data.decode(enc)
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", data.decode("cp1252", errors="replace")


def _read_xlsx(path: Path) -> RawFile:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise InputError(f"{path}: unreadable Excel workbook ({exc})") from None
    try:
        ws = wb.worksheets[0]
        rows: list[tuple[int, list[object]]] = []
        for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else v for v in row]
            while cells and cells[-1] == "":
                cells.pop()
            rows.append((i, cells))
    finally:
        wb.close()
    return RawFile(path=path, encoding="xlsx", rows=rows)
