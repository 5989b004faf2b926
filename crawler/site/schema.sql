-- Crawl database: one SQLite file per crawl, WAL mode, written as the crawl goes.
-- This file is the contract between the crawler (writes) and the checks (read only).
-- Changes are additive: new tables and new nullable columns only.

CREATE TABLE IF NOT EXISTS crawl_meta (
    key   TEXT PRIMARY KEY,   -- start_url, started_at, finished_at, finished ("1"/"0"), stopped_reason
    value TEXT                -- (max_pages|max_depth|interrupted|done), settings (JSON), user_agent,
);                            -- ignore_robots ("1"/"0"), robots_note, tool_version

-- Every URL the crawl discovered: in-scope pages, external links and page resources.
CREATE TABLE IF NOT EXISTS urls (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,      -- normalised absolute URL
    kind            TEXT NOT NULL DEFAULT 'page',   -- page (in scope, crawled) | external | resource
    state           TEXT NOT NULL DEFAULT 'queued', -- queued | fetching | done | error | skipped
    depth           INTEGER,                   -- clicks from the start URL (min over discovery paths)
    found_from      INTEGER REFERENCES urls(id),
    found_via       TEXT,                      -- a | canonical | hreflang | redirect | sitemap | start | list | img | link | script | refresh
    in_sitemap      INTEGER NOT NULL DEFAULT 0,
    robots_blocked  INTEGER NOT NULL DEFAULT 0,
    status          INTEGER,                   -- status of the first response (3xx for redirects)
    content_type    TEXT,                      -- media type only, lower-case (text/html)
    size            INTEGER,                   -- body bytes received (after decompression)
    response_ms     REAL,                      -- time to the full first response
    redirect_hops   INTEGER NOT NULL DEFAULT 0,
    redirect_chain  TEXT,                      -- JSON [{"url","status","location"}], one per hop
    redirect_loop   INTEGER NOT NULL DEFAULT 0,
    final_url       TEXT,                      -- where redirects ended
    final_status    INTEGER,                   -- status at final_url
    headers         TEXT,                      -- JSON {lower-case name: value} of the first response
    truncated       INTEGER NOT NULL DEFAULT 0,-- body cut at max_body_bytes
    error           TEXT,                      -- timeout, connection refused, decompression bomb, …
    skip_reason     TEXT,                      -- robots | out_of_scope | max_depth | max_pages | non_http
    fetched_at      TEXT                       -- ISO-8601 UTC
);
CREATE INDEX IF NOT EXISTS urls_state ON urls(state);
CREATE INDEX IF NOT EXISTS urls_kind ON urls(kind);

-- Facts of each crawled HTML page (2xx or not), one row per URL; `facts` is PageFacts.to_json().
CREATE TABLE IF NOT EXISTS pages (
    url_id       INTEGER PRIMARY KEY REFERENCES urls(id),
    facts        TEXT NOT NULL,
    title        TEXT,          -- first title, for quick listing
    word_count   INTEGER,
    content_hash TEXT,
    simhash      INTEGER        -- signed 64-bit as stored by SQLite
);
CREATE INDEX IF NOT EXISTS pages_hash ON pages(content_hash);

-- Every link found on a page, including non-HTTP ones (mailto:, tel:, javascript:) which are never fetched.
CREATE TABLE IF NOT EXISTS links (
    from_id  INTEGER NOT NULL REFERENCES urls(id),
    to_url   TEXT NOT NULL,
    to_id    INTEGER REFERENCES urls(id),   -- NULL for non-HTTP links
    kind     TEXT NOT NULL,                 -- a | img | link | script | iframe | form
    anchor   TEXT,
    rel      TEXT,
    nofollow INTEGER NOT NULL DEFAULT 0,
    internal INTEGER NOT NULL DEFAULT 0     -- target in crawl scope
);
CREATE INDEX IF NOT EXISTS links_from ON links(from_id);
CREATE INDEX IF NOT EXISTS links_to ON links(to_id);

CREATE TABLE IF NOT EXISTS hreflang (
    url_id INTEGER NOT NULL REFERENCES urls(id),
    lang   TEXT NOT NULL,
    href   TEXT NOT NULL,
    source TEXT NOT NULL                    -- html | header | sitemap
);
CREATE INDEX IF NOT EXISTS hreflang_url ON hreflang(url_id);

CREATE TABLE IF NOT EXISTS sitemaps (
    id        INTEGER PRIMARY KEY,
    url       TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES sitemaps(id),  -- the index that listed it
    found_via TEXT,                             -- robots | default | index
    kind      TEXT,                             -- urlset | index | text
    status    INTEGER,
    url_count INTEGER,
    error     TEXT
);
CREATE TABLE IF NOT EXISTS sitemap_urls (
    sitemap_id INTEGER NOT NULL REFERENCES sitemaps(id),
    url_id     INTEGER NOT NULL REFERENCES urls(id),
    lastmod    TEXT,
    PRIMARY KEY (sitemap_id, url_id)
);

-- robots.txt and llms.txt of each crawled host, as fetched (checks read these, never the network).
CREATE TABLE IF NOT EXISTS host_files (
    host       TEXT NOT NULL,               -- scheme://host[:port]
    name       TEXT NOT NULL,               -- robots.txt | llms.txt
    status     INTEGER,
    body       TEXT,
    error      TEXT,
    fetched_at TEXT,
    PRIMARY KEY (host, name)
);

-- Added by the crawler (additive): the frontier is the queued rows of `urls`, claimed in
-- breadth-first order (depth, id). URLs known only from sitemaps have depth NULL until a link is
-- found to them. skip_reason may also be: not_checked (external/resource checking switched off),
-- trap (URL over 2,048 characters, over 30 path segments, or a path segment repeated 3+ times).
CREATE INDEX IF NOT EXISTS urls_queue ON urls(depth, id) WHERE state = 'queued';
-- More crawl_meta keys written by the crawler: list_mode ("1"/"0"), list_urls (JSON), moved_to (origin
-- the start URL redirected to, treated as the site too), scope_hosts (JSON), sitemaps_done, resumed_at,
-- requeued_on_resume. The links indexes are dropped while crawling and rebuilt when the crawl stops.
