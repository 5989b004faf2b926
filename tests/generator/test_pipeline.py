"""`traffic run` end to end on a hostile client: a real crawl over loopback, a real log, a real export.

Strangers write page titles, anchors, user agents, referrers and campaign names. Whatever they write must
reach the report as text, the report must load nothing from another host, and one client's site must not
contain another client's data.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_state import home_dir

from generator.serve import static_server

ROOT = Path(__file__).resolve().parents[2]
TRAFFIC = str(Path(sys.executable).with_name("traffic"))
CHROMIUM = "/usr/bin/chromium"

HOSTILE_TITLE = "<script>window.__pwned_title=1</script>Chaussures | *Promo* [x](javascript:alert(1))"
HOSTILE_ANCHOR = '<img src=x onerror="window.__pwned_anchor=1">'
HOSTILE_UA = "<script>window.__pwned_ua=1</script>"
HOSTILE_CAMPAIGN = "<script>window.__pwned_campaign=1</script>Brand | FR"

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>{title}</title><meta name="viewport" content="width=device-width"></head>
<body><h1>Titre</h1><p>{body}</p>{links}</body></html>"""


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_site(folder: Path) -> None:
    folder.mkdir(parents=True)
    links = f'<a href="/a/">{_html(HOSTILE_ANCHOR)}</a> <a href="/missing/">perdu</a>'
    (folder / "index.html").write_text(PAGE.format(title=_html(HOSTILE_TITLE), body="Accueil", links=links))
    (folder / "a").mkdir()
    (folder / "a" / "index.html").write_text(PAGE.format(title="", body="court", links='<a href="/">home</a>'))


def make_log(path: Path) -> None:
    lines = []
    for day in range(1, 4):
        for i in range(5):
            ts = f"0{day}/Sep/2026:1{i}:00:00 +0000"
            lines.append(f'10.0.0.{i} - - [{ts}] "GET /?utm_source=google&utm_medium=cpc&utm_campaign=x HTTP/1.1" '
                         f'200 512 "https://www.google.fr/?q=<b>x</b>" "{HOSTILE_UA} Mozilla/5.0"')
            lines.append(f'66.249.66.{i} - - [{ts}] "GET /a/ HTTP/1.1" 200 300 "-" '
                         '"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"')
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt") as f:
        f.write("\n".join(lines) + "\n")


def make_export(path: Path, campaign: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "Campaign report\n\"September 1, 2026 - September 2, 2026\"\n"
        "Day,Campaign,Campaign ID,Currency code,Impr.,Clicks,Cost,Conversions,Conv. value\n"
        f'2026-09-01,"{campaign}",111,EUR,1000,50,25.00,2.00,120.00\n'
        f'2026-09-02,"{campaign}",111,EUR,900,40,20.50,1.00,60.00\n'
        'Total: Campaigns,,,EUR,1900,90,45.50,3.00,180.00\n', encoding="utf-8")


def make_client(root: Path, slug: str, name: str, site_url: str, campaign: str) -> Path:
    folder = root / "data" / "clients" / slug
    make_log(folder / "logs" / "access.log.gz")
    make_export(folder / "ads" / "google.csv", campaign)
    (folder / "client.yml").write_text(
        f"name: {name}\nlanguage: fr\ncurrency: EUR\n"
        f"sites:\n  - name: main\n    url: {site_url}\n    crawl: {{concurrency: 2, check_external: false}}\n"
        "traffic:\n  logs: ['logs/*.log.gz']\n"
        "campaigns:\n  exports: ['ads/*.csv']\n"
        "budgets:\n  paid_search: 1000\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project folder with the real mkdocs.yml and site_src/, and two clients."""
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", root / "site_src", ignore=shutil.ignore_patterns("generated"))
    make_site(root / "www")
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TRAFFIC, *args], cwd=root, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    with static_server(project / "www") as base:
        make_client(project, "hostile", "Client <b>Hostile</b>", base, HOSTILE_CAMPAIGN)
        make_client(project, "other", "Other Secret Client", base, "Zebra Secret Campaign")
        for slug in ("hostile", "other"):
            out = run(project, "run", "--client", slug, "--quiet")
            assert out.returncode == 0, out.stderr
    return project


def test_run_writes_every_output(built: Path):
    state = built / "data" / "clients" / "hostile" / "state"
    crawls = list((state / "crawls" / "main").iterdir())
    assert len(crawls) == 1 and not crawls[0].name.endswith(".partial")
    for name in ("crawl.sqlite", "issues.json"):
        assert (crawls[0] / name).is_file(), name
    assert (home_dir(state) / "traffic.json").is_file()
    assert (home_dir(state) / "campaigns.json").is_file()
    assert (built / "site" / "hostile" / "index.html").is_file()


def test_second_run_keeps_history_and_does_not_double(built: Path):
    import json

    state = built / "data" / "clients" / "hostile" / "state"
    before = json.loads((home_dir(state) / "campaigns.json").read_text())["totals"]
    hits_before = json.loads((home_dir(state) / "traffic.json").read_text())["hits"]
    site_url = json.loads(next((state / "crawls" / "main").iterdir()).joinpath("issues.json").read_text())["start_url"]
    with static_server(built / "www") as base:
        cfg = built / "data" / "clients" / "hostile" / "client.yml"
        cfg.write_text(cfg.read_text().replace(site_url, base))
        out = run(built, "run", "--client", "hostile", "--quiet")
    assert out.returncode == 0, out.stderr
    assert len(list((state / "crawls" / "main").iterdir())) == 2
    assert json.loads((home_dir(state) / "campaigns.json").read_text())["totals"] == before
    assert json.loads((home_dir(state) / "traffic.json").read_text())["hits"] == hits_before


def test_clients_do_not_leak_into_each_other(built: Path):
    hostile = "\n".join(p.read_text(errors="replace") for p in (built / "site" / "hostile").rglob("*")
                        if p.is_file() and p.suffix in {".html", ".json", ".xml"})
    other = "\n".join(p.read_text(errors="replace") for p in (built / "site" / "other").rglob("*")
                      if p.is_file() and p.suffix in {".html", ".json", ".xml"})
    assert "Zebra Secret Campaign" in other
    assert "Zebra Secret Campaign" not in hostile
    assert "Other Secret Client" not in hostile
    assert "__pwned_campaign" not in other


def test_unreachable_site_leaves_no_partial_crawl(built: Path, tmp_path):
    cfg = built / "data" / "clients" / "other" / "client.yml"
    text = cfg.read_text()
    import re

    cfg.write_text(re.sub(r"url: http://127\.0\.0\.1:\d+/", "url: http://127.0.0.1:9/", text))
    out = run(built, "run", "--client", "other", "--quiet")
    cfg.write_text(text)
    assert out.returncode == 2
    assert out.stderr.strip().startswith("traffic: error:")
    assert len(out.stderr.strip().splitlines()) == 1
    assert not any(p.name.endswith(".partial")
                   for p in (built / "data" / "clients" / "other" / "state" / "crawls" / "main").iterdir())


@pytest.mark.browser
def test_hostile_text_shows_as_text_in_chromium(built: Path):
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: run .ci/install-system-deps")
    foreign: list[str] = []
    errors: list[str] = []
    with static_server(built / "site" / "hostile") as base, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page()

        def route(r):
            if r.request.url.startswith(base):
                return r.continue_()
            foreign.append(r.request.url)
            return r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        texts = []
        for path in ("index.html", "audit.html", "traffic.html", "campaigns.html"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            texts.append(page.text_content("body") or "")
            pwned = page.evaluate("Object.keys(window).filter(k => k.startsWith('__pwned'))")
            assert pwned == [], (path, pwned)
            assert page.locator(".tm-chart svg, .tm-chart canvas").count() >= 1, path
        browser.close()
    body = "\n".join(texts)
    assert "<script>window.__pwned_campaign=1</script>Brand | FR" in body
    assert "<script>window.__pwned_title=1</script>" in body
    assert foreign == []
    assert errors == []


def test_progress_lines_are_texts_in_the_clients_language(capsys, tmp_path):
    from crawler.clients import load_client_file
    from generator.pipeline import progress

    (tmp_path / "acme").mkdir()
    path = tmp_path / "acme" / "client.yml"
    for language, expected in (("fr", "[acme] construction du site du rapport"), ("en", "[acme] building the report site")):
        path.write_text(f"name: Acme\nlanguage: {language}\n", encoding="utf-8")
        progress(load_client_file(path, slug="acme"), "building")
        assert capsys.readouterr().err.strip() == expected


def test_build_for_a_period_with_no_data_says_what_the_stores_hold(built: Path):
    out = run(built, "build", "--client", "other", "--period", "2026-08")
    assert out.returncode == 2
    assert "no data for the period 2026-08 (2026-08-01..2026-08-31); the stores hold 2026-09-01..2026-09-03" \
        in out.stderr
    assert not (built / "data" / "clients" / "other" / "state" / "periods" / "2026-08").exists()
    bad = run(built, "build", "--client", "other", "--period", "2026-13")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "expected YYYY-MM (2026-10)" in bad.stderr


def test_default_period_is_the_month_of_the_data_and_is_named(built: Path):
    state = built / "data" / "clients" / "other" / "state"
    assert sorted(p.name for p in (state / "periods").iterdir()) == ["2026-09"]
    html = (built / "site" / "other" / "index.html").read_text(encoding="utf-8")
    assert "septembre 2026" in html
    assert "Les données s’arrêtent le 3" in html  # the logs stop on 3 September
