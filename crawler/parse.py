"""Parse stage: HTML bytes -> page facts, in worker processes.

Why processes: measured on the benchmark's 90 KB pages, lxml parsing releases the GIL but the
Python-level fact extraction and ``PageFacts.to_json`` do not, and they cost more than fetching and
storing together. One parser process per core keeps the fetch threads and the single SQLite writer
(main process) free; the body goes to the worker pickled (one copy), and a compact :class:`Parsed`
comes back: the facts JSON already serialised, plus the link/hreflang tuples the writer needs.
``parse_workers=0`` parses in the calling thread (small crawls, tests, debugging).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import NamedTuple

from crawler.facts import PageFacts


class Parsed(NamedTuple):
    facts_json: str
    title: str | None
    word_count: int
    content_hash: str
    simhash: int                               # signed 64-bit (SQLite INTEGER)
    links: list[tuple[str, str, str, str]]     # (url, kind, anchor, rel)
    hreflang: list[tuple[str, str, str]]       # (lang, url, source)
    targets: list[tuple[str, str]]             # (url, found_via): canonical, hreflang, refresh, img
    parse_error: str | None


def _signed64(v: int) -> int:
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >= 1 << 63 else v


def summarize(facts: PageFacts) -> Parsed:
    """The compact, picklable form of a page's facts."""
    links = [(lk.url, lk.kind, lk.anchor, lk.rel) for lk in facts.links]
    targets: list[tuple[str, str]] = []
    for c in (*facts.canonicals, *facts.canonical_headers):
        targets.append((c, "canonical"))
    for h in facts.hreflang:
        targets.append((h.url, "hreflang"))
    if facts.meta_refresh_url:
        targets.append((facts.meta_refresh_url, "refresh"))
    for im in facts.images:
        targets.append((im.src, "img"))
    return Parsed(
        facts.to_json(), facts.titles[0] if facts.titles else None, facts.word_count, facts.content_hash,
        _signed64(facts.simhash or 0), links, [(h.lang, h.url, h.source) for h in facts.hreflang],
        targets, facts.parse_error)


def parse_page(body: bytes, url: str, headers: dict[str, str]) -> Parsed:
    """Extract facts; never raises (a page's content must not stop the crawl)."""
    try:
        from crawler.extract import extract_page
        facts = extract_page(body, url, headers)
    except Exception as exc:  # broken markup, binary data, a bug in an extractor
        facts = PageFacts(url=url, parse_error=f"{type(exc).__name__}: {str(exc)[:300]}")
    try:
        return summarize(facts)
    except Exception as exc:
        return summarize(PageFacts(url=url, parse_error=f"{type(exc).__name__}: {str(exc)[:300]}"))


def _warm() -> None:
    """Import the extraction stack once per worker, before the first page."""
    with contextlib.suppress(Exception):   # an import error is reported per page by parse_page
        import crawler.extract  # noqa: F401


class Parser:
    """Runs :func:`parse_page` in a process pool (or inline); thread-safe; survives a dead worker."""

    def __init__(self, workers: int | None):
        if workers is None:
            workers = os.cpu_count() or 1
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        if workers > 0:
            self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: never fork a process that already runs fetch threads
        ctx = multiprocessing.get_context("forkserver")
        # preload our modules, not __main__ (the default would re-run an unguarded calling script)
        ctx.set_forkserver_preload(["crawler.parse", "crawler.extract"])
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_warm)

    def parse(self, body: bytes, url: str, headers: dict[str, str]) -> Parsed:
        pool = self._pool
        if pool is None:
            return parse_page(body, url, headers)
        try:
            return pool.submit(parse_page, body, url, headers).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
            return summarize(PageFacts(url=url, parse_error="parser process died on this page"))
        except RuntimeError:   # pool shut down during Ctrl-C
            return summarize(PageFacts(url=url, parse_error="crawl interrupted while parsing"))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
