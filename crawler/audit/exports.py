"""Audit exports: issues.json (Foundation contract + additions), issues.csv, issues.xlsx, pages.csv.

Every file is written to a temporary name and renamed, so a crash never leaves half a file. Crawled
text is untrusted: CSV cells that a spreadsheet would run as a formula (= + - @) are prefixed with a
quote, and XLSX cells are always stored as strings, never formulas.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from crawler.audit import registry
from crawler.audit.base import CATEGORIES
from crawler.common.atomic import write_bytes
from crawler.common.text import Text

if TYPE_CHECKING:
    from crawler.audit.context import AuditContext
    from crawler.audit.result import AuditResult

ISSUE_COLUMNS = ["check", "severity", "category", "title", "url", "detail", "new", "inconclusive", "visits",
                 "googlebot_hits"]
PAGE_COLUMNS = ["url", "status", "final_url", "final_status", "content_type", "depth", "found_via", "in_sitemap",
                "robots_blocked", "indexable", "noindex", "canonical", "title", "title_length", "meta_description_length",
                "h1", "h1_count", "word_count", "html_lang", "images", "images_without_alt", "internal_outlinks",
                "inlinks", "hreflang", "response_ms", "size", "redirect_hops", "issues", "error"]


def write_atomic(path: Path, data: bytes) -> None:
    write_bytes(path, data)


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in untrusted text (OWASP CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def issues_json(result: AuditResult) -> dict[str, Any]:
    lang = result.language
    used = {i.check for i in result.issues}
    return {
        "start_url": result.start_url,
        "pages_crawled": result.pages_crawled,
        "finished": result.finished,
        "complete": result.complete,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "incomplete_reason": result.incomplete_reason,
        "language": lang,
        "health_score": result.health_score,
        "health_score_formula": "round(100 * sum over fetched internal URLs of w(worst issue) / URLs), "
                                "w(error)=0, w(warning)=0.5, w(notice or none)=1; inconclusive checks ignored",
        "counts": {"by_severity": result.counts_by_severity, "by_check": result.counts_by_check},
        "ignore_robots": result.ignore_robots,
        "robots_note": result.robots_note,
        "previous": result.has_previous,
        "persisting": result.persisting,
        "fixed": result.fixed,
        "traffic": result.has_traffic,
        "action_plan": result.action_plan,
        "check_errors": result.check_errors,
        "excluded_on_purpose": result.excluded_on_purpose,
        "checks": {c.id: c.describe(lang, result.thresholds.get(c.id)) for c in registry.all_checks()
                   if c.id in used},
        "categories": {k: v.get(lang) for k, v in CATEGORIES.items()},
        "issues": [i.to_json() for i in result.issues],
    }


def issues_summary(result: AuditResult) -> dict[str, Any]:
    """issues.json as written: built through its contract (crawler/contracts/issues.py)."""
    from crawler.contracts import IssuesSummary, build, dump

    return dump(build(IssuesSummary, issues_json(result), source="crawler.audit"))


def issues_csv(result: AuditResult) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(ISSUE_COLUMNS)
    for i in result.issues:
        d = i.to_json()
        w.writerow([safe_cell(d.get(c, "")) for c in ISSUE_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")   # BOM: Excel opens UTF-8 accents correctly


def page_rows(ctx: AuditContext, result: AuditResult) -> list[list[Any]]:
    counts: dict[str, int] = {}
    for i in result.issues:
        if not i.inconclusive:
            counts[i.url] = counts.get(i.url, 0) + 1
    rows = []
    for row in ctx.urls.values():
        if row.kind != "page":
            continue
        page = ctx.page(row.url)
        summary = ctx.summaries.get(row.url)
        f = summary.facts if summary else None
        titles = [t for t in (f.titles if f else []) if t.strip()]
        descs = [d for d in (f.meta_descriptions if f else []) if d.strip()]
        h1 = f.headings.get("h1", []) if f else []
        out = [row.url, row.status, row.final_url, row.final_status, row.content_type, row.depth, row.found_via,
               int(row.in_sitemap), int(row.robots_blocked),
               "" if page is None else int(page.indexable), "" if page is None else int(page.noindex),
               (page.canonical or "") if page else "", titles[0] if titles else "", len(titles[0]) if titles else "",
               len(descs[0]) if descs else "", h1[0] if h1 else "", len(h1) if f else "", f.word_count if f else "",
               (f.html_lang or "") if f else "", summary.images if summary else "",
               summary.images_without_alt if summary else "",
               ctx.internal_outlinks.get(row.url, 0) if f else "", ctx.a_inlinks.get(row.url, 0),
               len(ctx.hreflang_rows.get(row.url, [])), row.response_ms, row.size, row.redirect_hops,
               counts.get(row.url, 0), row.error or row.skip_reason or ""]
        rows.append(out)
    return rows


def pages_csv(ctx: AuditContext, result: AuditResult) -> bytes:
    from crawler.audit.traffic import path_of

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(PAGE_COLUMNS + (["visits", "googlebot_hits"] if result.has_traffic else []))
    for r in page_rows(ctx, result):
        if result.has_traffic:
            r = [*r, *result.traffic_by_path.get(path_of(r[0]), (0, 0, 0))[:2]]
        w.writerow([safe_cell(v) if v is not None else "" for v in r])
    return buf.getvalue().encode("utf-8-sig")


def _put(ws, row: int, col: int, value: Any):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32000]
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"   # never a formula, whatever the crawled text starts with
    return cell


def _header(ws, names: list[str]) -> None:
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="37474F")
    for c, name in enumerate(names, 1):
        cell = _put(ws, 1, c, name)
        cell.font, cell.fill = bold, fill
    ws.freeze_panes = "A2"


XLSX_TEXTS: dict[str, Text] = {
    "summary": Text("Summary", "Résumé"),
    "yes": Text("yes", "oui"),
    "no": Text("no", "non"),
    "start_url": Text("Start URL", "URL de départ"),
    "pages_crawled": Text("Pages crawled", "Pages explorées"),
    "complete": Text("Complete crawl", "Exploration complète"),
    "health_score": Text("Health score", "Score de santé"),
    "errors": Text("Errors", "Erreurs"),
    "warnings": Text("Warnings", "Avertissements"),
    "notices": Text("Notices", "Remarques"),
    "fixed": Text("Fixed since previous", "Corrigés depuis la précédente"),
}


def issues_xlsx(result: AuditResult) -> bytes:
    lang = result.language
    wb = Workbook()
    ws = wb.active
    ws.title = XLSX_TEXTS["summary"].get(lang)
    yes_no = {True: XLSX_TEXTS["yes"].get(lang), False: XLSX_TEXTS["no"].get(lang)}
    values = {"start_url": result.start_url, "pages_crawled": result.pages_crawled,
              "complete": yes_no[result.complete], "health_score": result.health_score,
              "errors": result.counts_by_severity["error"], "warnings": result.counts_by_severity["warning"],
              "notices": result.counts_by_severity["notice"], "fixed": len(result.fixed)}
    facts = [(XLSX_TEXTS[key].get(lang), value) for key, value in values.items()]
    for r, (k, v) in enumerate(facts, 1):
        _put(ws, r, 1, k).font = Font(bold=True)
        _put(ws, r, 2, v)
    start = len(facts) + 2
    cols = ["check", "severity", "category", "title", "urls", "new", "visits_at_risk", "why", "fix"]
    bold = Font(bold=True)
    for c, name in enumerate(cols, 1):
        _put(ws, start, c, name).font = bold
    checks = {c.id: c for c in registry.all_checks()}
    for r, p in enumerate(result.action_plan, start + 1):
        c = checks[p["check"]]
        values = [p["check"], p["severity"], CATEGORIES[c.category].get(lang), p["title"], p["urls"], p["new"],
                  p["visits_at_risk"], c.why.get(lang), c.fix_for(result.thresholds.get(c.id)).get(lang)]
        for col, v in enumerate(values, 1):
            _put(ws, r, col, v)
    for col, width in zip("ABCDEFGHI", (28, 10, 22, 40, 8, 8, 12, 60, 60), strict=True):
        ws.column_dimensions[col].width = width
    by_check: dict[str, list] = {}
    for i in result.issues:
        by_check.setdefault(i.check, []).append(i)
    names = ["url", "severity", "detail", "new", "inconclusive", "visits", "googlebot_hits"]
    for cid in [p["check"] for p in result.action_plan] + [c for c in by_check if c not in result.counts_by_check]:
        sheet = wb.create_sheet(cid[:31])
        _header(sheet, names)
        for r, i in enumerate(by_check[cid], 2):
            for col, v in enumerate([i.url, i.severity, i.detail, int(i.new), int(i.inconclusive), i.visits,
                                     i.googlebot_hits], 1):
                _put(sheet, r, col, v)
        sheet.column_dimensions[get_column_letter(1)].width = 70
        sheet.column_dimensions[get_column_letter(3)].width = 80
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_all(result: AuditResult, ctx: AuditContext, out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "issues.json": json.dumps(issues_summary(result), ensure_ascii=False, indent=1).encode("utf-8"),
        "issues.csv": issues_csv(result),
        "issues.xlsx": issues_xlsx(result),
        "pages.csv": pages_csv(ctx, result),
    }
    from crawler.audit.check_exports import check_files

    files.update(check_files(result))
    out = {}
    for name, data in files.items():
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out_dir / name, data)
        out[name] = out_dir / name
    return out
