"""Import analytics and Search Console exports into the client's traffic.duckdb.

All files are read and validated first, so one bad file aborts before anything is written; then each file
is written in its own transaction, replacing what the same file gave before (see store.py).
"""

from __future__ import annotations

import contextlib
import gc
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from crawler.analytics import store
from crawler.analytics.columns import to_frame
from crawler.analytics.formats import GSC_FILTERS, KINDS, PLAUSIBLE_SKIPPED, Match, detect
from crawler.analytics.reader import Document, Table, read_documents
from crawler.analytics.values import normalise_header, parse_date
from crawler.common.errors import InputError
from crawler.logs.channels import channel_for, channel_for_source
from crawler.logs.referrers.lookup import classify_host, source_category


@dataclass
class ImportResult:
    file: str  # the file, or "export.zip:Queries.csv" for a ZIP member
    kind: str  # ga4_traffic, ga4_landing_pages, ga4_pages, ga4_daily, matomo_referrers, ..., gsc_performance
    label: str
    dimension: str  # what the rows are by: session_default_channel_group, query, page, ...
    rows: int
    import_id: int = 0
    replaced: int = 0  # earlier imports of the same file and kind that this one replaced
    skipped_rows: int = 0  # total rows ("Grand total") left out
    lang: str = ""
    date_start: date | None = None
    date_end: date | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Planned:
    result: ImportResult
    doc: Document
    table: Table
    match: Match
    frame: pd.DataFrame
    meta: dict


_MATOMO_TYPES = {
    "1": "Direct", "direct": "Direct", "direct entry": "Direct", "entree directe": "Direct",
    "2": "Organic Search", "search": "Organic Search", "search engines": "Organic Search",
    "moteurs de recherche": "Organic Search",
    "3": "Referral", "website": "Referral", "websites": "Referral", "sites web": "Referral",
    "7": "Organic Social", "social": "Organic Social", "social networks": "Organic Social",
    "reseaux sociaux": "Organic Social",
    "6": "Unassigned", "campaign": "Unassigned", "campaigns": "Unassigned", "campagnes": "Unassigned",
}
_CATEGORY_CHANNEL = {"SEARCH": "Organic Search", "SOCIAL": "Organic Social", "VIDEO": "Organic Video",
                     "SHOPPING": "Organic Shopping"}


def _name_channel(name: str) -> str:
    """Channel of a bare referrer name or host (Plausible's "Google", Matomo's "facebook.com")."""
    category = source_category(name)
    if category:
        return _CATEGORY_CHANNEL[category]
    kind = classify_host(name.lower()).kind if "." in name else ""
    return {"search": "Organic Search", "social": "Organic Social"}.get(kind, "Referral")


def _source_channel(source: str, referrer: str, utm_source: str, utm_medium: str, utm_campaign: str) -> str:
    """GA4 channel of a Plausible sources row (its own source name, referrer host and UTM values)."""
    if utm_medium or utm_source:
        return channel_for_source(utm_source or source or "(not set)", utm_medium or "(not set)",
                                  utm_campaign or "(not set)")
    if not source or normalise_header(source) in {"direct / none", "direct"}:
        return "Direct"
    if referrer:
        return channel_for("/", referrer if "//" in referrer else "https://" + referrer)
    return _name_channel(source)


def _referrer_channel(label: str, referrer_type: str) -> str:
    """GA4 channel of a Matomo referrers row: its referrer type, else its label (a channel type or a host)."""
    return _MATOMO_TYPES.get(normalise_header(referrer_type)) or _MATOMO_TYPES.get(normalise_header(label)) or (
        _name_channel(label) if label else "Unassigned")


def _add_channels(kind: str, frame: pd.DataFrame) -> None:
    """GA4 channel of each Plausible source / Matomo referrer row, so all platforms share one vocabulary.
    Classified once per distinct combination, not per row."""
    if kind == "plausible_sources":
        fn, names = _source_channel, ["source", "referrer", "utm_source", "utm_medium", "utm_campaign"]
    elif kind == "matomo_referrers":
        fn, names = _referrer_channel, ["label", "referrer_type"]
    else:
        return
    cols = [frame[n].fillna("").astype(str) if n in frame else pd.Series([""] * len(frame)) for n in names]
    keys = list(zip(*cols, strict=True))
    cache = {key: fn(*key) for key in set(keys)}
    frame["channel"] = pd.Series([cache[k] for k in keys], dtype="string", index=frame.index)


def _period(table: Table, frame: pd.DataFrame) -> tuple[date | None, date | None]:
    start, end = table.meta.get("start"), table.meta.get("end")
    if start and end:
        with contextlib.suppress(ValueError):
            return parse_date(start), parse_date(end)
    if "date" in frame and frame["date"].notna().any():
        return frame["date"].min().date(), frame["date"].max().date()
    return None, None


def _unknown(table: Table, nearest: Match | None) -> InputError:
    found = ", ".join(repr(h) for h in table.headers[:12]) or "none"
    nearest_text = ""
    if nearest is not None and nearest.score:
        nearest_text = (f"nearest known format {nearest.kind.label} expects "
                        + ", ".join(nearest.kind.example_headers()) + "; ")
    known = ", ".join(dict.fromkeys(k.label for k in KINDS if k.table))
    return InputError(f"{table.source}:{table.header_line}: unknown export format; found headers {found}; "
                      f"{nearest_text}known formats: {known} (headers in English or French)")


def plan_file(path: Path) -> list[_Planned]:
    """Read and validate one file (CSV or ZIP) into planned imports; raises InputError on anything bad."""
    planned: list[_Planned] = []
    unknown: list[tuple[Table, Match | None]] = []
    skipped: list[str] = []
    filters: dict[str, str] = {}
    filters_lang = ""
    for doc in read_documents(path):
        base = doc.member.rsplit("/", 1)[-1].lower()
        if doc.member and base.startswith(PLAUSIBLE_SKIPPED):
            skipped.append(f"{path}:{doc.member}: skipped (not shown in the report)")
            continue
        for table in doc.tables:
            best, nearest = detect(table.headers, doc.member or path.name)
            if best is None:
                unknown.append((table, nearest))
                continue
            frame, total_rows = to_frame(table, best)
            if best.kind is GSC_FILTERS:
                filters_lang = best.lang
                filters.update(dict(zip(frame["filter"].fillna(""), frame["value"].fillna(""), strict=True)))
            start, end = _period(table, frame)
            _add_channels(best.kind.id, frame)
            result = ImportResult(table.source, best.kind.id, best.kind.label, best.dimension, len(frame),
                                  skipped_rows=total_rows, lang=best.lang, date_start=start, date_end=end)
            planned.append(_Planned(result, doc, table, best, frame, dict(table.meta)))
    if not [p for p in planned if p.match.kind is not GSC_FILTERS] and not (filters and not unknown):
        if unknown:
            raise _unknown(*unknown[0])
        raise InputError(f"{path}: no data table found (empty file?)")
    warnings = skipped + [f"{t.source}:{t.header_line}: table skipped, unknown headers "
                          f"{', '.join(t.headers[:6])}" for t, _ in unknown]
    _share_zip_context(planned, filters, filters_lang)
    if planned:
        planned[0].result.warnings += warnings
    return planned


def _share_zip_context(planned: list[_Planned], filters: dict[str, str], filters_lang: str) -> None:
    """A Search Console ZIP has one period (its Dates.csv) and one set of filters (Filters.csv) for all."""
    gsc = [p for p in planned if p.match.kind.platform == "gsc"]
    dated = [p.result for p in gsc if p.result.date_start]
    start, end = (min(r.date_start for r in dated), max(r.date_end for r in dated)) if dated else \
        _filter_period(filters, filters_lang)
    if start and end:
        for p in gsc:
            p.result.date_start = p.result.date_start or start
            p.result.date_end = p.result.date_end or end
    if filters:
        for p in gsc:
            p.meta["filters"] = filters


_FILTER_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}")


def _filter_period(filters: dict[str, str], lang: str) -> tuple[date | None, date | None]:
    """The period in Filters.csv's Date row when it names two dates ("2026-09-01 - 2026-10-31")."""
    for name, value in filters.items():
        if normalise_header(name) == "date":
            found = _FILTER_DATE.findall(value)
            if len(found) == 2:
                with contextlib.suppress(ValueError):
                    return parse_date(found[0], lang), parse_date(found[1], lang)
    return None, None


def _write(con: duckdb.DuckDBPyConnection, path: Path, plans: list[_Planned]) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        for p in plans:
            r = p.result
            previous = store.previous_imports(con, path=str(path.resolve()), member=p.doc.member,
                                              sha256=p.doc.sha256, kind=r.kind, table_index=p.table.index)
            store.delete_imports(con, previous)
            r.replaced = len(previous)
            r.import_id = store.next_import_id(con)
            store.insert_lineage(
                con, r.import_id, kind=r.kind, platform=p.match.kind.platform, dimension=r.dimension or None,
                file_path=str(path.resolve()), member=p.doc.member, table_index=p.table.index,
                sha256=p.doc.sha256, size=p.doc.size, rows=r.rows, lang=r.lang, title=p.meta.get("title"),
                property=p.meta.get("property"), date_start=r.date_start, date_end=r.date_end, meta=p.meta,
            )
            if p.match.kind.table:
                store.insert_frame(con, p.match.kind.table, p.frame.assign(import_id=r.import_id))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def _gc_paused():
    """Reading a big export builds millions of small lists the cyclic GC would re-scan again and again
    (none of them cyclic): pausing it halves the import time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(db_path))
    except duckdb.IOException as exc:
        raise InputError(f"{db_path}: cannot open the traffic database ({exc})") from None


def import_exports(files: list[Path], db_path: Path) -> list[ImportResult]:
    """Import GA4 / Matomo / Plausible / Search Console exports (CSV, ZIP or XLSX) into ``db_path``.

    The kind of each file is detected from its headers (English or French). Re-importing a file replaces
    its earlier import. Raises InputError naming the file, line and column of the first bad value, or the
    headers found and expected for an unknown file; in that case nothing is written.
    """
    with _gc_paused():
        plans = [(Path(f), plan_file(Path(f))) for f in files]
    results: list[ImportResult] = []
    con = connect(Path(db_path))
    try:
        store.ensure_schema(con)
        for path, file_plans in plans:
            _write(con, path, file_plans)
            results += [p.result for p in file_plans]
    finally:
        con.close()
    return results
