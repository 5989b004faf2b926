"""URL normalisation and scope (crawler.site.urls)."""

import pytest

from crawler.site.urls import ParamFilter, Scope, normalize, origin, resolve, validate_start_url


@pytest.mark.parametrize(("raw", "expected"), [
    ("HTTP://Example.COM/a", "http://example.com/a"),
    ("http://example.com:80/", "http://example.com/"),
    ("https://example.com:443/x", "https://example.com/x"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com/a#frag", "http://example.com/a"),
    ("http://example.com/%7euser/%e2%82%ac", "http://example.com/~user/%E2%82%AC"),
    ("http://example.com/café ok", "http://example.com/caf%C3%A9%20ok"),
    ("http://example.com/a/./b/../c", "http://example.com/a/c"),
    ("http://example.com/p?b=2&a=1", "http://example.com/p?b=2&a=1"),      # query order kept
    ("http://example.com/p?q=%2f%41", "http://example.com/p?q=%2FA"),
    ("http://ÉCOLE.fr/", "http://xn--cole-9oa.fr/"),
    ("http://example.com./", "http://example.com/"),
    ("  http://example.com/\n", "http://example.com/"),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_keeps_percent_encoded_reserved_characters():
    # %2F inside a segment is not a path separator: decoding it would change the resource
    assert normalize("http://a.com/a%2fb") == "http://a.com/a%2Fb"


@pytest.mark.parametrize(("href", "base", "expected"), [
    ("x.html", "http://a.com/d/p.html", "http://a.com/d/x.html"),
    ("../x.html", "http://a.com/d/e/p.html", "http://a.com/d/x.html"),
    ("//cdn.a.com/s.js", "https://a.com/", "https://cdn.a.com/s.js"),
    (" /x y ", "http://a.com/", "http://a.com/x%20y"),
    ("#top", "http://a.com/p", "http://a.com/p"),
    ("?page=2", "http://a.com/list?page=1", "http://a.com/list?page=2"),
    ("mailto:me@a.com", "http://a.com/", "mailto:me@a.com"),
    ("tel:+33100000000", "http://a.com/", "tel:+33100000000"),
    ("javascript:void(0)", "http://a.com/", "javascript:void(0)"),
])
def test_resolve(href, base, expected):
    assert resolve(href, base) == expected


def test_param_filter():
    drop = ParamFilter(drop=["utm_source", "sessionid"])
    assert drop("http://a.com/p?a=1&utm_source=x&sessionid=9&b=2") == "http://a.com/p?a=1&b=2"
    assert drop("http://a.com/p?utm_source=x") == "http://a.com/p"
    keep = ParamFilter(keep=["page"])
    assert keep("http://a.com/l?page=2&sort=asc") == "http://a.com/l?page=2"
    assert ParamFilter()("http://a.com/?x=1") == "http://a.com/?x=1"


def test_scope():
    s = Scope("https://www.shop.fr/", exclude=[r"/private/"])
    assert s.internal("https://www.shop.fr/a") and s.allowed("https://www.shop.fr/a")
    assert not s.allowed("https://www.shop.fr/private/x")
    assert s.internal("http://www.shop.fr/") and not s.internal("https://blog.shop.fr/")
    sub = Scope("https://www.shop.fr/", subdomains=True, include=[r"/fr/"])
    assert sub.internal("https://blog.shop.fr/") and sub.internal("https://shop.fr/")
    assert not sub.internal("https://notshop.fr/")
    assert sub.allowed("https://blog.shop.fr/fr/x") and not sub.allowed("https://blog.shop.fr/en/x")
    assert origin("https://www.shop.fr:8443/a?b") == "https://www.shop.fr:8443"


@pytest.mark.parametrize("bad", ["", "example.com", "ftp://example.com/", "http://", "http:///path",
                                 "http://exa mple.com/"])
def test_validate_start_url_rejects(bad):
    with pytest.raises(ValueError):
        validate_start_url(bad)


def test_trap_detection():
    from crawler.site.links import is_trap

    assert not is_trap("http://a.fr/")
    assert not is_trap("http://a.fr/c/femme/robes/page-2.html")
    assert not is_trap("http://a.fr/a/b/a/b.html")                     # twice is fine
    assert is_trap("http://a.fr/a/b/a/b/a/b/")                          # thrice is a loop of relative links
    assert is_trap("http://a.fr/" + "x/" * 31)
    assert is_trap("http://a.fr/?q=" + "9" * 2100)


def test_link_policy_classifies_links():
    from crawler.site.links import LinkPolicy

    pol = LinkPolicy("https://www.shop.fr/", exclude=["/compte/"], drop_params=["utm_source"])
    rows = pol.classify([
        ("https://www.shop.fr/a?utm_source=x", "a", "A", ""),
        ("https://www.shop.fr/compte/login", "a", "Login", "nofollow"),
        ("https://other.fr/", "a", "Other", "nofollow noopener"),
        ("https://www.shop.fr/logo.png", "img", "", ""),
        ("https://cdn.fr/app.js", "script", "", ""),
        ("https://www.shop.fr/fr/", "link", "", "alternate"),
        ("https://www.shop.fr/s.css", "link", "", "stylesheet"),
        ("https://www.shop.fr/search", "form", "", ""),
        ("mailto:hello@shop.fr", "a", "Mail", ""),
    ])
    got = [(u, target, internal, allowed, nofollow) for u, _k, _a, _r, nofollow, internal, target, allowed in rows]
    assert got == [
        ("https://www.shop.fr/a", "page", 1, True, 0),
        ("https://www.shop.fr/compte/login", "page", 1, False, 1),
        ("https://other.fr/", "external", 0, True, 1),
        ("https://www.shop.fr/logo.png", "resource", 1, True, 0),
        ("https://cdn.fr/app.js", "resource", 0, True, 0),
        ("https://www.shop.fr/fr/", "page", 1, True, 0),
        ("https://www.shop.fr/s.css", "resource", 1, True, 0),
        ("https://www.shop.fr/search", None, 1, False, 0),
        ("mailto:hello@shop.fr", None, 0, False, 0),
    ]
