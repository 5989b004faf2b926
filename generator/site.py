"""Build one client's report site: pages -> site_src/generated/<slug>/ -> `mkdocs build --strict` -> site/<slug>/.

Each client gets its own docs folder, its own derived MkDocs configuration and its own output folder, so a
site never contains another client's data. The derived configuration reuses the committed base
``mkdocs.yml`` (theme, extensions, noindex override) and sets the client's name and language. Vega,
Vega-Lite and vega-embed come from the installed vl-convert-python and are written into the site: the
report makes no request to any other host. The previous site stays in place until the new one is built.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from crawler.clients import ClientConfig
from crawler.common.errors import TrafficError
from generator.render import render
from generator.report import build_pages, load_state
from generator.writer import write_text

VEGA_JS = "assets/javascripts/vendor/vega-bundle.js"
CHARTS_JS = "assets/javascripts/charts.js"
REPORT_CSS = "assets/stylesheets/report.css"
PREVIEW_URL = "http://127.0.0.1:8000/"


class SiteBuildError(TrafficError):
    """`mkdocs build --strict` refused the generated pages (the message carries MkDocs' warnings)."""


def generated_dir(repo_root: Path, slug: str) -> Path:
    return repo_root / "site_src" / "generated" / slug


def vega_bundle(repo_root: Path) -> str:
    """The self-hosted Vega + Vega-Lite + vega-embed bundle (about 900 KB), cached per vl-convert version."""
    import vl_convert

    try:
        tag = version("vl-convert-python")
    except PackageNotFoundError:  # pragma: no cover
        tag = "unknown"
    cache = repo_root / "site_src" / "generated" / "_vendor" / f"vega-bundle-{tag}.js"
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    text = vl_convert.javascript_bundle()
    write_text(cache, text)
    return text


def generate_pages(client: ClientConfig, docs_dir: Path) -> list[tuple[str, str]]:
    """Render the client's pages into ``docs_dir``; returns the nav as (title, file) pairs.

    The newest built period is the home page; every other built period is rendered under archive/<key>/
    from its own summaries (reachable from the Archive page, not from the navigation bar).
    """
    home = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                      currency=client.currency, traffic_settings=client.traffic)
    nav = _write_pages(build_pages(home), docs_dir)
    for period in home.archive:
        if period != home.home:
            past = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                              currency=client.currency, period=period, traffic_settings=client.traffic)
            _write_pages(build_pages(past), docs_dir)
    return nav


def _write_pages(pages: list, docs_dir: Path) -> list[tuple[str, str]]:
    nav = []
    for page in pages:
        folder = posixpath.dirname(page.filename)
        for section in page.sections:
            for download in section.downloads:
                target = docs_dir / folder / download.target
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(download.source, target)
        write_text(docs_dir / page.filename, render(page.template, page=page))
        if page.in_nav:
            nav.append((page.nav_title, page.filename))
    return nav


def derived_config(base: dict[str, Any], *, client: ClientConfig, docs_dir: Path, site_dir: Path,
                   custom_dir: Path, nav: list[tuple[str, str]], site_url: str | None = None) -> dict[str, Any]:
    """The base configuration, pointed at one client's pages and output, in the client's language."""
    cfg = dict(base)
    cfg["site_name"] = str(escape(client.name))  # Material prints site_name unescaped in places
    cfg["docs_dir"] = str(docs_dir)
    cfg["site_dir"] = str(site_dir)
    cfg.pop("exclude_docs", None)
    # Material's instant navigation needs site_url: it only intercepts links found in sitemap.xml, matched
    # on port and path. A published base (site_url in mkdocs.yml) serves each client under /<slug>/;
    # otherwise the preview address of `traffic serve` is used. Elsewhere links simply load whole pages.
    published = str(cfg.get("site_url") or "").rstrip("/")
    own = client.report_url.rstrip("/") + "/" if client.report_url else None
    cfg["site_url"] = site_url or own or (f"{published}/{client.slug}/" if published else PREVIEW_URL)
    theme = dict(cfg.get("theme") or {})
    theme["language"] = client.language
    theme["palette"] = _palettes(theme.get("palette"), client.language)
    theme["custom_dir"] = str(custom_dir)
    cfg["theme"] = theme
    cfg["nav"] = [{title: filename} for title, filename in nav]
    # charts.js loads the Vega bundle (0.9 MB) itself, on the first page that has a chart: a page without
    # one (methodology, archive, 404) loads no chart library.
    extra_js = [js for js in cfg.get("extra_javascript") or [] if js not in (VEGA_JS, CHARTS_JS)]
    cfg["extra_javascript"] = [CHARTS_JS, *extra_js]
    if REPORT_CSS not in (cfg.get("extra_css") or []):
        cfg["extra_css"] = [*(cfg.get("extra_css") or []), REPORT_CSS]
    return cfg


TOGGLE_NAMES = {"fr": ("Passer au thème sombre", "Passer au thème clair"),
                "en": ("Switch to dark mode", "Switch to light mode")}


def _palettes(palette: Any, language: str) -> Any:
    """The base palettes with their toggle's tooltip in the client's language."""
    if not isinstance(palette, list):
        return palette
    names = TOGGLE_NAMES.get(language, TOGGLE_NAMES["en"])
    out = []
    for entry, name in zip(palette, names, strict=False):
        entry = dict(entry)
        if isinstance(entry.get("toggle"), dict):
            entry["toggle"] = {**entry["toggle"], "name": name}
        out.append(entry)
    return out


def build_client_site(client: ClientConfig, *, repo_root: Path, site_dir: Path | None = None,
                      site_url: str | None = None) -> Path:
    """Generate and build ``site/<slug>/`` (or ``site_dir``); returns the path of its index.html.

    ``site_url`` is where the site will be served (default: the base config's site_url + slug, else the
    `traffic serve` preview address); Material's instant navigation only works at that address.
    """
    repo_root = Path(repo_root).resolve()
    src = repo_root / "site_src"
    out = Path(site_dir).resolve() if site_dir else repo_root / "site" / client.slug
    docs = generated_dir(repo_root, client.slug)
    shutil.rmtree(docs, ignore_errors=True)  # stale pages of an earlier build must not survive
    shutil.copytree(src / "assets", docs / "assets")
    shutil.copy2(src / "robots.txt", docs / "robots.txt")
    write_text(docs / VEGA_JS, vega_bundle(repo_root))
    nav = generate_pages(client, docs)

    base = yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    building = out.with_name(f".{out.name}.building")
    cfg = derived_config(base, client=client, docs_dir=docs, site_dir=building,
                         custom_dir=src / "overrides", nav=nav, site_url=site_url)
    cfg_path = docs.with_name(f"{client.slug}.mkdocs.yml")
    write_text(cfg_path, yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False))
    try:
        run_mkdocs(cfg_path, cwd=repo_root)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _swap(building, out)
    return out / "index.html"


def run_mkdocs(config: Path, *, cwd: Path) -> None:
    """`python -m mkdocs build --strict -f config`; a refusal raises SiteBuildError with MkDocs' messages."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)],
                          cwd=cwd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        important = [ln for ln in lines if "WARNING" in ln or "ERROR" in ln or "Error" in ln] or lines[-10:]
        raise SiteBuildError(f"{config}: mkdocs build --strict failed:\n" + "\n".join(important[:20]))


def _swap(new: Path, final: Path) -> None:
    """Replace ``final`` by ``new`` with two renames, so a failed build never leaves a half site."""
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def serve_client_site(slug: str, *, repo_root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Preview a built site on http://host:port/ (stdlib server, until Ctrl-C)."""
    from generator.serve import serve_folder

    folder = Path(repo_root) / "site" / slug
    if not (folder / "index.html").is_file():
        raise TrafficError(f"{folder}/index.html: not built yet; run `traffic build --client {slug}` first")
    serve_folder(folder, host=host, port=port)  # prints the URL
