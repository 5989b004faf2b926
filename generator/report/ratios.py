"""Footnotes that keep CPA and ROAS checkable: when some rows report no conversions (or no value), the
ratio is computed on the rows that report both, and the note prints those sums, so the division a
reader does gives the figure shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.report.common import num
from generator.report.fmt import Formatter
from generator.report.i18n import Labels

MARKS = "¹²³⁴⁵⁶⁷⁸⁹"
# (ratio, numerator sum, denominator sum, the row's printed numerator, the row's printed denominator)
CHECKED = (("cpa", "cpa_cost", "cpa_conversions", "cost", "conversions"),
           ("roas", "roas_value", "roas_cost", "conversion_value", "cost"))


def _differs(a: object, b: object) -> bool:
    x, y = num(a), num(b)
    return x is not None and y is not None and abs(x - y) > 0.005


class RatioNotes:
    """Collects one table's footnotes; ``mark(row, key)`` is the suffix for that row's CPA / ROAS cell."""

    def __init__(self, fmt: Formatter, L: Labels, currency: str) -> None:
        self.fmt, self.L, self.currency = fmt, L, currency
        self.notes: list[str] = []

    def mark(self, scope: str, row: Mapping[str, Any], key: str) -> str:
        for ratio, top, bottom, shown_top, shown_bottom in CHECKED:
            if ratio != key or num(row.get(ratio)) is None:
                continue
            if not (_differs(row.get(top), row.get(shown_top)) or _differs(row.get(bottom), row.get(shown_bottom))):
                return ""
            if len(self.notes) >= len(MARKS):
                return ""
            sign = MARKS[len(self.notes)]
            self.notes.append(f"{sign} {self._text(scope, row, ratio, top, bottom)}")
            return sign
        return ""

    def _text(self, scope: str, row: Mapping[str, Any], ratio: str, top: str, bottom: str) -> str:
        f, L, cur = self.fmt, self.L, self.currency
        if ratio == "cpa":
            return L("cpa_note", scope=scope, cost=f.money(row[top], cur), conversions=conversions_text(f, row[bottom]),
                     cpa=f.money(row["cpa"], cur), total=f.money(row["cost"], cur))
        return L("roas_note", scope=scope, value=f.money(row[top], cur), cost=f.money(row[bottom], cur),
                 roas=f.ratio(row["roas"]), total=f.money(row["cost"], cur))


def conversions_text(f: Formatter, value: object) -> str:
    """Conversions as the platforms export them: two decimals when fractional (data-driven attribution)."""
    v = num(value)
    return f.number(v, 2) if v is not None and round(v, 6) % 1 else f.integer(v)
