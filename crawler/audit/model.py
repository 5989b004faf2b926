"""The plain records checks see: URL rows, pages, links, and robots directive parsing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from crawler.site.facts import PageFacts

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
    """A crawled HTML page: its URL row and facts (full while page checks run, a summary otherwise)."""

    url: str
    row: UrlRow
    facts: PageFacts
    images: int = 0
    images_without_alt: int = 0

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
