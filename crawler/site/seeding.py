"""How a crawl starts: robots.txt, where the start URL leads, llms.txt, the first URLs and the sitemaps.

These run on the writer's thread before its loop (engine.py), on the crawl's own state.
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from crawler.common.errors import InputError
from crawler.site import frontier
from crawler.site.robots import fetch_text, parse_robots
from crawler.site.sitemaps import SitemapFile, read_sitemaps
from crawler.site.store import now_iso, read_meta
from crawler.site.urls import is_http, origin

if TYPE_CHECKING:
    from crawler.site.engine import _Crawl

TOOL_VERSION = "0.1.0"


def sitemap_seeds(robots_sitemaps: list[str], host: str) -> list[tuple[str, str]]:
    seeds = [(u, "robots") for u in robots_sitemaps]
    default = host + "/sitemap.xml"
    if default not in robots_sitemaps:
        seeds.append((default, "default"))
    return seeds


def preload_robots(c: _Crawl) -> None:
    """On resume, reuse the robots.txt already fetched (same rules, no second request)."""
    for host, status, body, error in c.conn.execute(
            "SELECT host, status, body, error FROM host_files WHERE name = 'robots.txt'"):
        rules = parse_robots(host, status, body, error, c.robots.token)
        if rules.crawl_delay and not c.s.ignore_robots:
            c.fetcher.throttle.set_delay(host, min(rules.crawl_delay, 60.0))
        c.robots._rules[host] = rules   # noqa: SLF001

def add_host(c: _Crawl, host: str) -> None:
    c.scope.add_host(host)
    c.policy.scope.add_host(host)
    c.policy.extra_hosts = sorted(set(c.policy.extra_hosts) | {host})

def begin(c: _Crawl) -> None:
    """Seed the frontier: robots.txt, where the start URL leads, llms.txt, the start or list URLs, sitemaps;
    on resume, requeue what was in flight and pick the sitemaps up where they stopped."""
    s, w = c.s, c.w
    host = origin(c.start)
    if c.resume:
        preload_robots(c)
        w.begin()
        n = frontier.requeue_inflight(c.conn)
        w.set_meta(finished="0", stopped_reason="", resumed_at=now_iso(), requeued_on_resume=str(n))
        w.commit()
        for h in json.loads(read_meta(c.conn).get("scope_hosts") or "[]"):
            add_host(c, h)
        c.sitemap_ids = dict(c.conn.execute("SELECT url, id FROM sitemaps"))
        if read_meta(c.conn).get("sitemaps_done") != "1" and not c.list_mode:
            start_sitemaps(c, c.robots.rules(host).sitemaps, host)
        return
    rules = c.robots.rules(host)          # fetched once; stored through on_file
    moved_to = None
    if not c.list_mode and c.robots.allowed(c.start):
        # Where does the start URL lead? A site answering on http://client.fr usually lives on
        # https://www.client.fr/: that host is the site too. (HEAD: the page itself is fetched once.)
        probe = c.fetcher.fetch(c.start, "HEAD")
        if probe.first.status is None and rules.status is None:
            raise InputError(f"cannot reach {host}: {probe.first.error or 'no response'}")
        if probe.chain and probe.final_url and is_http(probe.final_url):
            final_host = urlsplit(probe.final_url).hostname or ""
            if final_host and not c.scope.internal(probe.final_url):
                add_host(c, final_host)
                moved_to = origin(probe.final_url)
    elif rules.status is None:
        res = c.fetcher.request(c.start, "HEAD")
        if res.status is None:
            raise InputError(f"cannot reach {host}: {res.error or 'no response'}")
    w.begin()
    c.drain_events()
    w.set_meta(start_url=c.start, started_at=now_iso(), finished="0", stopped_reason="",
               settings=s.model_dump_json(exclude={"auth", "headers"}), user_agent=s.user_agent,
               header_names=json.dumps(sorted(s.headers)),  # names only: a header value can be a secret
               ignore_robots="1" if s.ignore_robots else "0",
               robots_note=(("robots.txt ignored (--ignore-robots); " if s.ignore_robots else "") + rules.note),
               tool_version=TOOL_VERSION, list_mode="1" if c.list_mode else "0",
               list_urls=json.dumps(c.list_urls) if c.list_mode else None)
    if c.list_mode:
        for u in c.list_urls:
            w.ensure(u, "page", 0, None, "list")
    else:
        w.ensure(c.start, "page", 0, None, "start")
        for h in (host, moved_to) if moved_to else (host,):
            status, text, error = fetch_text(c.fetcher, h + "/llms.txt", 512 * 1024)
            w.host_file(h, "llms.txt", status, text, error)
        if moved_to:
            c.robots.rules(moved_to)        # its robots.txt stored too (the AI-crawler checks read it)
            c.drain_events()
            w.set_meta(scope_hosts=json.dumps(sorted(c.scope.hosts - {c.scope.start_host})),
                       moved_to=moved_to)
    w.commit()
    if not c.list_mode:
        start_sitemaps(c, rules.sitemaps, host)

def start_sitemaps(c: _Crawl, declared: list[str], host: str) -> None:
    """Read the sitemaps in a thread of their own; each file becomes an event for the writer."""
    s = c.s
    seeds = sitemap_seeds(declared, host)
    c.sitemaps_running = True

    def run():
        try:
            for sm in read_sitemaps(c.fetcher, seeds, max_urls=s.max_sitemap_urls,
                                    max_bytes=s.max_sitemap_bytes, max_files=s.max_sitemaps,
                                    stop=c.stop.is_set):
                c.events.put(sm)
        except Exception as exc:  # a sitemap must never stop the crawl
            c.events.put(SitemapFile(host + "/sitemap.xml", None, "default", error=f"sitemap reader: {exc}"))
        finally:
            c.events.put("sitemaps_done")

    threading.Thread(target=run, name="sitemaps", daemon=True).start()
