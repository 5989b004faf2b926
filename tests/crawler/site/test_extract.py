"""crawler.site.extract.extract_page on real-shaped HTML bytes (no server needed: extraction is a pure function)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.site.extract import extract_page
from crawler.site.facts import PageFacts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "html"
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
