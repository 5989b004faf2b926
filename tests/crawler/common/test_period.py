"""The reporting period: parsing, the period it is compared with, keys, and bad input."""

from datetime import date

import pytest

from crawler.common.errors import InputError
from crawler.common.period import Period, from_options


@pytest.mark.parametrize(("text", "start", "end", "kind"), [
    ("2026-10", date(2026, 10, 1), date(2026, 10, 31), "month"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "quarter"),
    ("2026-q1", date(2026, 1, 1), date(2026, 3, 31), "quarter"),
    ("2026", date(2026, 1, 1), date(2026, 12, 31), "year"),
    ("2026-10-01_2026-10-15", date(2026, 10, 1), date(2026, 10, 15), "range"),
])
def test_parse(text, start, end, kind):
    p = Period.parse(text)
    assert (p.start, p.end, p.kind) == (start, end, kind)
    assert Period.parse(p.key) == p  # the key is the folder name: it reads back


def test_previous_is_the_period_of_the_same_kind_before():
    assert Period.parse("2026-10").previous() == Period.parse("2026-09")  # not 31 Aug - 30 Sep
    assert Period.parse("2026-03").previous() == Period.parse("2026-02")
    assert Period.parse("2026-01").previous() == Period.parse("2025-12")
    assert Period.parse("2026-Q1").previous() == Period.parse("2025-Q4")
    assert Period.parse("2026").previous() == Period.parse("2025")
    custom = Period.between(date(2026, 10, 1), date(2026, 10, 15))
    assert custom.previous() == Period.between(date(2026, 9, 16), date(2026, 9, 30))
    assert custom.previous().days == custom.days == 15


def test_year_before():
    assert Period.parse("2026-10").year_before() == Period.parse("2025-10")
    assert Period.parse("2026-Q3").year_before() == Period.parse("2025-Q3")
    leap = Period.between(date(2024, 2, 20), date(2024, 2, 29))
    assert leap.year_before() == Period.between(date(2023, 2, 20), date(2023, 2, 28))


def test_a_range_that_is_a_month_is_the_month():
    assert Period.between(date(2026, 10, 1), date(2026, 10, 31)).kind == "month"
    assert Period.between(date(2026, 7, 1), date(2026, 9, 30)).kind == "quarter"
    assert Period.between(date(2026, 7, 2), date(2026, 9, 30)).kind == "range"


def test_last_complete_month():
    assert Period.last_complete_month(date(2026, 10, 31)) == Period.parse("2026-10")
    assert Period.last_complete_month(date(2026, 11, 3)) == Period.parse("2026-10")
    assert Period.last_complete_month(date(2026, 1, 15)) == Period.parse("2025-12")


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "october", "26-10", "2026-10-01", "2026-02-30_2026-03-01", ""])
def test_bad_periods_are_refused_with_the_expected_forms(text):
    with pytest.raises(InputError, match=r"expected YYYY-MM \(2026-10\), YYYY-Qn \(2026-Q3\) or YYYY"):
        Period.parse(text)


def test_options():
    assert from_options(None, None, None) is None
    assert from_options("2026-10", None, None) == Period.parse("2026-10")
    assert from_options(None, "2026-10-01", "2026-10-15").key == "2026-10-01_2026-10-15"
    with pytest.raises(InputError, match="either --period or --from/--to"):
        from_options("2026-10", "2026-10-01", None)
    with pytest.raises(InputError, match="--from and --to go together"):
        from_options(None, "2026-10-01", None)
    with pytest.raises(InputError, match="--to '2026-10-32': expected a date YYYY-MM-DD"):
        from_options(None, "2026-10-01", "2026-10-32")
    with pytest.raises(InputError, match="2026-09-30 is before 2026-10-01"):
        from_options(None, "2026-10-01", "2026-09-30")
