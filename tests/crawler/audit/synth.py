"""Build small sites by hand (URL rows + PageFacts) to test each check's logic in isolation: judged in memory
(AuditContext.from_facts), and from a crawl database built from the same rows, which must agree.

The baseline site is healthy for every check: HTTPS with HSTS, robots.txt, llms.txt, a sitemap listing every
page, a reciprocal hreflang pair with x-default, unique titles/descriptions/texts. Tests mutate one thing.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

from crawler.site.facts import PageFacts

BASE = "https://shop.example"
SCHEMA = Path(__file__).resolve().parents[3] / "crawler" / "site" / "schema.sql"


def u(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else BASE + path


class Site:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.facts: dict[str, dict[str, Any]] = {}
        self.extra_links: list[tuple[str, str, str, str, str]] = []   # from, to, kind, anchor, rel
        self.meta = {"start_url": u("/"), "finished": "1", "stopped_reason": "done", "ignore_robots": "0"}
        self.host_files = {
            "robots.txt": {"status": 200, "body": f"User-agent: *\nDisallow: /admin/\n\nSitemap: {BASE}/sitemap.xml\n"},
            "llms.txt": {"status": 200, "body": "# Shop\n\n> Outdoor gear.\n"},
        }
        self.sitemaps = [{"url": u("/sitemap.xml"), "found_via": "robots", "kind": "urlset", "status": 200, "error": None}]
        self.resource("/img/a.png")
        for path in ("/", "/a/", "/b/"):
            self.page(path)
        self.facts[u("/")]["headings"] = {"h1": ["Home"]}
        self.rows[u("/")]["depth"] = 0
        pair = [{"lang": "en", "url": u("/a/")}, {"lang": "fr", "url": u("/b/")}, {"lang": "x-default", "url": u("/a/")}]
        self.facts[u("/a/")]["hreflang"] = [dict(x) for x in pair]
        self.facts[u("/b/")]["hreflang"] = [dict(x) for x in pair]
        self.facts[u("/b/")]["html_lang"] = "fr"

    # ------------------------------------------------------------------ building
    def page(self, path: str, *, link_from_home: bool = True, **row: Any) -> dict[str, Any]:
        url = u(path)
        i = len(self.facts) + 1
        rng = random.Random(i)
        self.rows[url] = {"kind": "page", "state": "done", "depth": 1, "status": 200, "content_type": "text/html",
                          "size": 20_000, "response_ms": 120.0, "in_sitemap": 1, "found_via": "a",
                          "headers": {"content-type": "text/html; charset=utf-8",
                                      "strict-transport-security": "max-age=31536000"}, **row}
        self.facts[url] = {
            "url": url, "titles": [f"Clean page number {i} of the outdoor shop"],
            "meta_descriptions": [f"Page {i} of the outdoor shop: tents, bags and shoes, tested in the field, with free returns."],
            "canonicals": [url], "html_lang": "en", "viewport": "width=device-width, initial-scale=1", "charset": "utf-8",
            "og": {"og:title": f"Page {i}", "og:type": "website", "og:image": u("/img/a.png"), "og:url": url},
            "twitter": {"twitter:card": "summary"}, "headings": {"h1": [f"Main heading of page {i}"], "h2": ["More"]},
            "word_count": 420, "content_hash": f"hash-{i}", "simhash": rng.getrandbits(63),
            "images": [{"src": u("/img/a.png"), "alt": "A tent by a lake", "width": "40", "height": "30"}],
            "links": [{"url": u("/"), "kind": "a", "anchor": "Home", "rel": ""}],
            "jsonld": [{"ok": True, "types": ["WebPage"]}],
        }
        if link_from_home and url != u("/") and u("/") in self.facts:
            self.facts[u("/")]["links"].append({"url": url, "kind": "a", "anchor": f"Page {i}", "rel": ""})
        return self.facts[url]

    def url(self, path: str, **row: Any) -> dict[str, Any]:
        """A URL row without page facts (redirect, error, blocked...)."""
        self.rows[u(path)] = {"kind": "page", "state": "done", "depth": 1, "status": 200, "content_type": "text/html",
                              "in_sitemap": 0, "headers": {}, **row}
        return self.rows[u(path)]

    def resource(self, path: str, **row: Any) -> dict[str, Any]:
        self.rows[u(path)] = {"kind": "resource", "state": "done", "status": 200, "content_type": "image/png",
                              "size": 5_000, "headers": {}, **row}
        return self.rows[u(path)]

    def f(self, path: str) -> dict[str, Any]:
        return self.facts[u(path)]

    def link(self, src: str, dst: str, kind: str = "a", anchor: str = "A useful page", rel: str = "") -> None:
        self.f(src)["links"].append({"url": u(dst) if not dst.startswith("javascript:") else dst, "kind": kind,
                                     "anchor": anchor, "rel": rel})

    # ------------------------------------------------------------------ judging
    def context(self):
        """The site as an AuditContext built in memory from its rows and facts (what check tests use)."""
        from crawler.audit.context import AuditContext
        from crawler.audit.model import LinkRow, UrlRow

        rows = []
        for n, (url, r) in enumerate(self.rows.items(), 1):
            headers = {k.lower(): v for k, v in r.get("headers", {}).items()}
            rows.append(UrlRow(
                id=n, url=url, kind=r["kind"], state=r["state"], depth=r.get("depth"), found_via=r.get("found_via"),
                in_sitemap=bool(r.get("in_sitemap", 0)), robots_blocked=bool(r.get("robots_blocked", 0)),
                status=r.get("status"), content_type=r.get("content_type"), size=r.get("size"),
                response_ms=r.get("response_ms"), redirect_hops=r.get("redirect_hops", 0) or 0,
                redirect_chain=r.get("redirect_chain", []) if r.get("redirect_hops") else [],
                redirect_loop=bool(r.get("redirect_loop", 0)), final_url=r.get("final_url"),
                final_status=r.get("final_status"), headers=headers, truncated=bool(r.get("truncated", 0)),
                error=r.get("error"), skip_reason=r.get("skip_reason")))
        facts = [PageFacts.from_dict(fd) for fd in self.facts.values()]
        extra = [LinkRow(u(a), b, kind, anchor, rel, "nofollow" in rel, b.startswith(BASE))
                 for a, b, kind, anchor, rel in self.extra_links]
        members = {u: [s["url"] for s in self.sitemaps] for u, r in self.rows.items() if r.get("in_sitemap")}
        host_files = {(BASE, name): {"host": BASE, "name": name, "status": hf.get("status"), "body": hf.get("body"),
                                     "error": hf.get("error")}
                      for name, hf in self.host_files.items() if hf is not None}
        sitemaps = [{"id": n, **sm} for n, sm in enumerate(self.sitemaps, 1)]
        return AuditContext.from_facts(self.meta["start_url"], rows, facts, meta=dict(self.meta), extra_links=extra,
                                       sitemaps=sitemaps, sitemap_members=members, host_files=host_files)

    # ------------------------------------------------------------------ writing
    def write(self, path: Path) -> Path:
        con = sqlite3.connect(path)
        con.execute("PRAGMA synchronous=OFF")
        con.executescript(SCHEMA.read_text())
        ids = {}
        for n, (url, r) in enumerate(self.rows.items(), 1):
            ids[url] = n
            con.execute(
                "INSERT INTO urls(id, url, kind, state, depth, found_via, in_sitemap, robots_blocked, status, content_type,"
                " size, response_ms, redirect_hops, redirect_chain, redirect_loop, final_url, final_status, headers,"
                " truncated, error, skip_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (n, url, r["kind"], r["state"], r.get("depth"), r.get("found_via"), r.get("in_sitemap", 0),
                 r.get("robots_blocked", 0), r.get("status"), r.get("content_type"), r.get("size"), r.get("response_ms"),
                 r.get("redirect_hops", 0), json.dumps(r.get("redirect_chain", [])), r.get("redirect_loop", 0),
                 r.get("final_url"), r.get("final_status"), json.dumps(r.get("headers", {})), r.get("truncated", 0),
                 r.get("error"), r.get("skip_reason")))
        origin_host = BASE.split("//")[1]
        for url, fd in self.facts.items():
            facts = PageFacts.from_dict(fd)
            con.execute("INSERT INTO pages(url_id, facts, title, word_count, content_hash, simhash) VALUES (?,?,?,?,?,?)",
                        (ids[url], facts.to_json(), (facts.titles or [None])[0], facts.word_count, facts.content_hash,
                         facts.simhash))
            for lk in facts.links:
                internal = int(lk.url.split("/")[2:3] == [origin_host]) if lk.url.startswith("http") else 0
                con.execute("INSERT INTO links(from_id, to_url, to_id, kind, anchor, rel, nofollow, internal) "
                            "VALUES (?,?,?,?,?,?,?,?)", (ids[url], lk.url, ids.get(lk.url), lk.kind, lk.anchor, lk.rel,
                                                         int(lk.nofollow), internal))
            for img in facts.images:
                con.execute("INSERT INTO links(from_id, to_url, to_id, kind, anchor, rel, nofollow, internal) "
                            "VALUES (?,?,?,?,?,?,?,?)", (ids[url], img.src, ids.get(img.src), "img", img.alt or "", "", 0, 1))
            for h in facts.hreflang:
                con.execute("INSERT INTO hreflang(url_id, lang, href, source) VALUES (?,?,?,?)", (ids[url], h.lang, h.url, h.source))
        con.executemany("INSERT INTO crawl_meta(key, value) VALUES (?,?)", list(self.meta.items()))
        for name, hf in self.host_files.items():
            if hf is not None:
                con.execute("INSERT INTO host_files(host, name, status, body, error) VALUES (?,?,?,?,?)",
                            (BASE, name, hf.get("status"), hf.get("body"), hf.get("error")))
        for n, sm in enumerate(self.sitemaps, 1):
            con.execute("INSERT INTO sitemaps(id, url, found_via, kind, status, error) VALUES (?,?,?,?,?,?)",
                        (n, sm["url"], sm["found_via"], sm["kind"], sm["status"], sm["error"]))
            for url, r in self.rows.items():
                if r.get("in_sitemap"):
                    con.execute("INSERT INTO sitemap_urls(sitemap_id, url_id) VALUES (?,?)", (n, ids[url]))
        con.commit()
        con.close()
        return path


def findings(site: Site, check_id: str, tmp_path: Path, thresholds: dict | None = None) -> set[str]:
    """URLs the check reports on this site, judged from the hand-built facts in memory (no database).

    The same site is also written to a crawl database and judged from it: both must agree, so the
    in-memory context can never drift from what an audit of a real crawl sees."""
    from crawler.audit.context import AuditContext
    from crawler.audit.registry import get

    check = get(check_id)
    th = {**check.thresholds, **(thresholds or {})}
    found = {f.url for f in check.run(site.context(), th)}
    ctx = AuditContext.load(site.write(tmp_path / f"{check_id}.sqlite"))
    try:
        assert {f.url for f in check.run(ctx, th)} == found, "the in-memory context disagrees with the database"
    finally:
        ctx.close()
    return found
