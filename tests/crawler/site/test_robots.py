"""robots.txt: RFC 9309 matching (through protego) and fetch outcomes, on real servers."""

import sqlite3

from servers import Response, serve_app

from crawler.site.engine import crawl
from crawler.site.robots import parse_robots, product_token
from crawler.site.settings import DEFAULT_USER_AGENT, CrawlSettings

TOKEN = product_token(DEFAULT_USER_AGENT)
H = "http://h.test"


def rules(text):
    return parse_robots(H, 200, text, None, TOKEN)


def test_product_token():
    assert TOKEN == "TrafficManagerBot"


def test_longest_match_wins_allow_over_shorter_disallow():
    r = rules("User-agent: *\nDisallow: /shop/\nAllow: /shop/public/\n")
    assert r.allowed(H + "/shop/public/item", TOKEN)
    assert not r.allowed(H + "/shop/cart", TOKEN)
    assert r.allowed(H + "/blog/", TOKEN)


def test_longest_match_wins_disallow_over_shorter_allow():
    r = rules("User-agent: *\nAllow: /p\nDisallow: /p/private\n")
    assert not r.allowed(H + "/p/private/1", TOKEN)
    assert r.allowed(H + "/p/open", TOKEN)


def test_wildcards_and_end_anchor():
    r = rules("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?sort=\nDisallow: /tmp*/x\n")
    assert not r.allowed(H + "/docs/file.pdf", TOKEN)
    assert r.allowed(H + "/docs/file.pdf?download=1", TOKEN)     # $ anchors the end
    assert not r.allowed(H + "/list?sort=asc", TOKEN)
    assert not r.allowed(H + "/tmp123/x", TOKEN)
    assert r.allowed(H + "/list?page=2", TOKEN)


def test_group_chosen_by_user_agent():
    text = "User-agent: *\nDisallow: /\n\nUser-agent: TrafficManagerBot\nDisallow: /admin/\n"
    r = rules(text)
    assert r.allowed(H + "/page", TOKEN)            # our group, not '*'
    assert not r.allowed(H + "/admin/x", TOKEN)
    assert not r.allowed(H + "/page", "OtherBot")


def test_outcomes_4xx_5xx_unreachable():
    assert parse_robots(H, 404, None, None, TOKEN).allowed(H + "/x", TOKEN)
    assert parse_robots(H, 403, None, None, TOKEN).mode == "allow_all"
    r5 = parse_robots(H, 503, None, None, TOKEN)
    assert not r5.allowed(H + "/x", TOKEN) and "503" in r5.note
    down = parse_robots(H, None, None, "connection refused", TOKEN)
    assert down.mode == "disallow_all" and "connection refused" in down.note


def test_crawl_delay_and_sitemaps_read():
    r = rules("User-agent: *\nCrawl-delay: 2\nSitemap: http://h.test/s.xml\n")
    assert r.crawl_delay == 2.0 and r.sitemaps == ["http://h.test/s.xml"]


# --------------------------------------------------------------------------- through a crawl

def _site(robots_status, robots_body=""):
    pages = {"/": '<a href="/a">a</a><a href="/secret/b">b</a>', "/a": "A", "/secret/b": "B"}

    def app(req):
        if req.route == "/robots.txt":
            return Response(robots_status, robots_body, content_type="text/plain")
        if req.route in pages:
            return Response(200, f"<html><title>{req.route}</title><body>{pages[req.route]}</body></html>")
        return None
    return app


def _crawl(base, tmp_path, **kw):
    db = tmp_path / "c.sqlite"
    s = CrawlSettings(parse_workers=0, retries=0, check_external=False, **kw)
    summary = crawl(base + "/", db, s, progress=False)
    conn = sqlite3.connect(db)
    return summary, conn


def _states(conn):
    return {u.split("/", 3)[3]: (state, reason, blocked)
            for u, state, reason, blocked in conn.execute("SELECT url, state, skip_reason, robots_blocked FROM urls")}


def test_crawl_respects_disallow(tmp_path):
    with serve_app(_site(200, "User-agent: *\nDisallow: /secret/\n")) as base:
        _, conn = _crawl(base, tmp_path)
        assert ("GET", "/secret/b") not in base.log
    st = _states(conn)
    assert st["secret/b"] == ("skipped", "robots", 1)
    assert st["a"][0] == "done"
    body, status = conn.execute("SELECT body, status FROM host_files WHERE name='robots.txt'").fetchone()
    assert status == 200 and "Disallow: /secret/" in body


def test_robots_404_allows_everything(tmp_path):
    with serve_app(_site(404)) as base:
        _, conn = _crawl(base, tmp_path)
        assert ("GET", "/secret/b") in base.log
    assert _states(conn)["secret/b"][0] == "done"


def test_robots_503_disallows_everything_and_says_why(tmp_path):
    with serve_app(_site(503)) as base:
        _, conn = _crawl(base, tmp_path)
        assert [p for _m, p in base.log if p != "/robots.txt" and not p.endswith((".xml", "llms.txt"))] == []
    assert _states(conn)[""] == ("skipped", "robots", 1)
    note = dict(conn.execute("SELECT key, value FROM crawl_meta"))["robots_note"]
    assert "503" in note and "disallowed" in note


def test_ignore_robots_is_recorded(tmp_path):
    with serve_app(_site(200, "User-agent: *\nDisallow: /\n")) as base:
        _, conn = _crawl(base, tmp_path, ignore_robots=True)
        assert ("GET", "/secret/b") in base.log
    meta = dict(conn.execute("SELECT key, value FROM crawl_meta"))
    assert meta["ignore_robots"] == "1" and "ignored" in meta["robots_note"]
    assert conn.execute("SELECT count(*) FROM urls WHERE robots_blocked = 1").fetchone()[0] == 0
