"""Fetch threads' work on one claimed URL: robots check, fetch (or link check), parse.

Runs in ``concurrency`` threads at once; everything it touches is thread-safe (the Session's
pool, the robots cache, the parser's worker processes). It never writes the database: it returns
an :class:`~crawler.site.record.Outcome` for the single writer.
"""

from __future__ import annotations

import queue
from collections.abc import Callable

from crawler.site.fetch import HTML_TYPES, Fetcher
from crawler.site.frontier import Item
from crawler.site.parse import Parser
from crawler.site.record import Outcome
from crawler.site.robots import RobotsCache
from crawler.site.urls import Scope


def looks_html(content_type: str | None, body: bytes) -> bool:
    if not body:
        return False
    if content_type is None:       # no Content-Type: sniff, as browsers do
        return b"<html" in body[:2048].lower() or body[:512].lstrip().lower().startswith(b"<!doctype html")
    return content_type in HTML_TYPES


class FetchWorker:
    def __init__(self, scope: Scope, robots: RobotsCache, fetcher: Fetcher, parser: Callable[[], Parser | None]):
        self.scope, self.robots, self.fetcher, self.parser = scope, robots, fetcher, parser

    def robots_ok(self, url: str) -> bool:
        """robots.txt applies to the site's hosts; external links are only checked, never crawled."""
        return not self.scope.internal(url) or self.robots.allowed(url)

    def work(self, item: Item) -> Outcome:
        try:
            if not self.robots_ok(item.url):
                return Outcome(item, blocked=True)
            if item.kind == "page":
                fr = self.fetcher.fetch(item.url, "GET", allowed=self.robots_ok)
                first = fr.first
                parsed = None
                parser = self.parser()
                if looks_html(first.content_type, first.body) and not fr.chain and parser is not None:
                    parsed = parser.parse(first.body, item.url, first.headers)
                first.body = b""
                return Outcome(item, fr, parsed)
            fr = self.fetcher.check(item.url, allowed=self.robots_ok)
            fr.first.body = b""
            return Outcome(item, fr)
        except Exception as exc:  # never lose a URL to a bug: record it
            return Outcome(item, error=f"{type(exc).__name__}: {exc}")

    def loop(self, tasks: queue.SimpleQueue, results: queue.SimpleQueue) -> None:
        """Thread body: items in, outcomes out, until a ``None`` arrives."""
        while True:
            item = tasks.get()
            if item is None:
                return
            results.put(self.work(item))
