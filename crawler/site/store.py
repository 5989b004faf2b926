"""Store stage: the crawl database (schema in schema.sql), opened by the crawler to write and by
the checks to read.

One writer (the engine's main thread) owns the write connection, so SQLite never waits on a lock;
it commits in small batches (WAL, ``synchronous=NORMAL``: a commit costs no fsync) so a killed
crawl loses at most the last fraction of a second, which ``--resume`` re-fetches.

Memory stays flat with the crawl's size: the seen-set is the ``urls`` table's UNIQUE index, and
only a bounded LRU of url -> (id, depth) sits in memory to skip lookups of the links every page
repeats (menus, footers).
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "1"


def schema_sql() -> str:
    # next to this file (not importlib.resources: with tests/ on sys.path, "crawler" can resolve to the
    # tests/crawler namespace package)
    return (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def open_db(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """Open a crawl database. ``readonly=True`` for checks and reports (rows as ``sqlite3.Row``);
    otherwise creates it if needed, applies the schema and switches to WAL."""
    path = Path(path)
    if readonly:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such crawl database")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        return conn
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-2000")         # 2 MB page cache, whatever the crawl size
    conn.executescript(schema_sql())
    return conn


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute("SELECT key, value FROM crawl_meta")}


def is_crawl_db(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM crawl_meta").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return False


class UrlCache:
    """Bounded LRU url -> (id, depth)."""

    def __init__(self, size: int = 100_000):
        self.size = size
        self.d: OrderedDict[str, tuple[int, int | None]] = OrderedDict()

    def get(self, url: str) -> tuple[int, int | None] | None:
        v = self.d.get(url)
        if v is not None:
            self.d.move_to_end(url)
        return v

    def put(self, url: str, v: tuple[int, int | None]) -> None:
        self.d[url] = v
        if len(self.d) > self.size:
            self.d.popitem(last=False)


class Writer:
    """All writes of a crawl, from one thread. Call :meth:`begin` before a batch, :meth:`commit` after."""

    def __init__(self, conn: sqlite3.Connection, cache_size: int = 100_000):
        self.conn = conn
        self.cache = UrlCache(cache_size)
        self.in_tx = False
        self.pending = 0
        self.max_depth: int | None = None

    # -- transactions
    def begin(self) -> None:
        if not self.in_tx:
            self.conn.execute("BEGIN")
            self.in_tx = True

    def commit(self) -> None:
        if self.in_tx:
            self.conn.execute("COMMIT")
            self.in_tx = False
        self.pending = 0

    # -- bulk-load indexes
    def defer_link_indexes(self) -> None:
        """Drop the links indexes while crawling; :meth:`build_link_indexes` puts them back.

        Measured: keeping ``links_to`` and ``links_from`` up to date cost 5 ms of CPU per
        300-link page (random B-tree inserts), building them once at the end ~1 s per million links.
        A page's links, facts and state are committed in one transaction, so a resumed crawl never
        needs to find and delete a half-stored page's links (which would need the index).
        """
        self.commit()
        self.conn.execute("DROP INDEX IF EXISTS links_from")
        self.conn.execute("DROP INDEX IF EXISTS links_to")

    def build_link_indexes(self) -> None:
        self.commit()
        self.conn.execute("CREATE INDEX IF NOT EXISTS links_from ON links(from_id)")
        self.conn.execute("CREATE INDEX IF NOT EXISTS links_to ON links(to_id)")

    # -- meta
    def set_meta(self, **values: Any) -> None:
        self.begin()
        self.conn.executemany("INSERT OR REPLACE INTO crawl_meta(key, value) VALUES (?, ?)",
                              [(k, v if isinstance(v, str) or v is None else json.dumps(v)) for k, v in values.items()])

    def host_file(self, host: str, name: str, status: int | None, body: str | None, error: str | None) -> None:
        self.begin()
        self.conn.execute("INSERT OR REPLACE INTO host_files(host, name, status, body, error, fetched_at) "
                          "VALUES (?, ?, ?, ?, ?, ?)", (host, name, status, body, error, now_iso()))

    # -- urls
    def ensure(self, url: str, kind: str, depth: int | None, found_from: int | None, via: str,
               state: str = "queued", skip_reason: str | None = None) -> tuple[int, bool]:
        """Id of ``url``, inserting it when new; (id, inserted). Lowers a known page's depth when
        this path is shorter (breadth-first order makes that rare), re-queueing it if it had been
        skipped only for being too deep."""
        hit = self.cache.get(url)
        if hit is not None:
            uid, known = hit
            if depth is not None and kind == "page" and (known is None or depth < known):
                self._lower_depth(uid, url, depth)
            return uid, False
        row = self.conn.execute(
            "INSERT INTO urls(url, kind, state, depth, found_from, found_via, skip_reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO NOTHING RETURNING id",
            (url, kind, state, depth, found_from, via, skip_reason)).fetchone()
        if row is not None:
            self.cache.put(url, (row[0], depth))
            return row[0], True
        uid, known = self.conn.execute("SELECT id, depth FROM urls WHERE url = ?", (url,)).fetchone()
        self.cache.put(url, (uid, known))
        if depth is not None and kind == "page" and (known is None or depth < known):
            self._lower_depth(uid, url, depth)
        return uid, False

    def _lower_depth(self, uid: int, url: str, depth: int) -> None:
        self.conn.execute("UPDATE urls SET depth = ? WHERE id = ? AND (depth IS NULL OR depth > ?)",
                          (depth, uid, depth))
        if self.max_depth is not None and depth <= self.max_depth:
            self.conn.execute("UPDATE urls SET state = 'queued', skip_reason = NULL "
                              "WHERE id = ? AND state = 'skipped' AND skip_reason = 'max_depth'", (uid,))
        self.cache.put(url, (uid, depth))

    def mark_in_sitemap(self, ids: Iterable[int]) -> None:
        self.conn.executemany("UPDATE urls SET in_sitemap = 1 WHERE id = ?", [(i,) for i in ids])

    def skip(self, uid: int, reason: str, robots_blocked: bool = False) -> None:
        self.conn.execute("UPDATE urls SET state = 'skipped', skip_reason = ?, robots_blocked = ? WHERE id = ?",
                          (reason, int(robots_blocked), uid))

    def record_fetch(self, uid: int, *, state: str, status: int | None, content_type: str | None,
                     size: int | None, response_ms: float | None, hops: int, chain: list | None, loop: bool,
                     final_url: str | None, final_status: int | None, headers: dict[str, str] | None,
                     truncated: bool, error: str | None) -> None:
        self.conn.execute(
            "UPDATE urls SET state=?, status=?, content_type=?, size=?, response_ms=?, redirect_hops=?, "
            "redirect_chain=?, redirect_loop=?, final_url=?, final_status=?, headers=?, truncated=?, error=?, "
            "fetched_at=? WHERE id=?",
            (state, status, content_type, size, response_ms, hops,
             json.dumps(chain, ensure_ascii=False) if chain else None, int(loop), final_url, final_status,
             json.dumps(headers, ensure_ascii=False) if headers is not None else None, int(truncated), error,
             now_iso(), uid))

    def page(self, uid: int, facts_json: str, title: str | None, word_count: int, content_hash: str,
             simhash: int) -> None:
        self.conn.execute("INSERT OR REPLACE INTO pages(url_id, facts, title, word_count, content_hash, simhash) "
                          "VALUES (?, ?, ?, ?, ?, ?)", (uid, facts_json, title, word_count, content_hash, simhash))

    def links(self, rows: list[tuple]) -> None:
        """rows: (from_id, to_url, to_id, kind, anchor, rel, nofollow, internal)."""
        self.conn.executemany("INSERT INTO links(from_id, to_url, to_id, kind, anchor, rel, nofollow, internal) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def hreflang(self, rows: list[tuple[int, str, str, str]]) -> None:
        self.conn.executemany("INSERT INTO hreflang(url_id, lang, href, source) VALUES (?, ?, ?, ?)", rows)

    # -- sitemaps
    def sitemap(self, url: str, parent_id: int | None, found_via: str, kind: str | None, status: int | None,
                url_count: int, error: str | None) -> int:
        row = self.conn.execute(
            "INSERT INTO sitemaps(url, parent_id, found_via, kind, status, url_count, error) VALUES (?,?,?,?,?,?,?) "
            "ON CONFLICT(url) DO UPDATE SET kind=excluded.kind, status=excluded.status, url_count=excluded.url_count, "
            "error=excluded.error RETURNING id", (url, parent_id, found_via, kind, status, url_count, error)).fetchone()
        return row[0]

    def sitemap_urls(self, rows: list[tuple[int, int, str | None]]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO sitemap_urls(sitemap_id, url_id, lastmod) VALUES (?, ?, ?)", rows)
