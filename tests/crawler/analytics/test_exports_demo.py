"""The demo client's Search Console and GA4 exports: import cleanly, agree with each other and the story."""

from __future__ import annotations

import importlib.util
import zipfile
from datetime import date
from pathlib import Path

import duckdb

from crawler.analytics import exports_summary, import_exports

DEMO = Path(__file__).resolve().parents[3] / "data" / "demo"
PERIOD = (date(2026, 9, 1), date(2026, 10, 31))


def _gsc_zip() -> Path:
    [archive] = sorted((DEMO / "search_console").glob("*.zip"))
    return archive


def test_demo_exports_import_for_the_story_period(tmp_path):
    files = [_gsc_zip(), *sorted((DEMO / "analytics").glob("*.csv"))]
    results = import_exports(files, tmp_path / "t.duckdb")
    assert {(r.date_start, r.date_end) for r in results} == {PERIOD}
    assert {r.lang for r in results} == {"fr"}
    assert not [w for r in results for w in r.warnings]
    gsc_dims = sorted(r.dimension for r in results if r.kind == "gsc_performance")
    assert gsc_dims == ["country", "date", "device", "page", "query", "search_appearance"]


def test_demo_search_console_figures_agree(tmp_path):
    db = tmp_path / "t.duckdb"
    import_exports([_gsc_zip()], db)
    con = duckdb.connect(str(db), read_only=True)
    sums = dict(con.execute("SELECT dimension, sum(clicks) FROM gsc_performance GROUP BY 1").fetchall())
    impressions = dict(con.execute("SELECT dimension, sum(impressions) FROM gsc_performance GROUP BY 1").fetchall())
    days = con.execute("SELECT count(DISTINCT date), min(date), max(date) FROM gsc_performance"
                       " WHERE dimension = 'date'").fetchone()
    pages = [r[0] for r in con.execute("SELECT key FROM gsc_performance WHERE dimension = 'page'").fetchall()]
    con.close()
    assert sums["date"] == sums["device"] == sums["country"] == sums["page"]
    assert impressions["date"] == impressions["device"] == impressions["country"]
    assert sums["query"] < sums["date"]  # anonymised queries are left out of Queries.csv
    assert days == (61, *PERIOD)
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    for url in pages:
        path = url.removeprefix("https://www.maison-sentier.example")
        assert f"`{path}`" in readme or path in ("/blog/", "/mentions-legales/", "/contact/"), path


def test_demo_summary_channels_and_search(tmp_path):
    db = tmp_path / "t.duckdb"
    import_exports([_gsc_zip(), *sorted((DEMO / "analytics").glob("*.csv"))], db)
    s = exports_summary(db)
    assert s["search_console"]["totals"]["clicks"] == 5079
    assert s["search_console"]["top_queries"][0]["query"] == "maison sentier"
    channels = s["analytics"]["sessions_by_channel"]
    assert channels["Organic Search"] < s["search_console"]["totals"]["clicks"]
    assert {"Paid Search", "Paid Shopping", "Paid Social", "Email"} <= set(channels)


def test_demo_zip_is_reproducible():
    spec = importlib.util.spec_from_file_location("gsc_demo_generate", DEMO / "search_console" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with zipfile.ZipFile(_gsc_zip()) as zf:
        stored = {name: zf.read(name) for name in zf.namelist()}
    assert stored == module.build()
