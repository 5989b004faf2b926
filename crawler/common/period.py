"""The reporting period: a calendar month (the default), a quarter, a year or a range of days.

A report is built for one period and compared with the previous period *of the same kind* (October with
September, Q3 with Q2, a 15-day range with the 15 days before it) and with the same period a year
earlier. The key ("2026-10", "2026-Q3", "2026", "2026-10-01_2026-10-15") names the period's folder in
the state and in the site's archive, so it is also a safe path segment.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from crawler.common.errors import InputError

Kind = Literal["month", "quarter", "year", "range"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$")
EXPECTED = "YYYY-MM (2026-10), YYYY-Qn (2026-Q3) or YYYY (2026)"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    kind: Kind = "range"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InputError(f"period: {self.end.isoformat()} is before {self.start.isoformat()}")

    # ------------------------------------------------------------------ construction

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), _month_end(year, month), "month")

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        first = 3 * (q - 1) + 1
        return cls(date(year, first, 1), _month_end(year, first + 2), "quarter")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-10``, ``2026-Q3``, ``2026`` or a key such as ``2026-10-01_2026-10-15``."""
        value = text.strip()
        try:
            if m := _MONTH.match(value):
                return cls.month(int(m[1]), int(m[2]))
            if m := _QUARTER.match(value):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := _YEAR.match(value):
                return cls.year(int(m[1]))
            if m := _RANGE.match(value):
                return cls.between(date.fromisoformat(m[1]), date.fromisoformat(m[2]))
        except ValueError:
            pass
        raise InputError(f"--period {text!r}: expected {EXPECTED}")

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """A range of days, recognised as a month, quarter or year when it is exactly one."""
        if start.day == 1 and end == _month_end(start.year, start.month):
            return cls.month(start.year, start.month)
        if start.day == 1 and start.month % 3 == 1 and end == _month_end(start.year, start.month + 2):
            return cls.quarter(start.year, start.month // 3 + 1)
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
            return cls.year(start.year)
        return cls(start, end, "range")

    @classmethod
    def last_complete_month(cls, newest_day: date) -> Period:
        """The latest calendar month that ends on or before ``newest_day`` (the newest day of data)."""
        if newest_day == _month_end(newest_day.year, newest_day.month):
            return cls.month(newest_day.year, newest_day.month)
        first = newest_day.replace(day=1) - timedelta(days=1)
        return cls.month(first.year, first.month)

    # ------------------------------------------------------------------ arithmetic

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    def previous(self) -> Period:
        """The period of the same kind just before: September for October, Q2 for Q3, N days for N days."""
        before = self.start - timedelta(days=1)
        if self.kind == "month":
            return Period.month(before.year, before.month)
        if self.kind == "quarter":
            return Period.quarter(before.year, (before.month - 1) // 3 + 1)
        if self.kind == "year":
            return Period.year(before.year)
        return Period(self.start - timedelta(days=self.days), before, "range")

    def year_before(self) -> Period:
        return Period.between(_shift_year(self.start, -1), _shift_year(self.end, -1)) if self.kind == "range" \
            else Period.parse(_year_before_key(self))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat()}


def _year_before_key(p: Period) -> str:
    year = p.start.year - 1
    if p.kind == "month":
        return f"{year}-{p.start.month:02d}"
    if p.kind == "quarter":
        return f"{year}-Q{(p.start.month - 1) // 3 + 1}"
    return str(year)


def from_options(period: str | None, start: str | None, end: str | None) -> Period | None:
    """``--period`` or ``--from``/``--to`` (both needed); None when none was given."""
    if period and (start or end):
        raise InputError("give either --period or --from/--to, not both")
    if period:
        return Period.parse(period)
    if start or end:
        if not (start and end):
            raise InputError("--from and --to go together (e.g. --from 2026-10-01 --to 2026-10-15)")
        days = []
        for flag, value in (("--from", start), ("--to", end)):
            try:
                days.append(date.fromisoformat(value))
            except ValueError:
                raise InputError(f"{flag} {value!r}: expected a date YYYY-MM-DD") from None
        return Period.between(days[0], days[1])
    return None
