"""Numbers, money, percentages and dates in the client's language, through Babel (CLDR).

All formatting happens while building page models, so templates never compute. French: narrow no-break
space (U+202F) between thousands, decimal comma, no-break spaces before ``€`` and ``%``; a currency
symbol made of letters is spaced from the digits (``CHF 12.00``).
Negative numbers take the typographic minus (U+2212), and spaces inside a date do not break. A missing
value (None, NaN, a zero denominator upstream) is always shown as "—".
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import cache
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, get_currency_precision

from crawler.common import cells
from crawler.common.period import Period

NULL = "—"
NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before %
NBSP = "\u00a0"
MINUS = "\u2212"



@cache
def _percent_pattern(language: str, decimals: int) -> str:
    """The locale's percent pattern ("#,##0\u202f%" in French) with ``decimals`` digits."""
    pattern = Locale.parse(language).percent_formats[None].pattern
    return pattern.replace("0", "0." + "0" * decimals, 1) if decimals else pattern


# CLDR's currency spacing, which Babel leaves out: a symbol made of letters is kept apart from the digits.
_LETTER_SYMBOL = re.compile(r"^(-?[A-Za-z]{2,})(\d)")


def _minus(text: str) -> str:
    return text.replace("-", MINUS)


def _is_null(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


class Formatter:
    """Formats values for one report language and currency."""

    def __init__(self, language: Literal["fr", "en"] = "fr", currency: str = "EUR") -> None:
        self.language = language
        self.currency = currency

    # -- numbers ---------------------------------------------------------------------------------
    def number(self, value: object, decimals: int = 0) -> str:
        if _is_null(value):
            return NULL
        x = round(float(value), decimals)  # type: ignore[arg-type]
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return _minus(format_decimal(0.0 if x == 0 else x, format=pattern, locale=self.language))

    def integer(self, value: object) -> str:
        return self.number(value, 0)

    def money(self, value: object, currency: str | None = None) -> str:
        """An amount with the currency's own number of decimals (CLDR): "16 688,07 €", "€16,688.07", "¥1,200"."""
        if _is_null(value):
            return NULL
        code = currency or self.currency
        x = round(float(value), get_currency_precision(code))  # type: ignore[arg-type]
        text = format_currency(0.0 if x == 0 else x, code, locale=self.language)
        return _minus(_LETTER_SYMBOL.sub("\\1" + NBSP + "\\2", text))

    def percent(self, fraction: object, decimals: int = 1) -> str:
        """A fraction (0.0342) as a percentage ("3,4 %" / "3.4%")."""
        if _is_null(fraction):
            return NULL
        from babel.numbers import format_percent

        x = round(float(fraction) * 100, decimals) / 100  # type: ignore[arg-type]
        return _minus(format_percent(0.0 if x == 0 else x, format=_percent_pattern(self.language, decimals),
                                     locale=self.language))

    def ratio(self, value: object, decimals: int = 2) -> str:
        """A multiple such as ROAS: "4,21" / "4.21"."""
        return self.number(value, decimals)

    # -- changes ---------------------------------------------------------------------------------
    def change(self, current: object, previous: object, decimals: int = 1) -> str:
        """Relative change of a count or an amount: "+12,3 %", "new" when the base is 0."""
        if _is_null(current) or _is_null(previous):
            return NULL
        cur, prev = float(current), float(previous)  # type: ignore[arg-type]
        if prev == 0:
            return NULL if cur == 0 else ("nouveau" if self.language == "fr" else "new")
        return self._signed(self.percent((cur - prev) / abs(prev), decimals), (cur - prev))

    def points(self, current: object, previous: object, decimals: int = 1) -> str:
        """Change of a rate in percentage points: "+1,2 pt"."""
        if _is_null(current) or _is_null(previous):
            return NULL
        diff = (float(current) - float(previous)) * 100  # type: ignore[arg-type]
        unit = "pt" if self.language == "fr" else "pp"
        return self._signed(f"{self.number(abs(diff), decimals)}{NBSP}{unit}", diff)

    def diff(self, current: object, previous: object, decimals: int = 0) -> str:
        """Absolute change: "+3", "−12"."""
        if _is_null(current) or _is_null(previous):
            return NULL
        d = float(current) - float(previous)  # type: ignore[arg-type]
        return self._signed(self.number(abs(d), decimals), d)

    @staticmethod
    def _signed(text: str, delta: float) -> str:
        text = text.lstrip(MINUS)
        if delta > 0:
            return "+" + text
        if delta < 0:
            return MINUS + text
        return text

    # -- dates -----------------------------------------------------------------------------------
    def date(self, value: object) -> str:
        """ISO date or datetime -> "12 sept. 2026" / "12 Sep 2026" (spaces that do not break)."""
        d = parse_date(value)
        if d is None:
            return NULL if _is_null_str(value) else str(value)
        return format_date(d, "d MMM y", locale=self.language).replace(" ", NBSP)

    def datetime(self, value: object) -> str:
        d = parse_datetime(value)
        if d is None:
            return self.date(value)
        return f"{self.date(d.date())} {d:%H:%M}"

    def day(self, d: date, pattern: str = "d MMMM y") -> str:
        """A date in words; French writes the first of the month "1er" ("1er octobre 2026")."""
        text = format_date(d, pattern, locale=self.language)
        if self.language == "fr" and d.day == 1 and pattern.startswith("d"):
            text = "1er" + text[1:]
        return text.replace(" ", NBSP)

    def period_name(self, period: Period) -> str:
        """"octobre 2026", "T3 2026", "2026", or the dates of a range."""
        if period.kind == "month":
            return format_skeleton("yMMMM", period.start, locale=self.language)
        if period.kind == "quarter":
            return format_skeleton("yQQQ", period.start, locale=self.language).replace(" ", NBSP)
        if period.kind == "year":
            return str(period.start.year)
        return self.period_dates(period)

    def period_dates(self, period: Period) -> str:
        """"1er–31 octobre 2026" / "October 1–31, 2026"; "28 sept. – 4 oct." spans are written in full."""
        a, b = period.start, period.end
        if self.language == "fr":
            if (a.year, a.month) == (b.year, b.month):  # word joiner: "1er–31" never breaks at the dash
                return f"{self.day(a, 'd')}–\u2060{self.day(b)}"
            first = self.day(a, "d MMMM" if a.year == b.year else "d MMMM y")
            return f"{first} – {self.day(b)}"
        if (a.year, a.month) == (b.year, b.month):
            return f"{format_date(a, 'MMMM d', locale='en')}–\u2060{b.day}, {b.year}".replace(" ", NBSP)
        first = format_date(a, "MMMM d" if a.year == b.year else "MMMM d, y", locale="en")
        return f"{first} – {format_date(b, 'MMMM d, y', locale='en')}".replace(" ", NBSP)

    def period(self, start: object, end: object) -> str:
        if parse_date(start) is None and parse_date(end) is None:
            return NULL
        sep = " au " if self.language == "fr" else " to "
        prefix = "du " if self.language == "fr" else ""
        return f"{prefix}{self.date(start)}{sep}{self.date(end)}"


def _is_null_str(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def parse_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and len(value) > 10:
        text = value.strip().replace("Z", "+00:00")
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return None
    return None


def parse_date(value: object) -> date | None:
    """A date from a summary (ISO date or date-time, a crawl folder's YYYYmmddTHHMMSS), or None; read by the
    one date reader (crawler/common/cells.py)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return cells.parse_date(value.strip(), None)
    except ValueError:
        return None
