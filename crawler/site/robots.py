"""robots.txt per host, through protego (RFC 9309: longest match wins, ``*`` and ``$`` work,
groups chosen by user agent).

Fetch outcomes follow RFC 9309 section 2.3.1:
- 2xx: the rules apply (redirects followed, up to 5 hops);
- 4xx ("unavailable"): everything is allowed;
- 5xx or unreachable ("unreachable"): everything is disallowed, and ``note`` says why so the
  report can explain an empty crawl.
With ``--ignore-robots`` robots.txt is still fetched and stored (the AI-crawler checks read it),
but every URL is allowed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from protego import Protego

from crawler.site.fetch import REDIRECT_CODES, Fetcher
from crawler.site.urls import is_http, normalize, origin

MAX_ROBOTS_BYTES = 512 * 1024    # RFC 9309: parse at least 500 KiB
MAX_ROBOTS_HOPS = 5
MAX_CRAWL_DELAY = 60.0           # a Crawl-delay above this is capped (and a crawl would take days)


def product_token(user_agent: str) -> str:
    """``TrafficManagerBot/0.1 (+https://...)`` -> ``TrafficManagerBot`` (what robots groups name)."""
    token = user_agent.strip().split("/", 1)[0].split(" ", 1)[0]
    return token or "*"


@dataclass
class HostFile:
    host: str
    name: str
    status: int | None
    body: str | None
    error: str | None


@dataclass
class RobotsRules:
    host: str
    mode: str                       # rules | allow_all | disallow_all
    status: int | None = None
    note: str = ""
    parser: Protego | None = None
    sitemaps: list[str] = field(default_factory=list)
    crawl_delay: float | None = None

    def allowed(self, url: str, token: str) -> bool:
        if self.mode == "allow_all":
            return True
        if self.mode == "disallow_all":
            return False
        assert self.parser is not None
        return self.parser.can_fetch(url, token)


def parse_robots(host: str, status: int | None, text: str | None, error: str | None, token: str) -> RobotsRules:
    """Rules for one host from a fetch outcome (pure: the tests feed it directly too)."""
    if status is None:
        return RobotsRules(host, "disallow_all", None,
                           f"robots.txt of {host} unreachable ({error or 'no response'}): "
                           "crawling disallowed (RFC 9309 2.3.1.4)")
    if status >= 500:
        return RobotsRules(host, "disallow_all", status,
                           f"robots.txt of {host} answered {status}: crawling disallowed (RFC 9309 2.3.1.4)")
    if status >= 400:
        return RobotsRules(host, "allow_all", status,
                           f"robots.txt of {host} answered {status}: everything allowed (RFC 9309 2.3.1.3)")
    if not (200 <= status < 300):
        return RobotsRules(host, "disallow_all", status,
                           f"robots.txt of {host} answered {status} (too many redirects?): crawling disallowed")
    parser = Protego.parse(text or "")
    delay = parser.crawl_delay(token)
    sitemaps = []
    for sm in parser.sitemaps:
        try:
            u = normalize(sm)
        except ValueError:
            continue
        if is_http(u):
            sitemaps.append(u)
    return RobotsRules(host, "rules", status, "", parser, sitemaps, float(delay) if delay else None)


def fetch_text(fetcher: Fetcher, url: str, limit: int) -> tuple[int | None, str | None, str | None]:
    """GET a small text file, following up to 5 redirects: (status, text, error)."""
    res = fetcher.get_document(url, limit, MAX_ROBOTS_HOPS)
    text = None
    if res.status is not None and res.body:
        text = res.body.decode("utf-8", "replace").lstrip("\ufeff")
    status = res.status
    if status in REDIRECT_CODES:      # still redirecting after 5 hops: treat as unavailable
        status = 404
    return status, text, res.error


class RobotsCache:
    """Rules per host, fetched once (one thread fetches, the others wait for it)."""

    def __init__(self, fetcher: Fetcher, user_agent: str, *, ignore: bool = False,
                 on_file: Callable[[HostFile], None] | None = None):
        self.fetcher = fetcher
        self.token = product_token(user_agent)
        self.ignore = ignore
        self.on_file = on_file or (lambda f: None)
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, host: str) -> RobotsRules:
        r = self._rules.get(host)
        if r is not None:
            return r
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            r = self._rules.get(host)
            if r is None:
                status, text, error = fetch_text(self.fetcher, host + "/robots.txt", MAX_ROBOTS_BYTES)
                self.on_file(HostFile(host, "robots.txt", status, text, error))
                r = parse_robots(host, status, text, error, self.token)
                if r.crawl_delay and not self.ignore:
                    self.fetcher.throttle.set_delay(host, min(r.crawl_delay, MAX_CRAWL_DELAY))
                self._rules[host] = r
        return r

    def allowed(self, url: str) -> bool:
        if self.ignore:
            return True
        return self.rules(origin(url)).allowed(url, self.token)
