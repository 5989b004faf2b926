"""The vendored referrer lists: derived JSON in sync with its sources, licence notes present."""

from __future__ import annotations

from crawler.logs.referrers import build
from crawler.logs.referrers.lookup import classify_host, source_category


def test_derived_json_is_in_sync_with_vendored_files():
    assert build.JSON_PATH.read_text(encoding="utf-8") == build.render(), (
        "run: python -m crawler.logs.referrers.build"
    )


def test_licence_and_source_notes_are_vendored():
    for name in ("matomo-LICENSE", "ga4_source_categories.LICENSE", "SOURCE.md"):
        assert (build.HERE / name).stat().st_size > 100, name
    assert "CC0" in (build.HERE / "matomo-LICENSE").read_text(encoding="utf-8")[:200]


def test_lists_are_loaded_in_full():
    data = build.build()
    assert len(data["ga4_categories"]) > 800
    assert len(data["search_engines"]) > 500 and "google.{}" in data["search_engines"]
    assert data["socials"]["linkedin.com"] == "LinkedIn"


def test_matomo_lossy_host_matching():
    assert classify_host("google.com.br").name == "Google"
    assert classify_host("de.search.yahoo.com").kind == "search"
    assert classify_host("mail.example.com").kind == "other"


def test_ga4_categories_exact_and_case_insensitive():
    assert source_category("Google Shopping") == "SHOPPING"
    assert source_category("youtube.com") == "VIDEO"
    assert source_category("www.facebook.com") == "SOCIAL"
    assert source_category("(direct)") == ""
    assert source_category("randonnee-club.example") == ""


def test_a_referrer_path_matters_only_where_a_rule_reads_it():
    from crawler.logs.channels import referrer_key
    from crawler.logs.referrers.lookup import classify_host, path_matters

    assert path_matters("x.com") and referrer_key("https://x.com/i/grok?x=1") == "x.com/i/grok"
    assert not path_matters("blog-12.example") and referrer_key("https://www.blog-12.example/post/3?a=b") == "blog-12.example"
    for host in ("blog-12.example", "google.fr", "facebook.com", "bing.com"):
        if not path_matters(host):
            assert classify_host(host, "/any/path/") == classify_host(host)
