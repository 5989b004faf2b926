"""Cell values of exports (numbers, dates), decided per file from the evidence of its cells, never guessed.

Part of the one tabular reader (with tabular.py): the campaign importer decides a file's decimal separator
and day/month order from all its cells; the analytics importer reads its dates here too, with the order its
file's language gives.

A file is written by one locale, so the decimal separator and the day/month order are decided once for the
whole file from the evidence in its cells (money columns first). A cell that the file's evidence cannot
settle (``12,345`` in a file with no other clue, ``03/04/2026`` when no day is above 12) is refused with the
file, line and column, rather than read one way and silently wrong by a factor of 1000 or a month.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

NULL_TOKENS = {"", "--", "-", "—", "–", "n/a", "N/A", "null"}
# Spaces used as thousands separators: space, no-break space, narrow no-break space, thin space, figure space.
_SPACES = re.compile("[ \u00a0\u202f\u2009\u2007]")
_CURRENCY = re.compile(r"[€$£¥]|\b(?:EUR|USD|GBP|CHF|CAD|AUD)\b")
_FAST_DOT = re.compile(r"^-?\d+(?:\.\d+)?$")


class ValueProblem(ValueError):
    """A cell that cannot be read; the importer adds file, line and column."""


def is_null(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() in NULL_TOKENS)


def _clean(raw: str) -> tuple[str, bool]:
    """Strip currency symbols, percent sign and spaces used as group separators; say if it was a percent."""
    s = raw.strip().replace("\u2212", "-")  # Unicode minus sign
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    s = _CURRENCY.sub("", s)
    s = _SPACES.sub("", s).replace("'", "")
    if s.startswith("(") and s.endswith(")"):  # accounting negative
        s = "-" + s[1:-1]
    return s, percent


def decimal_evidence(raw: str) -> str | None:
    """What one cell says about the decimal separator: ".", ",", or None when it says nothing.

    ``1,234.50`` -> "." ; ``1 234,50`` -> "," ; ``12,5`` -> "," ; ``12,345`` -> None (could be either);
    ``1 234`` (space grouping, no decimals) -> None.
    """
    if is_null(raw):
        return None
    s, _ = _clean(raw)
    s = s.lstrip("+-")
    if "," in s and "." in s:
        return "," if s.rfind(",") > s.rfind(".") else "."
    for sep in (",", "."):
        if sep in s:
            parts = s.split(sep)
            if len(parts) > 2:  # 1,234,567: grouping, so the other one is the decimal
                return "." if sep == "," else ","
            if len(parts[1]) != 3 or parts[0] in ("", "0"):
                return sep  # 12,5 / 12,50 / 0,123 / ,5: a decimal part, not a thousands group
            return None  # 12,345: ambiguous
    return None


def decide_decimal(cells: list[str], fallback: str | None = None) -> str | None:
    """The file's decimal separator from its cells, or ``fallback``; raises if the cells contradict each other."""
    seen: dict[str, str] = {}
    for raw in cells:
        ev = decimal_evidence(raw)
        if ev and ev not in seen:
            seen[ev] = raw
    if len(seen) == 2:
        raise ValueProblem(
            f"numbers disagree on the decimal separator: {seen['.']!r} uses '.', {seen[',']!r} uses ','"
        )
    if seen:
        return next(iter(seen))
    return fallback


def parse_number(raw: object, decimal_sep: str | None, *, integer: bool = False) -> Decimal | None:
    """Read a number cell. None for ``--`` and blanks (not reported is not zero). Percent strings -> fraction."""
    if isinstance(raw, bool):
        raise ValueProblem(f"expected a number, got {raw!r}")
    if isinstance(raw, int | float):
        value = Decimal(str(raw))
        return value
    if is_null(raw):
        return None
    assert isinstance(raw, str)
    # The common case, 1234 or 12.50 with '.' known as the decimal separator: nothing to clean.
    if _FAST_DOT.match(raw) and (decimal_sep == "." or (decimal_sep is None and "." not in raw)):
        value = Decimal(raw)
        if integer and value != value.to_integral_value():
            raise ValueProblem(f"expected a whole number, got {raw.strip()!r}")
        return value
    s, percent = _clean(raw)
    if not s:
        raise ValueProblem(f"expected a number, got {raw!r}")
    has_comma, has_dot = "," in s, "." in s
    sep = decimal_sep
    if sep is None and (has_comma or has_dot):
        ev = decimal_evidence(raw)
        if ev is None and integer:
            # a count column never has decimals: 12,345 clicks is twelve thousand, whatever the locale
            sep = "," if has_dot else "."
        elif ev is None:
            raise ValueProblem(
                f"ambiguous number {raw.strip()!r}: nothing in this file says whether ',' or '.' is the decimal "
                "separator (expected a value such as 12,50 or 1,234.50 in the money columns)"
            )
        else:
            sep = ev
    if sep is None:
        sep = "."
    group = "," if sep == "." else "."
    if group in s:
        head, _, tail = s.partition(sep)
        groups = head.lstrip("+-").split(group)
        if group in tail or not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            raise ValueProblem(f"expected a number with {sep!r} as decimal separator, got {raw.strip()!r}")
        s = s.replace(group, "")
    s = s.replace(sep, ".")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueProblem(f"expected a number, got {raw.strip()!r}") from None
    if not value.is_finite():
        raise ValueProblem(f"expected a number, got {raw.strip()!r}")
    if percent:
        value = value / 100
    if integer and value != value.to_integral_value():
        raise ValueProblem(f"expected a whole number, got {raw.strip()!r}")
    return value


# ---------------------------------------------------------------- dates

_MONTHS = {
    # English
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # French
    "janv": 1, "janvier": 1, "févr": 2, "fevr": 2, "février": 2, "fevrier": 2, "mars": 3, "avr": 4,
    "avril": 4, "mai": 5, "juin": 6, "juil": 7, "juillet": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "déc": 12, "dec.": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T\d{6})?$")  # GA4's 20260901; a crawl folder's 20261101T060000
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ ,T].*)?$")
_NAMED_MDY = re.compile(r"^(?:[A-Za-zéû]+\.?,?\s+)?([A-Za-zéèûô]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")  # Tue, Sep 1, 2026
_NAMED_DMY = re.compile(r"^(?:[A-Za-zéû]+\.?\s+)?(\d{1,2})(?:er)?\s+([A-Za-zéèûô]+)\.?\s+(\d{4})$")  # 1 sept. 2026
_EXCEL_EPOCH = date(1899, 12, 30)


def date_order_evidence(raw: object) -> str | None:
    """"dmy" or "mdy" when a numeric a/b/yyyy date proves its order (a part above 12), else None."""
    if not isinstance(raw, str):
        return None
    m = _NUMERIC.match(raw.strip())
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    return None


def needs_order(raw: object) -> bool:
    return isinstance(raw, str) and bool(_NUMERIC.match(raw.strip()))


def decide_date_order(cells: list[object], fallback: str | None = None) -> str | None:
    seen: dict[str, object] = {}
    for raw in cells:
        ev = date_order_evidence(raw)
        if ev and ev not in seen:
            seen[ev] = raw
    if len(seen) == 2:
        raise ValueProblem(f"dates disagree on day/month order: {seen['dmy']!r} is day first, {seen['mdy']!r} month first")
    return next(iter(seen)) if seen else fallback


def parse_date(raw: object, order: str | None) -> date:
    """Read a date cell (ISO, numeric with a known order, month names in EN/FR, XLSX date, Excel serial)."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 20000 < raw < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(raw))
    if is_null(raw) or not isinstance(raw, str):
        raise ValueProblem("expected a date, the cell is empty")
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    s = " ".join(raw.split())
    try:
        if m := _ISO.match(s) or _COMPACT.match(s):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _NUMERIC.match(s):
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = y + 2000 if y < 100 else y
            if order is None:
                raise ValueProblem(
                    f"ambiguous date {s!r}: no day in this file is above 12, so day/month order is unknown "
                    "(expected an ISO date 2026-09-01, or set --platform / the generic mapping's date_format)"
                )
            d, mo = (a, b) if order == "dmy" else (b, a)
            return date(y, mo, d)
        if m := _NAMED_MDY.match(s):
            mo = _MONTHS.get(m.group(1).lower().rstrip("."))
            if mo:
                return date(int(m.group(3)), mo, int(m.group(2)))
        if m := _NAMED_DMY.match(s):
            mo = _MONTHS.get(m.group(2).lower().rstrip("."))
            if mo:
                return date(int(m.group(3)), mo, int(m.group(1)))
    except ValueError as exc:
        if isinstance(exc, ValueProblem):
            raise
        raise ValueProblem(f"expected a date, got {s!r} ({exc})") from None
    raise ValueProblem(f"expected a date such as 2026-09-01, got {s!r}")


def parse_date_format(raw: object, fmt: str) -> date:
    """A date with an explicit strptime format from a generic mapping."""
    if isinstance(raw, datetime | date):
        return parse_date(raw, None)
    if is_null(raw):
        raise ValueProblem("expected a date, the cell is empty")
    try:
        return datetime.strptime(str(raw).strip(), fmt).date()
    except ValueError:
        raise ValueProblem(f"expected a date in format {fmt!r}, got {str(raw).strip()!r}") from None
