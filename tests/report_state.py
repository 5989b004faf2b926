"""The report's test fixtures, made by the producers themselves from the demo data (never written by hand).

``produce_demo_state(root)`` lays a copy of the demo client under ``root/data/clients/demo`` and runs
the real stages on the demo inputs: the access log and the analytics / Search Console exports into the
traffic store, two crawls and audits of the demo site served on loopback, traffic.json, the campaign
exports and campaigns.json. The first ("previous") audit uses stricter thresholds, so the second one has
issues that are new and issues that are fixed, as a real follow-up crawl would.

Its output is what the page models read in the tests: a producer that drifts from its consumer makes
them fail. The crawl runs on a loopback port as the production address (crawl.resolve), as `traffic demo`
does, and the state holds two built periods, September and October 2026.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PREVIOUS, CURRENT = "20261001T060000", "20261101T060000"
# The "previous" audit: stricter than the client's settings, so the current one has fixed and new issues.
STRICT = {"checks": {"title_too_long": {"thresholds": {"max_length": 40}},
                     "meta_description_too_short": {"thresholds": {"min_length": 120}},
                     "url_underscore": {"enabled": False}}}


def produce_demo_state(root: Path, *, language: str | None = None) -> Path:
    """Run the producers on the demo data under ``root``; returns the client folder (with state/)."""
    from crawler.audit.runner import run_audit
    from crawler.audit.settings import AuditSettings
    from crawler.clients import load_client_file
    from crawler.site.engine import crawl
    from crawler.site.urls import origin
    from generator import pipeline
    from generator.demo import DEMO_HEADERS, DEMO_PERIODS
    from generator.serve import static_server

    folder = root / "data" / "clients" / "demo"
    folder.mkdir(parents=True)
    text = (REPO / "data" / "clients" / "demo" / "client.yml").read_text(encoding="utf-8")
    text = text.replace("../../demo/", str(REPO / "data" / "demo") + "/")
    if language:
        text = re.sub(r"^language: \w+", f"language: {language}", text, flags=re.M)
    (folder / "client.yml").write_text(text, encoding="utf-8")
    client = load_client_file(folder / "client.yml", slug="demo")
    client.state_dir.mkdir(parents=True)
    result = pipeline.RunResult(client.slug)
    pipeline.ingest_traffic(client, result, quiet=True)
    site = client.sites[0]
    runs = client.state_dir / "crawls" / site.name
    with static_server(REPO / "data" / "demo" / "site", headers=DEMO_HEADERS) as base_url:
        settings = site.crawl.model_copy(update={"resolve": {origin(site.url): base_url}})
        crawl(site.url, runs / CURRENT / "crawl.sqlite", settings, progress=False)
    (runs / PREVIOUS).mkdir()
    shutil.copy(runs / CURRENT / "crawl.sqlite", runs / PREVIOUS / "crawl.sqlite")
    for stamp in (PREVIOUS, CURRENT):  # the crawls are dated as their folders say, a month apart
        _date_crawl(runs / stamp / "crawl.sqlite", stamp)
    run_audit(runs / PREVIOUS / "crawl.sqlite", runs / PREVIOUS, AuditSettings.model_validate(STRICT),
              traffic_db=client.traffic_db, language=client.language)
    run_audit(runs / CURRENT / "crawl.sqlite", runs / CURRENT, client.audit,
              previous_db=runs / PREVIOUS / "crawl.sqlite", traffic_db=client.traffic_db, language=client.language)
    pipeline.import_campaigns(client, result, quiet=True)
    for period in DEMO_PERIODS:  # September, then October (the home page), as `traffic demo` does
        pipeline.summarise(client, period)
    assert not result.warnings, result.warnings
    return folder


def _date_crawl(db: Path, stamp: str) -> None:
    day = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE crawl_meta SET value = ? WHERE key = 'started_at'", (f"{day}T06:00:00Z",))
        con.execute("UPDATE crawl_meta SET value = ? WHERE key = 'finished_at'", (f"{day}T06:02:00Z",))
    con.close()


def home_dir(state: Path) -> Path:
    """state/periods/<key>/ of the newest built period: where its traffic.json and campaigns.json are."""
    from generator.periods import built_periods, period_dir

    return period_dir(state, built_periods(state)[-1])
