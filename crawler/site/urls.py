"""URL normalisation and crawl scope.

One URL, one spelling: the store's seen-set, the links table and every check compare URLs as
normalised here, so two hrefs naming the same resource must give the same string.

``normalize`` (RFC 3986 section 6 syntax-based normalisation, like search engines do):
- scheme and host lower-cased, IDN host to punycode, trailing dot dropped, default port dropped;
- percent-encoding normalised: unreserved characters decoded, hex digits upper-cased, anything
  not allowed in a URL (spaces, non-ASCII) encoded as UTF-8;
- dot segments removed, empty path becomes ``/``;
- fragment dropped; query kept as written (order kept; parameter dropping is a crawl setting,
  see :class:`ParamFilter`).
Non-HTTP URLs (mailto:, tel:, javascript:, data:) are returned stripped and otherwise untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

HTTP_SCHEMES = ("http", "https")
_DEFAULT_PORT = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters left as they are in each component (reserved ones keep their meaning; '%' is handled apart).
_SAFE_PATH = frozenset("!$&'()*+,;=:@/") | _UNRESERVED
_SAFE_QUERY = frozenset("!$&'()*+,;=:@/?") | _UNRESERVED
_PCT = re.compile(r"%([0-9A-Fa-f]{2})")
_WS = re.compile(r"[\t\n\r]")
_PLAIN = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*")
_PUNCT = re.compile(r"[^A-Za-z0-9\-._~]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _norm_component(text: str, safe: frozenset[str]) -> str:
    if not text or (_PLAIN.fullmatch(text) and all(c in safe for c in _punct(text))):
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "%" and i + 2 < n and _PCT.match(text, i):
            hx = text[i + 1:i + 3].upper()
            ch = chr(int(hx, 16))
            out.append(ch if ch in _UNRESERVED else "%" + hx)
            i += 3
            continue
        if c in safe:
            out.append(c)
        else:
            out.extend(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
        i += 1
    return "".join(out)


def _punct(text: str) -> list[str]:
    return _PUNCT.findall(text)


def _remove_dot_segments(path: str) -> str:
    if "." not in path:
        return path
    segs = path.split("/")
    if not any(s in (".", "..") for s in segs):
        return path
    out: list[str] = []
    for s in segs[1:] if path.startswith("/") else segs:
        if s == ".":
            continue
        if s == "..":
            if out:
                out.pop()
            continue
        out.append(s)
    res = "/" + "/".join(out)
    if segs[-1] in (".", ".."):
        res += "/" if not res.endswith("/") else ""
    return res


def _host(netloc_host: str) -> str:
    host = netloc_host.lower().rstrip(".")
    if host and not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = _norm_component(host, _UNRESERVED)
    return host


@lru_cache(maxsize=8192)        # menus and footers repeat the same hrefs on every page
def normalize(url: str) -> str:
    """Normalised absolute URL; non-HTTP URLs come back stripped and otherwise unchanged.

    Raises ValueError for an HTTP URL without a host or with an invalid port.
    """
    url = _WS.sub("", url.strip())
    try:
        parts = urlsplit(url)
    except ValueError:
        # e.g. an unbalanced IPv6 bracket: not a URL we can fetch
        if url[:5].lower().startswith(("http:", "https")):
            raise
        return url
    scheme = parts.scheme.lower()
    if scheme not in HTTP_SCHEMES:
        return url
    host = parts.hostname
    if not host:
        raise ValueError(f"URL has no host: {url!r}")
    host = _host(host)
    if ":" in host:                       # IPv6 literal
        host = f"[{host}]"
    port = parts.port                     # ValueError for a bad port
    netloc = host if port is None or port == _DEFAULT_PORT[scheme] else f"{host}:{port}"
    if parts.username is not None:        # keep credentials if written (rare, staging links)
        cred = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{cred}@{netloc}"
    path = _remove_dot_segments(_norm_component(parts.path, _SAFE_PATH)) or "/"
    query = _norm_component(parts.query, _SAFE_QUERY)
    return urlunsplit((scheme, netloc, path, query, ""))


def is_http(url: str) -> bool:
    return url[:8].lower().startswith(("http://", "https://"))


def resolve(href: str, base: str) -> str:
    """Resolve ``href`` (as written in a page) against ``base`` and normalise it.

    Non-HTTP hrefs (mailto:, tel:, javascript:) come back stripped, unresolved.
    Raises ValueError when the result is an unusable HTTP URL.
    """
    href = _WS.sub("", href.strip())
    m = _SCHEME.match(href)
    if m and m.group(1).lower() not in HTTP_SCHEMES:
        return href
    return normalize(urljoin(base, href))


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a normalised URL (the key of robots.txt and host_files)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class ParamFilter:
    """Drop query parameters by name (``drop``) or keep only some (``keep``); ``None``: keep all."""

    def __init__(self, keep: Iterable[str] | None = None, drop: Iterable[str] = ()):
        self.keep = None if keep is None else frozenset(keep)
        self.drop = frozenset(drop)
        self.active = self.keep is not None or bool(self.drop)

    def __call__(self, url: str) -> str:
        if not self.active or "?" not in url:
            return url
        parts = urlsplit(url)
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs
                if k not in self.drop and (self.keep is None or k in self.keep)]
        if len(kept) == len(pairs):
            return url
        q = "&".join(_norm_component(k, _SAFE_QUERY - {"&", "="}) + "=" + _norm_component(v, _SAFE_QUERY - {"&"})
                     for k, v in kept)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, q, ""))


class Scope:
    """What the crawl treats as internal: the start host (optionally its subdomains), then the
    include/exclude regexes. ``internal`` answers "same site?", ``allowed`` "crawl it?"."""

    def __init__(self, start_url: str, *, subdomains: bool = False,
                 include: Iterable[str] = (), exclude: Iterable[str] = (), extra_hosts: Iterable[str] = ()):
        self.start_host = host_of(start_url)
        base = self.start_host[4:] if self.start_host.startswith("www.") else self.start_host
        self.base_host = base
        self.subdomains = subdomains
        self.hosts = {self.start_host, *(h.lower() for h in extra_hosts)}
        self.include = [re.compile(p) for p in include]
        self.exclude = [re.compile(p) for p in exclude]

        self.filtered = bool(self.include or self.exclude)
        self._netlocs: dict[str, bool] = {}

    def add_host(self, host: str) -> None:
        """Treat another host as the site (e.g. where the start URL redirects: http -> https://www.)."""
        self.hosts.add(host.lower())
        self._netlocs.clear()

    def _host_internal(self, host: str) -> bool:
        if host in self.hosts:
            return True
        if self.subdomains:
            return host == self.base_host or host.endswith("." + self.base_host)
        return False

    def internal(self, url: str) -> bool:
        """Same site? Cached per ``netloc`` (the links of a page mostly share a few hosts)."""
        i = url.find("//")
        netloc = url[i + 2:].split("/", 1)[0] if i >= 0 else ""
        v = self._netlocs.get(netloc)
        if v is None:
            v = self._host_internal(host_of(url))
            if len(self._netlocs) < 50_000:
                self._netlocs[netloc] = v
        return v

    def allowed(self, url: str) -> bool:
        """In scope: internal host, matches an include (if any), matches no exclude."""
        if not self.internal(url):
            return False
        if not self.filtered:
            return True
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)


def validate_start_url(url: str) -> str:
    """The normalised start URL, or ValueError with a one-line reason."""
    raw = url.strip()
    if not raw:
        raise ValueError("empty URL")
    if "://" not in raw:
        raise ValueError(f"{raw!r} is not an absolute URL (expected http:// or https://)")
    scheme = raw.split("://", 1)[0].lower()
    if scheme not in HTTP_SCHEMES:
        raise ValueError(f"{raw!r}: only http:// and https:// URLs can be crawled")
    norm = normalize(raw)
    host = host_of(norm)
    if not host or " " in host or not re.fullmatch(r"[a-z0-9.\-\[\]:_]+", host):
        raise ValueError(f"{raw!r} has no valid host name")
    return norm
