"""AuditContext: the crawl database loaded once, with the lookups checks share.

Checks never touch SQL or the network; they read this object. Loading is one pass per table.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from crawler.audit.model import (  # noqa: F401  (re-exported: checks import them from here)
    LinkRow,
    Page,
    UrlRow,
    _json,
    _origin_host,
    is_loopback,
    origin,
    robots_directives,
)
from crawler.common.errors import InputError
from crawler.site.facts import PageFacts

_SUMMARY_SQL = """
SELECT p.url_id, p.word_count, p.content_hash, p.simhash,
       json_extract(p.facts, '$.titles'), json_extract(p.facts, '$.meta_descriptions'),
       json_extract(p.facts, '$.headings.h1'), json_extract(p.facts, '$.meta_robots'),
       json_extract(p.facts, '$.meta_googlebot'), json_extract(p.facts, '$.x_robots_tag'),
       json_extract(p.facts, '$.canonicals'), json_extract(p.facts, '$.canonical_headers'),
       json_extract(p.facts, '$.html_lang'), json_array_length(p.facts, '$.images'),
       (SELECT count(*) FROM json_each(p.facts, '$.images') WHERE json_type(value, '$.alt') IS NULL
                                                           OR json_type(value, '$.alt') = 'null')
FROM pages p ORDER BY p.url_id
"""

_KEPT_HEADERS = ("content-type", "strict-transport-security", "content-encoding", "x-robots-tag", "location")


@dataclass
class _Memory:
    facts: dict[str, PageFacts]
    links: dict[str, list[LinkRow]]


@dataclass
class AuditContext:
    """The crawl, loaded compactly: every URL row, a summary of each page (titles, directives, hashes...)
    and aggregates. Full page facts and each page's links are read from SQLite one page at a time
    (:meth:`iter_full_pages`, :meth:`outlinks_of`), so memory does not grow with links per page."""

    db_path: Path
    meta: dict[str, str]
    urls: dict[str, UrlRow]
    pages: list[Page]                                   # 2xx HTML pages, with summary facts
    hreflang_rows: dict[str, list[tuple[str, str, str]]]
    sitemaps: list[dict[str, Any]]
    sitemap_members: dict[str, list[str]]
    host_files: dict[tuple[str, str], dict[str, Any]]
    summaries: dict[str, Page] = field(default_factory=dict)   # every page with facts, any status
    con: sqlite3.Connection | None = None
    memory: _Memory | None = None          # facts and links held in memory (hand-built, as in check tests)
    _a_in: dict[str, int] = field(default_factory=dict)
    _int_out: dict[str, int] = field(default_factory=dict)
    _link_counts_done: bool = False

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, db_path: Path) -> AuditContext:
        db_path = Path(db_path)
        if not db_path.is_file():
            raise InputError(f"{db_path}: no such crawl database")
        try:
            con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
            meta = {k: v for k, v in con.execute("SELECT key, value FROM crawl_meta")}
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{db_path}: not a crawl database ({exc})") from None
        try:
            return cls._load(con, db_path, meta)
        except BaseException:
            con.close()
            raise

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    @classmethod
    def _load(cls, con: sqlite3.Connection, db_path: Path, meta: dict[str, str]) -> AuditContext:
        urls: dict[str, UrlRow] = {}
        by_id: dict[int, str] = {}
        for r in con.execute(
                "SELECT id, url, kind, state, depth, found_via, in_sitemap, robots_blocked, status, content_type, size,"
                " response_ms, redirect_hops, redirect_chain, redirect_loop, final_url, final_status, headers,"
                " truncated, error, skip_reason FROM urls"):
            headers = {k.lower(): v for k, v in _json(r[17], {}).items()}
            row = UrlRow(
                id=r[0], url=r[1], kind=r[2], state=r[3], depth=r[4], found_via=r[5], in_sitemap=bool(r[6]),
                robots_blocked=bool(r[7]), status=r[8], content_type=r[9], size=r[10], response_ms=r[11],
                redirect_hops=r[12] or 0, redirect_chain=_json(r[13], []) if r[12] else [], redirect_loop=bool(r[14]),
                final_url=r[15], final_status=r[16], headers={k: headers[k] for k in _KEPT_HEADERS if k in headers},
                truncated=bool(r[18]), error=r[19], skip_reason=r[20])
            urls[row.url] = row
            by_id[row.id] = row.url
        pages: list[Page] = []
        summaries: dict[str, Page] = {}
        for r in con.execute(_SUMMARY_SQL):
            url = by_id.get(r[0])
            if url is None:
                continue
            h1 = _json(r[6], [])
            facts = PageFacts(url=url, word_count=r[1] or 0, content_hash=r[2] or "", simhash=r[3] or 0,
                              titles=_json(r[4], []), meta_descriptions=_json(r[5], []),
                              headings={"h1": h1} if h1 else {}, meta_robots=_json(r[7], []),
                              meta_googlebot=_json(r[8], []), x_robots_tag=_json(r[9], []), canonicals=_json(r[10], []),
                              canonical_headers=_json(r[11], []), html_lang=r[12])
            row = urls[url]
            page = Page(url, row, facts, images=r[13] or 0, images_without_alt=r[14] or 0)
            summaries[url] = page
            if row.status is not None and 200 <= row.status < 300 and row.kind == "page":
                pages.append(page)
        hreflang: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for uid, lang, href, source in con.execute("SELECT url_id, lang, href, source FROM hreflang"):
            if uid in by_id:
                hreflang[by_id[uid]].append((lang, href, source))
        con.row_factory = sqlite3.Row
        sitemaps = [dict(r) for r in con.execute("SELECT * FROM sitemaps ORDER BY id")]
        host_files = {(r["host"], r["name"]): dict(r) for r in con.execute("SELECT * FROM host_files")}
        con.row_factory = None
        sm_by_id = {s["id"]: s["url"] for s in sitemaps}
        members: dict[str, list[str]] = defaultdict(list)
        for sid, uid in con.execute("SELECT sitemap_id, url_id FROM sitemap_urls"):
            if uid in by_id:
                members[by_id[uid]].append(sm_by_id.get(sid, ""))
        for row in urls.values():   # in_sitemap is enough even without sitemap_urls rows
            if row.in_sitemap and row.url not in members:
                members[row.url] = []
        return cls(db_path=db_path, meta=meta, urls=urls, pages=pages, hreflang_rows=dict(hreflang), sitemaps=sitemaps,
                   sitemap_members=dict(members), host_files=host_files, summaries=summaries, con=con)

    @classmethod
    def from_facts(cls, start_url: str, rows: list[UrlRow], facts: list[PageFacts], *,
                   meta: dict[str, str] | None = None, extra_links: list[LinkRow] = (),
                   sitemaps: list[dict[str, Any]] = (), sitemap_members: dict[str, list[str]] | None = None,
                   host_files: dict[tuple[str, str], dict[str, Any]] | None = None) -> AuditContext:
        """A context from hand-built URL rows and page facts, no database: what a check test needs, as
        Lighthouse's audit tests build their artifacts. Links are the facts' links and images."""
        urls = {r.url: r for r in rows}
        host = _origin_host(start_url)
        pages, summaries, links, hreflang = [], {}, {}, defaultdict(list)
        for f in facts:
            row = urls[f.url]
            page = Page(f.url, row, f, images=len(f.images), images_without_alt=sum(i.alt is None for i in f.images))
            summaries[f.url] = page
            if row.status is not None and 200 <= row.status < 300 and row.kind == "page":
                pages.append(page)
            links[f.url] = [LinkRow(f.url, lk.url, lk.kind, lk.anchor, lk.rel, lk.nofollow,
                                    _origin_host(lk.url) == host) for lk in f.links]
            links[f.url] += [LinkRow(f.url, i.src, "img", i.alt or "", "", False, True) for i in f.images]
            hreflang[f.url] += [(h.lang, h.url, h.source) for h in f.hreflang]
        for lk in extra_links:
            links.setdefault(lk.from_url, []).append(lk)
        members = dict(sitemap_members or {})
        for row in rows:
            if row.in_sitemap and row.url not in members:
                members[row.url] = []
        return cls(db_path=Path("(memory)"), meta={"start_url": start_url, "finished": "1", **(meta or {})},
                   urls=urls, pages=pages, hreflang_rows=dict(hreflang), sitemaps=list(sitemaps),
                   sitemap_members=members, host_files=dict(host_files or {}), summaries=summaries,
                   memory=_Memory({f.url: f for f in facts}, links))

    # ------------------------------------------------------------------ link aggregates
    def count_links(self, page: Page) -> None:
        """Add one page's <a> links to the aggregates (called by the audit's single pass over pages)."""
        n_internal = 0
        for lk in self.a_links_of(page):
            if lk.internal:
                n_internal += 1
            if lk.to_url != page.url and lk.to_url in self.urls:
                self._a_in[lk.to_url] = self._a_in.get(lk.to_url, 0) + 1
        self._int_out[page.url] = n_internal

    def finish_link_counts(self) -> None:
        self._link_counts_done = True

    @property
    def a_inlinks(self) -> dict[str, int]:
        """URL -> number of <a> links to it from other crawled 2xx pages."""
        self._ensure_link_counts()
        return self._a_in

    @property
    def internal_outlinks(self) -> dict[str, int]:
        self._ensure_link_counts()
        return self._int_out

    def _ensure_link_counts(self) -> None:
        if not self._link_counts_done:   # checks run on their own (tests): one pass over the links now
            self._a_in, self._int_out = {}, {}
            for page in self.pages:
                self.count_links(page)
            self._link_counts_done = True

    # ------------------------------------------------------------------ streaming
    def iter_full_pages(self) -> Iterator[Page]:
        """The 2xx HTML pages with their full facts, read one at a time."""
        if self.memory is not None:
            yield from self.pages
            return
        assert self.con is not None, "context closed"
        cur = self.con.execute("SELECT url_id, facts FROM pages ORDER BY url_id")
        by_id = {p.row.id: p for p in self.pages}
        for uid, text in cur:
            summary = by_id.get(uid)
            if summary is None:
                continue
            try:
                data = json.loads(text)
                data["links"] = []   # links are read from the links table (outlinks_of): params applied, typed
                facts = PageFacts.from_dict(data)
            except (ValueError, TypeError):
                continue
            yield Page(summary.url, summary.row, facts, summary.images, summary.images_without_alt)

    def facts(self, url: str) -> PageFacts | None:
        """Full facts of one page (any status), or None."""
        if self.memory is not None:
            return self.memory.facts.get(url)
        row = self.urls.get(url)
        if row is None or self.con is None:
            return None
        hit = self.con.execute("SELECT facts FROM pages WHERE url_id = ?", (row.id,)).fetchone()
        return PageFacts.from_json(hit[0]) if hit else None

    def outlinks_of(self, page: Page) -> list[LinkRow]:
        """Every link found on the page (links table), cached for the page being judged."""
        if self.memory is not None:
            return self.memory.links.get(page.url, [])
        if self._out_cache[0] != page.row.id:
            assert self.con is not None, "context closed"
            rows = self.con.execute("SELECT to_url, kind, anchor, rel, nofollow, internal FROM links WHERE from_id = ?",
                                    (page.row.id,)).fetchall()
            links = [LinkRow(page.url, t, k, a or "", r or "", bool(n), bool(i)) for t, k, a, r, n, i in rows]
            self._out_cache = (page.row.id, links, [lk for lk in links if lk.kind == "a"])
        return self._out_cache[1]

    def a_links_of(self, page: Page) -> list[LinkRow]:
        """The page's <a href> links only."""
        if self.memory is not None:
            return [lk for lk in self.outlinks_of(page) if lk.kind == "a"]
        self.outlinks_of(page)
        return self._out_cache[2]

    _out_cache: tuple[int | None, list[LinkRow], list[LinkRow]] = (None, [], [])

    # ------------------------------------------------------------------ crawl state
    @property
    def start_url(self) -> str:
        return self.meta.get("start_url", "")

    @cached_property
    def incomplete_reason(self) -> str | None:
        """Why site checks cannot conclude (None when the crawl covered the whole site)."""
        if self.meta.get("finished") != "1":
            return self.meta.get("stopped_reason") or "interrupted"
        if self.meta.get("list_mode") == "1":
            return "list_mode"   # only the listed URLs were fetched: orphans, duplicates... cannot be judged
        reason = self.meta.get("stopped_reason")
        if reason in ("max_pages", "max_depth", "interrupted"):
            return reason
        for row in self.urls.values():
            if row.kind == "page" and row.skip_reason in ("max_pages", "max_depth"):
                return row.skip_reason
        return None

    @property
    def complete(self) -> bool:
        return self.incomplete_reason is None

    @property
    def ignore_robots(self) -> bool:
        return self.meta.get("ignore_robots") == "1"

    # ------------------------------------------------------------------ lookups
    @cached_property
    def page_by_url(self) -> dict[str, Page]:
        return {p.url: p for p in self.pages}

    def page(self, url: str) -> Page | None:
        return self.page_by_url.get(url)

    def is_internal(self, url: str) -> bool:
        row = self.urls.get(url)
        if row is not None:
            if row.kind == "page":
                return row.skip_reason != "out_of_scope"
            return row.kind == "resource" and self.same_site(url)
        return self.same_site(url)

    def same_site(self, url: str) -> bool:
        return _origin_host(url) in self.internal_hosts

    @cached_property
    def internal_hosts(self) -> set[str]:
        hosts = {_origin_host(u) for u, r in self.urls.items() if r.kind == "page" and r.skip_reason != "out_of_scope"}
        hosts.add(_origin_host(self.start_url))
        hosts.discard("")
        return hosts

    def hreflang_of(self, page: Page) -> list[tuple[str, str]]:
        """(lang, url) alternates declared by a page: HTML, Link header and sitemap, de-duplicated."""
        seen: dict[tuple[str, str], None] = {}
        for lang, href, _src in self.hreflang_rows.get(page.url, []):
            seen[(lang.strip(), href)] = None
        return list(seen)

    def robots_file(self, url: str | None = None) -> dict[str, Any] | None:
        return self.host_files.get((origin(url or self.start_url), "robots.txt"))

    def resolve(self, url: str) -> tuple[int | None, str | None]:
        """(status at the end of redirects, final URL) for a URL the crawl fetched, else (None, None)."""
        row = self.urls.get(url)
        if row is None or row.status is None:
            return None, None
        if row.is_redirect:
            return row.final_status, row.final_url
        return row.status, url
