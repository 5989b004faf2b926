"""Fixtures for the report generator's tests: a throw-away client folder with saved state."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.clients import ClientConfig, load_client_file

REPO = Path(__file__).resolve().parents[2]


def make_client(root: Path, *, slug: str = "acme", name: str = "Maison Sentier", language: str = "fr",
                audit: bool = True, traffic: bool = True, campaigns: bool = True,
                hostile: bool = False) -> ClientConfig:
    """data/clients/<slug>/client.yml + state/ under ``root``, the state copied from what the producers made
    of the demo data (tests/report_state.py): two audits, and the periods 2026-09 and 2026-10 (home), each
    with its traffic.json and campaigns.json."""
    folder = root / "data" / "clients" / slug
    state = folder / "state"
    state.mkdir(parents=True)
    source = _produced_state() / "state"
    (folder / "client.yml").write_text(
        f"name: {name!r}\nlanguage: {language}\ncurrency: EUR\n"
        "sites:\n  - name: main\n    url: https://www.maison-sentier.example/\n"
        "budgets: {paid_search: 6000, paid_social: 2500}\n"
        "targets: {paid_search: {cpa: 25}, paid_social: {roas: 4.0}}\n", encoding="utf-8")
    if audit:
        shutil.copytree(source / "crawls", state / "crawls")
    shutil.copytree(source / "periods", state / "periods")
    for kept, name in ((traffic, "traffic.json"), (campaigns, "campaigns.json")):
        if not kept:
            for path in (state / "periods").rglob(name):
                path.unlink()
    if hostile:
        make_hostile(state)
    return load_client_file(folder / "client.yml", slug=slug)


def make_hostile(state: Path) -> None:
    """Put strangers' text where strangers' text goes: campaign names, queries, paths, crawled details."""
    def edit(path: Path, change: Callable[[dict], None]) -> None:
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            change(data)
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def campaigns(c: dict) -> None:
        c["by_campaign"][0]["campaign"] = "<script>alert(1)</script>"
        c["by_campaign"][1]["campaign"] = "Prospection *Automne* | [x](javascript:alert(5))"
        if c["anomalies"]:  # the month before October has none
            c["anomalies"][0]["campaign"] = "<script>alert(6)</script>"

    def traffic(t: dict) -> None:
        t["search_console"]["top_queries"][0]["query"] = "chaussure trail <script>alert(7)</script>"
        t["landing_pages"][0]["path"] = "/<img src=x onerror=alert(2)>"

    def issues(i: dict) -> None:
        long_title = next(row for row in i["issues"] if row["check"] == "title_too_long")
        long_title["detail"] = "<img src=x onerror=alert(document.domain)> | *x* [y](javascript:alert(4))"
        i["issues"][-1]["url"] = "javascript:alert(3)"

    for path in sorted((state / "periods").rglob("campaigns.json")):
        edit(path, campaigns)
    for path in sorted((state / "periods").rglob("traffic.json")):
        edit(path, traffic)
    for path in sorted((state / "crawls").rglob("issues.json")):
        edit(path, issues)


_PRODUCED: list[Path] = []


def _produced_state() -> Path:
    """The demo client's state as the producers wrote it, made once per test session."""
    if not _PRODUCED:
        import atexit
        import tempfile

        from report_state import produce_demo_state

        root = Path(tempfile.mkdtemp(prefix="tm-report-state-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        _PRODUCED.append(produce_demo_state(root))
    return _PRODUCED[0]


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
    client = make_client(root / "clients", hostile=True)
    index = build_client_site(client, repo_root=repo, site_dir=root / "out" / client.slug)
    return index.parent


@pytest.fixture(scope="session")
def site_helpers():
    """(make_repo, make_client) for module-scoped fixtures that build their own site."""
    return make_repo, make_client
