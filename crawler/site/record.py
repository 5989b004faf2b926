"""Turn a fetch (+ parse) result into rows: the URL's outcome, its page facts, its links, and the
new URLs they reveal (queued, or recorded as skipped with the reason). Runs in the writer thread.

Classification of a discovered URL:
- non-HTTP (mailto:, tel:, javascript:): kept in ``links`` only (to_id NULL), never fetched;
- ``<a>``/``<iframe>``/canonical/hreflang/refresh/redirect target on an in-scope host: a ``page``
  (queued, or skipped as out_of_scope / max_depth);
- same on another host: ``external`` (checked once with HEAD -> GET when ``check_external``);
- ``<img>``/``<script>``/``<link rel=stylesheet|icon|...>``: a ``resource`` (checked once);
- ``<form action>``: recorded as a link, never requested (it would submit the form).
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.site.fetch import HTML_TYPES, FetchResult
from crawler.site.frontier import Item
from crawler.site.links import LinkPolicy, is_trap
from crawler.site.parse import Parsed
from crawler.site.settings import CrawlSettings
from crawler.site.sitemaps import SitemapFile
from crawler.site.store import Writer
from crawler.site.urls import Scope, is_http

KEPT_HEADERS = frozenset(("content-type", "content-length", "content-encoding", "location", "x-robots-tag",
                          "link", "strict-transport-security", "cache-control", "last-modified", "etag",
                          "server", "content-language", "retry-after", "vary", "expires", "refresh",
                          "content-security-policy", "x-frame-options", "x-content-type-options"))


@dataclass(slots=True)
class Outcome:
    item: Item
    fetch: FetchResult | None = None
    parsed: Parsed | None = None
    blocked: bool = False
    error: str | None = None          # an unexpected failure in the worker


class Recorder:
    def __init__(self, writer: Writer, settings: CrawlSettings, scope: Scope, policy: LinkPolicy, *,
                 list_mode: bool = False):
        self.w = writer
        self.s = settings
        self.scope = scope
        self.policy = policy
        self.params = policy.params
        self.max_depth = 0 if list_mode else settings.max_depth
        writer.max_depth = self.max_depth
        self.errors = 0

    # -- classification ---------------------------------------------------------------------------
    def discover(self, url: str, kind: str, parent: Item, via: str, same_depth: bool = False) -> tuple[int, bool]:
        """Id of a URL found on/through ``parent`` (redirects, sitemaps), classified here."""
        url, target, internal, allowed = self.policy.target(url, "img" if kind == "resource" else "a")
        if target is None:
            target = "page"
        return self._ensure(url, target, allowed, parent, via, same_depth), bool(internal)

    def _ensure(self, url: str, target: str, allowed: bool, parent: Item, via: str, same_depth: bool = False) -> int:
        """Record a classified URL with what will happen to it; its id."""
        pdepth = parent.depth
        depth = pdepth if (same_depth or pdepth is None) else pdepth + 1
        hit = self.w.cache.get(url)
        if hit is not None and (target != "page" or depth is None or (hit[1] is not None and depth >= hit[1])):
            return hit[0]      # known, and this path is no shorter: nothing to write
        if target == "page":
            if not allowed:
                reason = "trap" if is_trap(url) else "out_of_scope"
                return self.w.ensure(url, "page", depth, parent.id, via, "skipped", reason)[0]
            if self.max_depth is not None and depth is not None and depth > self.max_depth:
                return self.w.ensure(url, "page", depth, parent.id, via, "skipped", "max_depth")[0]
        elif not self.s.check_external:
            return self.w.ensure(url, target, depth, parent.id, via, "skipped", "not_checked")[0]
        return self.w.ensure(url, target, depth, parent.id, via)[0]

    # -- one outcome -------------------------------------------------------------------------------
    def record(self, out: Outcome) -> None:
        w, item = self.w, out.item
        if out.blocked:
            w.skip(item.id, "robots", robots_blocked=True)
            return
        fr = out.fetch
        if fr is None:
            self.errors += 1
            w.record_fetch(item.id, state="error", status=None, content_type=None, size=None, response_ms=None,
                           hops=0, chain=None, loop=False, final_url=None, final_status=None, headers=None,
                           truncated=False, error=out.error or "internal error")
            return
        first = fr.first
        error = fr.error or first.error
        state = "error" if first.status is None else "done"
        if error:
            self.errors += 1
        headers = {k: v for k, v in first.headers.items() if k in KEPT_HEADERS or k.startswith("x-robots")}
        w.record_fetch(item.id, state=state, status=first.status, content_type=first.content_type,
                       size=first.size if first.status is not None else None,
                       response_ms=round(first.elapsed_ms, 1), hops=fr.hops, chain=fr.chain or None,
                       loop=fr.loop, final_url=fr.final_url, final_status=fr.final_status,
                       headers=headers if first.status is not None else None, truncated=first.truncated,
                       error=error)
        if fr.chain:
            target = fr.chain[0].get("location")
            if target and is_http(target):
                kind = "page" if item.kind == "page" else item.kind
                self.discover(target, kind, item, "redirect", same_depth=True)
        if out.parsed is not None and item.kind == "page":
            self._page(item, out.parsed)

    def _page(self, item: Item, p: Parsed) -> None:
        w = self.w
        w.page(item.id, p.facts_json, p.title, p.word_count, p.content_hash, p.simhash)
        # targets first, so a canonical/hreflang/refresh target is recorded as found that way
        for url, via, target, allowed in p.targets:
            self._ensure(url, target, allowed, item, via)
        rows = []
        ids: dict[str, int] = {}
        ensure = self._ensure
        pid = item.id
        for url, kind, anchor, rel, nofollow, internal, target, allowed in p.links:
            if target is None:
                rows.append((pid, url, None, kind, anchor, rel, nofollow, internal))
                continue
            to_id = ids.get(url)
            if to_id is None:
                to_id = ids[url] = ensure(url, target, allowed, item, kind)
            rows.append((pid, url, to_id, kind, anchor, rel, nofollow, internal))
        if rows:
            w.links(rows)
        if p.hreflang:
            w.hreflang([(pid, lang, url, src) for lang, url, src in p.hreflang])


    # -- sitemaps -----------------------------------------------------------------------------------------
    def sitemap(self, sm: SitemapFile, parent_id: int | None) -> int:
        """Store one sitemap file and flag (or queue) the URLs it lists; the sitemap's id."""
        w = self.w
        sid = w.sitemap(sm.url, parent_id, sm.found_via, sm.kind, sm.status, len(sm.entries), sm.error)
        root = Item(None, sm.url, "page", None)  # type: ignore[arg-type]  (no page found them)
        rows, ids = [], []
        by_url: dict[str, int] = {}
        for url, lastmod in sm.entries:
            url = self.params(url)
            if not self.scope.internal(url):
                uid = w.ensure(url, "page", None, None, "sitemap", "skipped", "out_of_scope")[0]
            elif not self.s.crawl_sitemaps:
                uid = w.ensure(url, "page", None, None, "sitemap", "skipped", "not_checked")[0]
            else:
                uid = self.discover(url, "page", root, "sitemap")[0]
            rows.append((sid, uid, lastmod))
            ids.append(uid)
            by_url[url] = uid
        w.sitemap_urls(rows)
        w.mark_in_sitemap(ids)
        alts = [(by_url[self.params(page)], lang, self.params(href), "sitemap")
                for page, lang, href in sm.alternates if self.params(page) in by_url and is_http(href)]
        if alts:
            w.hreflang(alts)
        return sid


def is_html(content_type: str | None) -> bool:
    return content_type in HTML_TYPES
