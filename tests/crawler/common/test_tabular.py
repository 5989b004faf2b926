"""The one tabular reader: encodings, dialects with line numbers, XLSX; used by analytics and campaigns."""

import io

import openpyxl
import pytest

from crawler.common.errors import InputError
from crawler.common.tabular import decode, is_workbook, read_sheets, sniff_delimiter, split_rows

TEXT = "Campagne;Coût\nÉté;1,5\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),   # Google Ads "Excel CSV", Matomo
    (TEXT.encode("utf-16-le"), "utf-16-le"),                  # no BOM: told by its NUL bytes
    (TEXT.encode("cp1252"), "cp1252"),                        # re-saved by Excel on Windows
])
def test_decode_finds_the_encoding(data, encoding):
    assert decode(data) == (encoding, TEXT)


def test_the_delimiter_is_sniffed_outside_quotes():
    assert sniff_delimiter('"a,b";c;d') == ";"
    assert sniff_delimiter("a\tb\tc") == "\t"
    assert sniff_delimiter("single") == ","


def test_rows_keep_the_line_they_start_on():
    rows = split_rows('h1,h2\n"two\nlines",x\nlast,y\n', ",", "f.csv")
    assert rows == [(1, ["h1", "h2"]), (2, ["two\nlines", "x"]), (4, ["last", "y"])]


def test_an_unreadable_record_names_its_file_and_line():
    with pytest.raises(InputError, match=r"^f\.csv:2: unreadable CSV"):
        split_rows("a,b\n" + "x" * 200_000 + ",z\n", ",", "f.csv")  # over csv's field size limit


def test_workbook_sheets_as_rows():
    book = openpyxl.Workbook()
    book.active.title = "Queries"
    book.active.append(["query", "clicks", None])
    book.active.append(["trail", 12])
    buf = io.BytesIO()
    book.save(buf)
    data = buf.getvalue()
    assert is_workbook(data) and not is_workbook(b"PK\x03\x04 not a zip")
    (sheet,) = read_sheets("w.xlsx", data)
    assert sheet.title == "Queries" and sheet.rows == [(1, ["query", "clicks"]), (2, ["trail", 12])]
    with pytest.raises(InputError, match=r"^w\.xlsx: unreadable Excel workbook"):
        read_sheets("w.xlsx", data[:100])
