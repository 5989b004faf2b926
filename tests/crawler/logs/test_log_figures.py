"""Bots vs humans, visits, bounces, channels, 404s and the GoAccess cross-check."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from crawler.logs.agents import classify_bot, describe
from crawler.logs.api import ingest_logs, traffic_report, write_json
from crawler.logs.settings import TrafficSettings

LOGS = Path(__file__).parents[2] / "fixtures" / "logs"
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36"
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Mobile/15E148 Safari/604.1")
GB_PHONE = ("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/128.0.6613.137 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
GB_DESKTOP = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.mark.parametrize(("ua", "bot", "group"), [
    (GB_PHONE, "Googlebot", "Googlebot smartphone"),
    (GB_DESKTOP, "Googlebot", "Googlebot desktop"),
    ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "Bingbot", "Bingbot"),
    ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
     "GPTBot", "AI crawlers"),
    ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
     "ClaudeBot", "AI crawlers"),
    ("CCBot/2.0 (https://commoncrawl.org/faq/)", "CCBot", "AI crawlers"),
    ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "AhrefsBot", "SEO tools"),
    ("Screaming Frog SEO Spider/20.0", "Screaming Frog SEO Spider", "SEO tools"),
    ("Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", "UptimeRobot", "Monitors"),
    ("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "YandexBot", "Other search engines"),
    ("", "(empty user agent)", "Other bots"),
    ("-", "(empty user agent)", "Other bots"),
    (CHROME, None, None),
    (IPHONE, None, None),
])
def test_bot_classification(ua: str, bot: str | None, group: str | None) -> None:
    assert classify_bot(ua) == (bot, group)


def test_browser_os_device() -> None:
    a = describe(IPHONE)
    assert (a.browser, a.os, a.device) == ("Safari", "iOS", "Mobile")
    a = describe(CHROME)
    assert (a.browser, a.os, a.device) == ("Chrome", "Windows", "Desktop")


def _w(lines: list[tuple[str, str, str, int, str, str]]) -> str:
    out = []
    for ip, hhmmss, path, status, ref, ua in lines:
        out.append(f'{ip} - - [01/Sep/2026:{hhmmss} +0200] "GET {path} HTTP/1.1" {status} 1000 "{ref}" "{ua}"\n')
    return "".join(out)


HANDMADE = [
    # visitor A: Google search, 3 pages within 30 min, then back 40 min later from a newsletter: 2 visits
    ("10.0.0.1", "10:00:00", "/produit/sac-30l-alpin/", 200, "https://www.google.fr/", CHROME),
    ("10.0.0.1", "10:00:01", "/assets/site.css", 200, "https://www.shop.example/produit/sac-30l-alpin/", CHROME),
    ("10.0.0.1", "10:05:00", "/categorie/sacs-a-dos/", 200, "https://www.shop.example/produit/sac-30l-alpin/", CHROME),
    ("10.0.0.1", "10:20:00", "/panier/", 200, "https://www.shop.example/categorie/sacs-a-dos/", CHROME),
    ("10.0.0.1", "11:00:00", "/?utm_source=newsletter&utm_medium=email&utm_campaign=rentree", 200, "-", CHROME),
    # visitor B (same IP, other browser): one page from a paid click, a bounce
    ("10.0.0.1", "12:00:00", "/?gclid=abc&utm_campaign=brand_fr&utm_source=google&utm_medium=cpc", 200, "-", IPHONE),
    # visitor C: a 404 linked from the blog, then a page: 1 visit with 1 page view (the 404 is no page view)
    ("10.0.0.3", "13:00:00", "/vieux-lien/", 404, "https://www.shop.example/blog/", CHROME),
    ("10.0.0.3", "13:00:05", "/", 200, "https://www.shop.example/vieux-lien/", CHROME),
    # Googlebot and a browser-like robot that reads robots.txt
    ("66.249.66.1", "14:00:00", "/robots.txt", 200, "-", GB_PHONE),
    ("66.249.66.1", "14:00:01", "/produit/sac-30l-alpin/", 200, "-", GB_PHONE),
    ("66.249.66.2", "14:00:02", "/vieux-lien/", 404, "-", GB_DESKTOP),
    ("10.9.9.9", "15:00:00", "/robots.txt", 200, "-", CHROME),
    ("10.9.9.9", "15:00:01", "/contact/", 200, "-", CHROME),
]


def test_visits_bounces_and_channels(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(_w(HANDMADE))
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db, TrafficSettings(own_hosts=["www.shop.example"]))
    r = traffic_report(db)
    assert r["hits"] == len(HANDMADE)
    assert r["human"] == {**r["human"], "hits": 8, "pageviews": 6, "visitors": 3, "visits": 4, "bounces": 3}
    assert r["bots"]["hits"] == 5
    assert r["bots"]["by_bot"] == {"Googlebot": 3}
    assert r["bots"]["by_group"]["Browser-like robots (heuristics)"] == 2
    assert r["channels"] == {"Direct": 1, "Email": 1, "Organic Search": 1, "Paid Search": 1}
    assert {p["path"]: p["visits"] for p in r["landing_pages"]} == {"/": 3, "/produit/sac-30l-alpin/": 1}
    assert r["utm_campaigns"][0]["utm_campaign"] in ("brand_fr", "rentree")
    assert {u["utm_campaign"] for u in r["utm_campaigns"]} == {"brand_fr", "rentree"}
    nf = r["not_found"][0]
    assert (nf["path"], nf["hits"], nf["human_hits"], nf["googlebot_hits"]) == ("/vieux-lien/", 2, 1, 1)
    assert nf["referrers"] == ["https://www.shop.example/blog/"]
    gb = r["googlebot"]
    assert (gb["hits"], gb["urls_crawled"], gb["by_type"]) == (3, 3, {"desktop": 1, "smartphone": 2})
    assert gb["status"] == {"200": 2, "404": 1}
    first_visit = max(p["avg_visit_seconds"] for p in r["landing_pages"])
    assert first_visit == 20 * 60     # 10:00 -> 10:20
    assert (tmp_path / "out" / "traffic.json").exists() is False
    out = write_json(r, tmp_path / "out")
    assert json.loads(out.read_text())["hits"] == len(HANDMADE)


def test_visit_gap_is_configurable(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(_w(HANDMADE))
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db, TrafficSettings(own_hosts=["www.shop.example"], visit_gap_minutes=60))
    assert traffic_report(db)["human"]["visits"] == 3


def test_each_ad_click_id_value_is_one_rule_run_with_the_right_channel(tmp_path: Path) -> None:
    """Every paid click carries its own gclid: channels are cached per landing URL with click-id values
    blanked, and still follow the rules (a blank gclid is no click id; fbclid without referrer is social)."""
    import duckdb

    rows = [(f"10.2.0.{i}", f"10:00:{i:02d}", f"/?gclid=Cj0K{i}x", 200, "-", CHROME) for i in range(1, 6)]
    rows += [("10.2.1.1", "11:00:00", "/?GCLID=AbC", 200, "-", CHROME),
             ("10.2.1.2", "11:00:00", "/?gclid=", 200, "-", CHROME),
             ("10.2.1.3", "11:00:00", "/?fbclid=IwAR1", 200, "-", CHROME),
             ("10.2.1.4", "11:00:00", "/?msclkid=42&utm_campaign=x", 200, "-", CHROME)]
    log = tmp_path / "access.log"
    log.write_text(_w(rows))
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db, TrafficSettings(own_hosts=["www.shop.example"]))
    assert traffic_report(db)["channels"] == {"Paid Search": 7, "Direct": 1, "Organic Social": 1}
    con = duckdb.connect(str(db), read_only=True)
    try:
        keys = [r[0] for r in con.execute("SELECT landing_url FROM channel_cache ORDER BY 1").fetchall()]
    finally:
        con.close()
    assert keys == sorted(["https://www.shop.example/?gclid=x", "https://www.shop.example/?GCLID=x",
                           "https://www.shop.example/?gclid=", "https://www.shop.example/?fbclid=x",
                           "https://www.shop.example/?msclkid=x&utm_campaign=x"])


def test_absurd_rate_makes_a_robot(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(_w([("10.1.1.1", f"10:00:{s:02d}", f"/p{s}/", 200, "-", CHROME) for s in range(50)]))
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db, TrafficSettings(bot_max_pages_per_minute=30))
    r = traffic_report(db)
    assert (r["human"]["pageviews"], r["bots"]["hits"]) == (0, 50)


def test_report_period_filter(tmp_path: Path) -> None:
    from datetime import date

    db = tmp_path / "t.duckdb"
    ingest_logs([LOGS / "apache_logs.gz"], db)
    whole = traffic_report(db)
    day = traffic_report(db, start=date(2015, 5, 18), end=date(2015, 5, 18))
    assert [d["date"] for d in day["daily"]] == ["2015-05-18"]
    assert day["hits"] == next(d["hits"] for d in whole["daily"] if d["date"] == "2015-05-18")


@pytest.mark.goaccess
@pytest.mark.skipif(shutil.which("goaccess") is None, reason="goaccess not installed (.ci/install-system-deps)")
def test_same_figures_as_goaccess(tmp_path: Path) -> None:
    """hits, unique visitors, bandwidth and status classes equal GoAccess's on a real 10,000-line log."""
    log = LOGS / "apache_logs.gz"
    out, plain = tmp_path / "goaccess.json", tmp_path / "apache_logs"
    plain.write_bytes(gzip.decompress(log.read_bytes()))   # Debian's goaccess is built without zlib
    subprocess.run(["goaccess", "--log-format=COMBINED", "-o", str(out), str(plain)], check=True,
                   capture_output=True, timeout=120)
    ga = json.loads(out.read_text())
    db = tmp_path / "t.duckdb"
    res = ingest_logs([log], db)
    r = traffic_report(db)
    assert res.rejected == 0          # line 8,899 (user agent without closing quote) is read
    assert r["hits"] == ga["general"]["valid_requests"] == 10_000
    assert r["unique_visitors"] == ga["general"]["unique_visitors"]
    assert r["bandwidth"] == ga["general"]["bandwidth"]
    ga_classes = {item["data"][:3]: item["hits"]["count"] for item in ga["status_codes"]["data"]}
    assert r["status_classes"] == ga_classes
    ga_codes = {sub["data"][:3]: sub["hits"]["count"] for item in ga["status_codes"]["data"] for sub in item["items"]}
    assert r["status"] == ga_codes


def test_a_referrer_host_gets_the_channel_of_most_of_its_visits(tmp_path: Path) -> None:
    """Regression: the host's channel was any_value(), so two runs on one log could differ."""
    fb = "https://www.facebook.com/"
    lines = [(f"10.1.0.{n}", f"09:{n:02d}:00", "/?utm_medium=paid&utm_source=facebook", 200, fb, CHROME)
             for n in range(3)]
    lines += [(f"10.2.0.{n}", f"10:{n:02d}:00", "/", 200, fb, CHROME) for n in range(5)]
    log = tmp_path / "access.log"
    log.write_text(_w(lines))
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db, TrafficSettings(own_hosts=["www.shop.example"]))
    (row,) = traffic_report(db)["referrers"]
    assert (row["host"], row["visits"], row["channel"]) == ("www.facebook.com", 8, "Organic Social")


def test_channel_keys_give_each_visit_the_channel_of_its_own_landing_and_referrer(tmp_path: Path) -> None:
    """Visits that look alike to the rules share one rule run (path and other parameters dropped from the
    key); each visit still gets exactly channel_for(its landing URL, its referrer)."""
    import duckdb

    from crawler.logs.channels import channel_for

    landings = ["/", "/p/1/?color=3&size=2", "https://www.shop.example/p/9/?utm_source=a&utm_medium=cpc",
                "http://other.example/x?gclid=1", "/p/2/?UTM_SOURCE=newsletter&utm_medium=Email&x=1",
                "/p/3/?gclid=abc&utm_campaign=brand", "/p/4/?q=tente&fbclid=zz", "/p/5/?srsltid=k#top",
                "/p/6/? utm_source = partner &utm_medium=affiliate", "/p/7/?utm_campaign=cross-network&msclkid=1",
                "/p/8/?utm_source=google&utm_medium=cpc&utm_campaign=shopping-summer"]
    refs = ["-", "https://www.google.fr/search?q=x", "https://x.com/i/grok", "https://www.shop.example/a/",
            "https://blog.example/post?id=3", "android-app://com.google.android.gm/"]
    lines = [(f"10.0.{i}.{j}", f"1{i % 10}:{j:02d}:00", landing, 200, ref, CHROME)
             for i, landing in enumerate(landings) for j, ref in enumerate(refs)]
    log = tmp_path / "access.log"
    log.write_text(_w(lines))
    db = tmp_path / "t.duckdb"
    ingest_logs([log], db, TrafficSettings(own_hosts=["www.shop.example"]))
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT landing_url, referrer, channel FROM visits").fetchall()
    con.close()
    assert len(rows) == len(landings) * len(refs)
    own = ["www.shop.example"]
    assert [(u, r, c) for u, r, c in rows if c != channel_for(u, r, own)] == []
    assert len({c for *_, c in rows}) >= 5, "the sample covers several channels"
