"""The demo client's exports: deterministic, importable, and with something for the report to say."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from crawler.campaigns.api import campaigns_report, import_files

DEMO = Path(__file__).resolve().parents[3] / "data" / "demo" / "campaigns"


def load_generator():
    spec = importlib.util.spec_from_file_location("make_demo_exports", DEMO / "make_demo_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_is_deterministic(tmp_path, monkeypatch):
    gen = load_generator()
    monkeypatch.setattr(gen, "HERE", tmp_path)
    written = gen.main()
    assert len(written) == 4
    for path in written:
        assert path.read_bytes() == (DEMO / path.name).read_bytes(), f"{path.name} differs from the committed file"


def test_demo_exports_import_and_tell_a_story(tmp_path):
    files = sorted(DEMO.glob("*.csv"))
    infos = import_files(files, tmp_path / "c.duckdb")
    assert {i.platform for i in infos} == {"google_ads", "microsoft_ads", "meta_ads", "linkedin_ads"}
    assert all(i.totals_match is not False and not i.warnings for i in infos)
    assert sum(i.totals_match is True for i in infos) == 2  # Google and Microsoft write a totals row
    google = next(i for i in infos if i.platform == "google_ads")
    assert google.encoding == "utf-16-le" and google.delimiter == "\t" and google.decimal == ","
    report = campaigns_report(
        tmp_path / "c.duckdb", currency="EUR", budgets={"paid_search": 6000, "paid_social": 2500},
        targets={"paid_search": {"cpa": 25}, "paid_social": {"roas": 4.0}}, language="fr",
    )  # fmt: skip
    assert (report["start"], report["end"]) == ("2026-09-01", "2026-10-31")
    for info in infos:  # what the client reads on the platform's totals row is what the report says
        if info.totals_row:
            assert f"{report['by_platform'][info.platform]['cost']:.2f}" == f"{info.totals_row['cost']:.2f}"
            assert report["by_platform"][info.platform]["clicks"] == info.totals_row["clicks"]
    names = {c["campaign"] for c in report["by_campaign"]}
    assert names == {"Brand FR", "Générique - Chaussures", "Shopping - Sacs", "Brand FR - Bing",
                     "Prospection Automne", "Retargeting Panier", "B2B Clubs Rando"}  # fmt: skip
    kinds = {(a["type"], a["metric"], a["campaign"], a["date"]) for a in report["anomalies"]}
    assert ("spike", "cost", "Générique - Chaussures", "2026-10-12") in kinds
    assert ("stopped", "cost", "Retargeting Panier", "2026-10-20") in kinds
    pacing = {p["key"]: p for p in report["pacing"]}
    assert pacing["paid_search"]["month"] == "2026-10" and pacing["paid_search"]["days_elapsed"] == 31
    assert 0.8 < pacing["paid_social"]["pacing_ratio"] < 1.2
    assert {(t["key"], t["status"]) for t in report["targets"]} == {("paid_search", "met"), ("paid_social", "missed")}
