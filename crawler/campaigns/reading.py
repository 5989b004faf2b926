"""Turn an ad-platform export into rows of cells with their line numbers (through crawler/common/tabular.py).

Which separator a file uses is decided later, together with the header row (see platforms.find_header),
because preamble lines carry no reliable clue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crawler.common.errors import InputError
from crawler.common.tabular import DELIMITERS, decode, is_workbook, read_sheets, split_rows

__all__ = ["DELIMITERS", "RawFile", "read_file"]


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
        return split_rows(self.text, delimiter, str(self.path), limit=limit)


def read_file(path: Path) -> RawFile:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if is_workbook(data):
        return RawFile(path=path, encoding="xlsx", rows=read_sheets(path, data, first_only=True)[0].rows)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{path}: old Excel .xls workbook; download the report as CSV or XLSX instead")
    if not data.strip():
        raise InputError(f"{path}: the file is empty (expected an ad-platform export with a header row)")
    if path.suffix.lower() == ".xlsx":
        raise InputError(f"{path}: named .xlsx but is not an Excel workbook")
    encoding, text = decode(data)
    return RawFile(path=path, encoding=encoding, text=text)
