"""Sitemaps: robots Sitemap: lines and /sitemap.xml, indexes, gzip, text, limits; in_sitemap flags."""

import gzip
import sqlite3

from servers import Response, nginx_serving, serve_app

from crawler.site.engine import crawl
from crawler.site.settings import CrawlSettings
from crawler.site.sitemaps import parse_sitemap

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'


def urlset(*locs):
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>' + "".join(
        f"<url><loc>{u}</loc><lastmod>2026-10-01</lastmod></url>" for u in locs) + "</urlset>"


def test_parse_urlset_index_text_and_limits():
    sm = parse_sitemap(urlset("http://a.fr/1", "http://a.fr/2").encode(), "http://a.fr/s.xml", 50_000)
    assert sm.kind == "urlset" and sm.entries == [("http://a.fr/1", "2026-10-01"), ("http://a.fr/2", "2026-10-01")]
    idx = parse_sitemap(f'<sitemapindex {NS}><sitemap><loc>http://a.fr/s1.xml</loc></sitemap></sitemapindex>'.encode(),
                        "http://a.fr/i.xml", 50_000)
    assert idx.kind == "index" and idx.children == ["http://a.fr/s1.xml"]
    txt = parse_sitemap(b"http://a.fr/x\n\nhttp://a.fr/y\nnot a url\n", "http://a.fr/s.txt", 50_000)
    assert txt.kind == "text" and [u for u, _ in txt.entries] == ["http://a.fr/x", "http://a.fr/y"]
    cut = parse_sitemap(urlset(*[f"http://a.fr/{i}" for i in range(10)]).encode(), "http://a.fr/s.xml", 3)
    assert len(cut.entries) == 3 and "limit" in cut.error
    bad = parse_sitemap(b"<urlset><url><loc>http://a.fr/</loc>", "http://a.fr/s.xml", 10)
    assert bad.error and bad.error.startswith("XML error")


def test_parse_hreflang_alternates():
    xml = (f'<urlset {NS}><url><loc>http://a.fr/fr/</loc>'
           '<xhtml:link rel="alternate" hreflang="en" href="http://a.fr/en/"/></url></urlset>')
    sm = parse_sitemap(xml.encode(), "http://a.fr/s.xml", 10)
    assert sm.alternates == [("http://a.fr/fr/", "en", "http://a.fr/en/")]


def test_entity_expansion_not_resolved():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b"<urlset><url><loc>http://a.fr/&b;</loc></url></urlset>")
    sm = parse_sitemap(bomb, "http://a.fr/s.xml", 10)
    assert all("aaaaaaaaaa" not in u for u, _ in sm.entries)


def test_crawl_reads_index_gzip_and_text_sitemaps(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<title>home</title><a href="/linked.html">l</a>')
    for name in ("linked", "orphan1", "orphan2", "orphan3"):
        (site / f"{name}.html").write_text(f"<title>{name}</title>")
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\nSitemap: {base}/sitemap_index.xml\n")
    with nginx_serving(site) as base:
        (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap_index.xml\n")
        (site / "sitemap_index.xml").write_text(
            f'<sitemapindex {NS}><sitemap><loc>{base}/pages.xml.gz</loc></sitemap>'
            f"<sitemap><loc>{base}/more.txt</loc></sitemap><sitemap><loc>{base}/gone.xml</loc></sitemap>"
            "</sitemapindex>")
        (site / "pages.xml.gz").write_bytes(gzip.compress(urlset(base + "/linked.html", base + "/orphan1.html",
                                                                 base + "/orphan2.html").encode()))
        (site / "more.txt").write_text(f"{base}/orphan3.html\nhttp://elsewhere.invalid/x\n")
        db = tmp_path / "c.sqlite"
        crawl(base + "/", db, CrawlSettings(parse_workers=0, retries=0), progress=False)
        served = [p for _m, p, _s in base.requests()]
    c = sqlite3.connect(db)
    sms = {u.replace(base, ""): (via, kind, status, n, err) for u, via, kind, status, n, err in c.execute(
        "SELECT url, found_via, kind, status, url_count, error FROM sitemaps")}
    assert sms["/sitemap_index.xml"][:4] == ("robots", "index", 200, 0)
    assert sms["/pages.xml.gz"][:4] == ("index", "urlset", 200, 3)
    assert sms["/more.txt"][:4] == ("index", "text", 200, 2)
    assert sms["/gone.xml"][2] == 404
    assert sms["/sitemap.xml"][0] == "default" and sms["/sitemap.xml"][2] == 404
    u = {url.replace(base, ""): (ins, depth, state, via) for url, ins, depth, state, via in c.execute(
        "SELECT url, in_sitemap, depth, state, found_via FROM urls")}
    assert u["/linked.html"][:3] == (1, 1, "done")          # linked AND in a sitemap: keeps its click depth
    assert u["/orphan1.html"] == (1, None, "done", "sitemap")   # orphan: crawled, no depth
    assert u["/orphan3.html"][2] == "done"
    assert u["/"][0] == 0
    assert u["http://elsewhere.invalid/x"][2:] == ("skipped", "sitemap")
    assert served.count("/orphan1.html") == 1
    n = c.execute("SELECT count(*) FROM sitemap_urls").fetchone()[0]
    assert n == 5


def test_sitemap_served_gzip_encoded(tmp_path):
    xml = urlset("{base}/a").encode()

    def app(req):
        if req.route == "/sitemap.xml":
            body = xml.replace(b"{base}", f"http://{req.headers['host']}".encode())
            return Response(200, gzip.compress(body), {"Content-Encoding": "gzip"}, content_type="application/xml")
        if req.route in ("/", "/a"):
            return Response(200, "<title>x</title>")
        return None

    with serve_app(app) as base:
        db = tmp_path / "c.sqlite"
        crawl(base + "/", db, CrawlSettings(parse_workers=0, retries=0), progress=False)
    c = sqlite3.connect(db)
    assert c.execute("SELECT in_sitemap, status FROM urls WHERE url = ?", (base + "/a",)).fetchone() == (1, 200)


def test_sitemap_hreflang_stored(tmp_path):
    def app(req):
        host = f"http://{req.headers['host']}"
        if req.route == "/sitemap.xml":
            return Response(200, f'<urlset {NS}><url><loc>{host}/fr/</loc>'
                                 f'<xhtml:link rel="alternate" hreflang="en" href="{host}/en/"/></url></urlset>',
                            content_type="application/xml")
        if req.route in ("/", "/fr/", "/en/"):
            return Response(200, "<title>x</title>")
        return None

    with serve_app(app) as base:
        db = tmp_path / "c.sqlite"
        crawl(base + "/", db, CrawlSettings(parse_workers=0, retries=0), progress=False)
    c = sqlite3.connect(db)
    rows = c.execute("SELECT u.url, h.lang, h.href, h.source FROM hreflang h JOIN urls u ON u.id = h.url_id").fetchall()
    assert rows == [(base + "/fr/", "en", base + "/en/", "sitemap")]
