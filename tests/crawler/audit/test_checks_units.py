"""Every check, positive and negative, on small hand-built crawl databases (see synth.py).

The negative test runs each check on the healthy baseline site (HTTPS, reciprocal hreflang with x-default,
unique texts...) and expects nothing; the positive test seeds one defect and expects it on the right URL.
"""

from __future__ import annotations

import pytest
from synth import BASE, Site, findings, u


def _chain(site, path, hops, status=301, final="/a/", final_status=200, loop=False, final_url=None):
    site.url(path, status=status, redirect_hops=hops, redirect_loop=int(loop), final_url=final_url or u(final),
             final_status=final_status,
             redirect_chain=[{"url": u(path if i == 0 else f"{path}hop{i}/"), "status": status, "location": u(final)}
                             for i in range(hops)])
    return u(path)


def _dup(key, value):
    def mutate(s):
        s.f("/a/")[key] = value
        s.f("/b/")[key] = value
        return u("/a/")
    return mutate


def _set(path, key, value):
    def mutate(s):
        s.f(path)[key] = value
        return u(path)
    return mutate


def _row(path, **values):
    def mutate(s):
        s.rows[u(path)].update(values)
        return u(path)
    return mutate


def _robots(body=None, status=200, name="robots.txt"):
    def mutate(s):
        s.host_files[name] = {"status": status, "body": body}
        return f"{BASE}/{name}"
    return mutate


def _page(path, **row):
    def mutate(s):
        s.page(path, **row)
        return u(path)
    return mutate


def _links(src, *targets, **kw):
    def mutate(s):
        for t in targets:
            s.link(src, t, **kw)
        return u(src)
    return mutate


def _then(*steps):
    def mutate(s):
        out = None
        for step in steps:
            r = step(s)
            out = out or r
        return out
    return mutate


def _hreflang(path, pairs):
    def mutate(s):
        s.f(path)["hreflang"] = [{"lang": lang, "url": u(p)} for lang, p in pairs]
        return u(path)
    return mutate


def _sitemap(path, **row):
    def mutate(s):
        s.url(path, in_sitemap=1, **row)
        return u(path)
    return mutate


POSITIVE = {
    # responses
    "status_4xx": lambda s: s.url("/gone/", status=404) and u("/gone/"),
    "status_5xx": lambda s: s.url("/err/", status=503) and u("/err/"),
    "fetch_error": lambda s: s.url("/slow/", status=None, state="error", error="read timeout") and u("/slow/"),
    "redirect_chain": lambda s: _chain(s, "/r/", 2),
    "redirect_loop": lambda s: _chain(s, "/l/", 3, final="/l/", final_status=None, loop=True),
    "redirect_temporary": lambda s: _chain(s, "/t/", 1, status=302),
    "redirect_broken": lambda s: _chain(s, "/rb/", 1, final="/gone/", final_status=404),
    "redirect_external": lambda s: _chain(s, "/rx/", 1, final_url="https://other.example/", final="/x/"),
    "meta_refresh": _set("/a/", "meta_refresh", "0; url=/b/"),
    # indexability
    "noindex": _set("/a/", "x_robots_tag", ["googlebot: NoIndex"]),
    "nofollow_meta": _set("/a/", "meta_robots", ["index, nofollow"]),
    "blocked_by_robots": lambda s: s.url("/admin/", status=None, state="skipped", skip_reason="robots", robots_blocked=1)
    and u("/admin/"),
    "blocked_resource": _then(lambda s: s.resource("/admin/app.js", status=None, state="skipped", robots_blocked=1) and None,
                              _links("/a/", "/admin/app.js", kind="script", anchor="")),
    "robots_txt_missing": _robots(status=404),
    "robots_txt_unreachable": _robots(status=503),
    "robots_blocks_search_engines": _robots("User-agent: Googlebot\nDisallow: /\n"),
    "noindex_canonical_conflict": _then(_set("/a/", "meta_robots", ["noindex"]), _set("/a/", "canonicals", [u("/b/")])),
    # canonicals
    "canonicalised": _set("/a/", "canonicals", [u("/b/")]),
    "canonical_to_non_indexable": _then(_set("/a/", "canonicals", [u("/gone/")]), lambda s: s.url("/gone/", status=410) and None),
    "canonical_multiple": _set("/a/", "canonical_headers", [u("/b/")]),
    "canonical_external": _set("/a/", "canonicals", ["https://other.example/a/"]),
    "canonical_insecure": _set("/a/", "canonicals", ["http://shop.example/a/"]),
    # titles, descriptions, headings
    "title_missing": _set("/a/", "titles", ["   "]),
    "title_multiple": _set("/a/", "titles", ["First title of the page here", "Second title of the page here"]),
    "title_too_long": _set("/a/", "titles", ["x" * 61]),
    "title_too_short": _set("/a/", "titles", ["x" * 19]),
    "title_duplicate": _dup("titles", ["The same title on two pages"]),
    "meta_description_missing": _set("/a/", "meta_descriptions", []),
    "meta_description_too_long": _set("/a/", "meta_descriptions", ["d" * 161]),
    "meta_description_too_short": _set("/a/", "meta_descriptions", ["Too short."]),
    "meta_description_multiple": _set("/a/", "meta_descriptions", ["One description of the page, long enough here.",
                                                                   "Another description of the page, long enough."]),
    "meta_description_duplicate": _dup("meta_descriptions", ["The same description on two pages of the shop, long enough."]),
    "h1_missing": _set("/a/", "headings", {"h2": ["Only an h2"]}),
    "h1_multiple": _set("/a/", "headings", {"h1": ["One", "Two"]}),
    "h1_too_long": _set("/a/", "headings", {"h1": ["h" * 71]}),
    "h1_duplicate": _dup("headings", {"h1": ["The same heading"]}),
    # content
    "content_thin": _set("/a/", "word_count", 199),
    "content_duplicate": _dup("content_hash", "same-hash"),
    "content_near_duplicate": lambda s: (s.f("/b/").update(simhash=s.f("/a/")["simhash"] ^ 0b1011), u("/a/"))[1],
    "lang_missing": _set("/a/", "html_lang", ""),
    "lang_invalid": _set("/a/", "html_lang", "english language"),
    "viewport_missing": _set("/a/", "viewport", None),
    "charset_missing": _then(_set("/a/", "charset", None), _row("/a/", headers={"content-type": "text/html"})),
    "parse_error": _set("/a/", "parse_error", "document is empty"),
    "placeholder_text": _set("/a/", "titles", ["Lorem ipsum dolor sit amet, tents"]),
    # images
    "image_alt_missing": _set("/a/", "images", [{"src": u("/img/a.png"), "alt": None, "width": "1", "height": "1"}]),
    "image_broken": _then(_set("/a/", "images", [{"src": u("/img/x.png"), "alt": "x", "width": "1", "height": "1"}]),
                          lambda s: s.resource("/img/x.png", status=404) and None),
    "image_dimensions_missing": _set("/a/", "images", [{"src": u("/img/a.png"), "alt": "x", "width": None, "height": "1"}]),
    "image_alt_too_long": _set("/a/", "images", [{"src": u("/img/a.png"), "alt": "a " * 70, "width": "1", "height": "1"}]),
    "image_too_heavy": lambda s: s.resource("/img/a.png", size=400 * 1024) and u("/"),
    # links
    "broken_internal_link": _then(_links("/a/", "/gone/"), lambda s: s.url("/gone/", status=404) and None),
    "link_to_redirect": _then(_links("/a/", "/t/"), lambda s: _chain(s, "/t/", 1) and None),
    "broken_external_link": _then(_links("/a/", "https://other.example/x"),
                                  lambda s: s.url("https://other.example/x", kind="external", status=404) and None),
    "resource_broken": _then(_links("/a/", "/css/x.css", kind="link", rel="stylesheet", anchor=""),
                             lambda s: s.resource("/css/x.css", status=404) and None),
    "internal_nofollow": _links("/a/", "/b/", rel="nofollow"),
    "depth_too_deep": _row("/a/", depth=5),
    "page_no_internal_links": _set("/a/", "links", [{"url": "https://other.example/", "kind": "a", "anchor": "Out"}]),
    "anchor_text_generic": _links("/a/", "/b/", anchor="Cliquez ici"),
    "anchor_text_empty": _links("/a/", "/b/", anchor=" "),
    "too_many_links": lambda s: (s.f("/a/")["links"].extend({"url": u(f"/p{i}/"), "kind": "a", "anchor": f"P{i}"}
                                                            for i in range(501)), u("/a/"))[1],
    "link_javascript": _links("/a/", "javascript:void(0)"),
    # hreflang
    "hreflang_invalid_code": _hreflang("/a/", [("en-UK", "/a/"), ("fr", "/b/"), ("x-default", "/a/")]),
    "hreflang_missing_return": _then(lambda s: u("/a/"), _hreflang("/b/", [("fr", "/b/"), ("x-default", "/b/")])),
    "hreflang_to_non_200": _then(_hreflang("/a/", [("en", "/a/"), ("de", "/gone/"), ("x-default", "/a/")]),
                                 lambda s: s.url("/gone/", status=404) and None),
    "hreflang_to_non_canonical": _then(lambda s: u("/a/"), _set("/b/", "meta_robots", ["noindex"])),
    "hreflang_missing_self": _hreflang("/a/", [("fr", "/b/"), ("x-default", "/b/")]),
    "hreflang_missing_x_default": _hreflang("/a/", [("en", "/a/"), ("fr", "/b/")]),
    "hreflang_conflicting_urls": _hreflang("/a/", [("en", "/a/"), ("en", "/"), ("fr", "/b/"), ("x-default", "/a/")]),
    "hreflang_lang_mismatch": _set("/a/", "html_lang", "de"),
    # sitemaps
    "sitemap_noindex": _set("/a/", "meta_robots", ["noindex"]),
    "sitemap_non_200": _sitemap("/gone/", status=404),
    "sitemap_orphan": lambda s: s.page("/orphan/", link_from_home=False) and u("/orphan/"),
    "sitemap_canonicalised": _set("/a/", "canonicals", [u("/b/")]),
    "sitemap_blocked": _sitemap("/admin/x/", status=None, state="skipped", robots_blocked=1),
    "sitemap_missing": lambda s: (s.sitemaps.clear(), u("/"))[1],
    "sitemap_error": lambda s: (s.sitemaps.append({"url": u("/sm2.xml"), "found_via": "robots", "kind": None,
                                                   "status": 500, "error": None}), u("/sm2.xml"))[1],
    "indexable_not_in_sitemap": _row("/a/", in_sitemap=0),
    # structured data and social
    "structured_data_invalid": _set("/a/", "jsonld", [{"ok": False, "error": "Expecting ',' delimiter"}]),
    "structured_data_no_type": _set("/a/", "jsonld", [{"ok": True, "types": []}]),
    "open_graph_missing": _set("/a/", "og", {}),
    "open_graph_incomplete": _set("/a/", "og", {"og:title": "T", "og:type": "website", "og:url": "x"}),
    "twitter_card_invalid": _set("/a/", "twitter", {"twitter:card": "big_picture"}),
    # security
    "http_page": _page("http://shop.example/old/"),
    "mixed_content": _set("/a/", "mixed_content", ["http://cdn.example/app.js"]),
    "hsts_missing": _row("/", headers={"content-type": "text/html; charset=utf-8"}),
    "form_insecure": _set("/a/", "forms", [{"action": "http://shop.example/login", "method": "post", "has_password": True}]),
    "internal_http_link": _links("/a/", "http://shop.example/b/"),
    # performance
    "slow_response": _row("/a/", response_ms=1500.0),
    "page_too_heavy": _row("/a/", size=2 * 1024 * 1024),
    "page_truncated": _row("/a/", truncated=1),
    "too_many_resources": lambda s: (s.f("/a/")["links"].extend({"url": u(f"/js/{i}.js"), "kind": "script"}
                                                                for i in range(51)), u("/a/"))[1],
    # URL hygiene
    "url_uppercase": _page("/Tents/"),
    "url_underscore": _page("/tent_2p/"),
    "url_too_long": _page("/" + "long-slug-" * 12 + "/"),
    "url_too_many_params": _page("/list/?a=1&b=2&c=3&d=4"),
    "url_double_slash": _page("/a//b/"),
    "url_session_id": _page("/list/?PHPSESSID=abc123"),
    "url_space": _page("/my%20tent/"),
    "url_non_ascii": _page("/caf%C3%A9/"),
    # AI crawlers
    "ai_search_crawler_blocked": _robots("User-agent: *\nAllow: /\n\nUser-agent: PerplexityBot\nDisallow: /\n"),
    "ai_training_crawler_blocked": _robots("User-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n"),
    "llms_txt_missing": _robots(status=404, name="llms.txt"),
    "llms_txt_invalid": _robots("<!doctype html><html>Not found</html>", name="llms.txt"),
}


def test_every_check_has_a_case():
    from crawler.audit.registry import ids

    assert set(ids()) == set(POSITIVE)


@pytest.mark.parametrize("check_id", sorted(POSITIVE))
def test_negative_healthy_site(check_id, tmp_path):
    assert findings(Site(), check_id, tmp_path) == set()


@pytest.mark.parametrize("check_id", sorted(POSITIVE))
def test_positive_seeded_defect(check_id, tmp_path):
    site = Site()
    expected = POSITIVE[check_id](site)
    assert expected in findings(site, check_id, tmp_path)


# ----------------------------------------------------------------------------- boundaries and unusual cases

def test_thresholds_are_inclusive_bounds(tmp_path):
    s = Site()
    s.f("/a/")["titles"] = ["x" * 60]
    s.f("/b/")["titles"] = ["y" * 20]
    s.f("/a/")["meta_descriptions"] = ["d" * 160]
    s.f("/a/")["word_count"] = 200
    s.rows[u("/a/")]["depth"] = 4
    for check in ("title_too_long", "title_too_short", "meta_description_too_long", "content_thin", "depth_too_deep"):
        assert findings(s, check, tmp_path) == set(), check


def test_threshold_override(tmp_path):
    s = Site()
    s.f("/a/")["titles"] = ["x" * 55]
    assert findings(s, "title_too_long", tmp_path, {"max_length": 50}) == {u("/a/")}


def test_uppercase_percent_escapes_are_not_uppercase_letters(tmp_path):
    s = Site()
    s.page("/caf%C3%A9/")
    assert findings(s, "url_uppercase", tmp_path) == set()


def test_noindex_directives_parsing():
    from crawler.audit.context import robots_directives

    assert "noindex" in robots_directives(["NONE"])
    assert "noindex" in robots_directives(["googlebot: noindex"], header=True)
    assert "noindex" not in robots_directives(["bingbot: noindex"], header=True)
    assert "noindex" not in robots_directives(["unavailable_after: 25 Jun 2030 15:00:00 PST"], header=True)
    assert "noindex" in robots_directives(["max-snippet: 20, noindex"], header=True)


def test_hreflang_codes():
    from crawler.audit.langcodes import valid_hreflang

    for ok in ("fr", "FR-fr", "en-GB", "x-default", "X-Default", "zh-Hant", "zh-Hant-TW", "es-MX"):
        assert valid_hreflang(ok), ok
    for bad in ("en-UK", "en_GB", "eng", "english", "fr-FRA", "", "xx", "en-", "de-EU"):
        assert not valid_hreflang(bad), bad


def test_noindex_pages_are_not_thin_and_not_duplicates(tmp_path):
    s = Site()
    for p in ("/a/", "/b/"):
        s.f(p)["meta_robots"] = ["noindex"]
        s.f(p)["word_count"] = 10
        s.f(p)["content_hash"] = "same"
        s.f(p)["titles"] = ["Same title of two noindex pages"]
    for check in ("content_thin", "content_duplicate", "title_duplicate"):
        assert findings(s, check, tmp_path) == set(), check


def test_canonicalised_copies_are_not_duplicates(tmp_path):
    s = Site()
    s.f("/b/")["canonicals"] = [u("/a/")]
    s.f("/b/")["content_hash"] = s.f("/a/")["content_hash"]
    s.f("/b/")["titles"] = s.f("/a/")["titles"]
    assert findings(s, "content_duplicate", tmp_path) == set()
    assert findings(s, "title_duplicate", tmp_path) == set()


def test_loopback_http_is_not_judged_for_https(tmp_path):
    from crawler.audit.context import is_loopback

    assert is_loopback("http://127.0.0.1:8000/") and is_loopback("http://localhost/")
    assert not is_loopback("http://shop.example/")


def test_site_check_does_not_conclude_on_partial_crawl(tmp_path):
    from crawler.audit.context import AuditContext
    from crawler.audit.runner import collect

    s = Site()
    s.meta.update(finished="1", stopped_reason="max_pages")
    s.f("/a/")["titles"] = s.f("/b/")["titles"]
    issues = collect(AuditContext.load(s.write(tmp_path / "p.sqlite")), None)
    dup = [i for i in issues if i.check == "title_duplicate"]
    assert len(dup) == 1 and dup[0].inconclusive and dup[0].url == u("/")


def test_redirecting_uppercase_url_is_not_flagged(tmp_path):
    s = Site()
    _chain(s, "/Tents/", 1, final="/a/")
    assert findings(s, "url_uppercase", tmp_path) == set()


def test_snippet_checks_skip_pages_kept_out_of_search(tmp_path):
    s = Site()
    s.f("/a/")["meta_robots"] = ["noindex"]
    s.f("/a/")["meta_descriptions"] = []
    s.f("/b/")["canonicals"] = [u("/a/")]
    s.f("/b/")["meta_descriptions"] = ["d" * 300]
    s.f("/b/")["word_count"] = 20
    for check in ("meta_description_missing", "meta_description_too_long", "content_thin"):
        assert findings(s, check, tmp_path) == set(), check


def test_redirect_chain_reported_on_its_first_url_only(tmp_path):
    s = Site()
    hops = [{"url": u(p), "status": 301, "location": u(n)} for p, n in (("/x/", "/y/"), ("/y/", "/z/"), ("/z/", "/a/"))]
    s.url("/x/", status=301, redirect_hops=3, redirect_chain=hops, final_url=u("/a/"), final_status=200)
    s.url("/y/", status=301, redirect_hops=2, redirect_chain=hops[1:], final_url=u("/a/"), final_status=200,
          found_via="redirect")
    assert findings(s, "redirect_chain", tmp_path) == {u("/x/")}
    s.link("/a/", "/y/")            # once a page links to /y/, it starts a chain of its own
    (tmp_path / "linked").mkdir()
    assert findings(s, "redirect_chain", tmp_path / "linked") == {u("/x/"), u("/y/")}


def test_http_only_site_reported_once(tmp_path):
    s = Site()
    for path in ("/", "/a/", "/b/"):
        s.rows[u(path)]["status"] = 301            # the https URLs redirect away...
    for path in ("/", "/x/"):
        s.page("http://shop.example" + path)       # ...to an http-only site
    s.meta["start_url"] = "http://shop.example/"
    assert findings(s, "http_page", tmp_path) == {"http://shop.example/"}


def test_blocked_by_robots_still_judged_when_robots_was_ignored(tmp_path):
    s = Site()
    s.meta.update(ignore_robots="1", user_agent="TrafficManagerBot/0.1")
    s.page("/admin/stats/")                       # fetched although robots.txt disallows /admin/
    assert findings(s, "blocked_by_robots", tmp_path) == {u("/admin/stats/")}
