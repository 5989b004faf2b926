"""Read analytics exports into tables: open ZIPs, split the '#' comment blocks and the several tables a GA4
CSV download may hold. Decoding, delimiter sniffing and XLSX come from the one tabular reader
(crawler/common/tabular.py), shared with the campaign importer.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from crawler.analytics.values import normalise_header
from crawler.common.errors import InputError
from crawler.common.tabular import decode, is_workbook, read_sheets, sniff_delimiter

MAX_MEMBER_BYTES = 512 * 1024 * 1024  # a ZIP member larger than this is refused (zip bomb guard)
DATA_SUFFIXES = (".csv", ".tsv", ".txt")


@dataclass
class Table:
    source: str  # what error messages name: "path/file.csv" or "path/export.zip:Queries.csv"
    member: str  # ZIP member name, "" for a plain file
    index: int  # position of the table in its file (GA4 downloads may hold several)
    header_line: int  # 1-based line of the header row
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (1-based line, cells)
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    path: Path
    member: str
    sha256: str
    size: int
    tables: list[Table]


_START = re.compile(r"(?:start date|date de debut)\s*:\s*(\S+)")
_END = re.compile(r"(?:end date|date de fin)\s*:\s*(\S+)")
_RANGE = re.compile(r"^(\d{8})\s*-\s*(\d{8})$")
_KEYED = re.compile(r"^(property|propriete|account|compte)\s*:\s*(.+)$")


def _comment_meta(comments: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for raw in comments:
        text = raw.lstrip("#").strip()
        if not text or set(text) <= {"-", "="}:
            continue
        norm = normalise_header(text)
        if m := _START.search(norm):
            meta["start"] = m.group(1)
        elif m := _END.search(norm):
            meta["end"] = m.group(1)
        elif m := _RANGE.match(norm):
            meta["start"], meta["end"] = m.group(1), m.group(2)
        elif m := _KEYED.match(norm):
            key = {"propriete": "property", "compte": "account"}.get(m.group(1), m.group(1))
            meta[key] = text.split(":", 1)[1].strip()
        else:
            meta.setdefault("title", text)
    return meta


def split_tables(text: str, source: str, member: str = "") -> list[Table]:
    """Tables of a CSV text: each starts at a header row after comments or a blank line, ends at either."""
    tables: list[Table] = []
    comments: list[str] = []
    file_meta: dict[str, str] = {}
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if not block:
            return
        first_line, header_text = block[0]
        delimiter = sniff_delimiter(header_text)
        reader = csv.reader([line for _, line in block], delimiter=delimiter)
        try:
            parsed = list(reader)
        except csv.Error as exc:
            raise InputError(f"{source}:{first_line}: unreadable CSV ({exc})") from None
        headers = [h.strip() for h in parsed[0]]
        if len(parsed) == len(block):  # one record per line: line numbers are exact
            rows = list(zip([n for n, _ in block[1:]], parsed[1:], strict=True))
        else:  # a quoted field spans lines: the record's first line, as csv counts them
            rows, reader = [], csv.reader([line for _, line in block], delimiter=delimiter)
            next(reader)
            before = reader.line_num
            for cells in reader:
                rows.append((first_line + before, cells))
                before = reader.line_num
        meta = {**file_meta, **_comment_meta(comments)}
        tables.append(Table(source, member, len(tables), first_line, headers, rows, meta))
        block.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            flush()
            comments.append(stripped)
            continue
        if not stripped.strip(",;\t"):
            flush()
            if comments:
                file_meta = {**file_meta, **_comment_meta(comments)}  # a GA4 header block applies to all
                comments = []
            continue
        if not block and comments:
            file_meta = {**file_meta, **_comment_meta(comments)}
            comments = []
        block.append((number, line))
    flush()
    return tables


def read_documents(path: Path) -> list[Document]:
    """One Document per CSV file: the file itself, or each data member of a ZIP."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    data = path.read_bytes()
    if is_workbook(data):
        return _xlsx_documents(path, data)
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _zip_documents(path, data)
    digest = hashlib.sha256(data).hexdigest()
    _, text = decode(data)
    return [Document(path, "", digest, len(data), split_tables(text, str(path)))]


def _zip_documents(path: Path, data: bytes) -> list[Document]:
    docs: list[Document] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path}: not a readable ZIP ({exc})") from None
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = info.filename
            base = name.rsplit("/", 1)[-1]
            if info.is_dir() or name.startswith("__MACOSX/") or base.startswith("."):
                continue
            if not base.lower().endswith(DATA_SUFFIXES):
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                raise InputError(f"{path}:{name}: member of {info.file_size} bytes is over the "
                                 f"{MAX_MEMBER_BYTES} byte limit")
            try:
                raw = archive.read(info)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise InputError(f"{path}:{name}: cannot extract ({exc})") from None
            source = f"{path}:{name}"
            tables = split_tables(decode(raw)[1], source, member=name)
            docs.append(Document(path, name, hashlib.sha256(raw).hexdigest(), len(raw), tables))
    if not docs:
        raise InputError(f"{path}: ZIP holds no CSV file (expected e.g. Queries.csv, imported_visitors.csv)")
    return docs


def _cell_text(value: object) -> str:
    """An Excel cell as the text a CSV export would hold (dates ISO, numbers without float noise)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 10)).removesuffix(".0")
    return str(value)


def _xlsx_documents(path: Path, data: bytes) -> list[Document]:
    """Search Console's "Download Excel" (and GA4 explorations' XLSX): one sheet per table, same headers as CSV."""
    docs: list[Document] = []
    for sheet in read_sheets(path, data):
        source = f"{path}:{sheet.title}"
        text = "\n".join(",".join(_csv_quote(_cell_text(v)) for v in cells) for _, cells in sheet.rows)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        docs.append(Document(path, sheet.title, digest, len(text), split_tables(text, source, member=sheet.title)))
    return docs


def _csv_quote(text: str) -> str:
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text
