"""Optional Googlebot verification (settings.verify_googlebot, off by default).

Anyone can send Googlebot's user agent. Google's documented checks: the IP is in its published
`googlebot.json` ranges (settings.googlebot_ranges, a local copy), or reverse DNS gives a host under
googlebot.com / google.com / googleusercontent.com and forward DNS of that host gives the IP back.
Results are cached in `googlebot_checks` under a salted hash of the IP (raw IPs are not kept), so each
address is looked up once. Requests from addresses that fail are moved to `fake_googlebots`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import socket
from collections.abc import Callable
from pathlib import Path

import duckdb

from crawler.common.errors import InputError

GOOGLE_DOMAINS = (".googlebot.com", ".google.com", ".googleusercontent.com")


def load_ranges(path: str | Path) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return [ipaddress.ip_network(p.get("ipv4Prefix") or p.get("ipv6Prefix"))
                for p in data["prefixes"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: expected Google's googlebot.json ({{\"prefixes\": [{{\"ipv4Prefix\": ...}}]}}): "
                         f"{exc}") from exc


def in_ranges(ip: str, ranges: list) -> bool:
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(addr.version == net.version and addr in net for net in ranges)


def dns_check(ip: str, reverse: Callable[[str], tuple] = socket.gethostbyaddr,
              forward: Callable[[str], tuple] = socket.gethostbyname_ex) -> bool:
    """Reverse then forward DNS, as Google documents. Resolver functions are injectable for tests."""
    try:
        host = reverse(ip)[0].lower().rstrip(".")
    except (OSError, UnicodeError):
        return False
    if not host.endswith(GOOGLE_DOMAINS):
        return False
    try:
        return ip in forward(host)[2]
    except (OSError, UnicodeError):
        return False


def verify_parsed(con: duckdb.DuckDBPyConnection, settings, salt: str, no_ua: str,
                  check: Callable[[str], bool] | None = None) -> int:
    """Check the Googlebot addresses of the `parsed` temp table; returns how many addresses failed."""
    rows = con.execute(f"""
        SELECT DISTINCT p.ip FROM parsed p JOIN agents a ON a.ua_id = hash(coalesce(p.ua, '{no_ua}'))
        WHERE p.reason IS NULL AND a.bot = 'Googlebot' AND p.ip IS NOT NULL""").fetchall()
    if not rows:
        return 0
    if check is None:
        if settings.googlebot_ranges:
            ranges = load_ranges(settings.googlebot_ranges)
            method = "ranges"

            def check(ip: str) -> bool:
                return in_ranges(ip, ranges)
        else:
            method = "dns"
            socket.setdefaulttimeout(3)
            check = dns_check
    else:
        method = "custom"
    bad: list[str] = []
    for (ip,) in rows:
        key = hashlib.sha256(f"{salt}|{ip}".encode()).hexdigest()
        cached = con.execute("SELECT genuine FROM googlebot_checks WHERE ip_key = ?", [key]).fetchone()
        if cached is None:
            genuine = bool(check(ip))
            con.execute("INSERT INTO googlebot_checks VALUES (?, ?, ?, now())", [key, genuine, method])
        else:
            genuine = cached[0]
        if not genuine:
            bad.append(ip)
    if bad:
        con.execute("CREATE OR REPLACE TEMP TABLE bad_ips (ip VARCHAR)")
        con.executemany("INSERT INTO bad_ips VALUES (?)", [(ip,) for ip in bad])
        con.execute(f"""
            INSERT INTO fake_googlebots
            SELECT DISTINCT CAST(p.ts AS DATE), hash(md5_number(? || '|' || p.ip || '|' || coalesce(p.ua, '')))
            FROM parsed p JOIN bad_ips b ON b.ip = p.ip
            JOIN agents a ON a.ua_id = hash(coalesce(p.ua, '{no_ua}'))
            WHERE p.reason IS NULL AND a.bot = 'Googlebot'""", [salt])
        con.execute("DROP TABLE bad_ips")
    return len(bad)
