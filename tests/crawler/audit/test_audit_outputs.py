"""Exports, storage in the crawl DB, comparison, settings overrides, inconclusive site checks, traffic."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3

import pytest
from conftest import FIXTURE, crawl_site


def test_issues_json_follows_the_contract(seo_site):
    data = json.loads((seo_site.out / "issues.json").read_text(encoding="utf-8"))
    assert data["start_url"] == seo_site.base + "/"
    assert data["finished"] is True and data["pages_crawled"] > 50
    assert 0 <= data["health_score"] <= 100
    assert data["counts"]["by_severity"]["error"] > 0
    for issue in data["issues"]:
        assert {"check", "severity", "url", "detail", "category", "title", "new"} <= set(issue)
        assert issue["severity"] in ("error", "warning", "notice")
    assert data["checks"]["title_missing"]["why"] and data["checks"]["title_missing"]["fix"]


def test_csv_exports_parse(seo_site):
    with (seo_site.out / "issues.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(seo_site.result.issues)
    assert {"check", "severity", "url", "detail"} <= set(rows[0])
    with (seo_site.out / "pages.csv").open(encoding="utf-8-sig", newline="") as fh:
        pages = {r["url"]: r for r in csv.DictReader(fh)}
    latin = pages[seo_site.base + "/latin1/"]
    assert latin["title"] == "Crème brûlée à la française, été" and latin["status"] == "200"
    assert pages[seo_site.base + "/private/secret/"]["robots_blocked"] == "1"


def test_xlsx_has_summary_and_one_sheet_per_check(seo_site):
    from openpyxl import load_workbook

    wb = load_workbook(seo_site.out / "issues.xlsx")
    assert wb.sheetnames[0] == "Summary"
    checks = {i.check for i in seo_site.result.issues}
    assert checks <= set(wb.sheetnames)
    ws = wb["title_duplicate"]
    assert ws["A1"].value == "url" and ws.max_row == 3


def test_untrusted_text_is_never_a_formula(tmp_path):
    from crawler.audit.exports import safe_cell

    assert safe_cell("=HYPERLINK(\"http://evil\")").startswith("'")
    assert safe_cell("https://ok/") == "https://ok/"
    from openpyxl import Workbook, load_workbook

    from crawler.audit.exports import _put

    wb = Workbook()
    _put(wb.active, 1, 1, '=HYPERLINK("http://evil","click")')
    wb.save(tmp_path / "t.xlsx")
    cell = load_workbook(tmp_path / "t.xlsx").active["A1"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_results_stored_in_the_crawl_db(seo_site):
    con = sqlite3.connect(seo_site.db)
    n = con.execute("SELECT count(*) FROM audit_issues").fetchone()[0]
    counts = dict(con.execute('SELECT "check", count FROM audit_counts').fetchall())
    summary = dict(con.execute("SELECT key, value FROM audit_summary").fetchall())
    con.close()
    assert n == len(seo_site.result.issues)
    assert counts["status_4xx"] == 2
    assert int(summary["health_score"]) == seo_site.result.health_score


def test_rerun_on_saved_crawl_gives_the_same_issues(seo_site, tmp_path):
    from crawler.audit.runner import run_audit

    db = tmp_path / "crawl.sqlite"
    shutil.copy(seo_site.db, db)
    again = run_audit(db, tmp_path / "out")
    assert {(i.check, i.url) for i in again.issues} == {(i.check, i.url) for i in seo_site.result.issues}


def test_comparison_marks_new_persisting_and_fixed(seo_site, tmp_path):
    from crawler.audit.runner import run_audit

    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    short = site / "title-short" / "index.html"          # fix one defect...
    short.write_text(short.read_text().replace("<title>Tents</title>", "<title>Tents for every season and trail</title>"))
    guide = site / "docs" / "guide" / "index.html"        # ...and introduce another
    guide.write_text(guide.read_text().replace('<meta name="viewport" content="width=device-width, initial-scale=1">', ""))
    second = crawl_site(site, tmp_path / "second")
    result = run_audit(second.db, tmp_path / "cmp", previous_db=seo_site.db)
    by_key = {(i.check, second.path(i.url)): i for i in result.issues}
    assert by_key[("viewport_missing", "/docs/guide/")].new is True
    assert by_key[("title_missing", "/title-missing/")].new is False
    assert ("title_too_short", seo_site.base + "/title-short/") in {(f["check"], f["url"]) for f in result.fixed}
    assert result.persisting == len(result.issues) - 1
    data = json.loads((tmp_path / "cmp" / "issues.json").read_text())
    assert data["previous"] is True and len(data["fixed"]) == 1


def test_max_pages_makes_site_checks_inconclusive(tmp_path):
    cut = crawl_site(FIXTURE, tmp_path / "cut", max_pages=10)
    inconclusive = {i.check for i in cut.result.issues if i.inconclusive}
    assert {"title_duplicate", "sitemap_orphan", "hreflang_missing_return", "content_duplicate"} <= inconclusive
    assert not cut.result.complete
    assert all(i.url == cut.base + "/" for i in cut.result.issues if i.inconclusive)
    # page checks still ran on what was crawled
    assert not any(i.inconclusive for i in cut.result.issues if i.check == "title_missing")


def test_settings_override_severity_threshold_and_switch(seo_site, tmp_path):
    from crawler.audit.runner import run_audit
    from crawler.audit.settings import AuditSettings

    db = tmp_path / "crawl.sqlite"
    shutil.copy(seo_site.db, db)
    settings = AuditSettings.model_validate({"exclude": ["/thin/$"], "checks": {
        "title_too_long": {"thresholds": {"max_length": 70}},
        "title_too_short": {"severity": "error"},
        "url_underscore": {"enabled": False},
        "noindex": {"exclude": ["/noindex-(meta|header)/"]}}})
    r = run_audit(db, tmp_path / "o", settings)
    checks = {i.check: i for i in r.issues}
    assert "title_too_long" not in checks          # 64 characters is fine under 70
    assert checks["title_too_short"].severity == "error"
    assert "url_underscore" not in checks
    assert {i.url[len(seo_site.base):] for i in r.issues if i.check == "noindex"} == {"/noindex-googlebot/",
                                                                                     "/sitemap-noindex/"}
    assert "content_thin" not in checks


def test_bad_exclude_regex_is_rejected():
    from pydantic import ValidationError

    from crawler.audit.settings import AuditSettings

    with pytest.raises(ValidationError, match="invalid regular expression"):
        AuditSettings.model_validate({"checks": {"noindex": {"exclude": ["/panier/("]}}})


def test_unknown_check_or_threshold_in_settings_is_an_input_error(seo_site, tmp_path):
    from crawler.audit.runner import run_audit
    from crawler.audit.settings import AuditSettings
    from crawler.common.errors import InputError

    with pytest.raises(InputError, match="title_to_long"):
        run_audit(seo_site.db, tmp_path, AuditSettings.model_validate({"checks": {"title_to_long": {}}}))
    with pytest.raises(InputError, match="max_lenght"):
        run_audit(seo_site.db, tmp_path, AuditSettings.model_validate(
            {"checks": {"title_too_long": {"thresholds": {"max_lenght": 3}}}}))


def test_french_texts(seo_site, tmp_path):
    from crawler.audit.runner import run_audit

    db = tmp_path / "crawl.sqlite"
    shutil.copy(seo_site.db, db)
    r = run_audit(db, tmp_path / "fr", language="fr")
    t = next(i for i in r.issues if i.check == "title_missing")
    assert t.title == "Titre absent ou vide" and t.detail == "pas de <title>"
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "fr" / "issues.xlsx").sheetnames[0] == "Résumé"


def _traffic_store(tmp_path, *, organic: bool):
    """A traffic store holding one url_traffic row for /no-og/ (with organic_visits, or as an older store)."""
    import duckdb

    tdb = tmp_path / "traffic.duckdb"
    con = duckdb.connect(str(tdb))
    extra = ", organic_visits BIGINT" if organic else ""
    con.execute(f"CREATE TABLE url_traffic (url VARCHAR, path VARCHAR, pageviews BIGINT, visits BIGINT, "
                f"googlebot_hits BIGINT{extra})")
    con.execute(f"INSERT INTO url_traffic VALUES ('https://x/no-og/', '/no-og/', 900, 800, 40{', 500' if organic else ''})")
    con.close()
    return tdb


def test_severity_then_search_traffic_ranks_the_action_plan(seo_site, tmp_path):
    """Regression: a notice with traffic ranked above errors. Severity comes first; within a severity, the
    search traffic at risk (organic-search visits landing on the URLs) decides."""
    from crawler.audit.runner import run_audit

    tdb = _traffic_store(tmp_path, organic=True)
    db = tmp_path / "crawl.sqlite"
    shutil.copy(seo_site.db, db)
    r = run_audit(db, tmp_path / "t", traffic_db=tdb)
    assert r.has_traffic
    issue = next(i for i in r.issues if i.check == "open_graph_missing")
    assert (issue.visits, issue.googlebot_hits, issue.search_visits) == (800, 40, 500)
    ranks = {"error": 3, "warning": 2, "notice": 1}
    severities = [ranks[p["severity"]] for p in r.action_plan]
    assert severities == sorted(severities, reverse=True)             # never a notice above an error
    notices = [p for p in r.action_plan if p["severity"] == "notice"]
    assert notices[0]["check"] == "open_graph_missing" and notices[0]["search_at_risk"] == 500
    with (tmp_path / "t" / "pages.csv").open(encoding="utf-8-sig", newline="") as fh:
        pages = {row["url"]: row for row in csv.DictReader(fh)}
    assert pages[seo_site.base + "/no-og/"]["visits"] == "800"
    # without the traffic store the audit still works
    r2 = run_audit(db, tmp_path / "t2", traffic_db=tmp_path / "missing.duckdb")
    assert not r2.has_traffic and r2.action_plan[0]["severity"] == "error"


def test_a_store_without_organic_visits_still_gives_traffic(seo_site, tmp_path):
    """A traffic store written before organic_visits existed: visits still attach, search visits are 0."""
    from crawler.audit.runner import run_audit

    tdb = _traffic_store(tmp_path, organic=False)
    db = tmp_path / "crawl.sqlite"
    shutil.copy(seo_site.db, db)
    issue = next(i for i in run_audit(db, tmp_path / "t", traffic_db=tdb).issues if i.check == "open_graph_missing")
    assert (issue.visits, issue.search_visits) == (800, 0)


def test_each_check_with_findings_gets_its_own_csv_and_xlsx(seo_site, tmp_path):
    from openpyxl import load_workbook

    from crawler.audit.runner import run_audit

    db = tmp_path / "crawl.sqlite"
    shutil.copy(seo_site.db, db)
    r = run_audit(db, tmp_path / "out", language="fr")
    checks = {i.check for i in r.issues if not i.inconclusive}
    assert {p.stem for p in (tmp_path / "out" / "checks").glob("*.csv")} == checks
    title = next(i for i in r.issues if i.check == "title_missing")
    with (tmp_path / "out" / "checks" / "title_missing.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["URL", "Gravité", "Détail"] and [title.url] in [r[:1] for r in rows[1:]]
    sheet = load_workbook(tmp_path / "out" / "checks" / "title_missing.xlsx").active
    assert sheet.title == "title_missing" and sheet.cell(1, 1).value == "URL"


def test_health_score_formula():
    from crawler.audit.context import AuditContext, UrlRow
    from crawler.audit.result import Issue
    from crawler.audit.runner import health_score

    def row(i, url):
        return UrlRow(i, url, "page", "done", 0, "a", False, False, 200, "text/html", 10, 1.0, 0, [], False,
                      None, None, {}, False, None, None)

    urls = {f"http://s/{i}": row(i, f"http://s/{i}") for i in range(4)}
    ctx = AuditContext(db_path=None, meta={"start_url": "http://s/0"}, urls=urls, pages=[], hreflang_rows={},
                       sitemaps=[], sitemap_members={}, host_files={})
    issues = [Issue("a", "error", "http://s/1", "", "content", "t"), Issue("b", "warning", "http://s/2", "", "content", "t"),
              Issue("c", "notice", "http://s/3", "", "content", "t"), Issue("d", "warning", "http://s/1", "", "content", "t")]
    assert health_score(ctx, issues) == round(100 * (1 + 0 + 0.5 + 1) / 4)


def test_a_crashing_check_is_reported_not_fatal(seo_site, tmp_path, monkeypatch):
    from crawler.audit.checks.titles import TitleTooShort
    from crawler.audit.runner import run_audit

    def boom(self, page, ctx, th):
        raise ValueError("odd data")
        yield

    monkeypatch.setattr(TitleTooShort, "check", boom)
    db = tmp_path / "crawl.sqlite"
    shutil.copy(seo_site.db, db)
    r = run_audit(db, tmp_path / "o")
    assert r.check_errors and r.check_errors[0]["check"] == "title_too_short"
    assert "odd data" in r.check_errors[0]["error"]
    assert any(i.check == "title_missing" for i in r.issues)
    assert json.loads((tmp_path / "o" / "issues.json").read_text())["check_errors"]


def test_ignore_robots_crawl_still_reports_disallowed_urls(tmp_path):
    ignored = crawl_site(FIXTURE, tmp_path / "ign", ignore_robots=True)
    assert ignored.result.ignore_robots
    assert {p for _c, p in ignored.issues("blocked_by_robots")} == {"/private/secret/", "/catalog/?sort=price"}
    data = json.loads((ignored.out / "issues.json").read_text())
    assert data["ignore_robots"] is True
