"""SEO log analysis joined with a crawl database (crawler/site/schema.sql), and the per-URL / UTM tables."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import duckdb

from crawler.logs.api import ingest_logs, traffic_report
from generator.commands import main as cli_main

ROOT = Path(__file__).parents[3]
SITE = "https://www.shop.example"
GB = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36"


def _crawl_db(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript((ROOT / "crawler" / "site" / "schema.sql").read_text())
    pages = [  # id, path, status, facts
        (1, "/", 200, {"meta_robots": []}),
        (2, "/panier/", 200, {"meta_robots": ["noindex, follow"]}),
        (3, "/promo/", 301, None),
        (4, "/jamais-vue/", 200, {"meta_robots": []}),
        (5, "/blog/", 200, {"meta_robots": []}),
    ]
    for pid, p, status, facts in pages:
        con.execute("INSERT INTO urls (id, url, kind, state, status) VALUES (?, ?, 'page', 'done', ?)",
                    (pid, SITE + p, status))
        if facts is not None:
            con.execute("INSERT INTO pages (url_id, facts) VALUES (?, ?)", (pid, json.dumps(facts)))
    con.execute("INSERT INTO links (from_id, to_url, kind, internal) VALUES (5, ?, 'a', 1)", (SITE + "/vieux/",))
    con.commit()
    con.close()
    return path


def _log(path: Path) -> Path:
    rows = [
        ("66.249.66.1", "10:00:00", "/", 200, GB), ("66.249.66.1", "10:00:01", "/", 200, GB),
        ("66.249.66.1", "10:00:02", "/panier/", 200, GB), ("66.249.66.1", "10:00:03", "/promo/", 301, GB),
        ("66.249.66.1", "10:00:04", "/orphelin/", 200, GB), ("66.249.66.1", "10:00:05", "/blog/", 200, GB),
        ("10.0.0.1", "11:00:00", "/vieux/", 404, CHROME),
        ("10.0.0.1", "11:00:05", "/?utm_source=google&utm_medium=cpc&utm_campaign=brand_fr&gclid=x", 200, CHROME),
        ("10.0.0.1", "11:01:00", "/blog/", 200, CHROME),
    ]
    path.write_text("".join(
        f'{ip} - - [01/Sep/2026:{t} +0200] "GET {p} HTTP/1.1" {s} 500 "-" "{ua}"\n' for ip, t, p, s, ua in rows))
    return path


def test_googlebot_joined_with_crawl(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest_logs([_log(tmp_path / "access.log")], db)
    r = traffic_report(db, crawl_db=_crawl_db(tmp_path / "crawl.sqlite"))
    gb = r["googlebot"]
    assert (gb["hits"], gb["urls_crawled"]) == (6, 5)
    crawl = gb["crawl"]
    assert crawl["redirect_hits"] == 1
    assert crawl["non_indexable_hits"] == 1
    assert crawl["hits_by_reason"] == {"noindex": 1, "redirect": 1}
    assert crawl["never_visited"] == [SITE + "/jamais-vue/"]
    assert crawl["orphans"] == [{"path": "/orphelin/", "hits": 1}]
    nf = r["not_found"][0]
    assert (nf["path"], nf["linked_from"]) == ("/vieux/", [SITE + "/blog/"])
    # without a crawl the section says so
    assert traffic_report(db)["googlebot"]["crawl"] is None


def test_url_traffic_and_utm_sessions_tables(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest_logs([_log(tmp_path / "access.log")], db)
    con = duckdb.connect(str(db), read_only=True)
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT path, pageviews, visits, googlebot_hits FROM url_traffic").fetchall()}
    assert rows["/"] == (1, 1, 2)
    assert rows["/blog/"] == (1, 0, 1)
    assert con.execute("SELECT * FROM utm_sessions").fetchall() == [("brand_fr", "google", "cpc", 1)]


def test_cli_writes_traffic_json(tmp_path: Path, capsys) -> None:
    log = _log(tmp_path / "access.log")
    out = tmp_path / "out"
    assert cli_main(["logs", str(log), "--db", str(tmp_path / "t.duckdb"), "--out", str(out)]) == 0
    report = json.loads((out / "traffic.json").read_text())
    for key in ("lines", "rejected", "rejected_samples", "first", "last", "hits", "unique_visitors", "bandwidth",
                "status", "human", "bots", "channels", "daily", "top_pages", "landing_pages", "referrers",
                "not_found", "googlebot", "browsers", "os", "devices", "utm_campaigns"):
        assert key in report, key
    assert set(report["daily"][0]) == {"date", "hits", "pageviews", "visits", "visitors", "bot_hits",
                                       "googlebot_hits", "bandwidth"}
    assert report["first"] == "2026-09-01T10:00:00"
    # bad input: one-line error, exit 2
    assert cli_main(["logs", str(tmp_path / "missing.log"), "--db", str(tmp_path / "t.duckdb"),
                     "--out", str(out)]) == 2
    assert "missing.log: no such file" in capsys.readouterr().err


def test_googlebot_verification_with_ranges_file(tmp_path: Path) -> None:
    from crawler.logs.settings import TrafficSettings

    ranges = tmp_path / "googlebot.json"
    ranges.write_text(json.dumps({"creationTime": "2026-09-01", "prefixes": [{"ipv4Prefix": "66.249.66.0/27"},
                                                                             {"ipv6Prefix": "2001:4860:4801::/64"}]}))
    log = tmp_path / "access.log"
    log.write_text(
        f'66.249.66.1 - - [01/Sep/2026:10:00:00 +0200] "GET / HTTP/1.1" 200 5 "-" "{GB}"\n'
        f'203.0.113.50 - - [01/Sep/2026:10:00:01 +0200] "GET / HTTP/1.1" 200 5 "-" "{GB}"\n'
        f'203.0.113.50 - - [01/Sep/2026:10:00:02 +0200] "GET /blog/ HTTP/1.1" 200 5 "-" "{GB}"\n')
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db, TrafficSettings(verify_googlebot=True, googlebot_ranges=str(ranges)))
    r = traffic_report(db)
    assert (r["googlebot"]["hits"], r["googlebot"]["fake_googlebot_hits"]) == (1, 2)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(*) FILTER (WHERE genuine) FROM googlebot_checks").fetchone() == (2, 1)
    assert b"203.0.113.50" not in db.read_bytes()     # cached by salted hash, not by address


def test_dns_check_reverse_then_forward() -> None:
    from crawler.logs.verify import dns_check

    def rev(ip):
        return {"66.249.66.1": ("crawl-66-249-66-1.googlebot.com", [], [ip]),
                "6.6.6.6": ("crawl.googlebot.com.evil.example", [], [ip])}[ip]

    def fwd(host):
        return (host, [], ["66.249.66.1"] if host.endswith("googlebot.com") else [])

    assert dns_check("66.249.66.1", rev, fwd) is True
    assert dns_check("6.6.6.6", rev, fwd) is False


def test_cli_client_uses_its_store_and_log_globs(tmp_path: Path, monkeypatch) -> None:
    client = tmp_path / "data" / "clients" / "acme"
    client.mkdir(parents=True)
    _log(client / "access.log")
    (client / "client.yml").write_text("name: Acme\ntraffic:\n  logs: ['*.log']\n  visit_gap_minutes: 45\n")
    monkeypatch.chdir(tmp_path)
    assert cli_main(["logs", "--client", "acme", "--out", str(tmp_path / "out")]) == 0
    assert (client / "traffic.duckdb").is_file()
    assert json.loads((tmp_path / "out" / "traffic.json").read_text())["hits"] == 9


def test_cli_without_client_or_db_keeps_the_store_in_out(tmp_path: Path, capsys) -> None:
    """`traffic logs FILE --out DIR` (the issue's form): the store is DIR/traffic.duckdb, so a re-run adds nothing."""
    log = _log(tmp_path / "access.log")
    out = tmp_path / "out"
    assert cli_main(["logs", str(log), "--out", str(out)]) == 0
    assert (out / "traffic.duckdb").is_file()
    assert json.loads((out / "traffic.json").read_text())["hits"] == 9
    capsys.readouterr()
    assert cli_main(["logs", str(log), "--out", str(out)]) == 0
    assert "unchanged, 0 lines read" in capsys.readouterr().err
    assert json.loads((out / "traffic.json").read_text())["hits"] == 9
