"""Fetch stage: one pooled ``requests.Session``, polite throttling, bounded retries, hard limits.

Why each limit exists:
- connect/read timeouts stop dead servers; the *total* deadline per response stops a server that
  drips one byte a second (each read succeeds, so the read timeout never fires);
- the body is streamed and cut at ``max_body_bytes`` (flagged ``truncated``), counting bytes
  *after* decompression so a small gzip bomb cannot fill memory;
- redirects are followed hop by hop (``allow_redirects=False``) so each hop's status and
  Location are recorded, loops are detected and the chain stops at ``max_redirects``;
- 5xx, 429 and connection errors are retried with bounded exponential backoff, honouring
  ``Retry-After`` (and slowing the whole host down, not just this request).
"""

from __future__ import annotations

import email.utils
import http.cookiejar
import random
import threading
from urllib.parse import urlsplit
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from crawler.site.settings import CrawlSettings
from crawler.site.urls import is_http, normalize, origin

REDIRECT_CODES = frozenset((301, 302, 303, 307, 308))
RETRY_CODES = frozenset((429, 500, 502, 503, 504))
HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
_HOP_BODY = 64 * 1024          # read this much of a redirect's body to keep the connection reusable
_BOMB_RATIO = 20               # decompressed/compressed ratio above which a cut body is a bomb (HTML: 5-10x)
_CHUNK = 64 * 1024
_CHECK_BODY = 1024 * 1024      # GET fallback of a link check reads this much at most


@dataclass(slots=True)
class Response:
    """One HTTP exchange (no redirect following)."""

    url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    size: int = 0                 # body bytes received, decompressed
    truncated: bool = False
    elapsed_ms: float = 0.0
    error: str | None = None
    attempts: int = 1

    @property
    def content_type(self) -> str | None:
        ct = self.headers.get("content-type")
        return ct.split(";", 1)[0].strip().lower() if ct else None

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


@dataclass(slots=True)
class FetchResult:
    """A URL's first response plus the redirect chain that followed it."""

    url: str
    first: Response
    chain: list[dict[str, Any]] = field(default_factory=list)   # one {"url","status","location"} per redirect
    loop: bool = False
    final_url: str | None = None
    final_status: int | None = None
    error: str | None = None      # the first response's error, or the chain's (loop, too many hops)

    @property
    def hops(self) -> int:
        return len(self.chain)


class Throttle:
    """Per-host pacing shared by all threads: a minimum delay between request starts and a
    "not before" time pushed by Retry-After. Hosts are ``scheme://host[:port]``."""

    def __init__(self, delay: float = 0.0, per_host: int = 8):
        self.default_delay = delay
        self.per_host = per_host
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._delay: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def slot(self, host: str) -> threading.BoundedSemaphore:
        """At most ``per_host`` requests in flight to one host, whoever sends them (pages, sitemaps...)."""
        sem = self._slots.get(host)
        if sem is None:
            with self._lock:
                sem = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        return sem

    def set_delay(self, host: str, seconds: float) -> None:
        with self._lock:
            self._delay[host] = max(self.default_delay, seconds)

    def ready_at(self, host: str) -> float:
        return self._next.get(host, 0.0)

    def wait(self, host: str, stop: threading.Event | None = None) -> None:
        """Block until this host may receive a request, and book the slot."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self._delay.get(host, self.default_delay)
        pause = start - time.monotonic()
        if pause > 0:
            if stop is not None:
                stop.wait(pause)
            else:
                time.sleep(pause)

    def penalize(self, host: str, seconds: float) -> None:
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _error_text(exc: BaseException) -> str:
    name = type(exc).__name__
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "connect timeout"
    if isinstance(exc, requests.exceptions.ReadTimeout) or "ReadTimeout" in name:
        return "read timeout"
    if isinstance(exc, requests.exceptions.SSLError):
        return f"TLS error: {str(exc)[:200]}"
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = str(exc)
        if "Connection refused" in text:
            return "connection refused"
        if "Name or service not known" in text or "getaddrinfo" in text or "NameResolution" in text:
            return "DNS lookup failed"
        if "RemoteDisconnected" in text or "Connection aborted" in text:
            return "connection closed by server"
        return f"connection error: {text[:200]}"
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema | ValueError):
        return f"invalid URL: {str(exc)[:200]}"
    return f"{name}: {str(exc)[:200]}"


class Fetcher:
    """Thread-safe fetching for all workers: one Session (connection pool), one Throttle."""

    def __init__(self, settings: CrawlSettings, *, throttle: Throttle | None = None,
                 auth_for: Callable[[str], bool] | None = None, stop: threading.Event | None = None):
        self.s = settings
        self.throttle = throttle or Throttle(settings.delay, settings.per_host)
        self.stop = stop or threading.Event()
        self.auth_for = auth_for or (lambda url: False)
        sess = requests.Session()
        adapter = HTTPAdapter(pool_connections=64, pool_maxsize=max(settings.concurrency, settings.per_host) + 2,
                              max_retries=0)
        sess.mount("http://", adapter)
        sess.mount("https://", adapter)
        sess.headers.update({
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",
        })
        sess.headers.update(settings.headers)
        if not settings.cookies:
            sess.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        sess.trust_env = False    # no proxies or .netrc credentials picked up behind the user's back
        self.session = sess

    def close(self) -> None:
        self.session.close()

    def _resolved(self, url: str) -> tuple[str, dict[str, str] | None]:
        """Where a request for ``url`` goes (settings.resolve), and the Host header it then carries."""
        for origin, address in self.s.resolve.items():
            base = origin.rstrip("/")
            if url == base or url.startswith(base + "/") or url.startswith(base + "?"):
                return address.rstrip("/") + url[len(base):], {"Host": urlsplit(base).netloc}
        return url, None

    # -- one exchange -------------------------------------------------------------------------
    def _once(self, url: str, method: str, body_limit: int) -> Response:
        s = self.s
        res = Response(url)
        t0 = time.monotonic()
        deadline = t0 + s.total_timeout
        auth = s.auth if (s.auth and self.auth_for(url)) else None
        target, headers = self._resolved(url)
        try:
            r = self.session.request(method, target, stream=True, allow_redirects=False, auth=auth,
                                     headers=headers, timeout=(s.connect_timeout, s.read_timeout))
        except Exception as exc:  # network errors of every kind end up recorded, never raised
            res.error = _error_text(exc)
            res.elapsed_ms = (time.monotonic() - t0) * 1000
            return res
        try:
            res.status = r.status_code
            res.headers = {k.lower(): v for k, v in r.headers.items()}
            if method == "HEAD":
                return res
            chunks: list[bytes] = []
            total = 0
            raw = r.raw
            while True:
                if time.monotonic() > deadline:
                    res.truncated = True
                    res.error = f"total timeout: body not received within {s.total_timeout:g}s"
                    break
                chunk = raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                total += len(chunk)
                if total > body_limit:
                    keep = body_limit - (total - len(chunk))
                    if keep > 0:
                        chunks.append(chunk[:keep])
                    res.truncated = True
                    total = body_limit
                    if res.headers.get("content-encoding") and body_limit >= s.max_body_bytes:
                        compressed = raw.tell() or 1
                        if body_limit / compressed > _BOMB_RATIO:
                            res.error = (f"decompression bomb: over {body_limit} bytes from "
                                         f"{compressed} compressed bytes")
                    break
                chunks.append(chunk)
            res.body = b"".join(chunks)
            res.size = total
        except Exception as exc:
            res.error = _error_text(exc)
            res.body = b"".join(chunks) if "chunks" in locals() else b""
            res.size = len(res.body)
        finally:
            r.close()
            res.elapsed_ms = (time.monotonic() - t0) * 1000
        return res

    def request(self, url: str, method: str = "GET", body_limit: int | None = None) -> Response:
        """One URL, no redirects followed, with throttling and bounded retries."""
        s = self.s
        limit = s.max_body_bytes if body_limit is None else body_limit
        host = origin(url)
        attempt = 0
        while True:
            with self.throttle.slot(host):
                self.throttle.wait(host, self.stop)
                res = self._once(url, method, limit)
            res.attempts = attempt + 1
            retryable = (res.status in RETRY_CODES) or (
                res.status is None and res.error is not None
                and not res.error.startswith(("invalid URL", "DNS lookup failed", "TLS error")))
            if not retryable or attempt >= s.retries or self.stop.is_set():
                return res
            wait = min(0.5 * (2 ** attempt), 10.0) * (0.5 + random.random())
            ra = retry_after_seconds(res.headers.get("retry-after")) if res.status in (429, 503) else None
            if ra is not None:
                if ra > s.max_retry_after:
                    res.error = f"Retry-After {ra:.0f}s exceeds the {s.max_retry_after:g}s limit"
                    self.throttle.penalize(host, s.max_retry_after)
                    return res
                wait = max(wait, ra)
                self.throttle.penalize(host, ra)
            attempt += 1
            if self.stop.wait(wait):
                return res

    # -- a URL and its redirects ------------------------------------------------------------------
    def fetch(self, url: str, method: str = "GET", *, follow: bool = True,
              allowed: Callable[[str], bool] | None = None, body_limit: int | None = None) -> FetchResult:
        """Fetch ``url``; when it redirects, follow hop by hop (each hop fetched with ``method``).

        ``allowed(url)`` (robots) is asked before each hop; a refused hop ends the chain there.
        """
        first = self.request(url, method, body_limit=body_limit)
        result = FetchResult(url, first, error=first.error)
        if first.status not in REDIRECT_CODES or not follow:
            result.final_url, result.final_status = url, first.status
            return result
        first.body = first.body[:_HOP_BODY]
        seen = {url}
        cur, cur_res = url, first
        for _hop in range(self.s.max_redirects + 1):
            loc = cur_res.location
            nxt = None
            if loc:
                try:
                    nxt = normalize(requests.compat.urljoin(cur, loc.strip()))
                except ValueError:
                    nxt = None
            result.chain.append({"url": cur, "status": cur_res.status, "location": nxt or loc})
            if not nxt or not is_http(nxt):
                result.error = result.error or f"redirect without a usable Location ({loc!r})"
                result.final_url, result.final_status = cur, cur_res.status
                return result
            if nxt in seen:
                result.loop = True
                result.error = result.error or "redirect loop"
                result.final_url, result.final_status = nxt, None
                return result
            if len(result.chain) > self.s.max_redirects:
                result.error = result.error or f"too many redirects (more than {self.s.max_redirects})"
                result.final_url, result.final_status = nxt, None
                return result
            if allowed is not None and not allowed(nxt):
                result.final_url, result.final_status = nxt, None
                result.error = result.error or "redirect target blocked by robots.txt"
                return result
            seen.add(nxt)
            cur = nxt
            cur_res = self.request(cur, method, body_limit=_HOP_BODY)
            if cur_res.status not in REDIRECT_CODES:
                result.final_url, result.final_status = cur, cur_res.status
                if cur_res.error and cur_res.status is None:
                    result.error = result.error or f"redirect target: {cur_res.error}"
                return result
        return result

    def get_document(self, url: str, limit: int, max_hops: int = 5) -> Response:
        """GET a small document (robots.txt, a sitemap), following up to ``max_hops`` redirects;
        the final response, with its body. ``Response.url`` is where it was found."""
        cur = url
        for _ in range(max_hops + 1):
            res = self.request(cur, "GET", body_limit=limit)
            if res.status in REDIRECT_CODES and res.location:
                try:
                    cur = normalize(requests.compat.urljoin(cur, res.location.strip()))
                except ValueError:
                    res.error = f"bad Location {res.location!r}"
                    return res
                continue
            return res
        res.error = f"too many redirects (more than {max_hops})"
        return res

    def check(self, url: str, allowed: Callable[[str], bool] | None = None) -> FetchResult:
        """HEAD a link or resource (falling back to GET when HEAD is refused); redirects followed."""
        res = self.fetch(url, "HEAD", allowed=allowed)
        st = res.first.status
        if st in (400, 403, 405, 406, 429, 500, 501, 502, 503):   # servers that mishandle HEAD
            # a resource's size, not its content: read at most 1 MB (Content-Length tells the rest)
            get = self.fetch(url, "GET", allowed=allowed, body_limit=_CHECK_BODY)
            get.first.body = b""
            cl = get.first.headers.get("content-length")
            if cl and cl.isdigit() and get.first.truncated:
                get.first.size, get.first.truncated = int(cl), False
            return get
        cl = res.first.headers.get("content-length")
        if cl and cl.isdigit():
            res.first.size = int(cl)
        return res
