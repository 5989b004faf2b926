"""Parse + extract stage: HTML bytes -> :class:`crawler.facts.PageFacts`, fast and tolerant.

Measured (tests/bench/bench_parse.py, ~85 KB shop pages with 370 links, one core of the shared dev box):
(first cut, before profiling) extract_page 128 pages/s, BeautifulSoup(lxml) extraction 18 pages/s, bare parse 894.

Which parser where:
- lxml (libxml2's HTML parser, via ``etree.fromstring`` + ``etree.HTMLParser``) on the hot path: the tree is
  built in C, facts come from ONE ``root.iter(*tags)`` pass (tag filtering in C, Python only touches the ~500
  interesting elements), the visible text from one compiled XSLT (:mod:`crawler.extract_text`).
- BeautifulSoup only in :mod:`crawler.decode`, for its tolerant ``<meta charset>`` prescan (EncodingDetector);
  detection itself is charset_normalizer with a windows-1252 bias. BeautifulSoup's tree is 5-10x slower than
  this extraction (see the benchmark) and is never built here.

Tolerance: ``extract_page`` never raises on page content. Broken HTML is repaired by libxml2; binary garbage
decodes as windows-1252 and parses to whatever libxml2 makes of it; a failure of the whole document gives
``PageFacts(url=..., parse_error=...)`` with the header facts (X-Robots-Tag, Link) still filled.

URL rules (``crawler.urls.normalize`` does the normalisation):
- hrefs lose leading/trailing ASCII whitespace and inner tabs/newlines (as browsers do); ``\\`` is ``/``;
- relative URLs resolve against the first ``<base href>``, else the page URL; the Link header against the page;
- fragment-only links (``#top``) are kept as links to the page itself (fragment dropped), not skipped, so the
  link graph sees what a browser would follow;
- non-HTTP links (mailto:, tel:, javascript:, data:) keep their stripped href as ``url``; data: URIs are cut to
  100 characters (they can be megabytes and are never fetched);
- an HTTP URL that cannot be normalised (``http://``, bad port) keeps its stripped href, for checks to report.

Images inside ``<noscript>`` (tracking pixels, lazy-load fallbacks) are kept as links but not as ``images``: a
browser with scripts never shows them, so they must not trigger alt/size checks. A lazy-loaded ``<img>`` whose
``src`` is missing or a data: placeholder takes its URL from data-src / data-lazy-src / data-original / srcset.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from crawler.decode import decode
from crawler.extract_headers import header_values, parse_link_header
from crawler.extract_text import text_facts
from crawler.facts import Form, Hreflang, Image, JsonLd, Link, PageFacts
from crawler.urls import normalize

__all__ = ["extract_page"]

_TAGS = (
    "html", "title", "meta", "link", "base", "a", "area", "img", "script", "iframe", "frame", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "video", "audio", "source", "embed", "object", "track",
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_MEDIA = frozenset(("video", "audio", "source", "embed", "track"))
# <link rel> values whose target the browser loads as a subresource (mixed content when http:// on https)
_LOADED_RELS = frozenset(("stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                          "manifest", "mask-icon"))
_ASCII_WS = " \t\n\r\f"
_INNER_WS = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_DATA_MAX = 100
_PLAIN_PATH = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/]*")
_PLAIN_QUERY = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*")
_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original")
_REFRESH_PREFIX = re.compile(r"\s*[0-9.]*\s*[;,]?\s*")
_REFRESH_URL = re.compile(r"url\s*=\s*", re.I)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([^\s"';,]+)""", re.I)
_HREF_CACHE: dict[tuple[str, str], tuple[str, str]] = {}
_HREF_CACHE_MAX = 20_000  # ~8 MB: menus and footers of a site are a few hundred hrefs
_local = threading.local()


def _parser() -> etree.HTMLParser:
    # one parser per thread: lxml parsers keep per-parse state
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, default_doctype=False, collect_ids=False, huge_tree=True,
        )
    return parser


def _collapse(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _text(el: Any) -> str:
    """Collapsed text content of an element; the no-children case (most links) skips the iterator."""
    if len(el) == 0:
        return _collapse(el.text)
    return _collapse("".join(el.itertext()))


@lru_cache(maxsize=8192)
def _join(base: str, href: str) -> str:
    """Resolve + normalise; cached because menus and footers repeat the same hrefs on every page."""
    try:
        return normalize(urljoin(base, href))
    except ValueError:
        return href


def _plain(ref: str) -> bool:
    """True when ``path[?query]`` comes out of ``normalize`` unchanged: only characters it keeps as they are,
    no dot segment, no empty query (``normalize`` drops a bare ``?``). Checked by the tests against
    ``crawler.urls.resolve`` on tricky hrefs."""
    path, q, query = ref.partition("?")
    if "/." in path or (q and not query):
        return False
    return _PLAIN_PATH.fullmatch(path) is not None and (not q or _PLAIN_QUERY.fullmatch(query) is not None)


class _Resolver:
    """Per-page URL resolution, fast for the common case.

    Profiling showed urljoin + normalize (~10 us each) dominating extraction: a 90 KB shop page has ~150 hrefs
    not seen on earlier pages (products, pagination). Plain root-relative, same-origin absolute, query-only
    and simple relative hrefs (``_plain``) are built by string concatenation from the normalised base; the
    rest goes through ``_join`` (cached on the origin, not the page, so menus hit the cache across pages)."""

    __slots__ = ("base", "origin", "self_url", "dir", "path")

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

    def __call__(self, value: str) -> tuple[str, str]:
        """(resolved URL, raw stripped href)."""
        # Root-relative and absolute hrefs do not depend on the page's path: cache them per origin, so a
        # mega-menu costs one dict lookup per link from the second page on.
        if value[:1] == "/" or value[:8].lower().startswith(("http://", "https://")):
            key = (self.origin, value)
            hit = _HREF_CACHE.get(key)
            if hit is None:
                hit = self._resolve(value)
                if len(_HREF_CACHE) >= _HREF_CACHE_MAX:
                    _HREF_CACHE.clear()
                _HREF_CACHE[key] = hit
            return hit
        return self._resolve(value)

    def _resolve(self, value: str) -> tuple[str, str]:
        raw = value.strip(_ASCII_WS)
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


def _refresh_target(content: str) -> str | None:
    """The URL of a meta refresh ``content`` ("5; url='/next'"), following the HTML algorithm loosely."""
    rest = content[_REFRESH_PREFIX.match(content).end():]
    m = _REFRESH_URL.match(rest)
    if m:
        rest = rest[m.end():]
    rest = rest.strip()
    if rest[:1] in ("'", '"'):
        quote, rest = rest[0], rest[1:]
        end = rest.find(quote)
        if end >= 0:
            rest = rest[:end]
    return rest.strip() or None


def _jsonld_types(node: Any, out: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _jsonld_types(item, out)
    elif isinstance(node, dict):
        t = node.get("@type")
        for v in t if isinstance(t, list) else [t]:
            if isinstance(v, str) and v not in out:
                out.append(v)
        if "@graph" in node:
            _jsonld_types(node["@graph"], out)


def _jsonld(text: str | None) -> JsonLd:
    src = (text or "").strip()
    if not src:
        return JsonLd(ok=False, error="empty JSON-LD block")
    try:
        data = json.loads(src)
    except json.JSONDecodeError as exc:
        return JsonLd(ok=False, error=f"{exc.msg} at line {exc.lineno} column {exc.colno}")
    except (ValueError, RecursionError) as exc:
        return JsonLd(ok=False, error=str(exc) or type(exc).__name__)
    types: list[str] = []
    _jsonld_types(data, types)
    return JsonLd(ok=True, types=types)


def _header_facts(facts: PageFacts, url: str, headers: Mapping[str, str]) -> None:
    facts.x_robots_tag = header_values(headers, "x-robots-tag")
    page = _Resolver(url)
    for value in header_values(headers, "link"):
        for target, params in parse_link_header(value):
            rels = params.get("rel", "").split()
            if not rels:
                continue
            resolved = page(target)[0]
            if "canonical" in rels:
                facts.canonical_headers.append(resolved)
            if "alternate" in rels and "hreflang" in params:
                facts.hreflang.append(Hreflang(params["hreflang"].strip(), resolved, "header"))


def _image_src(el: Any) -> str | None:
    src = el.get("src")
    if src is not None and src.strip(_ASCII_WS) and src.lstrip(_ASCII_WS)[:5].lower() != "data:":
        return src
    for attr in _LAZY_ATTRS:
        lazy = el.get(attr)
        if lazy and lazy.strip():
            return lazy
    srcset = el.get("srcset") or el.get("data-srcset")
    if srcset and srcset.strip():
        return srcset.strip().split(",")[0].split()[0]
    return src


def _in(el: Any, tag: str) -> bool:
    return next(el.iterancestors(tag), None) is not None


def extract_page(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> PageFacts:
    """All facts of one HTML page. Never raises on page content: failures land in ``parse_error``."""
    if headers is None:
        headers = {}
    facts = PageFacts(url=url)
    try:
        _header_facts(facts, url, headers)
    except Exception as exc:  # a malformed header must not cost the page its HTML facts
        facts.parse_error = f"headers: {type(exc).__name__}: {exc}"
    try:
        _extract_html(facts, body or b"", url, headers)
    except Exception as exc:  # tolerance is the contract: record and go on
        return PageFacts(url=url, x_robots_tag=facts.x_robots_tag, canonical_headers=facts.canonical_headers,
                         hreflang=[h for h in facts.hreflang if h.source == "header"], encoding=facts.encoding,
                         parse_error=f"{type(exc).__name__}: {exc}")
    return facts


def _extract_html(facts: PageFacts, body: bytes, url: str, headers: Mapping[str, str]) -> None:
    text, encoding = decode(body, headers)
    facts.encoding = encoding
    if not text.strip():
        return
    data = body if encoding == "utf-8" and body[:3] != b"\xef\xbb\xbf" else text.encode("utf-8", "replace")
    if b"\x00" in data:
        data = data.replace(b"\x00", b"\xef\xbf\xbd")
    parser = _parser()
    root = etree.fromstring(data, parser)
    if root is None:  # only a doctype or comments: an empty page, not an error
        return
    for err in parser.error_log.filter_from_fatals():
        # libxml2 stops building the tree past 2048 levels (huge_tree); the rest of the page is lost
        facts.parse_error = f"document truncated: {err.message.strip()} (line {err.line})"
        break
    # iter(tag) is free when the tag is absent: lxml checks libxml2's name dictionary before walking
    base_raw = next((el.get("href") for el in root.iter("base") if el.get("href") is not None), None)
    noscript = next(root.iter("noscript"), None) is not None
    page = _Resolver(url)
    resolve = page
    if base_raw is not None:
        base = page(base_raw)[0]
        if base[:8].lower().startswith(("http://", "https://")):
            facts.base_href = base
            resolve = _Resolver(base)
    https = url[:6].lower() == "https:"
    mixed: list[str] = []
    links = facts.links
    images = facts.images
    headings: dict[str, list[str]] = facts.headings
    og, twitter = facts.og, facts.twitter

    for el in root.iter(*_TAGS):
        tag = el.tag
        if tag == "a" or tag == "area":
            href = el.get("href")
            if href is None:
                continue
            target, raw = resolve(href)
            anchor = _text(el) if tag == "a" else _collapse(el.get("alt"))
            if not anchor and tag == "a":
                for img in el.iter("img"):
                    alt = _collapse(img.get("alt"))
                    if alt:
                        anchor = alt
                        break
            rel = el.get("rel")
            links.append(Link(target, "a", anchor, " ".join(rel.lower().split()) if rel else "", raw))
        elif tag == "img":
            src = _image_src(el)
            alt = el.get("alt")
            alt = None if alt is None else _collapse(alt)
            target = ""
            if src is not None and src.strip(_ASCII_WS):
                target, raw = resolve(src)
                links.append(Link(target, "img", alt or "", "", raw))
                if https and target[:7] == "http://":
                    mixed.append(target)
            if not (noscript and _in(el, "noscript")):
                w, h = el.get("width"), el.get("height")
                images.append(Image(target, alt, w.strip() if w else w, h.strip() if h else h))
        elif tag in _HEADINGS:
            headings.setdefault(tag, []).append(_text(el))
        elif tag == "meta":
            _meta(facts, el, og, twitter, resolve)
        elif tag == "link":
            href = el.get("href")
            if href is None:
                continue
            rels = (el.get("rel") or "").lower().split()
            target, raw = resolve(href)
            links.append(Link(target, "link", "", " ".join(rels), raw))
            if "canonical" in rels:
                facts.canonicals.append(target)
            if "alternate" in rels:
                lang = el.get("hreflang")
                if lang is not None:
                    facts.hreflang.append(Hreflang(lang.strip(), target, "html"))
            if https and target[:7] == "http://" and not _LOADED_RELS.isdisjoint(rels):
                mixed.append(target)
        elif tag == "script":
            src = el.get("src")
            if src is not None:
                target, raw = resolve(src)
                links.append(Link(target, "script", "", "", raw))
                if https and target[:7] == "http://":
                    mixed.append(target)
            elif (el.get("type") or "").split(";")[0].strip().lower() == "application/ld+json":
                facts.jsonld.append(_jsonld(el.text))
        elif tag == "title":
            if not _in(el, "svg"):
                facts.titles.append(_text(el))
        elif tag == "iframe" or tag == "frame":
            src = el.get("src")
            if src is not None and src.strip(_ASCII_WS):
                target, raw = resolve(src)
                links.append(Link(target, "iframe", "", "", raw))
                if https and target[:7] == "http://":
                    mixed.append(target)
        elif tag == "form":
            _form(facts, el, resolve)
        elif tag in _MEDIA or tag == "object":
            if https:
                for attr in ("src", "data", "poster"):
                    src = el.get(attr)
                    if src and src.strip(_ASCII_WS):
                        target = resolve(src)[0]
                        if target[:7] == "http://":
                            mixed.append(target)
        elif tag == "html" and facts.html_lang is None:
            lang = el.get("lang")
            if lang is None:
                lang = el.get("xml:lang")
            facts.html_lang = lang.strip() if lang is not None else None

    facts.mixed_content = list(dict.fromkeys(mixed))
    tf = text_facts(root)
    facts.word_count = tf.word_count
    facts.content_hash = tf.content_hash
    facts.simhash = tf.simhash


def _meta(facts: PageFacts, el: Any, og: dict[str, str], twitter: dict[str, str], resolve: _Resolver) -> None:
    content = el.get("content")
    name = el.get("name")
    if name is not None:
        key = name.strip().lower()
        if key == "description":
            facts.meta_descriptions.append(_collapse(content))
        elif key == "robots":
            facts.meta_robots.append((content or "").strip())
        elif key == "googlebot":
            facts.meta_googlebot.append((content or "").strip())
        elif key == "viewport":
            if facts.viewport is None:
                facts.viewport = (content or "").strip()
        elif key.startswith("twitter:"):
            twitter.setdefault(key, (content or "").strip())
        elif key.startswith("og:"):
            og.setdefault(key, (content or "").strip())
    prop = el.get("property")
    if prop is not None:
        key = prop.strip().lower()
        if key.startswith("og:"):
            og.setdefault(key, (content or "").strip())
        elif key.startswith("twitter:"):
            twitter.setdefault(key, (content or "").strip())
    charset = el.get("charset")
    if charset is not None and facts.charset is None:
        facts.charset = charset.strip()
    equiv = el.get("http-equiv")
    if equiv is not None:
        key = equiv.strip().lower()
        if key == "refresh" and facts.meta_refresh is None:
            facts.meta_refresh = (content or "").strip()
            target = _refresh_target(facts.meta_refresh)
            if target:
                facts.meta_refresh_url = resolve(target)[0]
        elif key == "content-type" and facts.charset is None and content:
            m = _CHARSET_PARAM.search(content)
            if m:
                facts.charset = m.group(1)


def _form(facts: PageFacts, el: Any, resolve: _Resolver) -> None:
    action = el.get("action")
    target = ""
    if action is not None and action.strip(_ASCII_WS):
        target, raw = resolve(action)
        facts.links.append(Link(target, "form", "", "", raw))
    method = (el.get("method") or "").strip().lower() or "get"
    has_password = any((i.get("type") or "").strip().lower() == "password" for i in el.iter("input"))
    facts.forms.append(Form(target, method, has_password))
