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

from crawler.fetch import HTML_TYPES, FetchResult
from crawler.frontier import Item
from crawler.parse import Parsed
from crawler.settings import CrawlSettings
from crawler.store import Writer
from crawler.urls import ParamFilter, Scope, is_http

PAGE_LINK_KINDS = frozenset(("a", "iframe", "area"))
RESOURCE_KINDS = frozenset(("img", "script", "link", "video", "audio", "source", "embed", "object"))
PAGE_LINK_RELS = frozenset(("canonical", "alternate", "next", "prev", "amphtml"))
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
    def __init__(self, writer: Writer, settings: CrawlSettings, scope: Scope, *, list_mode: bool = False):
        self.w = writer
        self.s = settings
        self.scope = scope
        self.params = ParamFilter(settings.keep_params, settings.drop_params)
        self.max_depth = 0 if list_mode else settings.max_depth
        writer.max_depth = self.max_depth
        self._internal: dict[str, bool] = {}
        self.errors = 0

    # -- classification ---------------------------------------------------------------------------
    def internal(self, url: str) -> bool:
        netloc = url.split("/", 3)[2] if url.count("/") >= 2 else ""
        v = self._internal.get(netloc)
        if v is None:
            v = self.scope.internal(url)
            if len(self._internal) < 10_000:
                self._internal[netloc] = v
        return v

    def discover(self, url: str, kind: str, parent: Item, via: str, same_depth: bool = False) -> tuple[int, bool]:
        """Id of a URL found on/through ``parent``, recorded with what will happen to it; (id, internal)."""
        url = self.params(url)
        internal = self.internal(url)
        pdepth = parent.depth
        depth = pdepth if (same_depth or pdepth is None) else pdepth + 1
        if kind == "page":
            if not internal:
                kind = "external"
            elif not self.scope.allowed(url):
                return self.w.ensure(url, "page", depth, parent.id, via, "skipped", "out_of_scope")[0], True
            elif self.max_depth is not None and depth is not None and depth > self.max_depth:
                return self.w.ensure(url, "page", depth, parent.id, via, "skipped", "max_depth")[0], True
        if kind in ("external", "resource") and not self.s.check_external:
            return self.w.ensure(url, kind, depth, parent.id, via, "skipped", "not_checked")[0], internal
        return self.w.ensure(url, kind, depth, parent.id, via)[0], internal

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
        w.clear_page(item.id)
        w.page(item.id, p.facts_json, p.title, p.word_count, p.content_hash, p.simhash)
        # targets first, so a canonical/hreflang/refresh target is recorded as found that way
        for url, via in p.targets:
            if is_http(url):
                self.discover(url, "resource" if via == "img" else "page", item, via)
        rows = []
        for url, kind, anchor, rel in p.links:
            if not is_http(url):
                rows.append((item.id, url, None, kind, anchor, rel, 0, 0))
                continue
            if kind == "form":
                url = self.params(url)
                rows.append((item.id, url, None, kind, anchor, rel, 0, int(self.internal(url))))
                continue
            if kind in PAGE_LINK_KINDS or (kind == "link" and PAGE_LINK_RELS.intersection(rel.split())):
                target_kind = "page"
            elif kind in RESOURCE_KINDS:
                target_kind = "resource"
            else:
                target_kind = "page"
            to_id, internal = self.discover(url, target_kind, item, kind)
            rows.append((item.id, self.params(url), to_id, kind, anchor, rel,
                         int("nofollow" in rel.split()), int(internal)))
        if rows:
            w.links(rows)
        if p.hreflang:
            w.hreflang([(item.id, lang, self.params(url), src) for lang, url, src in p.hreflang])


def is_html(content_type: str | None) -> bool:
    return content_type in HTML_TYPES
