"""Numbers, money, percentages, changes and dates in French and English."""

import math

import pytest

from generator.report.fmt import MINUS, NBSP, NNBSP, NULL, Formatter

FR = Formatter("fr", "EUR")
EN = Formatter("en", "EUR")


def test_french_numbers_use_narrow_no_break_space_and_decimal_comma():
    assert FR.number(1234.5, 1) == f"1{NNBSP}234,5"
    assert FR.integer(1234567) == f"1{NNBSP}234{NNBSP}567"
    assert FR.number(-1234.5, 1) == f"{MINUS}1{NNBSP}234,5"


def test_english_numbers():
    assert EN.number(1234.5, 1) == "1,234.5"
    assert EN.integer(1234567) == "1,234,567"


def test_money():
    assert FR.money(1234.5) == f"1{NNBSP}234,50{NBSP}€"
    assert EN.money(1234.5) == "€1,234.50"
    assert EN.money(12, "CHF") == f"CHF{NBSP}12.00"  # CLDR currency spacing
    assert EN.money(1200, "JPY") == "¥1,200"  # the currency's own decimals (none)
    assert FR.money(-3) == f"{MINUS}3,00{NBSP}€"


def test_percent_from_fraction():
    assert FR.percent(0.0342) == f"3,4{NBSP}%"  # CLDR (Babel)
    assert EN.percent(0.0342, 2) == "3.42%"


@pytest.mark.parametrize("value", [None, math.nan, float("nan")])
def test_missing_values_show_a_dash(value):
    for f in (FR, EN):
        assert f.number(value) == NULL
        assert f.money(value) == NULL
        assert f.percent(value) == NULL
        assert f.change(value, 10) == NULL
        assert f.points(value, 0.1) == NULL


def test_changes():
    assert FR.change(110, 100) == f"+10,0{NBSP}%"
    assert FR.change(90, 100) == f"{MINUS}10,0{NBSP}%"
    assert EN.change(5, 0) == "new"
    assert FR.change(5, 0) == "nouveau"
    assert FR.change(0, 0) == NULL
    assert FR.points(0.05, 0.04) == f"+1,0{NBSP}pt"
    assert FR.diff(84, 78) == "+6"
    assert FR.diff(1, 2) == f"{MINUS}1"


def test_dates():
    assert FR.date("2026-09-12") == f"12{NBSP}sept.{NBSP}2026"
    assert EN.date("2026-09-12T10:00:00+02:00") == f"12{NBSP}Sep{NBSP}2026"
    assert FR.date("20261101T060000") == f"1{NBSP}nov.{NBSP}2026"
    assert FR.date(None) == NULL
    assert FR.period("2026-09-01", "2026-10-31") == f"du 1{NBSP}sept.{NBSP}2026 au 31{NBSP}oct.{NBSP}2026"


def test_parse_date_reads_summaries_through_the_one_date_reader():
    from datetime import date

    from generator.report.fmt import parse_date

    assert parse_date("2026-11-01T06:02:00+00:00") == date(2026, 11, 1)
    assert parse_date("20261101T060000") == date(2026, 11, 1)   # a crawl folder's stamp
    assert parse_date("2026-09-12") == date(2026, 9, 12)
    assert parse_date("") is None and parse_date("n/a") is None and parse_date(None) is None


def test_periods_are_named_in_the_client_language():
    from crawler.common.period import Period

    october, q3 = Period.parse("2026-10"), Period.parse("2026-Q3")
    assert FR.period_name(october) == "octobre 2026" and EN.period_name(october) == "October 2026"
    assert FR.period_dates(october) == f"1er–\u206031{NBSP}octobre{NBSP}2026"
    assert EN.period_dates(october) == f"October{NBSP}1–\u206031,{NBSP}2026"
    assert FR.period_name(q3) == f"T3{NBSP}2026" and EN.period_name(q3) == f"Q3{NBSP}2026"
    span = Period.parse("2026-09-28_2026-10-04")
    assert FR.period_name(span) == f"28{NBSP}septembre – 4{NBSP}octobre{NBSP}2026"
    assert FR.day(october.start) == f"1er{NBSP}octobre{NBSP}2026" and FR.day(october.end) == f"31{NBSP}octobre{NBSP}2026"
