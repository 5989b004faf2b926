"""The demo client's website (data/demo/site/): mostly healthy, with exactly the defects seeded on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[3] / "data" / "demo" / "site"

SEEDED = {
    ("title_too_long", "/produit/sac-50l-trek/"),
    ("content_thin", "/produit/chaussure-rando-gtx/"),
    ("image_broken", "/produit/veste-pluie-storm/"),
    ("image_alt_missing", "/produit/tente-2p-ultralight/"),
    ("broken_internal_link", "/blog/preparer-sa-premiere-randonnee/"),
    ("status_4xx", "/blog/check-list-randonnee/"),
    ("meta_description_missing", "/blog/choisir-ses-chaussures/"),
    ("hreflang_missing_return", "/en/product/trail-shoe-x1/"),
    ("url_underscore", "/promo_automne/"),
    ("ai_training_crawler_blocked", "/robots.txt"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from servers import serve_directory

    from crawler.audit.runner import run_audit
    from crawler.site.engine import crawl
    from crawler.site.settings import CrawlSettings

    out = tmp_path_factory.mktemp("demo")
    with serve_directory(DEMO) as base:
        crawl(base + "/", out / "crawl.sqlite", CrawlSettings(retries=0), progress=False)
    return str(base), run_audit(out / "crawl.sqlite", out, language="fr")


def test_demo_site_has_exactly_the_seeded_defects(demo):
    base, result = demo
    found = {(i.check, i.url[len(base):]) for i in result.issues}
    assert found == SEEDED


def test_the_cart_is_noindex_on_purpose_and_never_advised_to_be_indexed(demo):
    """Regression: the action plan's first advice was "remove the noindex" on /panier/, the cart."""
    base, result = demo
    assert not any(i.url.endswith("/panier/") for i in result.issues)
    assert [u[len(base):] for u in result.excluded_on_purpose] == ["/panier/"]


def test_demo_site_size_and_languages(demo):
    base, result = demo
    assert 25 <= result.pages_crawled <= 40
    assert result.complete and 60 <= result.health_score < 100
