"""URL resolution for the extract stage: hrefs as written -> absolute URLs normalised by ``crawler.site.urls``.

Why a module of its own: profiling showed ``urljoin`` + ``normalize`` (~10 us each) dominating extraction, since
a 90 KB shop page has ~150 hrefs not seen on earlier pages (products, pagination). :class:`Resolver` builds plain
hrefs by string concatenation from the normalised base and caches the rest per origin; the tests check every
fast path against ``crawler.site.urls.resolve`` (one URL, one spelling).

Rules: leading/trailing ASCII whitespace and inner tabs/newlines are removed (as browsers do); ``\\`` is ``/``;
fragment-only and empty hrefs resolve like any relative URL, to the page itself (or to ``<base href>``, as in
browsers); non-HTTP hrefs (mailto:, tel:, javascript:, data:) come back stripped, data: URIs cut to 100
characters; an HTTP URL that cannot be normalised (``http://``, bad port) comes back stripped, as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin

from crawler.site.urls import normalize

__all__ = ["ASCII_WS", "Resolver"]

ASCII_WS = " \t\n\r\f"
_INNER_WS = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_DATA_MAX = 100
# Characters normalize() leaves alone, plus %XX escapes it leaves alone: upper-case hex of a byte that is not
# an unreserved character (it decodes %41 to "A", %7E to "~" and upper-cases %c3).
_KEPT_ESCAPE = r"%(?:[0189A-F][0-9A-F]|2[0-9A-CF]|3[A-F]|40|5[B-E]|60|7[B-DF])"
_SIMPLE_PATH = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/]*")
_SIMPLE_QUERY = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*")
_PLAIN_PATH = re.compile(rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|{_KEPT_ESCAPE})*")
_PLAIN_QUERY = re.compile(rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|{_KEPT_ESCAPE})*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_PCT_BYTE = [f"%{b:02X}" for b in range(256)]
_SIMPLE_REF = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?]+)?")
_HREF_CACHE: dict[str, dict[str, tuple[str, str]]] = {}  # origin -> href as written -> (url, raw)
_ORIGINS_MAX = 64
_HREF_CACHE_MAX = 20_000  # per origin, ~8 MB: menus and footers of a site are a few hundred hrefs


def clear_caches() -> None:
    """Forget every cached resolution (benchmarks start cold; a crawl sees each page once)."""
    _HREF_CACHE.clear()
    _join.cache_clear()


@lru_cache(maxsize=8192)
def _join(base: str, href: str) -> str:
    """Resolve + normalise; cached because menus and footers repeat the same hrefs on every page."""
    try:
        return normalize(urljoin(base, href))
    except (ValueError, UnicodeError):  # no host, bad port, unbalanced IPv6 bracket, unencodable IDN
        return href


def _quote(m: re.Match[str]) -> str:
    return "".join(_PCT_BYTE[b] for b in m.group().encode("utf-8"))


def _plain(ref: str) -> bool:
    """True when ``path[?query]`` comes out of ``normalize`` unchanged: only characters it keeps as they are,
    no dot segment, no empty query (``normalize`` drops a bare ``?``). Checked by the tests against
    ``crawler.site.urls.resolve`` on tricky hrefs."""
    path, q, query = ref.partition("?")
    if "/." in path or (q and not query):
        return False
    if "%" not in ref:
        return _SIMPLE_PATH.fullmatch(path) is not None and (not q or _SIMPLE_QUERY.fullmatch(query) is not None)
    return _PLAIN_PATH.fullmatch(path) is not None and (not q or _PLAIN_QUERY.fullmatch(query) is not None)


class Resolver:
    """Per-page URL resolution, fast for the common case.

    Profiling showed urljoin + normalize (~10 us each) dominating extraction: a 90 KB shop page has ~150 hrefs
    not seen on earlier pages (products, pagination). Plain root-relative, same-origin absolute, query-only
    and simple relative hrefs (``_plain``) are built by string concatenation from the normalised base; the
    rest goes through ``_join`` (cached on the origin, not the page, so menus hit the cache across pages)."""

    __slots__ = ("base", "origin", "self_url", "dir", "path", "cache")

    def __init__(self, base: str) -> None:
        self.base = base
        self.self_url = _join(base, "")
        start = self.self_url.find("//")
        slash = self.self_url.find("/", start + 2) if start > 0 else -1
        if self.self_url[:8].lower().startswith(("http://", "https://")) and slash > 0:
            self.origin = self.self_url[:slash]
            self.path = self.self_url.partition("?")[0]
            self.dir = self.path[: self.path.rfind("/") + 1]
        else:  # not an HTTP base: no fast path
            self.origin = self.path = self.dir = ""
        cache = _HREF_CACHE.get(self.origin)
        if cache is None:
            if len(_HREF_CACHE) >= _ORIGINS_MAX:
                _HREF_CACHE.clear()
            cache = _HREF_CACHE[self.origin] = {}
        self.cache = cache

    def __call__(self, value: str) -> tuple[str, str]:
        """(resolved URL, raw stripped href)."""
        # Root-relative and absolute hrefs do not depend on the page's path: cache them per origin, so a
        # mega-menu costs one dict lookup per link from the second page on.
        if value[:1] == "/" or value[:8].lower().startswith(("http://", "https://")):
            cache = self.cache
            hit = cache.get(value)  # keyed by the str itself: its hash is cached, no tuple to build
            if hit is None:
                hit = self._resolve(value)
                if len(cache) >= _HREF_CACHE_MAX:
                    cache.clear()
                cache[value] = hit
            return hit
        return self._resolve(value)

    def _resolve(self, value: str) -> tuple[str, str]:
        # Quickest path, most hrefs of a shop: "/plain/path?plain=query", or the same on this origin.
        origin = self.origin
        if origin and "/." not in value:
            if value[:1] == "/" and value[1:2] != "/" and _SIMPLE_REF.fullmatch(value):
                return origin + value, value
            if value.startswith(origin) and _SIMPLE_REF.fullmatch(value, len(origin)):
                return value, value
        raw = value.strip(ASCII_WS)
        href = raw.translate(_INNER_WS) if ("\n" in raw or "\t" in raw or "\r" in raw) else raw
        if not href or href[0] == "#":
            return self.self_url, raw
        head = href[:8].lower()
        if not head.startswith(("http://", "https://", "/")) and not href.startswith(("./", "../", "?")):
            m = _SCHEME.match(href)
            if m and m.group(1).lower() not in ("http", "https"):
                if len(href) > _DATA_MAX and head.startswith("data:"):
                    href = href[:_DATA_MAX] + "…"
                    raw = href
                return href, raw
        if "\\" in href:
            path, sep, query = href.partition("?")
            href = path.replace("\\", "/") + sep + query
        ref = href.partition("#")[0] if "#" in href else href
        if not ref.isascii():  # raw UTF-8 slugs (/robes/été): percent-encode as normalize would
            try:
                ref = _NON_ASCII.sub(_quote, ref)
            except UnicodeError:  # lone surrogates: leave it to the slow path
                return _join(self.base, href), raw
        origin = self.origin
        if head.startswith(("http://", "https://")):
            if origin and ref.startswith(origin) and ref[len(origin):len(origin) + 1] == "/":
                rest = ref[len(origin):]
                if _plain(rest):
                    return origin + rest, raw
            return _join("", href), raw
        first = ref[:1]
        if first == "/":
            if ref[:2] != "//" and origin and _plain(ref):
                return origin + ref, raw
            return _join(origin + "/", href), raw
        if origin:
            if first == "?":
                if _plain(ref):
                    return self.path + ref, raw
            elif first != "." and ":" not in ref and "//" not in ref and ref and _plain("/" + ref):
                return self.dir + ref, raw
        return _join(self.base, href), raw
