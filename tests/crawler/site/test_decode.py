"""crawler.site.decode: header charset, BOM, <meta>, detection; wrong or missing charsets must not garble French."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.site.decode import decode, header_charset, web_label

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "html"
FRENCH = "<html><head><title>Été à Noël : déjà vu, où êtes-vous ?</title></head><body><p>Crème brûlée</p></body></html>"


def test_latin1_page_without_any_declared_charset():
    body = (FIXTURES / "latin1_no_charset.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")  # the fixture really is not UTF-8
    text, enc = decode(body, {"Content-Type": "text/html"})
    assert enc == "windows-1252"
    assert "Été à Noël – déjà vu" in text
    assert "œufs" in text


def test_header_says_utf8_but_bytes_are_latin1():
    text, enc = decode(FRENCH.encode("cp1252"), {"content-type": "text/html; charset=UTF-8"})
    assert enc == "windows-1252"
    assert "Été à Noël" in text


def test_header_says_latin1_but_bytes_are_utf8():
    text, enc = decode(FRENCH.encode("utf-8"), {"content-type": "text/html; charset=ISO-8859-1"})
    assert enc == "utf-8"
    assert "Crème brûlée" in text


def test_header_iso_8859_1_means_windows_1252():
    body = "<p>Prix : 10 € – « promo »</p>".encode("cp1252")
    text, enc = decode(body, {"content-type": "text/html;charset=iso-8859-1"})
    assert enc == "windows-1252"
    assert "10 € – « promo »" in text


def test_bytes_undefined_in_windows_1252_do_not_fail():
    text, enc = decode(b"<p>a\x81b\x9dc \xe9t\xe9</p>", {"content-type": "text/html; charset=latin1"})
    assert enc == "windows-1252"
    assert text == "<p>a\x81b\x9dc été</p>"


def test_meta_charset_used_when_header_has_none():
    body = ('<html><head><meta charset="iso-8859-15"><title>Œuvre</title></head></html>').encode("iso-8859-15")
    text, enc = decode(body, {"content-type": "text/html"})
    assert enc == "iso-8859-15"
    assert "<title>Œuvre</title>" in text


def test_meta_http_equiv_charset():
    body = ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            "<title>Летние платья</title>").encode("cp1251")
    text, enc = decode(body, {})
    assert enc == "windows-1251"
    assert "Летние платья" in text


def test_header_wins_over_meta():
    body = '<meta charset="utf-8"><title>Café</title>'.encode("cp1252")
    text, enc = decode(body, {"content-type": "text/html; charset=windows-1252"})
    assert (enc, "Café" in text) == ("windows-1252", True)


def test_utf8_bom_wins_and_is_stripped():
    body = b"\xef\xbb\xbf" + FRENCH.encode("utf-8")
    text, enc = decode(body, {"content-type": "text/html; charset=windows-1252"})
    assert enc == "utf-8"
    assert text.startswith("<html>")
    assert "Noël" in text


def test_utf16_bom():
    body = b"\xff\xfe" + "<title>Été</title>".encode("utf-16-le")
    text, enc = decode(body, {})
    assert (text, enc) == ("<title>Été</title>", "utf-16le")


def test_undeclared_cyrillic_is_detected_not_read_as_latin():
    body = "<title>Летние платья со скидкой до 50 процентов</title><p>Доставка бесплатно</p>".encode("cp1251")
    text, enc = decode(body, {})
    assert "Летние платья" in text
    assert enc == "windows-1251"


def test_unknown_declared_charset_falls_through():
    text, enc = decode("<title>Noël</title>".encode(), {"content-type": "text/html; charset=x-bogus-42"})
    assert (text, enc) == ("<title>Noël</title>", "utf-8")


def test_empty_body_and_binary_garbage_never_raise():
    assert decode(b"", {}) == ("", "utf-8")
    text, enc = decode(bytes(range(256)) * 40, {"content-type": "text/html; charset=utf-8"})
    assert len(text) == 256 * 40
    assert enc


def test_header_lookup_is_case_insensitive_and_tolerant():
    assert header_charset({"CONTENT-TYPE": 'text/html; Charset="UTF-8"'}) == "UTF-8"
    assert header_charset({"content-type": "text/html"}) is None
    assert header_charset({}) is None
    assert web_label("latin-1") == "iso-8859-1"
    assert web_label("cp1252") == "windows-1252"


def test_utf8_body_cut_in_the_middle_of_a_character_stays_utf8():
    body = FRENCH.encode("utf-8") + "é".encode()[:1]
    text, enc = decode(body, {"content-type": "text/html; charset=utf-8"})
    assert enc == "utf-8"
    assert "Crème brûlée" in text and text.endswith("\ufffd")
    assert decode(body, {})[1] == "utf-8"  # undeclared: same


def test_utf8_page_with_one_stray_latin1_string_is_not_garbled():
    body = FRENCH.encode("utf-8") + "<p>Référence</p>".encode("latin-1")
    text, enc = decode(body, {"content-type": "text/html; charset=utf-8"})
    assert enc == "utf-8"
    assert "Été à Noël" in text and "R\ufffdf\ufffdrence" in text


@pytest.mark.parametrize("label", ["utf-7", "unicode_escape", "raw_unicode_escape", "punycode", "base64", "rot13",
                                   "utf-32", "hz-gb-2312", "iso-2022-kr", "undefined"])
def test_labels_no_browser_accepts_are_ignored(label):
    body = b"<title>+AGEAYgBj- \\u0041 Caf\xc3\xa9</title>"
    text, enc = decode(body, {"content-type": f"text/html; charset={label}"})
    assert (text, enc) == (body.decode("utf-8"), "utf-8")


def test_decode_fuzz_never_raises():
    import random

    rng = random.Random(7)
    labels = ["utf-8", "iso-8859-1", "windows-1251", "shift_jis", "gb2312", "euc-kr", "utf-16", "bogus", "", "utf-7"]
    for _ in range(300):
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
        label = rng.choice(labels)
        text, enc = decode(body, {"content-type": f"text/html; charset={label}"})
        assert isinstance(text, str) and enc


def test_header_charset_spares_the_meta_scan_and_its_bs4_import():
    """A parser process only pays bs4's ~7 MB when a page needs its <meta charset> read."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    code = ("import sys; from crawler.site.decode import decode; "
            "t, e = decode('<meta charset=\"iso-8859-1\"><p>Été</p>'.encode(), {'Content-Type': 'text/html; charset=utf-8'}); "
            "print(e, 'bs4' in sys.modules); "
            "t, e = decode('<meta charset=\"iso-8859-1\"><p>Été</p>'.encode('latin-1'), {'Content-Type': 'text/html'}); "
            "print(e, 'bs4' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["utf-8 False", "windows-1252 True"]
