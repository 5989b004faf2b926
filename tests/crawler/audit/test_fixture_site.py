"""The seeded-defect site, crawled for real: every seeded defect on the right URL, no clean page flagged."""

from __future__ import annotations

import pytest

# Anchor ids of the issue's table -> the exact set of paths where the fixture seeds them.
EXPECTED: dict[str, set[str]] = {
    "status_4xx": {"/gone/", "/sitemap-gone/"},
    "status_5xx": {"/server-error/"},
    "broken_internal_link": {"/broken-link/"},
    "redirect_chain": {"/redirect-chain/"},
    "redirect_loop": {"/redirect-loop/"},
    "redirect_temporary": {"/redirect-302/", "/redirect-307/"},
    "meta_refresh": {"/meta-refresh/"},
    "noindex": {"/noindex-meta/", "/noindex-googlebot/", "/noindex-header/", "/sitemap-noindex/"},
    "blocked_by_robots": {"/private/secret/", "/catalog/?sort=price"},
    "canonicalised": {"/canonicalised/", "/canonical-to-404/", "/canonical-to-redirect/", "/canonical-to-noindex/"},
    "canonical_to_non_indexable": {"/canonical-to-404/", "/canonical-to-redirect/", "/canonical-to-noindex/"},
    "title_missing": {"/title-missing/"},
    "title_duplicate": {"/title-dup-a/", "/title-dup-b/"},
    "title_too_long": {"/title-long/"},
    "title_too_short": {"/title-short/"},
    "title_multiple": {"/title-multiple/"},
    "meta_description_missing": {"/desc-missing/"},
    "meta_description_duplicate": {"/desc-dup-a/", "/desc-dup-b/"},
    "meta_description_too_long": {"/desc-long/"},
    "h1_missing": {"/h1-missing/"},
    "h1_multiple": {"/h1-multiple/"},
    "content_thin": {"/thin/"},
    "content_duplicate": {"/dup-content-a/", "/dup-content-b/"},
    "image_alt_missing": {"/img-alt-missing/"},
    "image_broken": {"/img-broken/"},
    "depth_too_deep": {"/deep/5/"},
    "internal_nofollow": {"/internal-nofollow/"},
    "hreflang_missing_return": {"/hreflang-no-return/"},
    "hreflang_invalid_code": {"/hreflang-invalid/"},
    "sitemap_noindex": {"/sitemap-noindex/"},
    "sitemap_non_200": {"/sitemap-gone/"},
    "sitemap_orphan": {"/orphan/"},
    "viewport_missing": {"/no-viewport/"},
    "lang_missing": {"/no-lang/"},
    "structured_data_invalid": {"/bad-jsonld/"},
    "open_graph_missing": {"/no-og/"},
    "url_uppercase": {"/Upper-Case/"},
    "url_underscore": {"/under_score/"},
}

# Correct pages, several with unusual markup: no check at all may fire on them.
CLEAN = ["/", "/docs/guide/", "/base-href/", "/entities/", "/alt-empty/", "/external-nofollow/", "/private/public-page/",
         "/catalog/", "/relative-canonical/", "/fragment/", "/whitespace-href/", "/latin1/", "/hreflang-fr/",
         "/hreflang-en/", "/x-robots-otherbot/", "/index-follow/", "/deep/1/", "/deep/2/", "/deep/3/", "/deep/4/"]


@pytest.mark.parametrize("check", sorted(EXPECTED))
def test_seeded_defect_reported_on_the_right_urls(seo_site, check):
    found = {path for c, path in seo_site.issues(check)}
    assert found == EXPECTED[check]


def test_every_anchor_id_exists():
    from crawler.audit.registry import ids

    assert set(EXPECTED) <= set(ids())


@pytest.mark.parametrize("path", CLEAN)
def test_clean_page_not_flagged(seo_site, path):
    assert not {c for c, p in seo_site.issues() if p == path}, f"{path} should be clean"


def test_crawl_is_complete_and_site_checks_conclusive(seo_site):
    r = seo_site.result
    assert r.finished and r.complete
    assert not any(i.inconclusive for i in r.issues)
    assert r.check_errors == []


def _facts(seo_site, path):
    from crawler.audit.context import AuditContext

    return AuditContext.load(seo_site.db).facts(seo_site.base + path)


def test_base_href_links_resolve_against_base(seo_site):
    f = _facts(seo_site, "/base-href/")
    assert seo_site.base + "/docs/guide/" in {lk.url for lk in f.links}
    assert not seo_site.issues("broken_internal_link") & {("broken_internal_link", "/base-href/")}


def test_titles_measured_on_decoded_text(seo_site):
    f = _facts(seo_site, "/entities/")
    assert f.titles == ["Café & Thé — Dégustations été"]      # 29 characters; the raw HTML has 79
    assert ("title_too_long", "/entities/") not in seo_site.issues()
    assert ("meta_description_too_long", "/entities/") not in seo_site.issues()


def test_latin1_page_decoded(seo_site):
    f = _facts(seo_site, "/latin1/")
    assert f.titles == ["Crème brûlée à la française, été"]


def test_robots_longest_match_and_wildcards(seo_site):
    blocked = {p for _c, p in seo_site.issues("blocked_by_robots")}
    assert "/private/public-page/" not in blocked     # Allow (longer) outranks Disallow: /private/
    assert "/catalog/?sort=price" in blocked          # Disallow: /*?sort=
    assert "/catalog/" not in blocked


def test_external_nofollow_is_not_internal_nofollow(seo_site):
    assert ("internal_nofollow", "/external-nofollow/") not in seo_site.issues()
    assert ("internal_nofollow", "/internal-nofollow/") in seo_site.issues()


def test_x_robots_tag_for_another_bot_is_not_noindex(seo_site):
    assert ("noindex", "/x-robots-otherbot/") not in seo_site.issues()


def test_ai_crawlers_read_from_stored_robots(seo_site):
    assert seo_site.issues("ai_training_crawler_blocked") == {("ai_training_crawler_blocked", "/robots.txt")}
    assert not seo_site.issues("ai_search_crawler_blocked")
    assert not seo_site.issues("llms_txt_missing") and not seo_site.issues("llms_txt_invalid")


def test_health_score_between_bounds(seo_site):
    assert 0 < seo_site.result.health_score < 100


# Issues outside the anchor table that the seeded pages also (rightly) produce.
CONSEQUENCES = {
    ("ai_training_crawler_blocked", "/robots.txt"),      # robots.txt disallows GPTBot
    ("broken_external_link", "/external-broken/"),
    ("h1_duplicate", "/dup-content-a/"), ("h1_duplicate", "/dup-content-b/"),   # identical bodies, identical H1
    ("link_to_redirect", "/redirects-hub/"),              # the page linking to the redirect fixtures
}


def test_nothing_missed_nothing_extra(seo_site):
    expected = {(c, p) for c, paths in EXPECTED.items() for p in paths} | CONSEQUENCES
    assert seo_site.issues() == expected
