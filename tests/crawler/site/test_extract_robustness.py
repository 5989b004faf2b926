"""crawler.site.extract.extract_page on odd input: encodings, broken or hostile markup, failures (never raises)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.site.extract import extract_page
from crawler.site.facts import PageFacts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "html"


def test_latin1_page_with_accents_without_charset():
    body = (FIXTURES / "latin1_no_charset.html").read_bytes()
    facts = extract_page(body, "https://a.example/", {"content-type": "text/html"})
    assert facts.titles == ["Été à Noël – déjà vu, où êtes-vous ?"]
    assert facts.meta_descriptions == ["Crème brûlée, pâte à choux et façon grand-mère."]
    assert facts.encoding == "windows-1252"
    assert facts.charset is None


def test_latin1_page_with_wrong_header_charset():
    body = (FIXTURES / "latin1_no_charset.html").read_bytes()
    facts = extract_page(body, "https://a.example/", {"content-type": "text/html; charset=utf-8"})
    assert facts.titles == ["Été à Noël – déjà vu, où êtes-vous ?"]
    assert facts.headings["h1"] == ["Pâtisserie française"]


def test_latin1_page_with_declared_meta_charset_read_as_utf8_bytes_by_lxml():
    body = '<meta charset="iso-8859-1"><title>Déjà vu</title>'.encode("latin-1")
    facts = extract_page(body, "https://a.example/", {})
    assert facts.titles == ["Déjà vu"]
    assert facts.charset == "iso-8859-1"


def test_utf8_page_mislabelled_in_meta_is_not_garbled():
    body = '<meta charset="iso-8859-1"><title>Déjà vu</title>'.encode()
    assert extract_page(body, "https://a.example/", {}).titles == ["Déjà vu"]


def test_utf8_bom_page():
    body = b"\xef\xbb\xbf" + "<html><head><title>Noël</title></head></html>".encode()
    facts = extract_page(body, "https://a.example/", {})
    assert facts.titles == ["Noël"]


def test_broken_html_is_repaired():
    body = b"<html><head><title>Cass\xc3\xa9</title></head><div><p>un <b>deux <a href=/x>trois</div></td></table><h1>Fin"
    facts = extract_page(body, "https://a.example/", {})
    assert facts.parse_error is None
    assert facts.titles == ["Cass\u00e9"]
    assert [lk.url for lk in facts.links] == ["https://a.example/x"]
    assert facts.headings == {"h1": ["Fin"]}
    assert facts.word_count == 4


def test_unclosed_title_swallows_the_rest_like_browsers():
    facts = extract_page(b"<title>Oops<body><a href=/x>x</a>", "https://a.example/", {})
    assert facts.links == [] and facts.titles[0].startswith("Oops")


@pytest.mark.parametrize("body", [
    b"",
    b"   \n ",
    bytes(range(256)) * 50,
    b"\x00\x00\x00<html>\x00<title>nul\x00</title>",
    b"\x89PNG\r\n\x1a\n" + bytes(range(200)),
    b'<?xml version="1.0" encoding="iso-8859-1"?><html><title>xml</title></html>',
    b"<a href='http://[::1'>ipv6</a><a href='http://a.example:99999/'>port</a><a href='http://'>x</a>",
])
def test_garbage_never_raises(body):
    facts = extract_page(body, "https://a.example/", {"content-type": "text/html"})
    assert isinstance(facts, PageFacts)
    assert facts.url == "https://a.example/"
    PageFacts.from_json(facts.to_json())  # storable


def test_invalid_urls_are_kept_raw():
    body = b"<a href='http://[::1'>ipv6</a><a href='http://a.example:99999/'>port</a>"
    facts = extract_page(body, "https://a.example/", {})
    assert [lk.url for lk in facts.links] == ["http://[::1", "http://a.example:99999/"]


def test_empty_body_gives_empty_facts_without_error():
    facts = extract_page(b"", "https://a.example/", {})
    assert facts.parse_error is None and facts.titles == [] and facts.word_count == 0
    assert facts.content_hash == ""


def test_internal_failure_is_recorded_not_raised(monkeypatch):
    import crawler.site.extract as mod

    def boom(*_a, **_k):
        raise RuntimeError("libxml2 exploded")

    monkeypatch.setattr(mod, "text_facts", boom)
    facts = extract_page(b"<title>t</title>", "https://a.example/", {"x-robots-tag": "noindex"})
    assert facts.parse_error == "RuntimeError: libxml2 exploded"
    assert facts.x_robots_tag == ["noindex"]


def test_lazy_image_and_data_uri():
    big = "data:image/gif;base64," + "A" * 5000
    body = f'<img src="{big}" data-src="/real.jpg" alt="Robe"><img src="{big}" alt="">'.encode()
    facts = extract_page(body, "https://a.example/p/", {})
    assert facts.images[0].src == "https://a.example/real.jpg"
    assert facts.images[1].src.startswith("data:image/gif") and len(facts.images[1].src) <= 101


def test_backslashes_and_protocol_relative():
    body = b'<a href="\\\\cdn.example\\x">a</a><a href="//cdn.example/y">b</a><a href="HTTP://A.Example:80/%7euser">c</a>'
    facts = extract_page(body, "https://a.example/", {})
    assert [lk.url for lk in facts.links] == [
        "https://cdn.example/x", "https://cdn.example/y", "http://a.example/~user",
    ]


def test_deeply_nested_page_keeps_its_links_and_a_truncated_one_says_so():
    deep = b"<html><body>" + b"<div>x " * 1500 + b"<a href=/x>y</a></body></html>"
    facts = extract_page(deep, "https://a.example/", {})
    assert facts.parse_error is None
    assert [lk.url for lk in facts.links] == ["https://a.example/x"]
    assert facts.word_count == 1501
    absurd = b"<html><body>" + b"<div>x " * 5000 + b"<a href=/x>y</a></body></html>"
    facts = extract_page(absurd, "https://a.example/", {})
    assert facts.parse_error and facts.parse_error.startswith("document truncated")
    assert facts.word_count > 2000  # what was parsed is kept


def test_text_falls_back_when_xslt_gives_up(monkeypatch):
    import crawler.site.extract_text as text_mod

    class Broken:
        def __call__(self, _root):
            raise text_mod.etree.XSLTApplyError("recursion")

    monkeypatch.setattr(text_mod, "_transform", Broken)
    body = b"<html><head><title>t</title></head><body><p>un deux</p><script>a b c</script></body></html>"
    facts = extract_page(body, "https://a.example/", {})
    assert facts.parse_error is None
    assert facts.word_count == 2 and facts.content_hash


def test_doctype_or_comment_only_page_is_empty_not_an_error():
    for body in (b"<!DOCTYPE html>", b"<!-- rien -->"):
        facts = extract_page(body, "https://a.example/", {})
        assert facts.parse_error is None and facts.titles == [] and facts.links == []


def test_relative_href_starting_with_http_is_not_taken_for_absolute():
    body = b'<a href="httpdocs.html">a</a><a href="http:x.html">b</a>'
    one = extract_page(body, "https://a.example/one/", {})
    two = extract_page(body, "https://a.example/two/", {})
    assert one.links[0].url == "https://a.example/one/httpdocs.html"
    assert two.links[0].url == "https://a.example/two/httpdocs.html"


def test_same_results_from_threads():
    from concurrent.futures import ThreadPoolExecutor

    bodies = [(FIXTURES / "shop_product.html").read_bytes(), (FIXTURES / "latin1_no_charset.html").read_bytes()] * 8
    urls = [f"https://boutique.example/catalogue/p{i}.html" for i in range(len(bodies))]
    serial = [extract_page(b, u, {}).to_json() for b, u in zip(bodies, urls, strict=True)]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda bu: extract_page(bu[0], bu[1], {}).to_json(), zip(bodies, urls, strict=True)))
    assert threaded == serial


def test_upper_case_markup():
    body = (b'<HTML LANG="FR"><HEAD><TITLE>T</TITLE><META NAME="ROBOTS" CONTENT="NOINDEX">'
            b'<LINK REL="CANONICAL" HREF="/c"></HEAD><BODY><A HREF="/x" REL="NOFOLLOW">X</A>'
            b'<IMG SRC="/i.png" ALT=""><H1>H</H1></BODY></HTML>')
    facts = extract_page(body, "https://a.example/", {})
    assert (facts.html_lang, facts.titles, facts.meta_robots) == ("FR", ["T"], ["NOINDEX"])
    assert facts.canonicals == ["https://a.example/c"]
    assert [(lk.url, lk.kind, lk.rel) for lk in facts.links] == [
        ("https://a.example/c", "link", "canonical"), ("https://a.example/x", "a", "nofollow"),
        ("https://a.example/i.png", "img", ""),
    ]
    assert facts.images[0].alt == "" and facts.headings == {"h1": ["H"]}


def test_utf8_page_with_stray_latin1_bytes_keeps_everything_after_them():
    body = ("<html><body><p>Été à Noël</p><p>R".encode() + b"\xe9f\xe9rence</p><a href='/x'>lien</a><p>Cr"
            + "ème brûlée</p></body></html>".encode())
    facts = extract_page(body, "https://a.example/", {"content-type": "text/html; charset=utf-8"})
    assert facts.encoding == "utf-8"
    assert [lk.url for lk in facts.links] == ["https://a.example/x"]
    assert facts.word_count == 3 + 1 + 1 + 2


def test_http_base_href_makes_relative_resources_mixed_content():
    body = (b'<html><head><base href="http://static.example/v2/"><link rel="stylesheet" href="s.css">'
            b'<link rel="canonical" href="http://static.example/x"></head>'
            b'<body><img src="a.png" alt="a"><video poster="p.jpg"><source src="v.mp4"></video>'
            b'<form action="send"><input type="password"></form></body></html>')
    facts = extract_page(body, "https://shop.example/p", {})
    assert facts.base_href == "http://static.example/v2/"
    assert facts.mixed_content == [
        "http://static.example/v2/s.css", "http://static.example/v2/a.png",
        "http://static.example/v2/p.jpg", "http://static.example/v2/v.mp4",
    ]
    assert facts.forms[0].action == "http://static.example/v2/send" and facts.forms[0].has_password


def test_template_content_is_inert():
    body = (b'<body><template id="card"><a href="{{ product.url }}"><img src="{{ img }}"></a><h1>Tpl</h1>'
            b'</template> apr\xc3\xa8s <a href="/vrai">Vrai lien</a></body>')
    facts = extract_page(body, "https://a.example/", {})
    assert [lk.url for lk in facts.links] == ["https://a.example/vrai"]
    assert facts.images == [] and facts.headings == {}
    assert facts.word_count == 3
