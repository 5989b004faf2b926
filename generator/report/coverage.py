"""What days a page's figures cover, said only when it is not simply the report's period."""

from __future__ import annotations

from generator.report.data import ReportData
from generator.report.fmt import Formatter, parse_date
from generator.report.i18n import Labels


def coverage_note(data: ReportData, start: object, end: object, fmt: Formatter, L: Labels) -> str:
    """"" when the data fills the period; "the data ends on …" when it stops early; the data's own dates
    when the report has no period."""
    if data.period is None:
        return L("labelled", label=L.period, value=fmt.period(start, end)) if (start or end) else ""
    last = parse_date(end)
    if last is None or last >= data.period.end:
        return ""
    first = max(parse_date(start) or data.period.start, data.period.start)
    return L("data_ends_early", date=fmt.date(last), covered=fmt.period(first, last))
