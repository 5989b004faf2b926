"""The per-client traffic store: one DuckDB file. Schema, connection, salt.

Tables other modules may read (stable names; columns only ever added):
- ``hits``        one row per parsed request (no raw IP unless the client's settings ask for it)
- ``agents``      one row per distinct user agent: bot name and group, browser, OS, device
- ``visits``      human visits (rebuilt after each ingestion): landing/exit page, channel, UTM, bounce
- ``log_files``   what was read from each file: identity, offset, lines, last timestamp
- ``rejects``     sample of lines that did not parse (file, line number, reason)
Views: ``pageviews``, ``url_traffic(url, path, pageviews, visits, googlebot_hits, organic_visits)``,
``utm_sessions(utm_campaign, utm_source, utm_medium, visits)`` and ``utm_sessions_daily``.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import duckdb

from crawler.common.errors import InputError

SCHEMA_VERSION = "2"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS log_file_ids START 1;
CREATE TABLE IF NOT EXISTS log_files (
    file_id       INTEGER PRIMARY KEY,
    name          VARCHAR,      -- path as given on the last run that read it
    inode         BIGINT,
    raw_size      BIGINT,       -- size on disk at the last run (compressed size for .gz/.bz2)
    mtime_ns      BIGINT,
    compression   VARCHAR,
    head_len      INTEGER,      -- identity: sha256 of the first head_len decompressed bytes
    head_hash     VARCHAR,
    offset_bytes  BIGINT,       -- decompressed bytes consumed
    lines         BIGINT,       -- lines consumed
    hits          BIGINT,
    rejected      BIGINT,
    first_ts      TIMESTAMP,
    last_ts       TIMESTAMP,
    format        VARCHAR,
    format_spec   VARCHAR,
    first_seen    TIMESTAMP,
    last_read     TIMESTAMP
);
CREATE TABLE IF NOT EXISTS hits (
    file_id     INTEGER,
    line_no     BIGINT,
    ts          TIMESTAMP,      -- as written in the log (server local time)
    day         DATE,
    host        VARCHAR,
    visitor     UBIGINT,        -- salted hash of IP + user agent
    ip          VARCHAR,        -- NULL unless store_raw_ips (truncated if truncate_ips)
    method      VARCHAR,
    path        VARCHAR,        -- path and query string as requested
    protocol    VARCHAR,
    status      SMALLINT,
    bytes       BIGINT,
    referrer    VARCHAR,
    ua_id       UBIGINT,        -- hash of the user agent: agents.ua_id
    response_ms DOUBLE,
    is_page     BOOLEAN         -- not a static asset (by extension)
);
CREATE TABLE IF NOT EXISTS rejects (file_id INTEGER, line_no BIGINT, reason VARCHAR, line VARCHAR);
CREATE TABLE IF NOT EXISTS agents (
    ua_id UBIGINT PRIMARY KEY, ua VARCHAR, bot VARCHAR, bot_group VARCHAR, browser VARCHAR, os VARCHAR, device VARCHAR
);
CREATE TABLE IF NOT EXISTS suspects (day DATE, visitor UBIGINT, reason VARCHAR);
CREATE TABLE IF NOT EXISTS channel_cache (landing_url VARCHAR, referrer VARCHAR, channel VARCHAR);
CREATE TABLE IF NOT EXISTS googlebot_checks (
    ip_key VARCHAR PRIMARY KEY, genuine BOOLEAN, method VARCHAR, checked_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS report_cache (key VARCHAR PRIMARY KEY, report VARCHAR);
CREATE TABLE IF NOT EXISTS fake_googlebots (day DATE, visitor UBIGINT);
CREATE TABLE IF NOT EXISTS visits (
    day DATE, visitor UBIGINT, visit_no INTEGER, started TIMESTAMP, ended TIMESTAMP, pageviews INTEGER,
    host VARCHAR, landing VARCHAR, exit_page VARCHAR, referrer VARCHAR, landing_url VARCHAR,
    channel VARCHAR, utm_source VARCHAR, utm_medium VARCHAR, utm_campaign VARCHAR, click_id VARCHAR
);
"""

VIEWS = """
CREATE OR REPLACE VIEW human_hits AS
SELECT h.* FROM hits h JOIN agents a ON a.ua_id = h.ua_id
WHERE a.bot IS NULL
  AND NOT EXISTS (SELECT 1 FROM suspects s WHERE s.day = h.day AND s.visitor = h.visitor);
CREATE OR REPLACE VIEW pageviews AS
SELECT * FROM human_hits
WHERE is_page AND method = 'GET' AND (status BETWEEN 200 AND 299 OR status = 304);
CREATE OR REPLACE VIEW googlebot_hits AS
SELECT h.*, a.bot_group FROM hits h JOIN agents a ON a.ua_id = h.ua_id
WHERE a.bot = 'Googlebot'
  AND NOT EXISTS (SELECT 1 FROM fake_googlebots f WHERE f.day = h.day AND f.visitor = h.visitor);
CREATE OR REPLACE VIEW url_traffic AS
WITH pv AS (SELECT split_part(path, '?', 1) AS path, any_value(host) AS host, count(*) AS pageviews
            FROM pageviews GROUP BY 1),
     v AS (SELECT split_part(landing, '?', 1) AS path, count(*) AS visits,
                  count(*) FILTER (WHERE channel = 'Organic Search') AS organic_visits FROM visits GROUP BY 1),
     g AS (SELECT split_part(path, '?', 1) AS path, any_value(host) AS host, count(*) AS googlebot_hits
           FROM googlebot_hits GROUP BY 1),
     p AS (SELECT path FROM pv UNION SELECT path FROM v UNION SELECT path FROM g)
SELECT CASE WHEN coalesce(pv.host, g.host) IS NULL THEN p.path
            ELSE 'https://' || coalesce(pv.host, g.host) || p.path END AS url,
       p.path, coalesce(pv.pageviews, 0) AS pageviews, coalesce(v.visits, 0) AS visits,
       coalesce(g.googlebot_hits, 0) AS googlebot_hits, coalesce(v.organic_visits, 0) AS organic_visits
FROM p LEFT JOIN pv USING (path) LEFT JOIN v USING (path) LEFT JOIN g USING (path);
CREATE OR REPLACE VIEW utm_sessions AS
SELECT utm_campaign, utm_source, utm_medium, count(*) AS visits
FROM visits WHERE utm_campaign IS NOT NULL GROUP BY ALL;
CREATE OR REPLACE VIEW utm_sessions_daily AS
SELECT day, utm_campaign, utm_source, utm_medium, count(*) AS visits
FROM visits WHERE utm_campaign IS NOT NULL GROUP BY ALL;
"""


def connect(db_path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    db_path = Path(db_path)
    if read_only and not db_path.is_file():
        raise InputError(f"{db_path}: no traffic database (run `traffic logs` first)")
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.Error as exc:
        raise InputError(f"{db_path}: cannot open the traffic database ({exc})") from exc
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        con.execute(SCHEMA)
        con.execute(VIEWS)
        # literals, not parameters: DuckDB's parameter binding imports pandas (0.4 s at every start)
        con.execute(f"INSERT OR IGNORE INTO meta VALUES ('schema_version', {sql_literal(SCHEMA_VERSION)})")
    return con


def sql_literal(value: object) -> str:
    """A SQL literal for a str / int / None (for the few statements on the start-up path)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int):
        return str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


def salt(con: duckdb.DuckDBPyConnection, configured: str | None) -> str:
    """The visitor-hash salt: the client's configured one, else a random one kept in the database."""
    if configured:
        return configured
    row = con.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
    if row:
        return row[0]
    value = secrets.token_hex(16)
    con.execute(f"INSERT INTO meta VALUES ('salt', {sql_literal(value)})")
    return value
