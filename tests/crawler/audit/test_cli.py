"""`traffic audit` / `traffic checks`: exit codes of the CI gate, --db reruns, bad input."""

from __future__ import annotations

import json
import shutil
import socket

from conftest import FIXTURE


def traffic(*argv: str) -> int:
    from generator.commands import main

    return main([str(a) for a in argv])


def test_checks_lists_the_registry_in_french(capsys):
    assert traffic("checks", "--lang", "fr") == 0
    out = capsys.readouterr().out
    assert "title_missing" in out and "Titre absent" in out and "contrôles SEO" in out


def test_registry_has_70_checks_with_fr_and_en_texts():
    from crawler.audit.base import CATEGORIES
    from crawler.audit.registry import all_checks, get

    checks = all_checks()
    assert len(checks) >= 70
    assert len({c.id for c in checks}) == len(checks)
    for c in checks:
        for text in (c.title, c.why, c.fix):
            assert text.en.strip() and text.fr.strip() and text.en != text.fr or c.category == "hreflang"
        assert c.severity in ("error", "warning", "notice") and c.category in CATEGORIES
        assert c.scope in ("page", "site") and c.reads
        for name in c.thresholds:
            assert name in c.fix.en and name in c.fix.fr, f"{c.id}: threshold {name} not documented"
    assert get("noindex").id == "noindex"
    assert {c.category for c in checks} == set(CATEGORIES)


def test_audit_crawls_and_gates(tmp_path, capsys):
    from site_server import serve_site

    out = tmp_path / "out"
    with serve_site(FIXTURE) as base:
        code = traffic("audit", base + "/", "--out", out, "--quiet", "--fail-on", "error")
    assert code == 1
    assert "audit gate failed" in capsys.readouterr().out
    data = json.loads((out / "issues.json").read_text())
    assert data["pages_crawled"] > 50 and (out / "crawl.sqlite").is_file()

    # --db reruns on the saved crawl; the same crawl as --previous has nothing new
    db = tmp_path / "saved.sqlite"
    shutil.copy(out / "crawl.sqlite", db)
    assert traffic("audit", "--db", db, "--out", tmp_path / "rerun", "--fail-on", "warning") == 1
    assert traffic("audit", "--db", db, "--out", tmp_path / "rerun2", "--previous", out / "crawl.sqlite",
                   "--fail-on", "warning", "--new-only") == 0
    assert traffic("audit", "--db", db, "--out", tmp_path / "rerun3") == 0     # no gate: exit 0
    rerun = json.loads((tmp_path / "rerun2" / "issues.json").read_text())
    assert rerun["previous"] and not any(i["new"] for i in rerun["issues"])


def test_gate_passes_on_a_clean_site(tmp_path):
    from site_server import serve_site

    site = tmp_path / "site"
    shutil.copytree(FIXTURE / "img", site / "img")
    shutil.copy(FIXTURE / "docs" / "guide" / "index.html", site / "index.html")
    (site / "index.html").write_text((site / "index.html").read_text().replace("/docs/guide/", "/"))
    with serve_site(site) as base:
        assert traffic("audit", base + "/", "--out", tmp_path / "o", "--quiet", "--fail-on", "error") == 0


def test_unreachable_url_is_a_one_line_error(tmp_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert traffic("audit", f"http://127.0.0.1:{port}/", "--out", tmp_path, "--quiet") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("traffic: error:") and "\n" not in err


def test_bad_arguments_exit_2(tmp_path, capsys):
    assert traffic("audit", "--db", tmp_path / "nope.sqlite", "--out", tmp_path) == 2
    assert traffic("audit", "--out", tmp_path) == 2
    assert traffic("audit", "--db", tmp_path / "x.sqlite", "--out", tmp_path, "--new-only") == 2


def test_second_audit_in_the_same_folder_compares_with_the_first(tmp_path):
    from site_server import serve_site

    out = tmp_path / "out"
    with serve_site(FIXTURE) as base:
        assert traffic("audit", base + "/", "--out", out, "--quiet") == 0
        assert traffic("audit", base + "/", "--out", out, "--quiet", "--fail-on", "error", "--new-only") == 0
    data = json.loads((out / "issues.json").read_text())
    assert data["previous"] is True and not any(i["new"] for i in data["issues"])
    assert (out / "crawl.previous.sqlite").is_file()


def test_list_mode_audits_the_listed_urls_and_site_checks_are_inconclusive(tmp_path):
    from site_server import serve_site

    with serve_site(FIXTURE) as base:
        lst = tmp_path / "urls.txt"
        lst.write_text(f"{base}/title-short/\n{base}/docs/guide/\n")
        assert traffic("audit", "--list", lst, "--out", tmp_path / "o", "--quiet") == 0
    data = json.loads((tmp_path / "o" / "issues.json").read_text())
    checks = {(i["check"], i.get("inconclusive", False)) for i in data["issues"]}
    assert ("title_too_short", False) in checks and ("sitemap_orphan", True) in checks
    assert data["pages_crawled"] == 2


def test_audit_without_out_writes_to_audit_host_in_the_current_folder(tmp_path, monkeypatch):
    from site_server import serve_site

    monkeypatch.chdir(tmp_path)
    with serve_site(FIXTURE) as base:
        assert traffic("audit", base + "/", "--quiet") == 0
    port = base.rsplit(":", 1)[1].strip("/")
    folder = tmp_path / f"audit-127.0.0.1_{port}"
    assert (folder / "issues.json").is_file() and (folder / "crawl.sqlite").is_file()


def test_bad_url_without_out_leaves_no_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert traffic("audit", "not a url", "--quiet") == 2
    assert traffic("audit", "http://127.0.0.1:9/", "--quiet") == 2
    assert list(tmp_path.iterdir()) == []


def test_audit_leaves_one_self_contained_database_file(tmp_path):
    """Regression: read-only connections left a -wal file holding the audit tables beside crawl.sqlite."""
    import sqlite3

    from site_server import serve_site

    out = tmp_path / "out"
    with serve_site(FIXTURE) as base:
        assert traffic("audit", base + "/", "--out", out, "--quiet") == 0
    assert not (out / "crawl.sqlite-wal").exists() or (out / "crawl.sqlite-wal").stat().st_size == 0
    copy = tmp_path / "copy.sqlite"
    shutil.copy(out / "crawl.sqlite", copy)   # the file alone, as a user would send it
    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM audit_issues").fetchone()[0] > 0
    con.close()


def test_traffic_db_that_is_not_a_traffic_store_is_refused_before_crawling(tmp_path, capsys):
    """Regression: `audit --traffic-db` pointing at a non-DuckDB file was accepted (exit 0)."""
    from generator.commands import main

    bogus = tmp_path / "traffic.duckdb"
    bogus.write_text("not a database")
    assert main(["audit", "--db", str(tmp_path / "none.sqlite"), "--traffic-db", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"traffic: error: {bogus}: not a DuckDB traffic store") and err.count("\n") == 1
