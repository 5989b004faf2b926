"""Sitemaps: found from robots.txt ``Sitemap:`` lines and ``/sitemap.xml``; indexes followed;
XML, gzip and plain-text sitemaps read within the protocol's limits (50,000 URLs and 50 MB
uncompressed per file, see sitemaps.org), with a cap on the number of files an index may fan out to.

XML is read with lxml's ``iterparse`` (streaming, ``resolve_entities=False``, no network), so a
50 MB sitemap neither builds a big tree nor expands entity bombs.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from crawler.site.fetch import Fetcher
from crawler.site.urls import is_http, normalize


@dataclass
class SitemapFile:
    url: str
    parent: str | None
    found_via: str                     # robots | default | index
    kind: str | None = None            # urlset | index | text
    status: int | None = None
    error: str | None = None
    entries: list[tuple[str, str | None]] = field(default_factory=list)       # (url, lastmod)
    alternates: list[tuple[str, str, str]] = field(default_factory=list)      # (page url, lang, href)
    children: list[str] = field(default_factory=list)                          # for indexes


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _gunzip(data: bytes, limit: int) -> tuple[bytes, bool]:
    """Decompress at most ``limit`` bytes; (data, cut)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(data, limit)
    return out, bool(d.unconsumed_tail)


def parse_sitemap(data: bytes, url: str, max_urls: int) -> SitemapFile:
    """Parse a sitemap body (already decompressed). Raises nothing: errors land in ``error``."""
    sm = SitemapFile(url, None, "")
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        sm.kind = "text"
        for line in data.decode("utf-8", "replace").splitlines():
            line = line.strip()
            if is_http(line):
                if len(sm.entries) >= max_urls:
                    sm.error = f"more than {max_urls} URLs: the rest ignored (sitemap protocol limit)"
                    break
                _add(sm.entries, line, None)
        return sm
    from lxml import etree  # here, not at import: most crawls read one small sitemap or none

    try:
        ctx = etree.iterparse(io.BytesIO(data), events=("end",), resolve_entities=False, no_network=True,
                              huge_tree=False, recover=False)
        loc = lastmod = None
        alts: list[tuple[str, str]] = []
        for _ev, el in ctx:
            name = _local(el.tag)
            if name == "loc":
                loc = (el.text or "").strip()
            elif name == "lastmod":
                lastmod = (el.text or "").strip() or None
            elif name == "link" and el.get("rel") == "alternate" and el.get("hreflang") and el.get("href"):
                alts.append((el.get("hreflang").strip(), el.get("href").strip()))
            elif name in ("url", "sitemap"):
                sm.kind = sm.kind or ("index" if name == "sitemap" else "urlset")
                if loc:
                    if name == "sitemap":
                        if len(sm.children) < max_urls:
                            with contextlib.suppress(ValueError):
                                sm.children.append(normalize(loc))
                    elif len(sm.entries) >= max_urls:
                        sm.error = f"more than {max_urls} URLs: the rest ignored (sitemap protocol limit)"
                        break
                    else:
                        page = _add(sm.entries, loc, lastmod)
                        if page:
                            for lang, href in alts:
                                with contextlib.suppress(ValueError):
                                    sm.alternates.append((page, lang, normalize(href)))
                loc = lastmod = None
                alts = []
                el.clear()
            elif name in ("urlset", "sitemapindex"):
                sm.kind = sm.kind or ("index" if name == "sitemapindex" else "urlset")
    except etree.XMLSyntaxError as exc:
        sm.error = f"XML error: {str(exc)[:200]}"
    if sm.kind is None and not sm.error:
        sm.error = "not a sitemap (no <urlset> or <sitemapindex>)"
    return sm


def _add(entries: list[tuple[str, str | None]], loc: str, lastmod: str | None) -> str | None:
    try:
        u = normalize(loc)
    except ValueError:
        return None
    if not is_http(u):
        return None
    entries.append((u, lastmod))
    return u


def read_sitemaps(fetcher: Fetcher, seeds: Iterable[tuple[str, str]], *, max_urls: int, max_bytes: int,
                  max_files: int, stop: Callable[[], bool] = lambda: False) -> Iterator[SitemapFile]:
    """Fetch and parse sitemaps breadth-first from ``seeds`` [(url, found_via)]; yields each file.

    A ``default`` seed (``/sitemap.xml`` guessed, not declared) that answers 404 is yielded with its
    status so the store can tell "no sitemap" from "declared sitemap missing".
    """
    queue: list[tuple[str, str | None, str]] = [(u, None, via) for u, via in seeds]
    seen: set[str] = set()
    done = 0
    while queue and not stop():
        url, parent, via = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if done >= max_files:
            yield SitemapFile(url, parent, via, error=f"not read: more than {max_files} sitemap files")
            continue
        done += 1
        first = fetcher.get_document(url, max_bytes)
        body, status, error = first.body, first.status, first.error
        sm = SitemapFile(url, parent, via, status=status, error=error)
        if status != 200 or error and not body:
            sm.error = sm.error or f"HTTP {status}"
            yield sm
            continue
        cut = first.truncated
        if body[:2] == b"\x1f\x8b":
            try:
                body, cut2 = _gunzip(body, max_bytes)
                cut = cut or cut2
            except (zlib.error, OSError, EOFError) as exc:
                sm.error = f"gzip error: {exc}"
                yield sm
                continue
        parsed = parse_sitemap(body, url, max_urls)
        sm.kind, sm.entries, sm.alternates, sm.children = parsed.kind, parsed.entries, parsed.alternates, \
            parsed.children
        sm.error = parsed.error or (f"larger than {max_bytes} bytes: cut (sitemap protocol limit)" if cut else None)
        for child in sm.children:
            if child not in seen:
                queue.append((child, url, "index"))
        yield sm

