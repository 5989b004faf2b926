"""AuditContext: the crawl database loaded once, with the lookups checks share.

Checks never touch SQL or the network; they read this object. Loading is one pass per table.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.errors import InputError
from crawler.facts import PageFacts

_NOT_DIRECTIVES = {"unavailable_after", "max-snippet", "max-image-preview", "max-video-preview"}
_OUR_BOTS = {"googlebot", "*", "robots"}


def robots_directives(values: list[str], header: bool = False) -> set[str]:
    """Lower-cased directives of meta robots / X-Robots-Tag values that apply to every bot or Googlebot.

    ``X-Robots-Tag: otherbot: noindex`` only binds ``otherbot``, so it is ignored here; ``none`` means
    ``noindex, nofollow``.
    """
    out: set[str] = set()
    for value in values:
        if not value:
            continue
        v = value.strip().lower()
        if header and ":" in v:
            name, _, rest = v.partition(":")
            name = name.strip()
            if name not in _NOT_DIRECTIVES and " " not in name and "," not in name:
                if name not in _OUR_BOTS:
                    continue
                v = rest
        for part in v.split(","):
            d = part.strip().split(":")[0].strip()
            if d == "none":
                out |= {"noindex", "nofollow"}
            elif d:
                out.add(d)
    return out


@dataclass(slots=True)
class UrlRow:
    id: int
    url: str
    kind: str
    state: str
    depth: int | None
    found_via: str | None
    in_sitemap: bool
    robots_blocked: bool
    status: int | None
    content_type: str | None
    size: int | None
    response_ms: float | None
    redirect_hops: int
    redirect_chain: list[dict[str, Any]]
    redirect_loop: bool
    final_url: str | None
    final_status: int | None
    headers: dict[str, str]
    truncated: bool
    error: str | None
    skip_reason: str | None

    @property
    def is_redirect(self) -> bool:
        return self.status is not None and 300 <= self.status < 400

    @property
    def is_html(self) -> bool:
        return (self.content_type or "").startswith(("text/html", "application/xhtml"))


@dataclass(slots=True)
class Page:
    """A crawled HTML page that answered 2xx, with its facts."""

    url: str
    row: UrlRow
    facts: PageFacts

    @property
    def directives(self) -> set[str]:
        f = self.facts
        return robots_directives(f.meta_robots) | robots_directives(f.meta_googlebot) | robots_directives(
            f.x_robots_tag, header=True)

    @property
    def noindex(self) -> bool:
        return "noindex" in self.directives

    @property
    def canonical(self) -> str | None:
        """The declared canonical (HTML first, then the Link header), or None."""
        f = self.facts
        for c in [*f.canonicals, *f.canonical_headers]:
            if c:
                return c
        return None

    @property
    def canonicalised(self) -> bool:
        c = self.canonical
        return c is not None and c != self.url

    @property
    def indexable(self) -> bool:
        return not self.noindex and not self.canonicalised


@dataclass(slots=True)
class LinkRow:
    from_url: str
    to_url: str
    kind: str
    anchor: str
    rel: str
    nofollow: bool
    internal: bool


@dataclass
class AuditContext:
    db_path: Path
    meta: dict[str, str]
    urls: dict[str, UrlRow]
    pages: list[Page]
    links: list[LinkRow]
    hreflang_rows: dict[str, list[tuple[str, str, str]]]
    sitemaps: list[dict[str, Any]]
    sitemap_members: dict[str, list[str]]
    host_files: dict[tuple[str, str], dict[str, Any]]
    all_facts: dict[str, PageFacts] = field(default_factory=dict)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, db_path: Path) -> AuditContext:
        db_path = Path(db_path)
        if not db_path.is_file():
            raise InputError(f"{db_path}: no such crawl database")
        try:
            con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
            con.row_factory = sqlite3.Row
            meta = {r["key"]: r["value"] for r in con.execute("SELECT key, value FROM crawl_meta")}
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{db_path}: not a crawl database ({exc})") from None
        try:
            return cls._load(con, db_path, meta)
        finally:
            con.close()

    @classmethod
    def _load(cls, con: sqlite3.Connection, db_path: Path, meta: dict[str, str]) -> AuditContext:
        urls: dict[str, UrlRow] = {}
        by_id: dict[int, str] = {}
        for r in con.execute("SELECT * FROM urls"):
            row = UrlRow(
                id=r["id"], url=r["url"], kind=r["kind"], state=r["state"], depth=r["depth"],
                found_via=r["found_via"], in_sitemap=bool(r["in_sitemap"]), robots_blocked=bool(r["robots_blocked"]),
                status=r["status"], content_type=r["content_type"], size=r["size"], response_ms=r["response_ms"],
                redirect_hops=r["redirect_hops"] or 0, redirect_chain=_json(r["redirect_chain"], []),
                redirect_loop=bool(r["redirect_loop"]), final_url=r["final_url"], final_status=r["final_status"],
                headers={k.lower(): v for k, v in _json(r["headers"], {}).items()}, truncated=bool(r["truncated"]),
                error=r["error"], skip_reason=r["skip_reason"])
            urls[row.url] = row
            by_id[row.id] = row.url
        pages: list[Page] = []
        all_facts: dict[str, PageFacts] = {}
        for r in con.execute("SELECT url_id, facts FROM pages ORDER BY url_id"):
            url = by_id.get(r["url_id"])
            if url is None:
                continue
            try:
                facts = PageFacts.from_json(r["facts"])
            except (ValueError, TypeError):
                continue
            all_facts[url] = facts
            row = urls[url]
            if row.status is not None and 200 <= row.status < 300 and row.kind == "page":
                pages.append(Page(url, row, facts))
        links = [
            LinkRow(by_id.get(r["from_id"], ""), r["to_url"], r["kind"], r["anchor"] or "", r["rel"] or "",
                    bool(r["nofollow"]), bool(r["internal"]))
            for r in con.execute("SELECT from_id, to_url, kind, anchor, rel, nofollow, internal FROM links")
        ]
        hreflang: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for r in con.execute("SELECT url_id, lang, href, source FROM hreflang"):
            if r["url_id"] in by_id:
                hreflang[by_id[r["url_id"]]].append((r["lang"], r["href"], r["source"]))
        sitemaps = [dict(r) for r in con.execute("SELECT * FROM sitemaps ORDER BY id")]
        sm_by_id = {s["id"]: s["url"] for s in sitemaps}
        members: dict[str, list[str]] = defaultdict(list)
        for r in con.execute("SELECT sitemap_id, url_id FROM sitemap_urls"):
            if r["url_id"] in by_id:
                members[by_id[r["url_id"]]].append(sm_by_id.get(r["sitemap_id"], ""))
        for row in urls.values():   # in_sitemap is enough even without sitemap_urls rows
            if row.in_sitemap and row.url not in members:
                members[row.url] = []
        host_files = {(r["host"], r["name"]): dict(r) for r in con.execute("SELECT * FROM host_files")}
        return cls(db_path=db_path, meta=meta, urls=urls, pages=pages, links=links, hreflang_rows=dict(hreflang),
                   sitemaps=sitemaps, sitemap_members=dict(members), host_files=host_files, all_facts=all_facts)

    # ------------------------------------------------------------------ crawl state
    @property
    def start_url(self) -> str:
        return self.meta.get("start_url", "")

    @cached_property
    def incomplete_reason(self) -> str | None:
        """Why site checks cannot conclude (None when the crawl covered the whole site)."""
        if self.meta.get("finished") != "1":
            return self.meta.get("stopped_reason") or "interrupted"
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

    @cached_property
    def outlinks(self) -> dict[str, list[LinkRow]]:
        out: dict[str, list[LinkRow]] = defaultdict(list)
        for link in self.links:
            out[link.from_url].append(link)
        return out

    @cached_property
    def inlinks(self) -> dict[str, list[LinkRow]]:
        out: dict[str, list[LinkRow]] = defaultdict(list)
        for link in self.links:
            out[link.to_url].append(link)
        return out

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
        for h in page.facts.hreflang:
            seen[(h.lang.strip(), h.url)] = None
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


def origin(url: str) -> str:
    s = urlsplit(url)
    return f"{s.scheme}://{s.netloc}" if s.scheme and s.netloc else ""


def _origin_host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_loopback(url: str) -> bool:
    """Development servers (127.x, ::1, localhost) are not expected to run HTTPS."""
    host = (urlsplit(url).hostname or "").lower()
    return host == "localhost" or host.endswith(".localhost") or host.startswith("127.") or host == "::1"


def _json(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default
