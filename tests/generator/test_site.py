"""The per-client site: strict MkDocs build, noindex, self-hosted scripts, one client per site."""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from report_state import home_dir

from generator.site import SiteBuildError, build_client_site

PAGES = ["index.html", "audit.html", "traffic.html", "campaigns.html"]


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_site_has_the_four_sections_with_charts(built_site):
    for name in PAGES:
        soup = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "lxml")
        charts = soup.select("div.tm-chart[data-spec]")
        assert charts, f"{name} has no chart"
        assert soup.find("html")["lang"] == "fr"
    assert (built_site / "assets/javascripts/vendor/vega-bundle.js").stat().st_size > 500_000


def test_every_page_carries_noindex_and_robots_txt_disallows_all(built_site):
    for path in html_files(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        meta = soup.find("meta", attrs={"name": "robots"})
        assert meta is not None and meta["content"] == "noindex,nofollow", path
    assert (built_site / "robots.txt").read_text().splitlines() == ["User-agent: *", "Disallow: /"]


def test_no_resource_from_another_host(built_site):
    for path in html_files(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr)
                if url and not (tag == "link" and "canonical" in (el.get("rel") or [])):
                    assert not urlsplit(url).netloc and not url.startswith("//"), f"{path}: {tag} {url}"
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8")
    # no script in page content: chart specs live in data- attributes
    for name in PAGES:
        soup = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "lxml")
        article = soup.find("article")
        assert article is not None and article.find("script") is None


def test_hostile_text_is_escaped_in_the_built_pages(built_site):
    for path in html_files(built_site):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "onerror=alert" not in text.replace("&#61;", "=") or "<img src=x" not in text, path
        assert not re.search(r"href=\"javascript:", text, re.I), path
    soup = BeautifulSoup((built_site / "campaigns.html").read_text(encoding="utf-8"), "lxml")
    cells = [td.get_text() for td in soup.select("article td")]
    assert "<script>alert(1)</script>" in cells
    assert "Prospection *Automne* | [x](javascript:alert(5))" in cells


def test_sites_never_mix_clients(tmp_path, repo, client_factory):
    a = client_factory(slug="alpha", name="Alpha")
    b = client_factory(slug="beta", name="Beta", audit=False)
    campaigns = home_dir(b.state_dir) / "campaigns.json"
    campaigns.write_text(campaigns.read_text().replace("Brand FR", "Beta-only-campaign-XYZ"))
    site_a = build_client_site(a, repo_root=repo).parent
    site_b = build_client_site(b, repo_root=repo).parent
    assert site_a == repo / "site" / "alpha" and site_b == repo / "site" / "beta"
    assert "Beta-only-campaign-XYZ" in (site_b / "campaigns.html").read_text(encoding="utf-8")
    for path in site_a.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert "Beta-only-campaign-XYZ" not in path.read_text(encoding="utf-8"), path
    assert (repo / "site_src" / "generated" / "alpha" / "index.md").is_file()


def test_missing_data_still_builds_and_says_so(repo, client_factory):
    client = client_factory(slug="empty", audit=False, traffic=False, campaigns=False)
    site = build_client_site(client, repo_root=repo).parent
    assert "aucun journal serveur" in (site / "traffic.html").read_text(encoding="utf-8")
    assert "aucun export" in (site / "campaigns.html").read_text(encoding="utf-8")


def test_a_failed_build_keeps_the_previous_site(repo, client_factory):
    client = client_factory(slug="keep")
    index = build_client_site(client, repo_root=repo)
    before = index.read_text(encoding="utf-8")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text() + "\nnot_a_mkdocs_option: 1\n")  # --strict refuses unknown keys
    with pytest.raises(SiteBuildError, match="mkdocs build --strict failed"):
        build_client_site(client, repo_root=repo)
    assert index.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in index.parent.parent.iterdir()) == ["keep"]  # no half-built folder left


def test_base_configuration_builds_strict(repo):
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml")],
                          cwd=repo, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert (repo / "site" / "_base" / "index.html").is_file()
    assert not (repo / "site" / "_base" / "generated").exists()


def test_english_client_with_markup_in_its_name(repo, client_factory):
    client = client_factory(slug="en-client", name="Acme <b>&</b> Co", language="en")
    site = build_client_site(client, repo_root=repo).parent
    html = (site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("html")["lang"] == "en"
    assert "<b>&</b>" not in html
    assert soup.find("title").get_text().startswith("Acme <b>&</b> Co")
    assert [a.get_text(strip=True) for a in soup.select(".md-tabs__link")] == [
        "Overview", "SEO audit", "Traffic", "Campaigns", "Archive", "Methodology"]


def test_audit_exports_are_offered_for_download(built_site):
    soup = BeautifulSoup((built_site / "audit.html").read_text(encoding="utf-8"), "lxml")
    links = [a["href"] for a in soup.select("p.tm-downloads a[download]")]
    assert links == ["downloads/main-issues.xlsx", "downloads/main-issues.csv", "downloads/main-pages.csv"]
    assert (built_site / "downloads" / "main-issues.csv").read_text(encoding="utf-8-sig").startswith("check,severity,")
