"""Derived tables, rebuilt set-wise after each ingestion: bot heuristics, visits and their channels.

Visits are rebuilt over the whole store (not per file) so that a visit spanning two log files, or a file
read in two runs, is one visit. Channels are decided once per distinct (landing URL, referrer) pair
and cached in ``channel_cache``.
"""

from __future__ import annotations

import duckdb

from crawler.logs.settings import TrafficSettings
from crawler.logs.store import sql_literal


def rebuild(con: duckdb.DuckDBPyConnection, settings: TrafficSettings) -> None:
    con.execute("SET preserve_insertion_order = false")   # derived rows carry their own order keys
    con.execute("BEGIN TRANSACTION")
    try:
        _suspects(con, settings)
        own = frozenset(own_hosts(con, settings))
        _visits(con, settings, own)
        _channels(con, own)
        con.execute("UPDATE meta SET value = '0' WHERE key = 'dirty'")
        con.execute("INSERT OR IGNORE INTO meta VALUES ('data_version', '0')")
        con.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR) WHERE key = 'data_version'")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute("RESET preserve_insertion_order")


def _suspects(con: duckdb.DuckDBPyConnection, settings: TrafficSettings) -> None:
    """Visitors whose user agent looks like a browser but who behave like robots."""
    con.execute("DELETE FROM suspects")
    con.execute(f"""
        INSERT INTO suspects
        WITH browsers AS (SELECT h.day, h.visitor, h.path, h.ts, h.is_page
                          FROM hits h JOIN agents a ON a.ua_id = h.ua_id WHERE a.bot IS NULL),
        robots AS (SELECT DISTINCT day, visitor, 'asked for robots.txt' AS reason FROM browsers
                   WHERE split_part(path, '?', 1) = '/robots.txt'),
        per_min AS (SELECT DISTINCT day, visitor, 'over {settings.bot_max_pages_per_minute} pages a minute'
                    FROM browsers WHERE is_page
                    GROUP BY day, visitor, date_trunc('minute', ts)
                    HAVING count(*) > {settings.bot_max_pages_per_minute}),
        per_day AS (SELECT day, visitor, 'over {settings.bot_max_pages_per_day} pages a day' FROM browsers
                    WHERE is_page GROUP BY day, visitor HAVING count(*) > {settings.bot_max_pages_per_day})
        SELECT * FROM robots UNION ALL SELECT * FROM per_min UNION ALL SELECT * FROM per_day""")


def _visits(con: duckdb.DuckDBPyConnection, settings: TrafficSettings, own: frozenset[str]) -> None:
    gap = int(settings.visit_gap_minutes)
    con.execute("DELETE FROM visits")
    con.execute(f"""
        INSERT INTO visits
        WITH pv AS (SELECT day, visitor, ts, file_id, line_no, host, path, referrer FROM pageviews),
        marked AS (
            SELECT *, CASE WHEN lag(ts) OVER w IS NULL OR ts - lag(ts) OVER w > INTERVAL {gap} MINUTE
                           THEN 1 ELSE 0 END AS brk
            FROM pv WINDOW w AS (PARTITION BY day, visitor ORDER BY ts, file_id, line_no)),
        numbered AS (
            SELECT *, sum(brk) OVER (PARTITION BY day, visitor ORDER BY ts, file_id, line_no
                                     ROWS UNBOUNDED PRECEDING) AS visit_no FROM marked),
        agg AS (
            SELECT day, visitor, visit_no, max(ts) AS ended, count(*)::INTEGER AS pageviews,
                   arg_max(path, ts) AS exit_page
            FROM numbered GROUP BY day, visitor, visit_no),
        v AS (  -- the first page view of a visit is the row that opened it (brk = 1)
            SELECT n.day, n.visitor, n.visit_no::INTEGER AS visit_no, n.ts AS started, a.ended, a.pageviews,
                   n.host, n.path AS landing, a.exit_page, n.referrer
            FROM numbered n JOIN agg a USING (day, visitor, visit_no) WHERE n.brk = 1)
        SELECT day, visitor, visit_no, started, ended, pageviews, host, landing, exit_page, referrer,
               'https://' || coalesce(host, {sql_literal(_default_host(settings, own))}) || landing AS landing_url,
               NULL AS channel,
               q.utm_source, q.utm_medium, q.utm_campaign, q.click_id
        FROM (SELECT *, CASE WHEN contains(landing, '?') THEN {{  -- most landings have no query string
                  'utm_source': {_param('utm_source')}, 'utm_medium': {_param('utm_medium')},
                  'utm_campaign': {_param('utm_campaign')},
                  'click_id': CASE WHEN regexp_matches(landing, '[?&](gclid|gbraid|wbraid|dclid)=') THEN 'gclid'
                                   WHEN regexp_matches(landing, '[?&]msclkid=') THEN 'msclkid'
                                   WHEN regexp_matches(landing, '[?&]fbclid=') THEN 'fbclid'
                                   WHEN regexp_matches(landing, '[?&]li_fat_id=') THEN 'li_fat_id'
                                   WHEN regexp_matches(landing, '[?&]ttclid=') THEN 'ttclid' END}} END AS q
              FROM v)""")


def _param(name: str) -> str:
    return f"nullif(url_decode(replace(regexp_extract(landing, '[?&]{name}=([^&#]*)', 1), '+', ' ')), '')"


def own_hosts(con: duckdb.DuckDBPyConnection, settings: TrafficSettings) -> set[str]:
    """The site's hosts: configured, logged as virtual hosts, or the referrer host of its own assets
    (a page's CSS and images are requested with that page as referrer)."""
    hosts = {h.lower() for h in settings.own_hosts}
    hosts |= {r[0] for r in con.execute("SELECT DISTINCT host FROM hits WHERE host IS NOT NULL").fetchall()}
    rows = con.execute("""
        SELECT lower(regexp_extract(referrer, '^[a-zA-Z]+://([^/:]+)', 1)) AS h, count(*) AS n
        FROM hits WHERE NOT is_page AND referrer IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 5""").fetchall()
    total = sum(n for _, n in rows)
    hosts |= {h for h, n in rows if h and n * 10 >= total}
    return hosts


def _default_host(settings: TrafficSettings, own: frozenset[str]) -> str:
    """Host for landing URLs of logs that do not name it (channel rules want an absolute URL)."""
    if settings.own_hosts:
        return settings.own_hosts[0]
    return sorted(own)[0] if own else "localhost"


def _channel_key_sql(ids: list[str], wanted: list[str]) -> str:
    """The landing URL as channel rules see it, so that one rule run serves every visit that looks alike:
    the landing keeps its host (self-referrals) and only the query parameters the rules read (utm_*, click
    and link ids; the path and the other parameters never change a channel), and click-id *values* are blanked to 'x' (every ad click
    has its own gclid; only whether one is there matters)."""
    alts = "|".join(sorted(ids))
    names = "|".join(sorted(wanted))
    relevant = (f"array_to_string(regexp_extract_all(coalesce(regexp_extract(landing_url, '\\?([^#]*)', 1), ''), "
                f"'(?:^|&)(\\s*(?i:{names})\\s*=[^&]*)', 1), '&')")
    base = ("CASE WHEN starts_with(landing_url, '/') AND NOT starts_with(landing_url, '//') THEN '/' "
            "WHEN regexp_matches(landing_url, '^[a-zA-Z][a-zA-Z0-9+.-]*://') "
            "THEN regexp_extract(landing_url, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*') || '/' "
            "ELSE regexp_extract(landing_url, '^[^?#]*') END")
    key = f"{base} || CASE WHEN {relevant} <> '' THEN '?' || {relevant} ELSE '' END"
    return (f"CASE WHEN contains(landing_url, '?') THEN regexp_replace({key}, "
            f"'([?&]\\s*(?i:{alts})\\s*=)[A-Za-z0-9_-][^&#]*', '\\1x', 'g') "
            f"ELSE {base} END")


def _channels(con: duckdb.DuckDBPyConnection, own: frozenset[str]) -> None:
    from crawler.logs.channels import _WANTED, CLICK_IDS, LINK_IDS, channel_for, referrer_key  # GA4 rules

    key = "3|" + ",".join(sorted(own))      # cache scheme version | own hosts
    row = con.execute("SELECT value FROM meta WHERE key = 'channel_hosts'").fetchone()
    if row is None or row[0] != key:      # internal referrers changed: cached channels are stale
        con.execute("DELETE FROM channel_cache")
        con.execute(f"INSERT OR REPLACE INTO meta VALUES ('channel_hosts', {sql_literal(key)})")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE visit_keys AS
        SELECT landing_url, referrer, {_channel_key_sql([*CLICK_IDS, *LINK_IDS], sorted(_WANTED))} AS channel_key,
               regexp_replace(referrer, '[?#].*$', '') AS ref_key  -- rules read a referrer's host and path
        FROM (SELECT DISTINCT landing_url, coalesce(referrer, '') AS referrer FROM visits)""")
    pairs = con.execute("""
        SELECT DISTINCT k.channel_key, k.ref_key FROM visit_keys k
        ANTI JOIN channel_cache c ON c.landing_url = k.channel_key AND c.referrer = k.ref_key""").fetchall()
    decided: dict[tuple[str, str], str] = {}   # one rule run per (landing key, what the rules read of the referrer)

    def channel(u: str, r: str) -> str:
        key = (u, referrer_key(r))
        if key not in decided:
            decided[key] = channel_for(u, r or None, own)
        return decided[key]

    for i in range(0, len(pairs), 500):
        values = ", ".join(f"({sql_literal(u)}, {sql_literal(r)}, {sql_literal(channel(u, r))})"
                           for u, r in pairs[i:i + 500])
        # literals, not parameters: parameter binding imports pandas (0.4 s)
        con.execute(f"INSERT INTO channel_cache VALUES {values}")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE visit_channels AS
        SELECT k.landing_url, k.referrer, c.channel FROM visit_keys k
        JOIN channel_cache c ON c.landing_url = k.channel_key AND c.referrer = k.ref_key""")
    con.execute("""
        UPDATE visits SET channel = c.channel FROM visit_channels c
        WHERE c.landing_url = visits.landing_url AND c.referrer = coalesce(visits.referrer, '')""")
    con.execute("DROP TABLE visit_keys")
    con.execute("DROP TABLE visit_channels")
