"""Read one export file into normalised rows, or refuse it with the file, line and column at fault.

Nothing is written here: the store writes a file's rows in one transaction only after every row parsed.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from crawler.campaigns.platforms import (
    INTEGERS,
    MONEY,
    PLATFORMS,
    Headers,
    Platform,
    generic_platform,
    google_channel,
    match_columns,
    score,
)
from crawler.campaigns.reading import DELIMITERS, read_file
from crawler.campaigns.settings import CampaignSettings
from crawler.common import cells as V
from crawler.common.errors import InputError

HEADER_SCAN = 60
# "Total: Account", "Total : compte", "Total", "Totaux", "Totals" -- but not "Total Wine".
TOTAL_RE = re.compile(r"^\s*total(?:s|es|aux)?\s*(?::.*)?$", re.IGNORECASE)
FOOTER_RE = re.compile(r"^\s*(?:©|\(c\)|copyright\b)|all rights reserved|tous droits réservés", re.IGNORECASE)
ZERO_DECIMAL = {"JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF", "XPF", "KMF", "RWF", "GNF", "VUV"}
ROWS_RE = re.compile(r"^rows\s*:\s*(\d+)\s*$", re.IGNORECASE)
METRICS = ("impressions", "clicks", "cost", "conversions", "conversion_value")
NUMERIC = (*METRICS, "clicks_all", "reach", "frequency", "results", "ctr", "cpc")


@dataclass
class FileImport:
    """What importing one file did; `rows` is the number of campaign rows written."""

    path: str
    platform: str
    rows: int = 0
    start: str | None = None
    end: str | None = None
    currencies: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str | None = None
    decimal: str | None = None
    date_order: str | None = None
    header_line: int = 0
    totals_row: dict[str, Any] | None = None
    totals_match: bool | None = None
    replaced: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Parsed:
    info: FileImport
    rows: list[dict[str, Any]]


def _candidates(path: Path, settings: CampaignSettings, forced: str | None) -> list[tuple[Platform, bool]]:
    """(platform, chosen explicitly) pairs to try on this file."""
    generics = {f"generic:{n}": generic_platform(n, m) for n, m in settings.generic.items()}
    if forced:
        if forced in PLATFORMS:
            return [(PLATFORMS[forced], True)]
        key = forced if forced.startswith("generic:") else f"generic:{forced}"
        if key in generics:
            return [(generics[key], True)]
        known = ", ".join([*PLATFORMS, *generics])
        raise InputError(f"--platform {forced!r}: unknown platform (expected one of: {known})")
    out: list[tuple[Platform, bool]] = []
    for name, mapping in settings.generic.items():
        globbed = any(fnmatch.fnmatch(str(path), g) or fnmatch.fnmatch(path.name, Path(g).name) for g in mapping.files)
        out.append((generics[f"generic:{name}"], globbed))
    out.extend((p, False) for p in PLATFORMS.values())
    return out


def _find_header(raw, cands):
    """Best (platform, delimiter, rows, header index) over delimiters and the first lines."""
    best = None
    delims = [None] if raw.rows is not None else list(DELIMITERS)
    for delim in delims:
        rows = raw.split(delim or ",", limit=HEADER_SCAN)
        for idx, (_, cells) in enumerate(rows):
            if sum(1 for c in cells if str(c).strip()) < 2:
                continue
            heads = Headers(cells)
            for plat, explicit in cands:
                complete, markers, recognised = score(plat, heads)
                if not complete or not (markers or explicit):
                    continue
                key = (explicit, markers, recognised)
                if best is None or key > best[0]:
                    best = (key, plat, delim, idx)
    if best is None:
        return None
    key, plat, delim, idx = best
    return key, plat, delim, raw.split(delim or ","), idx


def _unknown_error(raw, cands, forced: str | None) -> InputError:
    widest: list[object] = []
    for delim in [None] if raw.rows is not None else DELIMITERS:
        for _, cells in raw.split(delim or ",", limit=HEADER_SCAN):
            filled = [c for c in cells if str(c).strip()]
            if len(filled) > len(widest):
                widest = filled
    headers = ", ".join(repr(str(h)) for h in widest[:30]) or "none"
    builtin_first = sorted(cands, key=lambda pc: pc[0].id.startswith("generic:"))
    ranked = sorted(builtin_first, key=lambda pc: score(pc[0], widest)[1:], reverse=True)
    near = ranked[0][0]
    found, _ = match_columns(near, widest)
    missing = [f for f in near.required if f not in found]
    if "date" not in found and "report_start" not in found:
        missing.append("date")
    missing_names = ", ".join(f"{f} ({'/'.join(near.aliases.get(f, ('?',))[:2])})" for f in dict.fromkeys(missing))
    what = f"does not look like {near.label}" if forced else "is not a known export format"
    if near.id == "google_ads" and "date" in missing:
        missing_names += "; add the Day segment (Segment > Time > Day) before downloading"
    return InputError(
        f"{raw.path}: {what}. Headers found: {headers}. Nearest known format: {near.label} "
        f"(missing {missing_names or 'its distinctive columns'}); use --platform or a generic mapping in client.yml"
    )


def _cell(cells: list[object], idx: int | None) -> object:
    if idx is None or idx >= len(cells):
        return ""
    return cells[idx]


def _text(v: object) -> str:
    return " ".join(str(v).split()) if v is not None else ""


@dataclass
class _Columns:
    """The matched columns of one export: where each field is, and the header names for messages."""

    path: Path
    plat: Platform
    cols: dict[str, int]
    names: dict[int, str]
    header_line: int
    width: int

    def cell(self, cells: list[object], field: str) -> object:
        return _cell(cells, self.cols.get(field))

    def text(self, cells: list[object], field: str) -> str:
        return _text(self.cell(cells, field))

    def where(self, line: int, field: str) -> str:
        return f"{self.path}:{line}: column {self.names[self.cols[field]]!r}"


def parse_file(path: Path, settings: CampaignSettings | None = None, platform: str | None = None) -> Parsed:
    settings = settings or CampaignSettings()
    raw = read_file(path)
    cands = _candidates(path, settings, platform)
    best = _find_header(raw, cands)
    if best is None:
        raise _unknown_error(raw, cands, platform)
    _, plat, delim, rows, hidx = best
    header_line, headers = rows[hidx]
    cols, header_currency = match_columns(plat, headers)
    sheet = _Columns(path, plat, cols, {i: str(h).strip() for i, h in enumerate(headers)}, header_line, len(headers))
    info = FileImport(path=str(path), platform=plat.id, encoding=raw.encoding, delimiter=delim, header_line=header_line)
    mapping = settings.generic.get(plat.id.split(":", 1)[1]) if plat.id.startswith("generic:") else None
    data, totals = _data_and_totals(sheet, rows[hidx + 1:])
    decimal_sep = info.decimal = _decimal_separator(sheet, data + totals)
    stated = {sheet.text(cells, "currency").upper() for _, cells in data} if "currency" in cols else set()
    stated |= set(header_currency.values())
    stated.discard("")
    if mapping and mapping.currency:
        stated.add(mapping.currency)
    # Amounts in a currency without minor units (JPY, KRW…) never have decimals: 12,345 is twelve thousand.
    whole_money = decimal_sep is None and bool(stated) and stated <= ZERO_DECIMAL
    date_fmt = mapping.date_format if mapping else None
    order = None if date_fmt else _date_order(sheet, data)
    info.date_order = date_fmt or order
    default_currency = next(iter(header_currency.values()), None)
    if mapping and mapping.currency:
        default_currency = default_currency or mapping.currency
    default_currency = default_currency or settings.account_currency

    def num(line: int, cells: list[object], f: str) -> Decimal | None:
        if f not in cols:
            return None
        try:
            whole = f in INTEGERS or (whole_money and f in ("cost", "conversion_value"))
            return V.parse_number(sheet.cell(cells, f), decimal_sep, integer=whole)
        except V.ValueProblem as exc:
            raise InputError(f"{sheet.where(line, f)}: {exc}") from None

    def day(line: int, cells: list[object], f: str) -> date:
        try:
            v = sheet.cell(cells, f)
            return V.parse_date_format(v, date_fmt) if date_fmt else V.parse_date(v, order)
        except V.ValueProblem as exc:
            raise InputError(f"{sheet.where(line, f)}: {exc}") from None

    out = [_campaign_row(sheet, line, cells, num, day, default_currency) for line, cells in data]
    if not out:
        raise InputError(f"{path}: header found on line {header_line} but no campaign rows after it")
    _describe(info, sheet, out, totals, rows[:hidx])
    _check_totals(info, totals, out, num)
    return Parsed(info=info, rows=out)


def _blank(text: str) -> bool:
    """An empty dimension cell: Google Ads writes "--" in every dimension of its totals rows."""
    return text in ("", "--")


def _data_and_totals(sheet: _Columns, body: list[tuple[int, list[object]]]
                     ) -> tuple[list[tuple[int, list[object]]], list[tuple[int, list[object]]]]:
    """The campaign rows and the totals rows under the header (blank and copyright lines dropped)."""
    data: list[tuple[int, list[object]]] = []
    totals: list[tuple[int, list[object]]] = []
    date_field = "date" if "date" in sheet.cols else "report_start"
    for line, cells in body:
        texts = [c.strip() if isinstance(c, str) else str(c) for c in cells]
        if not any(texts):
            continue
        first = next(t for t in texts if t)
        if FOOTER_RE.search(first) and sum(1 for t in texts if t) == 1:
            continue
        date_txt, camp_txt = sheet.text(cells, date_field), sheet.text(cells, "campaign")
        dated = not _blank(date_txt) and not TOTAL_RE.match(date_txt)
        # A totals / summary row: "Total: …" in a leading cell where no date is (Google Ads puts the label in
        # the first column and "--" in every dimension), or no campaign at all (Meta's summary line). It is
        # checked against the rows' sums afterwards, so a row dropped here by mistake shows as a mismatch.
        nameless = _blank(camp_txt) and _blank(sheet.text(cells, "campaign_id")) and (
            not dated or sheet.plat.id == "meta_ads")
        if (not dated and any(TOTAL_RE.match(t) for t in texts if t)) or nameless:
            totals.append((line, cells))
            continue
        if any(t for t in texts[sheet.width:]):
            raise InputError(f"{sheet.path}:{line}: {len(texts)} cells but the header (line {sheet.header_line}) "
                             f"has {sheet.width}")
        data.append((line, cells))
    return data, totals


def _decimal_separator(sheet: _Columns, rows: list[tuple[int, list[object]]]) -> str | None:
    """The file's decimal separator from the evidence of its money columns first, then any numeric column;
    two files' worth of evidence (1,5 and 2.5) is an error naming both cells."""
    for group in (MONEY, NUMERIC):
        seen: dict[str, tuple[int, str, object]] = {}
        for line, cells in rows:
            for f in (f for f in group if f in sheet.cols):
                v = sheet.cell(cells, f)
                ev = V.decimal_evidence(v) if isinstance(v, str) else None
                if ev and ev not in seen:
                    seen[ev] = (line, f, v)
                    if len(seen) == 2:
                        o_line, o_f, o_v = seen["," if ev == "." else "."]
                        raise InputError(
                            f"{sheet.where(line, f)}: {v!r} uses {ev!r} as decimal separator "
                            f"but {o_v!r} (line {o_line}, column {sheet.names[sheet.cols[o_f]]!r}) uses the other one")
        if seen:
            return next(iter(seen))
    return None


def _date_order(sheet: _Columns, data: list[tuple[int, list[object]]]) -> str | None:
    """Day/month order of numeric dates from the cells that tell (13/10), else the platform's own."""
    seen: dict[str, int] = {}
    for line, cells in data:
        for f in ("date", "report_start", "report_end"):
            if f in sheet.cols and (ev := V.date_order_evidence(sheet.cell(cells, f))):
                seen.setdefault(ev, line)
                if len(seen) == 2:
                    raise InputError(f"{sheet.where(line, f)}: {sheet.text(cells, f)!r} contradicts the day/month "
                                     f"order of line {seen['dmy' if ev == 'mdy' else 'mdy']}")
    return next(iter(seen)) if seen else sheet.plat.date_order


def _campaign_row(sheet: _Columns, line: int, cells: list[object], num, day, default_currency: str | None
                  ) -> dict[str, Any]:
    cols, plat = sheet.cols, sheet.plat
    if "date" in cols:
        d = day(line, cells, "date")
    else:
        d, d2 = day(line, cells, "report_start"), day(line, cells, "report_end")
        if d != d2:
            raise InputError(
                f"{sheet.path}:{line}: columns {sheet.names[cols['report_start']]!r}/"
                f"{sheet.names[cols['report_end']]!r}: row covers {d}..{d2}; expected one day per row "
                "(export with a daily time breakdown)")
    campaign = sheet.text(cells, "campaign")
    if not campaign:
        raise InputError(f"{sheet.where(line, 'campaign')}: expected a campaign name, the cell is empty")
    row: dict[str, Any] = {f: num(line, cells, f) for f in NUMERIC}
    for f in INTEGERS:
        if row.get(f) is not None:
            row[f] = int(row[f])
    for f in ("ctr", "cpc"):
        row.pop(f)
    cost = row["cost"]
    if cost is not None and cost < 0:
        raise InputError(f"{sheet.where(line, 'cost')}: expected a cost >= 0, got {cost}")
    currency = sheet.text(cells, "currency").upper() or default_currency
    if currency and not re.fullmatch(r"[A-Z]{3}", currency):
        raise InputError(f"{sheet.where(line, 'currency')}: expected an ISO currency code such as EUR, "
                         f"got {currency!r}")
    channel = plat.channel
    if plat.id == "google_ads" and "campaign_type" in cols:
        channel = google_channel(sheet.text(cells, "campaign_type"))
    row.update(
        date=d, platform=plat.id, channel=channel, account=sheet.text(cells, "account") or None,
        campaign=campaign, campaign_id=sheet.text(cells, "campaign_id") or None,
        ad_group=sheet.text(cells, "ad_group") or None, currency=currency,
        result_indicator=sheet.text(cells, "result_indicator") or None, source_file=str(sheet.path), source_line=line,
    )
    return row


def _describe(info: FileImport, sheet: _Columns, out: list[dict[str, Any]], totals: list,
              preamble: list[tuple[int, list[object]]]) -> None:
    """Rows, period, currencies and warnings of the import."""
    for _, cells in preamble:  # Microsoft's report header block announces its row count
        m = ROWS_RE.match(_text(cells[0])) if cells else None
        if m and int(m.group(1)) not in (len(out), len(out) + len(totals)):  # with or without its Total row
            info.warnings.append(f"the report header says {m.group(1)} rows but {len(out)} campaign rows were read")
    info.rows = len(out)
    info.start = min(r["date"] for r in out).isoformat()
    info.end = max(r["date"] for r in out).isoformat()
    info.currencies = sorted({r["currency"] for r in out if r["currency"]})
    if not info.currencies:
        info.warnings.append("the file states no currency: amounts are taken to be in the report currency")
    if sheet.plat.id == "meta_ads" and "clicks" not in sheet.cols and "clicks_all" in sheet.cols:
        info.warnings.append("no 'Link clicks' column: clicks, CTR and CPC are not reported (Clicks (all) is not used)")


def _check_totals(info: FileImport, totals, rows, num) -> None:
    """Compare the file's own totals row with the sum of its rows (a mismatch is a warning, not an error)."""
    if not totals:
        return

    def label(cells) -> str:
        return next((_text(c) for c in cells if TOTAL_RE.match(_text(c))), "")

    def rank(item) -> int:
        lab = label(item[1]).lower()
        if re.fullmatch(r"total\s*:\s*(campaigns|campagnes)", lab):
            return 0  # the sum of the rows shown
        return 1 if re.fullmatch(r"total\s*:\s*(account|compte)|totals?|totaux", lab) else 2

    line, cells = sorted(totals, key=rank)[0]
    got = {f: num(line, cells, f) for f in METRICS}
    info.totals_row = {"line": line, "label": label(cells), **{k: (float(v) if v is not None else None) for k, v in got.items()}}
    ok = True
    for f, v in got.items():
        if v is None:
            continue
        total = sum((r[f] for r in rows if r[f] is not None), Decimal(0))
        tolerance = Decimal("0.005") if f in ("cost", "conversion_value") else Decimal("0.5") if f in INTEGERS else Decimal("0.01")
        if abs(total - v) > tolerance:
            ok = False
            info.warnings.append(f"line {line}: the file's total {f} is {v} but its rows add up to {total}")
    info.totals_match = ok
