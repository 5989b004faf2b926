"""`traffic demo` (what `make demo` runs) on a copy of the project: real crawl, real log, real exports."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from report_state import home_dir

ROOT = Path(__file__).resolve().parents[2]
TRAFFIC = str(Path(sys.executable).with_name("traffic"))

SEEDED = {
    ("ai_training_crawler_blocked", "robots.txt"), ("broken_internal_link", "blog/preparer-sa-premiere-randonnee/"),
    ("content_thin", "produit/chaussure-rando-gtx/"), ("hreflang_missing_return", "en/product/trail-shoe-x1/"),
    ("image_alt_missing", "produit/tente-2p-ultralight/"), ("image_broken", "produit/veste-pluie-storm/"),
    ("meta_description_missing", "blog/choisir-ses-chaussures/"),
    ("status_4xx", "blog/check-list-randonnee/"), ("title_too_long", "produit/sac-50l-trek/"),
    ("url_underscore", "promo_automne/"),
}


def test_demo_builds_the_whole_report(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(ROOT / "data" / "demo", tmp_path / "data" / "demo")
    (tmp_path / "data" / "clients" / "demo").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "clients" / "demo" / "client.yml", tmp_path / "data" / "clients" / "demo")

    out = subprocess.run([TRAFFIC, "demo", "--quiet"], cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr
    index = tmp_path / "site" / "demo" / "index.html"
    assert f"Demo report: {index}" in out.stdout
    assert "traffic serve --client demo" in out.stdout
    assert "warning" not in out.stderr.lower() and "avertissement" not in out.stderr.lower(), out.stderr

    for page in ("index.html", "audit.html", "traffic.html", "campaigns.html"):
        html = (tmp_path / "site" / "demo" / page).read_text()
        assert 'class="tm-chart"' in html, page
        assert 'name="robots" content="noindex' in html, page

    state = tmp_path / "data" / "clients" / "demo" / "state"
    crawl = next((state / "crawls" / "main").iterdir())
    issues = json.loads((crawl / "issues.json").read_text())
    assert issues["finished"] is True and issues["pages_crawled"] >= 25
    assert {(i["check"], i["url"].split("/", 3)[3]) for i in issues["issues"]} == SEEDED

    traffic = json.loads((home_dir(state) / "traffic.json").read_text())
    assert traffic["first"].startswith("2026-10-01") and traffic["last"].startswith("2026-10-31")
    assert traffic["report_period"] == {"key": "2026-10", "kind": "month", "start": "2026-10-01",
                                        "end": "2026-10-31"}
    assert traffic["human"]["visits"] > 0 and traffic["bots"]["by_bot"].get("Googlebot", 0) > 0
    assert traffic["rejected"] == 0

    campaigns = json.loads((home_dir(state) / "campaigns.json").read_text())
    assert campaigns["currency"] == "EUR"
    assert {"google_ads", "microsoft_ads", "meta_ads", "linkedin_ads"} <= set(campaigns["by_platform"])
    assert (campaigns["start"], campaigns["end"]) == ("2026-10-01", "2026-10-31")
    september = json.loads((state / "periods" / "2026-09" / "campaigns.json").read_text())
    assert (september["start"], september["end"]) == ("2026-09-01", "2026-09-30")
    assert (tmp_path / "site" / "demo" / "archive" / "2026-09" / "index.html").is_file()
    # crawled as its production address (crawl.resolve): no loopback URL anywhere in the report
    for path in (tmp_path / "site" / "demo").rglob("*"):
        if path.suffix in {".html", ".csv", ".xml", ".json"}:
            assert "127.0.0.1" not in path.read_text(encoding="utf-8", errors="replace"), path
