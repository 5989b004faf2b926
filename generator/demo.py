"""`traffic demo` / `make demo`: the whole pipeline on the bundled demo client, for real.

The demo website is served on an ephemeral 127.0.0.1 port and crawled over HTTP as its production address
(``crawl.resolve``, like curl --resolve), so the report shows https://www.maison-sentier.example/ URLs,
never the loopback one. The demo access log and exports are parsed like any client's. The demo's state is
reset first so that every run shows the same report. It builds September, then October: the home page is
October, compared with September, and September stays in the archive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from crawler.clients import load_client
from crawler.common.errors import InputError
from crawler.common.period import Period
from crawler.site.urls import origin
from generator.pipeline import run_client, say
from generator.serve import static_server

DEMO_SLUG = "demo"
# What the production server of the demo site sends (the site is https; its loopback copy is http).
DEMO_HEADERS = {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}
DEMO_PERIODS = (Period.month(2026, 9), Period.month(2026, 10))


def reset_state(client_dir: Path) -> None:
    shutil.rmtree(client_dir / "state", ignore_errors=True)
    for name in ("traffic.duckdb", "traffic.duckdb.wal", "campaigns.duckdb", "campaigns.duckdb.wal"):
        (client_dir / name).unlink(missing_ok=True)


def run_demo(root: Path, *, quiet: bool = False) -> int:
    site_dir = root / "data" / "demo" / "site"
    if not (site_dir / "index.html").is_file():
        raise InputError(f"{site_dir}/index.html: demo site not found; run `traffic demo` from the project folder")
    client = load_client(DEMO_SLUG, root)
    reset_state(client.dir)
    site = client.sites[0]
    with static_server(site_dir, headers=DEMO_HEADERS) as base_url:
        say(f"[demo] serving {site_dir.relative_to(root)} as {site.url} on {base_url}", quiet)
        site.crawl = site.crawl.model_copy(update={"resolve": {origin(site.url): base_url}})
        result = run_client(client, root, quiet=quiet, periods=DEMO_PERIODS)
    index = result.index_html
    print()
    print(f"Demo report: {index}")
    print(f"Browse it:   .venv/bin/traffic serve --client {DEMO_SLUG}   (then open http://127.0.0.1:8000/)")
    return 0
