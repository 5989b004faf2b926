"""crawler.extract.extract_page on real-shaped HTML bytes (no server needed: extraction is a pure function)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract import extract_page
from crawler.facts import PageFacts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
PRODUCT_URL = "https://boutique.example/catalogue/robe-lin.html"


@pytest.fixture(scope="module")
def product() -> PageFacts:
    body = (FIXTURES / "shop_product.html").read_bytes()
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        "X-Robots-Tag": "noarchive",
        "Link": '<https://boutique.example/catalogue/robe-lin.html>; rel="canonical", '
                '<https://boutique.example/de/kleid.html>; rel="alternate"; hreflang="de"',
    }
    return extract_page(body, PRODUCT_URL, headers)


def links_of(facts: PageFacts, kind: str) -> dict[str, object]:
    return {link.raw: link for link in facts.links if link.kind == kind}


def test_title_entities_resolved_and_whitespace_collapsed(product):
    assert product.titles == ["Robe d'été en lin & coton – Boutique"]
    assert product.meta_descriptions == ["Robe légère été"]


def test_multiple_titles_all_kept_but_svg_titles_ignored():
    body = (b"<html><head><title> Un </title><title>Deux</title></head><body>"
            b"<svg><title>Icone panier</title></svg><p>x</p></body></html>")
    facts = extract_page(body, "https://a.example/", {})
    assert facts.titles == ["Un", "Deux"]


def test_meta_robots_and_googlebot_names_are_case_insensitive(product):
    assert product.meta_robots == ["NOINDEX, follow"]
    assert product.meta_googlebot == ["noarchive"]
    assert product.viewport == "width=device-width, initial-scale=1"
    assert product.html_lang == "fr-FR"
    assert product.charset == "utf-8"
    assert product.encoding == "utf-8"


def test_base_href_resolves_relative_links_and_canonical(product):
    assert product.base_href == "https://boutique.example/catalogue/"
    assert product.canonicals == ["https://boutique.example/catalogue/robe-lin.html"]
    a = links_of(product, "a")
    assert a["../soldes/"].url == "https://boutique.example/soldes/"
    assert a["/"].url == "https://boutique.example/"


def test_whitespace_inside_href_is_removed(product):
    (link,) = [lk for lk in product.links if lk.anchor == "Avis clients"]
    assert link.url == "https://boutique.example/catalogue/avis.html"
    assert link.raw == "avis\n.html"


def test_fragment_link_points_to_the_page_itself():
    body = b'<html><body><a href="#top">Haut</a><a href="">Ici</a><a href="?p=2#x">Page 2</a></body></html>'
    facts = extract_page(body, "https://a.example/dir/page.html?x=1#frag", {})
    assert [lk.url for lk in facts.links] == [
        "https://a.example/dir/page.html?x=1",
        "https://a.example/dir/page.html?x=1",
        "https://a.example/dir/page.html?p=2",
    ]


def test_external_nofollow_link_rel_lower_cased(product):
    link = links_of(product, "a")["https://partenaire.example/promo"]
    assert link.rel == "nofollow sponsored"
    assert link.nofollow
    assert link.anchor == "Partenaire"
    assert not links_of(product, "a")["/"].nofollow


def test_non_http_links_keep_raw_href(product):
    a = links_of(product, "a")
    assert a["mailto:contact@boutique.example"].url == "mailto:contact@boutique.example"
    assert a["javascript:void(0)"].url == "javascript:void(0)"


def test_anchor_of_image_link_is_its_alt(product):
    assert links_of(product, "a")["/panier"].anchor == "Panier"


def test_images_alt_missing_empty_and_text(product):
    imgs = {img.src.rsplit("/", 1)[-1]: img for img in product.images}
    assert imgs["deco.png"].alt == ""
    assert imgs["sans-alt.png"].alt is None
    assert (imgs["sans-alt.png"].width, imgs["sans-alt.png"].height) == ("120", "80")
    assert imgs["panier.png"].alt == "Panier"
    assert imgs["deco.png"].src == "https://boutique.example/catalogue/deco.png"
    # noscript tracking pixel: a link, not an image fact (would be a false "alt missing")
    assert "track.gif" not in imgs
    assert "https://boutique.example/track.gif" in [lk.url for lk in product.links if lk.kind == "img"]


def test_link_kinds(product):
    kinds = {lk.kind for lk in product.links}
    assert kinds == {"a", "img", "link", "iframe", "form"}
    assert links_of(product, "iframe")["http://video.example/embed/1"].url == "http://video.example/embed/1"


def test_hreflang_from_html_and_link_header(product):
    got = [(h.lang, h.url, h.source) for h in product.hreflang]
    assert ("fr", "https://boutique.example/catalogue/robe-lin.html", "html") in got
    assert ("en-GB", "https://boutique.example/en/linen-dress.html", "html") in got
    assert ("x-default", "https://boutique.example/", "html") in got
    assert ("de", "https://boutique.example/de/kleid.html", "header") in got
    assert len(got) == 4


def test_link_header_canonical_and_x_robots_tag(product):
    assert product.canonical_headers == ["https://boutique.example/catalogue/robe-lin.html"]
    assert product.x_robots_tag == ["noarchive"]


def test_x_robots_tag_several_header_lines():
    class MultiDict(dict):
        def getlist(self, name):
            return ["googlebot: noindex", "otherbot: nofollow"] if name.lower() == "x-robots-tag" else []

    facts = extract_page(b"<p>x</p>", "https://a.example/", MultiDict())
    assert facts.x_robots_tag == ["googlebot: noindex", "otherbot: nofollow"]
    joined = extract_page(b"<p>x</p>", "https://a.example/", {"x-robots-tag": "noindex, nofollow"})
    assert joined.x_robots_tag == ["noindex, nofollow"]


def test_relative_self_canonical_resolves_to_the_page():
    body = b'<html><head><link rel="Canonical" href="page.html"></head><body></body></html>'
    facts = extract_page(body, "https://a.example/dir/page.html", {})
    assert facts.canonicals == ["https://a.example/dir/page.html"]


def test_open_graph_and_twitter(product):
    assert product.og == {"og:title": "Robe d'été", "og:image": "/img/robe.jpg"}
    assert product.twitter == {"twitter:card": "summary_large_image"}


def test_headings(product):
    assert product.headings["h1"] == ["Robe en lin"]
    assert product.headings["h2"] == ["Description", "Entretien"]
    assert "h3" not in product.headings


def test_jsonld_graph_lists_and_invalid_block(product):
    ok, bad = product.jsonld
    assert ok.ok and ok.types == ["Product", "BreadcrumbList", "Thing"]
    assert not bad.ok and bad.error and "line 1" in bad.error


def test_jsonld_top_level_list_and_empty_block():
    body = (b'<script type="application/ld+json">[{"@type":"Organization"},{"@type":"WebSite"}]</script>'
            b'<script type="Application/LD+JSON; charset=utf-8">  </script>')
    facts = extract_page(body, "https://a.example/", {})
    assert facts.jsonld[0].types == ["Organization", "WebSite"]
    assert facts.jsonld[1].ok is False and facts.jsonld[1].error == "empty JSON-LD block"


def test_mixed_content_on_https_page(product):
    assert product.mixed_content == [
        "http://cdn.example/style.css", "http://cdn.example/pixel.gif", "http://video.example/embed/1",
    ]


def test_no_mixed_content_on_http_page():
    body = b'<img src="http://cdn.example/a.png" alt="a"><script src="http://cdn.example/a.js"></script>'
    assert extract_page(body, "http://a.example/", {}).mixed_content == []
    assert len(extract_page(body, "https://a.example/", {}).mixed_content) == 2


def test_forms_password_on_http_action(product):
    login, search = product.forms
    assert (login.action, login.method, login.has_password) == ("http://boutique.example/login", "post", True)
    assert (search.action, search.method, search.has_password) == ("", "get", False)


def test_meta_refresh_with_url():
    body = b"<html><head><meta http-equiv=\"Refresh\" content=\"5; URL='/nouvelle-page'\"></head></html>"
    facts = extract_page(body, "https://a.example/old", {})
    assert facts.meta_refresh == "5; URL='/nouvelle-page'"
    assert facts.meta_refresh_url == "https://a.example/nouvelle-page"
    plain = extract_page(b'<meta http-equiv="refresh" content="30">', "https://a.example/", {})
    assert plain.meta_refresh == "30" and plain.meta_refresh_url is None


def test_word_count_ignores_scripts_styles_and_head(product):
    # nav 2 + h1 3 + h2 2 + p 7 + anchors (Avis clients, Haut de page, Partenaire, Écrivez-nous, Menu) 8 + footer 2
    assert product.word_count == 24


def test_word_count_is_unicode_aware_and_splits_minified_blocks():
    body = ("<body><ul><li>Robes</li><li>Jupes</li></ul><p>L'été – à Noël, 29,99 €</p>"
            "<template><p>caché caché</p></template><noscript>non</noscript><iframe>iframe</iframe>"
            "<svg><text>svg</text></svg></body>").encode()
    assert extract_page(body, "https://a.example/", {}).word_count == 2 + 4


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
    import crawler.extract as mod

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
    import crawler.extract_text as text_mod

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
