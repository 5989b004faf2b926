"""Cell values and file shapes: decimal commas, percentages, durations, dates, encodings, delimiters."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from crawler.analytics import import_exports
from crawler.analytics.values import (
    normalise_header,
    parse_date,
    parse_duration,
    parse_int,
    parse_number,
    parse_rate,
)
from crawler.common.errors import InputError


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1234", "", 1234), ("1,234", "en", 1234), ("1,234", "fr", 1.234), ("1 234,5", "fr", 1234.5),
        ("1\u202f234,5", "fr", 1234.5), ("1.234,5", "", 1234.5), ("1,234.5", "en", 1234.5), ("7,4", "", 7.4),
        ("-3.5", "", -3.5), ("", "", None), ("-", "", None), ("(not set)", "", None),
    ],
)
def test_parse_number(text, lang, expected):
    assert parse_number(text, lang) == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("10,34 %", "fr", 0.1034), ("3.2%", "en", 0.032), ("0.65996", "", 0.65996), ("45", "", 0.45), ("0 %", "fr", 0)],
)
def test_parse_rate(text, lang, expected):
    assert parse_rate(text, lang) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["abc", "150 %", "12..3"])
def test_parse_rate_rejects(text):
    with pytest.raises(ValueError, match="expected"):
        parse_rate(text)


def test_parse_int_rejects_fractions():
    with pytest.raises(ValueError, match="whole number"):
        parse_int("1.5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("135", 135), ("135.5", 135.5), ("00:02:15", 135), ("2:15", 135), ("1:00:00", 3600), ("2 min 15s", 135),
     ("45s", 45)],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("2026-09-01", "", date(2026, 9, 1)), ("20260901", "", date(2026, 9, 1)), ("01/09/2026", "fr", date(2026, 9, 1)),
     ("09/01/2026", "en", date(2026, 9, 1)), ("Sep 1, 2026", "en", date(2026, 9, 1))],
)
def test_parse_date(text, lang, expected):
    assert parse_date(text, lang) == expected


def test_normalise_header():
    assert normalise_header("\ufeffGroupe de canaux par défaut de la session") == \
        "groupe de canaux par defaut de la session"
    assert normalise_header("Source/Support de la session") == normalise_header("Source / support de la session")
    assert normalise_header("Taux d\u2019engagement") == "taux d'engagement"


def _rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_excel_french_resave_semicolons_cp1252(tmp_path):
    """A Queries.csv opened and saved again by a French Excel: ';' separator, Windows-1252, decimal commas."""
    f = tmp_path / "Requêtes.csv"
    f.write_bytes("Requêtes les plus fréquentes;Clics;Impressions;CTR;Position\r\n"
                  "sac à dos 30l;51;3 120;1,63 %;9,9\r\n".encode("cp1252"))
    [r] = import_exports([f], tmp_path / "t.duckdb")
    assert (r.kind, r.dimension, r.lang) == ("gsc_performance", "query", "fr")
    assert _rows(tmp_path / "t.duckdb", "SELECT key, clicks, impressions, ctr, position FROM gsc_performance") == [
        ("sac à dos 30l", 51, 3120, pytest.approx(0.0163), pytest.approx(9.9))]


def test_tab_separated_utf8_bom(tmp_path):
    f = tmp_path / "pages.tsv"
    f.write_bytes("\ufeffTop pages\tClicks\tImpressions\tCTR\tPosition\nhttps://x.example/\t3\t30\t10%\t2.5\n"
                  .encode("utf-8"))
    [r] = import_exports([f], tmp_path / "t.duckdb")
    assert r.dimension == "page" and r.rows == 1


def test_quoted_field_spanning_lines_keeps_line_numbers(tmp_path):
    f = tmp_path / "Queries.csv"
    f.write_text('Top queries,Clicks,Impressions,CTR,Position\n"two\nlines",1,10,10%,3\nok,x,10,10%,3\n',
                 encoding="utf-8")
    with pytest.raises(InputError, match=r"Queries.csv:4: column 'Clicks'"):
        import_exports([f], tmp_path / "t.duckdb")


def test_big_plain_columns_take_the_fast_path_with_empty_cells(tmp_path):
    f = tmp_path / "imported_visitors.csv"
    lines = ["date,visitors,pageviews,bounces,visits,visit_duration"]
    lines += [f"2026-{9 + i // 30:02d}-{1 + i % 30:02d},{i},{2 * i},,{i + 1},{i}.5" for i in range(60)]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [r] = import_exports([f], tmp_path / "t.duckdb")
    assert (r.rows, r.date_start, r.date_end) == (60, date(2026, 9, 1), date(2026, 10, 30))
    assert _rows(tmp_path / "t.duckdb", "SELECT sum(visitors), count(bounces), sum(visit_duration) FROM"
                                        " plausible_visitors") == [(1770, 0, pytest.approx(1800.0))]


def test_impossible_date_in_plain_column_names_the_line(tmp_path):
    f = tmp_path / "imported_visitors.csv"
    f.write_text("date,visitors,pageviews,bounces,visits,visit_duration\n2026-09-01,1,1,0,1,5\n"
                 "2026-02-30,1,1,0,1,5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"imported_visitors.csv:3: column 'date': expected a date"):
        import_exports([f], tmp_path / "t.duckdb")
