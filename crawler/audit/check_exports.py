"""One CSV and one XLSX per check with findings (checks/<id>.csv, .xlsx): the affected URLs of that check,
what the report's page of the check offers for download. Headers are in the audit's language; cells are
untrusted text, neutralised as in the other exports (formulas never run).
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from crawler.audit.exports import _header, _put, safe_cell
from crawler.audit.result import AuditResult, Issue
from crawler.common.text import Text

COLUMNS: tuple[tuple[str, Text], ...] = (
    ("url", Text("URL", "URL")),
    ("severity", Text("Severity", "Gravité")),
    ("detail", Text("Detail", "Détail")),
    ("new", Text("New since the previous crawl", "Nouveau depuis le crawl précédent")),
    ("visits", Text("Visits", "Visites")),
    ("search_visits", Text("Search visits", "Visites issues de la recherche")),
    ("googlebot_hits", Text("Googlebot hits", "Passages de Googlebot")),
)
YES_NO = {True: Text("yes", "oui"), False: Text("no", "non")}


def _rows(issues: list[Issue], language: str) -> list[list[object]]:
    return [[i.url, i.severity, i.detail, YES_NO[i.new].get(language), i.visits, i.search_visits,
             i.googlebot_hits] for i in issues]


def check_files(result: AuditResult) -> dict[str, bytes]:
    """{"checks/<id>.csv": ..., "checks/<id>.xlsx": ...} for each check with conclusive findings."""
    lang = result.language
    by_check: dict[str, list[Issue]] = {}
    for i in result.issues:
        if not i.inconclusive:
            by_check.setdefault(i.check, []).append(i)
    header = [t.get(lang) for _, t in COLUMNS]
    out: dict[str, bytes] = {}
    for cid, issues in by_check.items():
        rows = _rows(issues, lang)
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(header)
        w.writerows([[safe_cell("" if v is None else v) for v in row] for row in rows])
        out[f"checks/{cid}.csv"] = buf.getvalue().encode("utf-8-sig")
        wb = Workbook()
        ws = wb.active
        ws.title = cid[:31]
        _header(ws, header)
        for r, row in enumerate(rows, 2):
            for c, v in enumerate(row, 1):
                _put(ws, r, c, v)
        ws.column_dimensions["A"].width = 70
        ws.column_dimensions["C"].width = 80
        data = io.BytesIO()
        wb.save(data)
        out[f"checks/{cid}.xlsx"] = data.getvalue()
    return out
