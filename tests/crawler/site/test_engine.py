"""End-to-end crawls of real loopback servers: what gets stored, scope, limits, bad input."""

import sqlite3

import pytest
from servers import Response, nginx_serving, serve_app

from crawler.site.engine import crawl
from crawler.common.errors import InputError
from crawler.site.facts import PageFacts
from crawler.site.settings import CrawlSettings

END_STATES = ("done", "error", "skipped")


def settings(**kw):
    kw.setdefault("parse_workers", 0)
    kw.setdefault("retries", 0)
    kw.setdefault("connect_timeout", 2)
    return CrawlSettings(**kw)


def run(start, tmp_path, name="c.sqlite", **kw):
    db = tmp_path / name
    summary = crawl(start, db, settings(**kw), progress=False)
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return summary, conn


def rows(conn, base):
    return {r["url"].replace(base, ""): r for r in conn.execute("SELECT * FROM urls")}


def html(body, head=""):
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def write_site(root, pages):
    for path, text in pages.items():
        f = root / path.lstrip("/")
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    return root


def test_nginx_site_everything_stored(tmp_path):
    site = write_site(tmp_path / "site", {
        "index.html": html('<a href="/a.html">A</a> <a href="sub/">Sub</a> <a href="mailto:x@y.fr">mail</a>'
                           ' <a href="tel:+331">tel</a> <a href="javascript:void(0)">js</a>'
                           ' <img src="/logo.png" alt=""> <img src="/missing.png">'
                           ' <a href="http://localhost:1/ext">external</a>'
                           ' <a href="/a.html#frag">fragment</a> <a rel="nofollow" href="/nf.html">nf</a>',
                           '<title>Accueil</title><link rel="stylesheet" href="/s.css">'),
        "a.html": html('<a href="/">home</a>', "<title>A</title>"),
        "nf.html": html("", "<title>NF</title>"),
        "sub/index.html": html('<a href="../a.html">A</a>', "<title>Sub</title>"),
        "logo.png": "PNG", "s.css": "body{}",
    })
    with nginx_serving(site) as base:
        summary, c = run(base + "/", tmp_path, check_external=True)
        requests = base.requests()
        served = [p for _m, p, _s in requests]
    assert summary.finished and summary.stopped_reason == "done"
    r = rows(c, base)
    assert r["/"]["depth"] == 0 and r["/a.html"]["depth"] == 1 and r["/sub/"]["depth"] == 1
    assert r["/a.html"]["status"] == 200 and r["/a.html"]["content_type"] == "text/html"
    assert r["/logo.png"]["kind"] == "resource" and r["/logo.png"]["status"] == 200
    assert r["/missing.png"]["status"] == 404
    assert r["/s.css"]["kind"] == "resource"
    assert r["http://localhost:1/ext"]["kind"] == "external" and r["http://localhost:1/ext"]["state"] == "error"
    assert all(x["state"] in END_STATES for x in r.values())       # every URL ends somewhere
    assert served.count("/a.html") == 1                              # fragment link: same URL, one fetch
    assert not any(p.startswith(("mailto", "tel", "javascript")) for p in served)
    assert ("HEAD", "/logo.png") in [(m, p) for m, p, _s in requests]       # resources: HEAD only
    links = {(x["to_url"].replace(base, ""), x["kind"]): x for x in c.execute(
        "SELECT * FROM links WHERE from_id = ?", (r["/"]["id"],))}
    assert links[("mailto:x@y.fr", "a")]["to_id"] is None
    assert links[("tel:+331", "a")]["internal"] == 0
    assert links[("/a.html", "a")]["internal"] == 1 and links[("/a.html", "a")]["to_id"] == r["/a.html"]["id"]
    assert links[("/nf.html", "a")]["nofollow"] == 1
    assert links[("http://localhost:1/ext", "a")]["internal"] == 0
    assert links[("/logo.png", "img")]["to_id"] == r["/logo.png"]["id"]
    facts = PageFacts.from_json(c.execute("SELECT facts FROM pages WHERE url_id = ?", (r["/"]["id"],)).fetchone()[0])
    assert facts.titles == ["Accueil"]
    assert c.execute("SELECT title FROM pages WHERE url_id = ?", (r["/a.html"]["id"],)).fetchone()[0] == "A"
    meta = dict(c.execute("SELECT key, value FROM crawl_meta").fetchall())
    assert meta["finished"] == "1" and meta["start_url"] == base + "/"
    names = {n for (n,) in c.execute("SELECT name FROM host_files")}
    assert names == {"robots.txt", "llms.txt"}
    indexes = {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"links_from", "links_to", "urls_state", "pages_hash"} <= indexes      # rebuilt after the bulk load


def test_base_href_resolves_relative_links(tmp_path):
    site = write_site(tmp_path / "site", {
        "dir/page.html": html('<a href="target.html">t</a>', '<base href="/other/"><title>p</title>'),
        "other/target.html": html("", "<title>t</title>"),
    })
    with nginx_serving(site) as base:
        _, c = run(base + "/dir/page.html", tmp_path)
    r = rows(c, base)
    assert r["/other/target.html"]["status"] == 200
    assert "/dir/target.html" not in r


def test_canonical_hreflang_refresh_targets_crawled_without_links(tmp_path):
    head = ('<link rel="canonical" href="/canon.html"><link rel="alternate" hreflang="en" href="/en/">'
            '<meta http-equiv="refresh" content="5; url=/refreshed.html">')
    site = write_site(tmp_path / "site", {
        "index.html": html("no links", head + "<title>home</title>"),
        "canon.html": html("", "<title>c</title>"), "en/index.html": html("", "<title>en</title>"),
        "refreshed.html": html("", "<title>r</title>"),
    })
    with nginx_serving(site) as base:
        _, c = run(base + "/", tmp_path)
    r = rows(c, base)
    assert r["/canon.html"]["status"] == 200 and r["/canon.html"]["found_via"] == "canonical"
    assert r["/en/"]["status"] == 200 and r["/en/"]["found_via"] == "hreflang"
    assert r["/refreshed.html"]["status"] == 200 and r["/refreshed.html"]["found_via"] == "refresh"
    (lang, href, src), = c.execute("SELECT lang, href, source FROM hreflang").fetchall()
    assert (lang, href, src) == ("en", base + "/en/", "html")


def _chain_site(n):
    """/p0 -> /p1 -> ... -> /p{n-1}, plus /outside/x linked from p0."""
    def app(req):
        if req.route.startswith("/p"):
            i = int(req.route[2:])
            if i < n:
                nxt = f'<a href="/p{i + 1}">next</a>' if i + 1 < n else ""
                extra = '<a href="/outside/x">o</a>' if i == 0 else ""
                return Response(200, html(nxt + extra, f"<title>p{i}</title>"))
        if req.route == "/outside/x":
            return Response(200, html("", "<title>x</title>"))
        return None
    return app


def test_max_pages(tmp_path):
    with serve_app(_chain_site(10)) as base:
        summary, c = run(base + "/p0", tmp_path, max_pages=3)
        fetched = [p for m, p in base.log if m == "GET" and p.startswith(("/p", "/outside"))]
    assert summary.stopped_reason == "max_pages" and summary.pages_crawled == 3
    assert len(fetched) == 3
    assert c.execute("SELECT count(*) FROM urls WHERE skip_reason = 'max_pages'").fetchone()[0] >= 1
    assert c.execute("SELECT count(*) FROM urls WHERE state IN ('queued', 'fetching')").fetchone()[0] == 0


def test_max_depth_and_exclude(tmp_path):
    with serve_app(_chain_site(10)) as base:
        _, c = run(base + "/p0", tmp_path, max_depth=2, exclude=["/outside/"])
        assert ("GET", "/outside/x") not in base.log
    r = rows(c, base)
    assert r["/p2"]["status"] == 200 and r["/p3"]["skip_reason"] == "max_depth" and "/p4" not in r
    assert r["/outside/x"]["skip_reason"] == "out_of_scope"


def test_include_regex(tmp_path):
    with serve_app(_chain_site(4)) as base:
        _, c = run(base + "/p0", tmp_path, include=[r"/p[0-2]$"])
    r = rows(c, base)
    assert r["/p2"]["status"] == 200 and r["/p3"]["skip_reason"] == "out_of_scope"


def test_list_mode_crawls_exactly_the_list(tmp_path):
    with serve_app(_chain_site(6)) as base:
        db = tmp_path / "list.sqlite"
        crawl(None, db, settings(), urls=[base + "/p1", base + "/p4"], progress=False)
        fetched = sorted(p for m, p in base.log if m == "GET" and p.startswith("/p"))
    assert fetched == ["/p1", "/p4"]
    c = sqlite3.connect(db)
    assert c.execute("SELECT count(*) FROM urls WHERE status = 200").fetchone()[0] == 2
    assert dict(c.execute("SELECT key, value FROM crawl_meta"))["list_mode"] == "1"


def test_latin1_page(tmp_path):
    body = html("<h1>Été à la française</h1>", "<title>Crêpes et café</title>").encode("latin-1")

    def app(req):
        if req.route == "/":
            return Response(200, body, content_type="text/html; charset=iso-8859-1")
        if req.route == "/nocharset":
            return Response(200, html("", '<meta charset="iso-8859-1"><title>Noël</title>').encode("latin-1"),
                            content_type="text/html")
        return None

    with serve_app(app) as base:
        _, c = run(base + "/", tmp_path)
        _, c2 = run(base + "/nocharset", tmp_path, name="c2.sqlite")
    assert c.execute("SELECT title FROM pages").fetchone()[0] == "Crêpes et café"
    assert c2.execute("SELECT title FROM pages").fetchone()[0] == "Noël"


def test_broken_and_binary_pages_do_not_stop_the_crawl(tmp_path):
    def app(req):
        pages = {
            "/": html('<a href="/broken">b</a><a href="/binary">x</a><a href="/empty">e</a><a href="/ok">ok</a>'),
            "/broken": "<html><head><title>unclosed<body><div><a href='/ok'>",
            "/binary": b"\x00\x01\x02\xff" * 1000,
            "/empty": b"",
            "/ok": html("", "<title>ok</title>"),
        }
        if req.route in pages:
            return Response(200, pages[req.route])
        return None

    with serve_app(app) as base:
        summary, c = run(base + "/", tmp_path)
    r = rows(c, base)
    assert summary.finished
    assert {k: r[k]["status"] for k in ("/broken", "/binary", "/empty", "/ok")} == dict.fromkeys(
        ("/broken", "/binary", "/empty", "/ok"), 200)


def test_parse_in_worker_processes(tmp_path):
    site = write_site(tmp_path / "site", {f"p{i}.html": html(f'<a href="/p{i + 1}.html">n</a>', f"<title>P{i}</title>")
                                          for i in range(20)})
    with nginx_serving(site) as base:
        summary, c = run(base + "/p0.html", tmp_path, parse_workers=2)
    assert summary.pages_crawled == 21       # p0..p19 and the 404 p20
    assert c.execute("SELECT count(*) FROM pages WHERE title LIKE 'P%'").fetchone()[0] == 20


@pytest.mark.parametrize("bad", ["not a url", "ftp://example.com/", "http://", "example.com"])
def test_invalid_start_url(tmp_path, bad):
    with pytest.raises(InputError) as e:
        crawl(bad, tmp_path / "x.sqlite", settings(), progress=False)
    assert "\n" not in str(e.value)
    assert not (tmp_path / "x.sqlite").exists()


def test_unreachable_host(tmp_path):
    with pytest.raises(InputError, match="cannot reach"):
        crawl("http://127.0.0.1:9/", tmp_path / "x.sqlite", settings(), progress=False)
    assert not (tmp_path / "x.sqlite").exists()


def test_existing_db_not_overwritten(tmp_path):
    with serve_app(_chain_site(2)) as base:
        run(base + "/p0", tmp_path)
        with pytest.raises(InputError, match="--resume"):
            run(base + "/p0", tmp_path)


def test_crawler_trap_of_ever_new_urls_is_cut(tmp_path):
    # every page links to a deeper relative URL: /a/, /a/a/, /a/a/a/ ... (a classic relative-link trap)
    def app(req):
        if req.route.startswith("/a/") or req.route == "/":
            return Response(200, html('<a href="a/">deeper</a><a href="x?page=' + "9" * 3000 + '">long</a>',
                                      "<title>trap</title>"))
        return None

    with serve_app(app) as base:
        summary, c = run(base + "/", tmp_path)
        assert len(base.log) < 20
    assert summary.finished
    reasons = {r for (r,) in c.execute("SELECT skip_reason FROM urls WHERE state = 'skipped'")}
    assert reasons == {"trap"}


def test_per_host_cap(tmp_path):
    import threading
    import time

    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def app(req):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.02)           # widen the window in which two requests could overlap
        with lock:
            state["now"] -= 1
        if req.route.startswith("/p") and int(req.route[2:]) < 12:
            i = int(req.route[2:])
            return Response(200, html("".join(f'<a href="/p{j}">{j}</a>' for j in range(i, 12)), "<title>p</title>"))
        return None

    with serve_app(app) as base:
        summary, _ = run(base + "/p0", tmp_path, concurrency=6, per_host=1)
    assert summary.pages_crawled == 12
    assert state["max"] == 1


def test_start_url_redirecting_to_another_host_is_followed(tmp_path):
    # http://127.0.0.1:PORT/ answers 301 -> http://localhost:PORT/ (like http://client.fr -> https://www.client.fr)
    def app(req):
        host, port = req.headers["host"].split(":")
        if host == "127.0.0.1":
            return Response(301, "", {"Location": f"http://localhost:{port}{req.path}"})
        if req.route == "/":
            return Response(200, html('<a href="/a">a</a>', "<title>home</title>"))
        if req.route == "/a":
            return Response(200, html("", "<title>a</title>"))
        return None

    with serve_app(app) as base:
        summary, c = run(base + "/", tmp_path)
        port = base.rsplit(":", 1)[1]
        get_a = [p for m, p in base.log if p == "/a" and m == "GET"]
    r = {u: (k, st) for u, k, st in c.execute("SELECT url, kind, status FROM urls")}
    assert r[f"http://localhost:{port}/"] == ("page", 200)
    assert r[f"http://localhost:{port}/a"] == ("page", 200) and len(get_a) == 1
    meta = dict(c.execute("SELECT key, value FROM crawl_meta"))
    assert meta["moved_to"] == f"http://localhost:{port}"
    hosts = {(h, n) for h, n in c.execute("SELECT host, name FROM host_files")}
    assert (f"http://localhost:{port}", "robots.txt") in hosts and (f"http://localhost:{port}", "llms.txt") in hosts
    assert summary.pages_crawled == 3


def test_resolve_crawls_a_production_origin_from_another_address(tmp_path):
    """crawl.resolve (curl --resolve): URLs stay the production ones, requests go to the loopback server
    with the production Host header."""
    hosts = []

    def app(req):
        hosts.append(req.headers.get("host"))
        if req.path == "/":
            return Response(body=html('<a href="https://www.shop.example/a">A</a> <a href="/b">B</a>',
                                      "<title>Home</title>"))
        if req.path in ("/a", "/b"):
            return Response(body=html("", f"<title>{req.path}</title>"))
        return None

    with serve_app(app) as base:
        summary, c = run("https://www.shop.example/", tmp_path, resolve={"https://www.shop.example": base})
    urls = {r["url"]: r["status"] for r in c.execute("SELECT url, status FROM urls WHERE kind = 'page'")}
    assert urls == {"https://www.shop.example/": 200, "https://www.shop.example/a": 200,
                    "https://www.shop.example/b": 200}
    assert not any("127.0.0.1" in u for (u,) in c.execute("SELECT url FROM urls"))
    assert set(hosts) == {"www.shop.example"}
    meta = dict(c.execute("SELECT key, value FROM crawl_meta").fetchall())
    assert meta["start_url"] == "https://www.shop.example/"
