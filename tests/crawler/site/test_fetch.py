"""Fetch stage against a stdlib server behaving badly: redirects, drips, huge bodies, bombs, 503s."""

import gzip
import itertools
import json
import sqlite3
import threading

from servers import Response, serve_app

from crawler.site.engine import crawl
from crawler.site.fetch import Fetcher
from crawler.site.settings import CrawlSettings


def fetcher(**kw):
    kw.setdefault("retries", 0)
    return Fetcher(CrawlSettings(**kw))


def redirects(req):
    r = req.route
    if r == "/chain1":
        return Response(301, "", {"Location": "/chain2"})
    if r == "/chain2":
        return Response(308, "", {"Location": "http://" + req.headers["host"] + "/chain3"})  # absolute
    if r == "/chain3":
        return Response(302, "", {"Location": "final"})           # relative Location
    if r == "/final":
        return Response(200, "<title>final</title>")
    if r == "/loop-a":
        return Response(301, "", {"Location": "/loop-b"})
    if r == "/loop-b":
        return Response(301, "", {"Location": "/loop-a"})
    if r == "/temp":
        return Response(302, "", {"Location": "/final"})
    if r.startswith("/hop"):
        n = int(r[4:])
        return Response(301, "", {"Location": f"/hop{n + 1}"})
    return None


def test_redirect_chain_recorded_hop_by_hop():
    with serve_app(redirects) as base:
        res = fetcher().fetch(base + "/chain1")
    assert res.first.status == 301
    assert [h["status"] for h in res.chain] == [301, 308, 302]
    assert res.chain[0]["location"] == base + "/chain2"
    assert res.chain[2]["location"] == base + "/final"
    assert res.final_url == base + "/final" and res.final_status == 200
    assert res.hops == 3 and not res.loop and res.error is None


def test_redirect_loop_detected():
    with serve_app(redirects) as base:
        res = fetcher().fetch(base + "/loop-a")
        assert len(base.log) == 2        # a -> b -> (a again: stopped, not requested)
    assert res.loop and res.error == "redirect loop" and res.hops == 2


def test_redirect_hop_limit():
    with serve_app(redirects) as base:
        res = fetcher(max_redirects=10).fetch(base + "/hop0")
        assert len(base.log) == 11
    assert res.error.startswith("too many redirects") and res.hops == 11


def test_302_kept_as_first_status():
    with serve_app(redirects) as base:
        res = fetcher().fetch(base + "/temp")
    assert res.first.status == 302 and res.final_status == 200 and res.hops == 1


def test_slow_drip_stopped_by_total_deadline():
    stop = threading.Event()

    def drip():
        yield b"<html><title>slow</title>"
        for _ in range(600):
            if stop.is_set():
                return
            yield b"."

    with serve_app(lambda req: Response(200, drip(), drip=0.05)) as base:
        res = fetcher(total_timeout=1.0, read_timeout=5).fetch(base + "/")
        stop.set()
    assert res.first.status == 200
    assert res.first.truncated and res.first.error.startswith("total timeout")
    assert res.first.body.startswith(b"<html><title>slow</title>")
    assert 0 < res.first.size < 600


def test_oversized_body_truncated_and_flagged():
    big = b"<html>" + b"x" * 300_000
    with serve_app(lambda req: Response(200, big)) as base:
        res = fetcher(max_body_bytes=100_000).fetch(base + "/")
    assert res.first.truncated and res.first.size == 100_000 and len(res.first.body) == 100_000
    assert res.first.error is None


def test_endless_chunked_body_cut():
    with serve_app(lambda req: Response(200, itertools.repeat(b"y" * 8192))) as base:
        res = fetcher(max_body_bytes=200_000).fetch(base + "/")
    assert res.first.truncated and res.first.size == 200_000


def test_decompression_bomb_guard():
    bomb = gzip.compress(b"\0" * 20_000_000, 9)     # ~20 KB on the wire, 20 MB once decoded
    with serve_app(lambda req: Response(200, bomb, {"Content-Encoding": "gzip"})) as base:
        res = fetcher(max_body_bytes=1_000_000).fetch(base + "/")
    assert res.first.truncated and res.first.size == 1_000_000
    assert res.first.error.startswith("decompression bomb")


def test_gzip_body_decoded():
    with serve_app(lambda req: Response(200, gzip.compress(b"<title>zip</title>"), {"Content-Encoding": "gzip"})) as base:
        res = fetcher().fetch(base + "/")
    assert res.first.body == b"<title>zip</title>" and not res.first.truncated


def test_retry_5xx_then_success_and_retry_after():
    calls = []

    def app(req):
        calls.append(req.route)
        if len(calls) == 1:
            return Response(503, "busy", {"Retry-After": "1"})
        if len(calls) == 2:
            return Response(500, "oops")
        return Response(200, "ok")

    with serve_app(app) as base:
        res = fetcher(retries=3).fetch(base + "/")
    assert res.first.status == 200 and res.first.attempts == 3


def test_retries_are_bounded():
    with serve_app(lambda req: Response(502, "bad gateway")) as base:
        res = fetcher(retries=2).fetch(base + "/")
        assert len(base.log) == 3
    assert res.first.status == 502


def test_retry_after_too_long_gives_up():
    with serve_app(lambda req: Response(429, "slow down", {"Retry-After": "3600"})) as base:
        res = fetcher(retries=3, max_retry_after=5).fetch(base + "/")
        assert len(base.log) == 1
    assert res.first.status == 429 and "Retry-After" in res.first.error


def test_connection_refused_is_an_error_not_an_exception():
    res = fetcher().fetch("http://127.0.0.1:9/")
    assert res.first.status is None and res.error == "connection refused"


def test_head_falls_back_to_get():
    def app(req):
        if req.method == "HEAD":
            return Response(405, "")
        return Response(200, b"GIF89a" + b"\0" * 100, content_type="image/gif")

    with serve_app(app) as base:
        res = fetcher().check(base + "/img.gif")
        assert [m for m, _ in base.log] == ["HEAD", "GET"]
    assert res.first.status == 200 and res.first.size == 106


def test_user_agent_and_custom_headers_sent_no_cookies():
    seen = []

    def app(req):
        seen.append(req.headers)
        return Response(200, "ok", {"Set-Cookie": "sid=1; Path=/"})

    with serve_app(app) as base:
        f = fetcher(user_agent="MyBot/1.0", headers={"X-Test": "yes"})
        f.fetch(base + "/")
        f.fetch(base + "/again")
    assert seen[0]["user-agent"] == "MyBot/1.0" and seen[0]["x-test"] == "yes"
    assert "cookie" not in seen[1]


def test_crawl_stores_redirects_and_crawls_targets(tmp_path):
    def app(req):
        if req.route == "/":
            return Response(200, '<a href="/chain1">c</a><a href="/loop-a">l</a><a href="/temp">t</a>')
        return redirects(req)

    db = tmp_path / "c.sqlite"
    with serve_app(app) as base:
        crawl(base + "/", db, CrawlSettings(parse_workers=0, retries=0), progress=False)
    c = sqlite3.connect(db)
    rows = {u[len(base):]: rest for u, *rest in c.execute(
        "SELECT url, status, redirect_hops, redirect_loop, final_url, final_status, redirect_chain, state, found_via "
        "FROM urls")}
    status, hops, loop, final, fstatus, chain, state, _via = rows["/chain1"]
    assert (status, hops, loop, final, fstatus) == (301, 3, 0, base + "/final", 200)
    assert [h["location"] for h in json.loads(chain)] == [base + "/chain2", base + "/chain3", base + "/final"]
    assert rows["/loop-a"][2] == 1 and rows["/loop-b"][2] == 1     # each URL of the loop flagged
    assert rows["/temp"][0] == 302
    assert rows["/chain2"][-1] == "redirect" and rows["/final"][0] == 200
    assert all(r[-2] in ("done", "error", "skipped") for r in rows.values())


def test_retry_after_parsing():
    import email.utils
    import time

    from crawler.site.fetch import retry_after_seconds

    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    later = email.utils.formatdate(time.time() + 3600, usegmt=True)
    assert 3500 < retry_after_seconds(later) <= 3600
    assert retry_after_seconds(email.utils.formatdate(time.time() - 60, usegmt=True)) == 0.0
