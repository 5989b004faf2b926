"""Parse stage: HTML bytes -> page facts, in worker processes.

Why processes: measured on the benchmark's 90 KB pages (2 cores), lxml parsing releases the GIL
but the Python-level extraction, link classification and facts JSON do not: ~8 ms of CPU per page,
against ~4 ms for fetching (requests) and ~3 ms for storing (SQLite) in the main process. With
everything in one process the GIL caps the crawl at one core; with parser processes the main process
(fetch threads + the single writer) and the parsers each keep a core busy. The body goes to a
worker pickled, and a compact :class:`Parsed` comes back: the facts JSON already serialised, plus
the classified link tuples the writer needs. ``parse_workers=0`` parses in the fetch threads (small
crawls, tests, one-core machines).
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO, NamedTuple

from crawler.site.facts import PageFacts
from crawler.site.links import LinkPolicy
from crawler.site.urls import is_http


class Parsed(NamedTuple):
    facts_json: str
    title: str | None
    word_count: int
    content_hash: str
    simhash: int                               # signed 64-bit (SQLite INTEGER)
    links: list                                # LinkRow tuples, see crawler.site.links
    hreflang: list[tuple[str, str, str]]       # (lang, url, source)
    targets: list[tuple]                       # (url, found_via, target, allowed): canonical, hreflang, refresh, img
    parse_error: str | None


def _signed64(v: int) -> int:
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >= 1 << 63 else v


_NESTED = ("links", "images", "hreflang", "forms", "jsonld")


def _rows(items: list) -> list[dict]:
    if not items:
        return []
    names = type(items[0]).__dataclass_fields__.keys()
    return [{n: getattr(x, n) for n in names} for x in items]


def facts_json(facts: PageFacts) -> str:
    """``PageFacts.to_json()``, ~10x faster: ``dataclasses.asdict`` deep-copies every value, which
    cost more than the whole extraction on 300-link pages (measured: 17 ms vs 7 ms per 90 KB page)."""
    d = {}
    for name in PageFacts.__dataclass_fields__:
        v = getattr(facts, name)
        d[name] = _rows(v) if name in _NESTED else v
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def summarize(facts: PageFacts, policy: LinkPolicy) -> Parsed:
    """The compact, picklable form of a page's facts, its links already classified."""
    links = policy.classify([(lk.url, lk.kind, lk.anchor, lk.rel) for lk in facts.links])
    found: list[tuple[str, str, str]] = []
    for c in (*facts.canonicals, *facts.canonical_headers):
        found.append((c, "canonical", "a"))
    for h in facts.hreflang:
        found.append((h.url, "hreflang", "a"))
    if facts.meta_refresh_url:
        found.append((facts.meta_refresh_url, "refresh", "a"))
    for im in facts.images:
        found.append((im.src, "img", "img"))
    targets = []
    for url, via, kind in found:
        u, t, _internal, allowed = policy.cached_target(url, kind)
        if t is not None:
            targets.append((u, via, t, allowed))
    hreflang = [(h.lang, policy.params(h.url) if is_http(h.url) else h.url, h.source) for h in facts.hreflang]
    return Parsed(
        facts_json(facts), facts.titles[0] if facts.titles else None, facts.word_count, facts.content_hash,
        _signed64(facts.simhash or 0), links, hreflang, targets, facts.parse_error)


def parse_page(body: bytes, url: str, headers: dict[str, str], policy: LinkPolicy) -> Parsed:
    """Extract facts; never raises (a page's content must not stop the crawl)."""
    try:
        from crawler.site.extract import extract_page
        facts = extract_page(body, url, headers)
    except Exception as exc:  # broken markup, binary data, a bug in an extractor
        facts = PageFacts(url=url, parse_error=f"{type(exc).__name__}: {str(exc)[:300]}")
    try:
        return summarize(facts, policy)
    except Exception as exc:
        return summarize(PageFacts(url=url, parse_error=f"{type(exc).__name__}: {str(exc)[:300]}"), policy)


def default_workers() -> int:
    """One parser process per core but one (the main process fetches and writes), at most 4."""
    return max(0, min((os.cpu_count() or 1) - 1, 4))


# ---------------------------------------------------------------------------------------------- workers
# Plain child processes (``python -m crawler.site.parse``) talking pickle over their stdin/stdout: no
# forkserver, no resource tracker, no re-import of the caller's __main__. Measured on 2 cores, a
# ProcessPoolExecutor(forkserver) cost 30 MB more for the same work.

def _send(f: BinaryIO, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    f.write(struct.pack("<I", len(data)))
    f.write(data)
    f.flush()


def _recv(f: BinaryIO) -> object:
    head = f.read(4)
    if len(head) < 4:
        raise EOFError
    (n,) = struct.unpack("<I", head)
    data = f.read(n)
    if len(data) < n:
        raise EOFError
    return pickle.loads(data)


class _Worker:
    def __init__(self, policy: LinkPolicy):
        self.proc = subprocess.Popen([sys.executable, "-m", "crawler.site.parse"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, cwd=str(Path(__file__).resolve().parents[2]))
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        _send(self.stdin, policy)

    def parse(self, body: bytes, url: str, headers: dict[str, str]) -> Parsed:
        _send(self.stdin, (body, url, headers))
        return Parsed(*_recv(self.stdout))  # type: ignore[misc]

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.stdin.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(OSError):
            self.stdout.close()


class Parser:
    """Runs :func:`parse_page` in worker processes (or inline when ``workers == 0``); thread-safe:
    a fetch thread borrows an idle worker for one page. A worker that dies is replaced and the page
    gets a parse error instead of taking the crawl down."""

    def __init__(self, workers: int | None, policy: LinkPolicy):
        self.policy = policy
        self.workers = default_workers() if workers is None else workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(self.workers):
            w = _Worker(policy)
            self._all.append(w)
            self._idle.put(w)

    def parse(self, body: bytes, url: str, headers: dict[str, str]) -> Parsed:
        if self.workers == 0:
            return parse_page(body, url, headers, self.policy)
        w = self._idle.get()
        try:
            result = w.parse(body, url, headers)
        except (EOFError, OSError, pickle.PickleError):
            w.close()
            with self._lock:
                if w in self._all:
                    self._all.remove(w)
                w = _Worker(self.policy)
                self._all.append(w)
            result = summarize(PageFacts(url=url, parse_error="parser process died on this page"), self.policy)
        self._idle.put(w)
        return result

    def close(self) -> None:
        with self._lock:
            for w in self._all:
                w.close()
            self._all.clear()


def _serve() -> None:
    """Worker loop (``python -m crawler.site.parse``): a policy, then (body, url, headers) -> Parsed."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr          # a stray print in an extractor must not corrupt the protocol
    # Ctrl-C reaches the whole process group: the crawl decides when to stop, and closes our stdin
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(Exception):
        import crawler.site.extract  # noqa: F401  (warm up before the first page)
    try:
        policy = _recv(stdin)
        while True:
            body, url, headers = _recv(stdin)
            _send(stdout, tuple(parse_page(body, url, headers, policy)))
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return


if __name__ == "__main__":
    _serve()
