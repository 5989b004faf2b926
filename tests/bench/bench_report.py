"""Report benchmark: build one client's report from a 10,000-URL crawl, 1,000,000 log lines and 12 months
of three platforms' campaigns, and time it.

    .venv/bin/python tests/bench/bench_report.py [N_PRODUCTS]      (run by `make bench`)

Inputs, made once and cached in tests/bench/.work/report/ (not timed against the target):
1. the benchmark shop (tests/bench/crawl_site/generate.py: ~90 KB pages, a mega-menu, 300+ links each)
   with enough products for ~10,000 URLs, served by nginx and crawled and audited as its production
   address (crawl.resolve);
2. the realistic log (tests/bench/realistic_log.py: ~140,000 distinct agents, 20,000+ paths with query
   strings, thousands of referrers, ~30 % bots) of 1,000,000 lines on the shop's own product paths,
   ingested into the traffic store;
3. Google Ads, Microsoft Advertising and Meta Ads daily exports for 12 months (Nov 2025 - Oct 2026),
   20, 6 and 10 campaigns, imported into the campaign store.

Timed, in one run: the report for October 2026, as `traffic build --period 2026-10` does it:
  generation = the period's summaries (October, September, October 2025) + page models + Markdown;
  mkdocs     = `mkdocs build --strict`.
Printed: both times, their total against the target (60 s on this machine), the number of pages and the
largest page (target: none over 1.5 MB).
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "tests" / "bench" / ".work" / "report"
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "bench"), str(ROOT / "tests" / "bench" / "crawl_site")]
PRODUCTION = "https://www.bench-shop.example/"
TARGET_S, MAX_PAGE = 60.0, 1.5 * 1024 * 1024
START, END = date(2025, 11, 1), date(2026, 10, 31)


def client_yml(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "client.yml").write_text(
        "name: Bench Shop\nlanguage: fr\ncurrency: EUR\nreport_url: https://reports.example/bench/\n"
        f"sites:\n  - name: main\n    url: {PRODUCTION}\n    crawl: {{concurrency: 8, check_external: false}}\n"
        "traffic:\n  logs: ['logs/*.log']\n"
        "campaigns:\n  exports: ['ads/*.csv']\n"
        "budgets: {paid_search: 30000, paid_social: 8000}\n"
        "targets: {paid_search: {cpa: 25}, paid_social: {roas: 4}}\n", encoding="utf-8")


def _days():
    d = START
    while d <= END:
        yield d
        d += timedelta(days=1)


def campaign_exports(folder: Path) -> int:
    """Three platforms' daily exports for 12 months, in each platform's own layout; returns the row count."""
    rnd = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    rows = 0
    with (folder / "google.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write(f'Campaign report\n"{START:%B} {START.day}, {START.year} - {END:%B} {END.day}, {END.year}"\n')
        w = csv.writer(fh)
        w.writerow(["Day", "Campaign", "Campaign ID", "Campaign type", "Currency code", "Impr.", "Clicks", "Cost",
                    "Conversions", "Conv. value"])
        for d in _days():
            for c in range(20):
                clicks = rnd.randrange(20, 400)
                w.writerow([d.isoformat(), f"Search - Gamme {c:02d}", 2010000 + c, "Search", "EUR",
                            clicks * rnd.randrange(8, 30), clicks, f"{clicks * rnd.uniform(0.3, 1.4):.2f}",
                            f"{clicks * rnd.uniform(0.01, 0.06):.2f}", f"{clicks * rnd.uniform(1, 6):.2f}"])
                rows += 1
    with (folder / "microsoft.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write(f'"Report Name: Campaign performance"\n"Report Time: {START.month}/{START.day}/{START.year} - '
                 f'{END.month}/{END.day}/{END.year}"\n\n')
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(["Date", "Campaign name", "Campaign ID", "Currency code", "Impressions", "Clicks", "Spend",
                    "Conversions", "Revenue"])
        for d in _days():
            for c in range(6):
                clicks = rnd.randrange(5, 80)
                w.writerow([f"{d.month}/{d.day}/{d.year}", f"Bing - Gamme {c}", 3010000 + c, "EUR",
                            clicks * rnd.randrange(8, 30), clicks, f"{clicks * rnd.uniform(0.2, 0.9):.2f}",
                            rnd.randrange(0, 4), f"{rnd.uniform(0, 300):.2f}"])
                rows += 1
    with (folder / "meta.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(["Reporting starts", "Reporting ends", "Day", "Campaign name", "Campaign delivery",
                    "Result indicator", "Results", "Reach", "Impressions", "Amount spent (EUR)", "Link clicks",
                    "Purchases", "Purchases conversion value"])
        for d in _days():
            for c in range(10):
                clicks = rnd.randrange(20, 300)
                bought = "" if rnd.random() < 0.1 else str(rnd.randrange(0, 6))   # some days report none
                w.writerow([START.isoformat(), END.isoformat(), d.isoformat(), f"Social - Audience {c}", "active",
                            "actions:link_click", clicks, clicks * 40, clicks * 90, f"{clicks * rnd.uniform(0.4, 1.1):.2f}",
                            clicks, bought, f"{float(bought or 0) * rnd.uniform(40, 120):.2f}" if bought else ""])
                rows += 1
    return rows


def prepare(n_products: int) -> Path:
    """The client folder with its stores and one crawl, made once (cached)."""
    from generate import generate
    from realistic_log import write as write_log
    from servers import nginx_serving

    from crawler.clients import load_client_file
    from crawler.site.urls import origin
    from generator import pipeline

    project = WORK / f"project-{n_products}-v2"
    done = project / ".prepared"
    if done.is_file():
        return project
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", project / "site_src", ignore=shutil.ignore_patterns("generated"))
    folder = project / "data" / "clients" / "bench"
    client_yml(folder)
    site = WORK / f"site-{n_products}"
    if not (site / "index.html").is_file():
        pages = generate(site, n_products)
        print(f"generated the shop: {pages:,} pages", flush=True)
    (folder / "logs").mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    # the log's product paths are the crawled shop's, so Googlebot, 404s and traffic join with the crawl
    write_log(folder / "logs" / "access.log", 1_000_000, products=[f"/p/{i}.html" for i in range(n_products)])
    rows = campaign_exports(folder / "ads")
    print(f"wrote 1,000,000 log lines and {rows:,} campaign rows in {time.perf_counter() - t:.0f} s", flush=True)
    client = load_client_file(folder / "client.yml", slug="bench")
    result = pipeline.RunResult("bench")
    client.state_dir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    pipeline.ingest_traffic(client, result, quiet=True)
    pipeline.import_campaigns(client, result, quiet=True)
    print(f"ingested the log and the exports in {time.perf_counter() - t:.0f} s", flush=True)
    with nginx_serving(site) as base:
        s = client.sites[0]
        s.crawl = s.crawl.model_copy(update={"resolve": {origin(PRODUCTION): str(base)}})
        t = time.perf_counter()
        run = pipeline.audit_site(client, s.name, s.url, quiet=True)
        print(f"crawled and audited {run.name} in {time.perf_counter() - t:.0f} s", flush=True)
    done.write_text("ok\n")
    return project


def _forget_cached_reports(traffic_db: Path) -> None:
    import duckdb

    con = duckdb.connect(str(traffic_db))
    try:
        con.execute("DELETE FROM report_cache")
    finally:
        con.close()


def main(argv: list[str]) -> int:
    n_products = int(argv[0]) if argv else 9_600
    project = prepare(n_products)
    import sqlite3

    from crawler.clients import load_client_file
    from crawler.common.period import Period
    from generator import pipeline, site

    client = load_client_file(project / "data" / "clients" / "bench" / "client.yml", slug="bench")
    crawl = pipeline.latest_crawl(client, "main")
    urls = sqlite3.connect(crawl / "crawl.sqlite").execute("SELECT count(*) FROM urls").fetchone()[0]
    mkdocs_s = []
    real_mkdocs = site.run_mkdocs

    def timed_mkdocs(config, *, cwd):
        t = time.perf_counter()
        real_mkdocs(config, cwd=cwd)
        mkdocs_s.append(time.perf_counter() - t)

    site.run_mkdocs = timed_mkdocs
    _forget_cached_reports(client.traffic_db)  # a cold build: the first one after new data
    for label in ("first build (cold)", "rebuild (traffic summaries cached)"):
        t = time.perf_counter()
        index = pipeline.build(client, project, Period.parse("2026-10"))
        total = time.perf_counter() - t
        generation = total - mkdocs_s[-1]
        print(f"{label}: report of {urls:,} crawled URLs, 1,000,000 log lines, 12 months x 3 platforms: "
              f"generation {generation:.1f} s, mkdocs {mkdocs_s[-1]:.1f} s, total {total:.1f} s "
              f"({total / TARGET_S:.2f} of the {TARGET_S:.0f} s target)", flush=True)
    built = index.parent
    pages = [p for p in built.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    print(f"{len(pages)} pages; largest {largest.relative_to(built)} {largest.stat().st_size / 1024 / 1024:.2f} MB "
          f"({'under' if largest.stat().st_size <= MAX_PAGE else 'OVER'} the 1.5 MB limit)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
