"""Fixtures for the report generator's tests: a throw-away client folder with saved state."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.clients import ClientConfig, load_client_file

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "report"


def make_client(root: Path, *, slug: str = "acme", name: str = "Maison Sentier", language: str = "fr",
                audit: bool = True, traffic: bool = True, campaigns: bool = True) -> ClientConfig:
    """data/clients/<slug>/client.yml + state/ under ``root``, from tests/fixtures/report/."""
    folder = root / "data" / "clients" / slug
    state = folder / "state"
    state.mkdir(parents=True)
    (folder / "client.yml").write_text(
        f"name: {name!r}\nlanguage: {language}\ncurrency: EUR\n"
        "sites:\n  - name: main\n    url: https://www.maison-sentier.example/\n", encoding="utf-8")
    if audit:
        for stamp, src in (("20261001T060000", "issues_previous.json"), ("20261101T060000", "issues.json")):
            run = state / "crawls" / "main" / stamp
            run.mkdir(parents=True)
            shutil.copy(FIXTURES / src, run / "issues.json")
        make_crawl_db(run / "crawl.sqlite")
        (run / "issues.csv").write_text("check,severity,url\r\ntitle_missing,error,=HYPERLINK(1)\r\n")
    if traffic:
        shutil.copy(FIXTURES / "traffic.json", state / "traffic.json")
    if campaigns:
        shutil.copy(FIXTURES / "campaigns.json", state / "campaigns.json")
    return load_client_file(folder / "client.yml", slug=slug)


def make_crawl_db(path: Path) -> None:
    """A small crawl database following crawler/site/schema.sql: 5 pages over 3 depths, a 404, a redirect."""
    con = sqlite3.connect(path)
    con.executescript((REPO / "crawler" / "site" / "schema.sql").read_text(encoding="utf-8"))
    rows = [("https://www.maison-sentier.example/", 0, 200, 120.0, 30000, 1, 0),
            ("https://www.maison-sentier.example/categorie/chaussures/", 1, 200, 80.0, 20000, 1, 0),
            ("https://www.maison-sentier.example/produit/chaussure-trail-x1/", 2, 200, 95.0, 25000, 1, 0),
            ("https://www.maison-sentier.example/old/", 1, 404, 30.0, 1000, 1, 0),
            ("https://www.maison-sentier.example/promo", 1, 301, 20.0, 0, 0, 0),
            ("https://www.maison-sentier.example/panier/", None, None, None, None, 0, 1)]
    con.executemany("INSERT INTO urls (url, kind, state, depth, status, response_ms, size, content_type, in_sitemap,"
                    " robots_blocked) VALUES (?, 'page', 'done', ?, ?, ?, ?, 'text/html', ?, ?)", rows)
    con.commit()
    con.close()


def make_repo(root: Path) -> Path:
    """A minimal project folder: the committed mkdocs.yml and site_src/ (assets, overrides, robots.txt)."""
    repo = root / "repo"
    repo.mkdir()
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(REPO / "site_src", repo / "site_src", ignore=shutil.ignore_patterns("generated"))
    cache = REPO / "site_src" / "generated" / "_vendor"
    if cache.is_dir():  # reuse the Vega bundle cache: vl-convert takes seconds to produce it
        shutil.copytree(cache, repo / "site_src" / "generated" / "_vendor")
    return repo


@pytest.fixture
def client_factory(tmp_path: Path) -> Callable[..., ClientConfig]:
    def factory(**kw) -> ClientConfig:
        return make_client(tmp_path / "clients", **kw)
    return factory


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture client's site, built once per test session with `mkdocs build --strict`."""
    from generator.site import build_client_site

    root = tmp_path_factory.mktemp("site")
    repo = make_repo(root)
    client = make_client(root / "clients")
    index = build_client_site(client, repo_root=repo, site_dir=root / "out" / client.slug)
    return index.parent


@pytest.fixture(scope="session")
def site_helpers():
    """(make_repo, make_client) for module-scoped fixtures that build their own site."""
    return make_repo, make_client
