"""Analytics and Search Console export import: every platform, EN and FR, CSV and ZIP, errors, re-import."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pytest

from crawler.analytics import exports_summary, import_exports
from crawler.common.errors import InputError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exports"


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.iterdir()):
            zf.write(f, f.name)
    return target


def _query(db: Path, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "traffic.duckdb"


# --- GA4 ------------------------------------------------------------------------------------------------


def test_ga4_traffic_acquisition_en(db):
    results = import_exports([FIXTURES / "ga4_traffic_acquisition_en.csv"], db)
    main = results[0]
    assert (main.kind, main.dimension, main.rows, main.lang) == (
        "ga4_traffic", "session_primary_channel_group", 8, "en")
    assert (main.date_start, main.date_end) == (date(2026, 9, 1), date(2026, 10, 31))
    row = _query(db, "SELECT sessions, engaged_sessions, engagement_rate, avg_engagement_time, key_events, revenue"
                     " FROM ga4_traffic WHERE value = 'Organic Search'")
    assert row == [(5120, 3379, pytest.approx(0.65996), pytest.approx(71.4), 118.0, 9640.5)]
    # the second table of the download (sessions by date) is read too
    assert results[1].kind == "ga4_daily" and results[1].rows == 2
    prop = _query(db, "SELECT property, title FROM analytics_imports WHERE import_id = ?", [main.import_id])
    assert prop == [("www.maison-sentier.example - GA4",
                     "Traffic acquisition: Session primary channel group (Default Channel Group)")]


def test_ga4_traffic_acquisition_fr_decimal_commas_percent_and_total_row(db):
    [r] = import_exports([FIXTURES / "ga4_traffic_acquisition_fr.csv"], db)
    assert (r.dimension, r.lang, r.rows, r.skipped_rows) == ("session_default_channel_group", "fr", 3, 1)
    assert (r.date_start, r.date_end) == (date(2026, 9, 1), date(2026, 9, 30))
    rows = dict(((v, (s, e, rate, rev)) for v, s, e, rate, rev in _query(
        db, "SELECT value, sessions, engaged_sessions, engagement_rate, revenue FROM ga4_traffic")))
    assert rows["Organic Search"] == (2540, 1671, pytest.approx(0.6579), pytest.approx(4810.5))
    assert rows["Direct"][3] == pytest.approx(1760.25)
    assert "Total général" not in rows


def test_ga4_landing_pages_fr(db):
    [r] = import_exports([FIXTURES / "ga4_landing_pages_fr.csv"], db)
    assert (r.kind, r.dimension, r.rows) == ("ga4_landing_pages", "landing_page_query", 6)
    assert _query(db, "SELECT sessions, new_users FROM ga4_landing_pages WHERE landing_page = "
                      "'/produit/chaussure-trail-x1/'") == [(1180, 860)]


def test_ga4_pages_and_screens_en(db):
    [r] = import_exports([FIXTURES / "ga4_pages_en.csv"], db)
    assert (r.kind, r.dimension, r.rows) == ("ga4_pages", "page_path_screen_class", 5)
    assert _query(db, "SELECT views, active_users FROM ga4_pages WHERE page = '/panier/'") == [(1920, 1210)]


# --- Matomo ---------------------------------------------------------------------------------------------


def test_matomo_referrers_utf16_raw_ids_with_channels(db):
    [r] = import_exports([FIXTURES / "matomo_referrers_en.csv"], db)
    assert (r.kind, r.rows) == ("matomo_referrers", 6)
    rows = dict(_query(db, "SELECT label, channel FROM matomo_referrers"))
    assert rows == {"Direct Entry": "Direct", "Google": "Organic Search", "Qwant": "Organic Search",
                    "facebook.com": "Organic Social", "randonnee-club.example": "Referral",
                    "brand_fr": "Unassigned"}
    assert _query(db, "SELECT bounce_rate, avg_time_on_site FROM matomo_referrers WHERE label = 'Google'") == [
        (pytest.approx(0.39), 142.0)]


def test_matomo_pages_fr_translated_headers(db):
    [r] = import_exports([FIXTURES / "matomo_pages_fr.csv"], db)
    assert (r.kind, r.lang, r.rows) == ("matomo_pages", "fr", 4)
    rows = _query(db, "SELECT pageviews, visits, bounce_rate, avg_time_on_page FROM matomo_pages"
                      " WHERE label = '/blog/choisir-ses-chaussures/'")
    assert rows == [(1240, 1105, pytest.approx(0.625), 161.0)]


# --- Plausible ------------------------------------------------------------------------------------------


def test_plausible_export_zip(db, tmp_path):
    archive = _zip(FIXTURES / "plausible_export", tmp_path / "maison-sentier_example_20261101.zip")
    results = import_exports([archive], db)
    kinds = sorted(r.kind for r in results)
    assert kinds == ["plausible_entry_pages", "plausible_pages", "plausible_sources", "plausible_visitors"]
    warnings = [w for r in results for w in r.warnings]
    assert any("imported_devices" in w and "skipped" in w for w in warnings)
    channels = dict(_query(db, "SELECT channel, sum(visits) FROM plausible_sources GROUP BY channel"))
    assert channels == {"Organic Search": 78 + 83 + 8, "Direct": 38, "Paid Search": 33, "Organic Social": 14,
                        "Email": 8}
    assert _query(db, "SELECT sum(visitors) FROM plausible_visitors") == [(461,)]


# --- Search Console -------------------------------------------------------------------------------------


def test_search_console_zip_french(db, tmp_path):
    archive = _zip(FIXTURES / "gsc_fr", tmp_path / "performance.zip")
    results = import_exports([archive], db)
    dims = sorted(r.dimension for r in results if r.kind == "gsc_performance")
    assert dims == ["country", "date", "device", "page", "query"]
    assert all(r.lang == "fr" for r in results)
    assert {(r.date_start, r.date_end) for r in results} == {(date(2026, 9, 1), date(2026, 9, 2))}
    q = _query(db, "SELECT clicks, impressions, ctr, position FROM gsc_performance WHERE key = 'maison sentier'")
    assert q == [(412, 1530, pytest.approx(0.2693), pytest.approx(1.4))]
    assert _query(db, "SELECT date FROM gsc_performance WHERE dimension = 'date' ORDER BY 1") == [
        (date(2026, 9, 1),), (date(2026, 9, 2),)]
    meta = _query(db, "SELECT meta FROM analytics_imports WHERE dimension = 'query'")[0][0]
    assert '"Type de recherche": "Web"' in meta


def test_search_console_single_csv_english_thousands(db):
    [r] = import_exports([FIXTURES / "gsc_queries_en.csv"], db)
    assert (r.kind, r.dimension, r.lang) == ("gsc_performance", "query", "en")
    assert _query(db, "SELECT clicks, impressions, ctr FROM gsc_performance WHERE key = 'trail shoes'") == [
        (1096, 15210, pytest.approx(0.0721))]


# --- errors ---------------------------------------------------------------------------------------------


def test_bad_value_names_file_line_and_column(db):
    with pytest.raises(InputError) as err:
        import_exports([FIXTURES / "broken_ga4_value.csv"], db)
    msg = str(err.value)
    assert "broken_ga4_value.csv:8:" in msg and "'Sessions'" in msg and "'lots'" in msg
    assert not db.exists() or _query(db, "SELECT count(*) FROM analytics_imports") == [(0,)]


def test_unknown_file_names_found_and_expected_headers(db):
    with pytest.raises(InputError) as err:
        import_exports([FIXTURES / "unknown_export.csv"], db)
    msg = str(err.value)
    assert "unknown_export.csv" in msg and "'Campaign'" in msg and "'Cost'" in msg
    assert "nearest known format" in msg and "expects" in msg
    assert "Search Console performance" in msg and "GA4 traffic acquisition" in msg


def test_one_bad_file_writes_nothing(db):
    with pytest.raises(InputError):
        import_exports([FIXTURES / "gsc_queries_en.csv", FIXTURES / "unknown_export.csv"], db)
    assert not db.exists()


def test_ragged_row_is_an_error(db, tmp_path):
    bad = tmp_path / "Queries.csv"
    bad.write_text("Top queries,Clicks,Impressions,CTR,Position\nmaison sentier,412\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Queries.csv:2: expected 5 fields"):
        import_exports([bad], db)


def test_bad_percent_and_date_errors(db, tmp_path):
    bad = tmp_path / "Dates.csv"
    bad.write_text("Date,Clicks,Impressions,CTR,Position\n2026-13-45,1,10,10%,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Dates.csv:2: column 'Date': expected a date"):
        import_exports([bad], db)
    bad.write_text("Date,Clicks,Impressions,CTR,Position\n2026-09-01,1,10,450%,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Dates.csv:2: column 'CTR': expected a rate"):
        import_exports([bad], db)


def test_missing_file_and_empty_zip(db, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        import_exports([tmp_path / "nope.csv"], db)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.pdf", b"%PDF")
    with pytest.raises(InputError, match="ZIP holds no CSV"):
        import_exports([empty], db)


# --- idempotence ----------------------------------------------------------------------------------------


def test_reimport_replaces_never_doubles(db, tmp_path):
    archive = _zip(FIXTURES / "gsc_fr", tmp_path / "performance.zip")
    import_exports([archive, FIXTURES / "ga4_traffic_acquisition_fr.csv"], db)
    before = _query(db, "SELECT count(*), sum(clicks) FROM gsc_performance")
    again = import_exports([archive, FIXTURES / "ga4_traffic_acquisition_fr.csv"], db)
    assert all(r.replaced == 1 for r in again)
    assert _query(db, "SELECT count(*), sum(clicks) FROM gsc_performance") == before
    assert _query(db, "SELECT count(*) FROM ga4_traffic") == [(3,)]
    assert _query(db, "SELECT count(*) FROM analytics_imports") == [(len(again),)]


def test_same_content_under_another_name_is_the_same_file(db, tmp_path):
    copy = tmp_path / "copie.csv"
    shutil.copy(FIXTURES / "gsc_queries_en.csv", copy)
    import_exports([FIXTURES / "gsc_queries_en.csv"], db)
    [r] = import_exports([copy], db)
    assert r.replaced == 1
    assert _query(db, "SELECT count(*) FROM gsc_performance") == [(3,)]


def test_updated_file_at_same_path_replaces_the_old_version(db, tmp_path):
    f = tmp_path / "Queries.csv"
    f.write_text("Top queries,Clicks,Impressions,CTR,Position\na,1,10,10%,3\nb,2,10,20%,4\n", encoding="utf-8")
    import_exports([f], db)
    f.write_text("Top queries,Clicks,Impressions,CTR,Position\na,5,50,10%,3\n", encoding="utf-8")
    [r] = import_exports([f], db)
    assert r.replaced == 1
    assert _query(db, "SELECT key, clicks FROM gsc_performance") == [("a", 5)]


def test_does_not_touch_other_tables(db):
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE hits (n INTEGER)")
    con.execute("INSERT INTO hits VALUES (1), (2)")
    con.close()
    import_exports([FIXTURES / "gsc_queries_en.csv"], db)
    assert _query(db, "SELECT count(*) FROM hits") == [(2,)]


# --- summary --------------------------------------------------------------------------------------------


def test_exports_summary(db, tmp_path):
    archive = _zip(FIXTURES / "gsc_fr", tmp_path / "performance.zip")
    import_exports([archive, FIXTURES / "ga4_traffic_acquisition_en.csv", FIXTURES / "ga4_landing_pages_fr.csv",
                    FIXTURES / "ga4_pages_en.csv"], db)
    s = exports_summary(db)
    gsc = s["search_console"]
    assert gsc["totals"] == {"clicks": 750, "impressions": 13830, "ctr": pytest.approx(0.0542, abs=1e-4),
                             "position": pytest.approx(6.25, abs=1e-2)}
    assert gsc["totals_from"] == "date" and len(gsc["daily"]) == 2
    assert gsc["top_queries"][0]["query"] == "maison sentier"
    assert gsc["top_pages"][0]["page"] == "https://www.maison-sentier.example/"
    assert gsc["period"] == {"start": "2026-09-01", "end": "2026-09-02"}
    ga = s["analytics"]
    assert ga["platform"] == "ga4" and ga["sessions"] == 11700
    assert list(ga["sessions_by_channel"])[:3] == ["Direct", "Paid Search", "Paid Social"]  # GA4 order
    assert ga["sessions_by_channel"]["Organic Search"] == 5120
    assert ga["landing_pages"][0]["landing_page"] == "/" and ga["pages"][0]["views"] == 6210


def test_summary_newest_overlapping_export_wins(db):
    import_exports([FIXTURES / "ga4_traffic_acquisition_en.csv"], db)  # Sep-Oct, primary channel group
    import_exports([FIXTURES / "ga4_traffic_acquisition_fr.csv"], db)  # Sep, default channel group: newer
    ga = exports_summary(db)["analytics"]
    assert ga["sessions"] == 2540 + 1230 + 950


def test_summary_while_this_process_holds_the_database(db):
    import_exports([FIXTURES / "gsc_queries_en.csv"], db)
    holder = duckdb.connect(str(db))  # e.g. the log ingester's connection, still open
    try:
        assert exports_summary(db)["search_console"]["top_queries"][0]["query"] == "trail shoes"
    finally:
        holder.close()


def test_summary_without_database(tmp_path):
    assert exports_summary(tmp_path / "none.duckdb") == {"search_console": None, "analytics": None}


def test_summary_falls_back_to_plausible(db, tmp_path):
    import_exports([_zip(FIXTURES / "plausible_export", tmp_path / "p.zip")], db)
    ga = exports_summary(db)["analytics"]
    assert ga["platform"] == "plausible" and ga["sessions_by_channel"]["Direct"] == 38
    assert ga["daily"][0] == {"date": "2026-09-01", "sessions": 171, "visitors": 152, "pageviews": 498}


def test_plausible_dashboard_export_zip(db, tmp_path):
    archive = _zip(FIXTURES / "plausible_dashboard", tmp_path / "Plausible export maison-sentier.example.zip")
    results = {r.dimension or r.kind: r for r in import_exports([archive], db)}
    assert set(results) == {"plausible_dashboard_visitors", "channels", "sources", "pages", "entry_pages",
                            "countries"}
    assert _query(db, "SELECT bounce_rate, visit_duration FROM plausible_dashboard_visitors"
                      " WHERE date = DATE '2026-09-02'") == [(pytest.approx(0.37), 121.0)]
    assert _query(db, "SELECT visitors, bounce_rate FROM plausible_breakdowns WHERE dimension = 'channels'"
                      " AND name = 'Email'") == [(9, pytest.approx(0.30))]
    ga = exports_summary(db)["analytics"]
    assert (ga["platform"], ga["channel_metric"]) == ("plausible", "visitors")
    assert ga["sessions_by_channel"]["Organic Search"] == 231
    assert ga["pages"][0] == {"page": "/", "views": 480}
    assert ga["landing_pages"][0] == {"landing_page": "/", "sessions": 301}
    assert ga["daily"][1]["sessions"] == 180


def test_plausible_percentage_over_100_is_an_error(db, tmp_path):
    f = tmp_path / "channels.csv"
    f.write_text("name,visitors,bounce_rate,visit_duration\nDirect,5,450,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"channels.csv:2: column 'bounce_rate': expected a percentage"):
        import_exports([f], db)


def test_search_console_zip_period_from_filters_without_dates_csv(db, tmp_path):
    archive = tmp_path / "perf.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "gsc_fr" / "Queries.csv", "Queries.csv")
        zf.writestr("Filters.csv", "Filtre,Valeur\nType de recherche,Web\nDate,Du 2026-09-01 au 2026-10-31\n")
    results = import_exports([archive], db)
    assert {(r.date_start, r.date_end) for r in results} == {(date(2026, 9, 1), date(2026, 10, 31))}


def test_unlabelled_total_first_row_is_not_counted(db, tmp_path):
    f = tmp_path / "ga4.csv"
    f.write_text("# Start date: 20260901\n# End date: 20260930\nSession default channel group,Sessions\n"
                 ",300\nOrganic Search,200\nDirect,100\n", encoding="utf-8")
    [r] = import_exports([f], db)
    assert (r.rows, r.skipped_rows) == (2, 1)
    assert _query(db, "SELECT sum(sessions) FROM ga4_traffic") == [(300,)]


def test_exploration_export_with_range_comment_compact_dates_and_grand_total(db, tmp_path):
    f = tmp_path / "Free form 1.csv"
    f.write_text("# ----------------------------------------\n# Free form 1\n# 20260901-20261031\n"
                 "# ----------------------------------------\n"
                 "Session default channel group,Date,Sessions\nOrganic Search,20260901,80\n"
                 "Organic Search,20260902,85\nDirect,20260901,30\nGrand total,,195\n", encoding="utf-8")
    [r] = import_exports([f], db)
    assert (r.rows, r.skipped_rows, r.date_start, r.date_end) == (3, 1, date(2026, 9, 1), date(2026, 10, 31))
    daily = exports_summary(db)["analytics"]["daily"]
    assert daily == [{"date": "2026-09-01", "sessions": 110}, {"date": "2026-09-02", "sessions": 85}]


def test_search_console_excel_download(db, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    queries = book.active
    queries.title = "Requêtes"
    queries.append(["Requêtes les plus fréquentes", "Clics", "Impressions", "CTR", "Position"])
    queries.append(["maison sentier", 412, 1530, 0.2693, 1.4])
    queries.append(["sac, 30l", 51, 3120, 0.0163, 9.9])
    dates = book.create_sheet("Dates")
    dates.append(["Date", "Clics", "Impressions", "CTR", "Position"])
    dates.append([date(2026, 9, 1), 380, 6900, 0.0551, 6.3])
    book.create_sheet("Filtres").append(["Filtre", "Valeur"])
    book.save(tmp_path / "performance.xlsx")
    results = import_exports([tmp_path / "performance.xlsx"], db)
    assert sorted(r.dimension for r in results if r.kind == "gsc_performance") == ["date", "query"]
    assert _query(db, "SELECT key, clicks, ctr FROM gsc_performance WHERE dimension = 'query' ORDER BY 1") == [
        ("maison sentier", 412, pytest.approx(0.2693)), ("sac, 30l", 51, pytest.approx(0.0163))]
    again = import_exports([tmp_path / "performance.xlsx"], db)
    assert all(r.replaced == 1 for r in again if r.kind == "gsc_performance")
