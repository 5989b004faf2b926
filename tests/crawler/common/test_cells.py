"""Numbers and dates as platforms write them: separators decided per file, ambiguity refused."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from crawler.common import cells as V


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234.50", "."), ("1\u00a0234,50", ","), ("12,5", ","), ("0,123", ","), ("12.50", "."),
        ("1,234,567", "."), ("1.234.567", ","), ("12,345", None), ("1\u202f234", None), ("--", None), ("17", None),
        ("10,34\u00a0%", ","),
    ],
)  # fmt: skip
def test_decimal_evidence(raw, expected):
    assert V.decimal_evidence(raw) == expected


@pytest.mark.parametrize(
    ("raw", "sep", "expected"),
    [
        ("1\u00a0020,50", ",", "1020.50"),  # no-break space
        ("1\u202f020,50", ",", "1020.50"),  # narrow no-break space
        ("1 020,50 €", ",", "1020.50"),
        ("1,020.50", ".", "1020.50"),
        ("12,345", ",", "12.345"),
        ("12,345", ".", "12345"),
        ("10,34\u00a0%", ",", "0.1034"),
        ("15.53%", ".", "0.1553"),
        ("-3,5", ",", "-3.5"),
        ("\u221212,50", ",", "-12.50"),
    ],
)
def test_parse_number(raw, sep, expected):
    assert V.parse_number(raw, sep) == Decimal(expected)


@pytest.mark.parametrize("raw", ["--", "", "  ", None])
def test_not_reported_is_null_not_zero(raw):
    assert V.parse_number(raw, ".") is None


def test_ambiguous_value_is_refused_when_the_file_says_nothing():
    with pytest.raises(V.ValueProblem, match="ambiguous number '12,345'"):
        V.parse_number("12,345", None)


def test_count_columns_read_groups_without_a_decimal_separator():
    assert V.parse_number("12,345", None, integer=True) == 12345
    assert V.parse_number("12.345", None, integer=True) == 12345


@pytest.mark.parametrize("raw", ["12.3x", "1,2,3", "1,23,456", "abc", "1.234,50"])
def test_garbage_is_refused(raw):
    with pytest.raises(V.ValueProblem):
        V.parse_number(raw, ".")


def test_decide_decimal_refuses_contradiction():
    assert V.decide_decimal(["12,345", "1 234,50"]) == ","
    assert V.decide_decimal(["12,345"], fallback=None) is None
    with pytest.raises(V.ValueProblem):
        V.decide_decimal(["1,234.50", "12,50"])


def test_date_order_from_evidence():
    assert V.decide_date_order(["03/04/2026", "13/04/2026"]) == "dmy"
    assert V.decide_date_order(["04/03/2026", "04/13/2026"]) == "mdy"
    assert V.decide_date_order(["03/04/2026"]) is None
    assert V.decide_date_order(["03/04/2026"], fallback="mdy") == "mdy"
    with pytest.raises(V.ValueProblem):
        V.decide_date_order(["13/04/2026", "04/13/2026"])


@pytest.mark.parametrize(
    ("raw", "order", "expected"),
    [
        ("2026-09-01", None, date(2026, 9, 1)),
        ("2026/09/01", None, date(2026, 9, 1)),
        ("9/13/2026", "mdy", date(2026, 9, 13)),
        ("13/09/2026", "dmy", date(2026, 9, 13)),
        ("Tue, Sep 1, 2026", None, date(2026, 9, 1)),
        ("1 sept. 2026", None, date(2026, 9, 1)),
        ("1er octobre 2026", None, date(2026, 10, 1)),
        (datetime(2026, 9, 1, 0, 0), None, date(2026, 9, 1)),
        (46266, None, date(2026, 9, 1)),  # Excel serial
    ],
)
def test_parse_date(raw, order, expected):
    assert V.parse_date(raw, order) == expected


def test_ambiguous_date_is_refused():
    with pytest.raises(V.ValueProblem, match="day/month order is unknown"):
        V.parse_date("03/04/2026", None)
    with pytest.raises(V.ValueProblem):
        V.parse_date("13/13/2026", "dmy")


def test_one_date_reader_for_both_importers():
    """The analytics importer reads dates through the campaign importer's reader (one parse_date)."""
    from crawler.analytics.values import parse_date as analytics_date

    assert V.parse_date("20260901", None) == date(2026, 9, 1)  # GA4's compact dates
    assert analytics_date("20260901") == date(2026, 9, 1)
    assert analytics_date("01/09/2026", "fr") == date(2026, 9, 1)
    assert analytics_date("09/01/2026", "en") == date(2026, 9, 1)
    assert analytics_date("Sep 1, 2026", "en") == date(2026, 9, 1)
    assert analytics_date("1 sept. 2026", "fr") == date(2026, 9, 1)
    assert analytics_date("(not set)") is None


def test_one_number_reader_for_both_importers():
    """The analytics importer reads numbers through the same reader as the campaign importer; the cell's
    evidence decides, the file's language only settles what the cell leaves open."""
    from crawler.analytics.values import parse_number as analytics_number

    for text, lang in (("1 234,5", "fr"), ("1,234.5", "en"), ("7,4", ""), ("1.234.567", "fr"), ("1'234", "")):
        sep = V.decimal_evidence(text) or ("," if lang == "fr" else ".")
        assert analytics_number(text, lang) == float(V.parse_number(text, sep))
    assert analytics_number("1,234", "en") == 1234 and analytics_number("1,234", "fr") == 1.234
