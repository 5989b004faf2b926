"""Store and report: one transaction per file, re-import replaces, campaigns.json contract."""

from __future__ import annotations

import json
import shutil
from datetime import date

import duckdb
import pytest

from crawler.campaigns.api import campaigns_report, import_files, write_json
from crawler.campaigns.settings import CampaignSettings
from crawler.common.errors import InputError

GOOD = ["google_en.csv", "google_fr_excel.csv", "microsoft_ui.csv", "meta_fr.csv", "linkedin_en.csv"]
CONTRACT = {"currency", "start", "end", "files", "totals", "by_platform", "by_campaign"}
EXTRAS = {"by_channel", "daily", "data_gaps", "comparison", "pacing", "targets", "anomalies", "utm_vs_clicks", "as_of",
          "currency_rates", "warnings", "report_period"}  # fmt: skip
TOTAL_KEYS = {"impressions", "clicks", "cost", "conversions", "conversion_value", "ctr", "cpc", "cpm", "cpa",
              "conversion_rate", "roas"}  # fmt: skip


def count(db) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM campaign_rows").fetchone()[0]


def test_report_contract_and_totals(tmp_path, fixtures):
    db = tmp_path / "campaigns.duckdb"
    infos = import_files([fixtures / n for n in GOOD], db)
    assert [i.platform for i in infos] == ["google_ads", "google_ads", "microsoft_ads", "meta_ads", "linkedin_ads"]
    report = campaigns_report(db, currency="EUR")
    assert set(report) >= CONTRACT and set(report) <= CONTRACT | EXTRAS
    assert set(report["totals"]) >= TOTAL_KEYS
    assert set(report["by_platform"]) == {"google_ads", "microsoft_ads", "meta_ads", "linkedin_ads"}
    assert (report["start"], report["end"]) == ("2026-09-01", "2026-09-14")
    files = {f["path"].rsplit("/", 1)[-1]: f for f in report["files"]}
    assert files["google_en.csv"]["rows"] == 7 and files["google_en.csv"]["platform"] == "google_ads"
    # Totals are the sum of each file's own total.
    cost = 1374.90 + 3388.50 + 1292.16 + 1159.52 + 1227.27
    assert report["totals"]["cost"] == pytest.approx(cost, abs=1e-6)
    assert report["by_platform"]["google_ads"]["cost"] == pytest.approx(1374.90 + 3388.50, abs=1e-6)
    # Ratios are fractions from sums.
    t = report["totals"]
    # CPC pairs cost with clicks row by row: the two 'Total Wine' days with clicks '--' (9.80 each) are left out.
    assert t["cpc"] == pytest.approx((t["cost"] - 2 * 9.80) / t["clicks"], rel=1e-9)
    assert 0 < t["ctr"] < 1
    brand = next(c for c in report["by_campaign"] if c["campaign"] == "Brand FR")
    assert brand["platform"] == "google_ads"
    assert {"date", "platform", "campaign", "impressions", "clicks", "cost", "conversions", "conversion_value"} == set(
        report["daily"][0]
    )
    out = write_json(report, tmp_path / "out")
    assert json.loads(out.read_text(encoding="utf-8"))["totals"]["cost"] == report["totals"]["cost"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["campaigns.json"]  # no temp file left


def test_reimport_replaces_never_doubles(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    import_files([fixtures / "google_en.csv", fixtures / "meta_en.csv"], db)
    before = campaigns_report(db, currency="EUR")["totals"]
    again = import_files([fixtures / "google_en.csv"], db)
    assert again[0].replaced == 7
    assert campaigns_report(db, currency="EUR")["totals"] == before
    # The same export under another name (downloaded twice) replaces the same keys too.
    shutil.copy(fixtures / "google_en.csv", tmp_path / "google_copy.csv")
    import_files([tmp_path / "google_copy.csv"], db)
    assert campaigns_report(db, currency="EUR")["totals"] == before
    assert count(db) == 7 + 4


def test_bad_file_writes_nothing_and_earlier_files_stay(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    with pytest.raises(InputError, match=r"broken_bad_row\.csv:6"):
        import_files([fixtures / "broken_bad_row.csv"], db)
    assert count(db) == 0  # its two good rows before line 6 were not written
    with pytest.raises(InputError):
        import_files([fixtures / "google_en.csv", fixtures / "broken_ambiguous_number.csv"], db)
    assert count(db) == 7


def test_bad_reimport_keeps_previous_rows(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    good = tmp_path / "export.csv"
    shutil.copy(fixtures / "google_en.csv", good)
    import_files([good], db)
    good.write_text(good.read_text(encoding="utf-8").replace("76.95", "76.9x"), encoding="utf-8")
    with pytest.raises(InputError):
        import_files([good], db)
    assert count(db) == 7


def test_mixed_currencies_need_rates(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    usd = tmp_path / "usd.csv"
    usd.write_text((fixtures / "google_en.csv").read_text(encoding="utf-8").replace(",EUR,", ",USD,")
                   .replace("201234567", "301234567"), encoding="utf-8")  # fmt: skip
    import_files([fixtures / "google_en.csv", usd], db)
    with pytest.raises(InputError, match=r"never added.*currency_rates"):
        campaigns_report(db, currency="EUR")
    report = campaigns_report(db, currency="EUR", settings=CampaignSettings(currency_rates={"USD": 0.5}))
    assert report["totals"]["cost"] == pytest.approx(1374.90 * 1.5, abs=1e-6)
    assert report["currency_rates"] == {"USD": 0.5}


def test_as_of_excludes_the_current_day_and_later(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    import_files([fixtures / "google_en.csv"], db)
    report = campaigns_report(db, currency="EUR", as_of=date(2026, 9, 3))
    assert report["end"] == "2026-09-02"
    assert report["totals"]["cost"] == pytest.approx(1374.90 - 1082.41, abs=1e-6)


def test_utm_sessions_beside_clicks(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    import_files([fixtures / "google_en.csv"], db)
    traffic = tmp_path / "traffic.duckdb"
    with duckdb.connect(str(traffic)) as con:
        con.execute("CREATE TABLE utm_sessions (utm_campaign VARCHAR, utm_source VARCHAR, utm_medium VARCHAR, visits BIGINT)")
        con.execute("INSERT INTO utm_sessions VALUES ('brand_fr', 'google', 'cpc', 500), ('wine', 'google', 'cpc', 7),"
                    " ('newsletter', 'email', 'email', 40)")  # fmt: skip
    settings = CampaignSettings(utm_campaigns={"Total Wine": "wine"})
    utm = campaigns_report(db, currency="EUR", settings=settings, traffic_db=traffic)["utm_vs_clicks"]
    assert utm["available"] is True
    rows = {r["utm_campaign"]: r for r in utm["rows"]}
    assert rows["brand_fr"]["clicks"] == 559 and rows["brand_fr"]["sessions"] == 500
    assert rows["brand_fr"]["difference"] == -59
    assert rows["wine"]["campaign"] == "Total Wine"
    assert rows["newsletter"]["campaign"] is None and rows["newsletter"]["sessions"] == 40


def test_utm_skipped_gracefully_without_table(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    import_files([fixtures / "google_en.csv"], db)
    traffic = tmp_path / "traffic.duckdb"
    with duckdb.connect(str(traffic)) as con:
        con.execute("CREATE TABLE hits (x INTEGER)")
    utm = campaigns_report(db, currency="EUR", traffic_db=traffic)["utm_vs_clicks"]
    assert utm["available"] is False and "utm_sessions" in utm["reason"]
    assert campaigns_report(db, currency="EUR", traffic_db=tmp_path / "none.duckdb")["utm_vs_clicks"]["available"] is False


def test_report_on_missing_store_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no campaign store"):
        campaigns_report(tmp_path / "nope.duckdb", currency="EUR")


def test_utm_sessions_daily_limits_to_the_report_period(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    import_files([fixtures / "google_en.csv"], db)
    traffic = tmp_path / "traffic.duckdb"
    with duckdb.connect(str(traffic)) as con:
        con.execute("CREATE TABLE utm_sessions_daily (day DATE, utm_campaign VARCHAR, utm_source VARCHAR, "
                    "utm_medium VARCHAR, visits BIGINT)")  # fmt: skip
        con.execute("INSERT INTO utm_sessions_daily VALUES ('2026-09-01', 'brand_fr', 'google', 'cpc', 300),"
                    " ('2026-09-03', 'Brand_FR', 'google', 'cpc', 200), ('2026-10-01', 'brand_fr', 'google', 'cpc', 999)")  # fmt: skip
    utm = campaigns_report(db, currency="EUR", traffic_db=traffic)["utm_vs_clicks"]
    assert utm["period"] == {"start": "2026-09-01", "end": "2026-09-03"}
    assert next(r for r in utm["rows"] if r["utm_campaign"] == "brand_fr")["sessions"] == 500


def test_renamed_campaign_is_one_line_under_its_latest_name(tmp_path, fixtures):
    text = (fixtures / "google_en.csv").read_text(encoding="utf-8")
    text = text.replace("2026-09-01,Brand FR,", "2026-09-01,Marque FR,")
    (tmp_path / "g.csv").write_text(text, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    import_files([tmp_path / "g.csv"], db)
    names = [c["campaign"] for c in campaigns_report(db, currency="EUR")["by_campaign"]]
    assert "Brand FR" in names and "Marque FR" not in names


def test_report_currency_is_validated(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    import_files([fixtures / "google_en.csv"], db)
    with pytest.raises(InputError, match="ISO 4217"):
        campaigns_report(db, currency="EUR'; DROP TABLE x; --")


def test_stale_exports_are_flagged(tmp_path, fixtures):
    db = tmp_path / "c.duckdb"
    import_files([fixtures / "google_en.csv"], db)
    report = campaigns_report(db, currency="EUR", as_of=date(2026, 9, 10), budgets={"paid_search": 3000})
    assert any("latest campaign data is for 2026-09-03" in w for w in report["warnings"])
    assert report["pacing"][0]["days_elapsed"] == 9
    assert not campaigns_report(db, currency="EUR")["warnings"]


def test_a_report_period_keeps_its_own_rows(tmp_path, fixtures):
    from crawler.common.period import Period

    db = tmp_path / "campaigns.duckdb"
    import_files([fixtures / n for n in GOOD], db)
    whole = campaigns_report(db, currency="EUR")
    week = campaigns_report(db, currency="EUR", period=Period.parse("2026-09-01_2026-09-07"))
    rest = campaigns_report(db, currency="EUR", period=Period.parse("2026-09-08_2026-09-14"))
    assert week["start"] == "2026-09-01" and week["end"] <= "2026-09-07" < rest["start"]
    assert week["report_period"]["key"] == "2026-09-01_2026-09-07"
    assert week["totals"]["cost"] + rest["totals"]["cost"] == pytest.approx(whole["totals"]["cost"], abs=1e-6)
    base = rest["comparison"]["previous_period"]["base"]
    assert (base["start"], base["end"]) == ("2026-09-01", "2026-09-07")
    assert base["cost"] == pytest.approx(week["totals"]["cost"], abs=1e-6)
    assert rest["totals"]["cpa_cost"] <= rest["totals"]["cost"] + 1e-6


def test_a_quarter_gets_the_pacing_of_each_of_its_months(tmp_path, fixtures):
    from crawler.common.period import Period

    db = tmp_path / "campaigns.duckdb"
    import_files([fixtures / n for n in GOOD], db)
    report = campaigns_report(db, currency="EUR", budgets={"paid_search": 3000},
                              period=Period.parse("2026-Q3"))
    assert [p["month"] for p in report["pacing"]] == ["2026-07", "2026-08", "2026-09"]
    september = report["pacing"][-1]
    assert september["spend_to_date"] > 0 and report["pacing"][0]["spend_to_date"] == 0
