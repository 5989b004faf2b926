"""Page models of the audit side: the action plan's rows, one page per check, new and fixed issues,
issues by category. Built from what the producers made of the demo data (tests/report_state.py)."""

from report_pages import issues, pages_for, section


def test_action_plan_rows_name_their_urls_and_link_to_their_check_page(client_factory):
    from generator.report.model import Link

    pages = pages_for(client_factory())
    plan = section(pages["index.md"], "Plan d’action").tables[0]
    ranks = {"Erreur": 3, "Avertissement": 2, "Remarque": 1}
    severities = [ranks[r[2]] for r in plan.rows]
    assert severities == sorted(severities, reverse=True)  # a notice never ranks above an error
    audit = issues(client_factory(slug="other"))
    for row in plan.rows:
        link = row[1]
        assert isinstance(link, Link) and link.local and link.href.startswith("checks/")
        check = link.href[len("checks/"):-len(".html")]
        assert f"checks/{check}.md" in pages
        urls = [i["url"] for i in audit["issues"] if i["check"] == check]
        assert row[3].split(",")[0].strip().split(" ")[0] in {u.split("example", 1)[1] for u in urls}
    assert not any("/panier/" in str(r) for r in plan.rows)  # the cart is noindex on purpose
    assert audit["excluded_on_purpose"] == ["https://www.maison-sentier.example/panier/"]


def test_each_check_page_lists_every_url_and_offers_its_files(client_factory):
    client = client_factory(language="en")
    pages = pages_for(client)
    audit = issues(client)
    checks = {i["check"] for i in audit["issues"] if not i.get("inconclusive")}
    assert {p[len("checks/"):-3] for p in pages if p.startswith("checks/")} == checks
    for check in checks:
        page = pages[f"checks/{check}.md"]
        assert not page.in_nav and page.intro.startswith("Severity: ") and check not in page.intro
        about, urls = page.sections[0], page.sections[1]
        assert [d.target for d in about.downloads] == [f"downloads/main-{check}.xlsx", f"downloads/main-{check}.csv"]
        assert all(d.source.is_file() for d in about.downloads)
        expected = sorted(i["url"] for i in audit["issues"] if i["check"] == check)
        assert sorted(r[0].text for r in urls.tables[0].rows) == expected
        assert any(text.startswith("How to fix: ") for text in about.items)
        assert not any(k in str(about.items) for k in ("min_words", "max_length", "max_kb"))


def test_audit_lists_new_and_fixed_issues_with_urls_and_counts_by_category(client_factory):
    client = client_factory(language="en")
    audit = issues(client)
    page = pages_for(client)["audit.md"]
    changes = section(page, "New and fixed since the previous crawl")
    new, fixed = changes.tables
    assert new.caption == f"New ({sum(1 for i in audit['issues'] if i['new'] and not i.get('inconclusive'))})"
    assert fixed.caption == f"Fixed ({len(audit['fixed'])})"
    assert {r[1].text for r in fixed.rows} == {f["url"] for f in audit["fixed"]}
    by_cat = section(page, "Issues by category and severity").tables[0]
    totals = [sum(int(c.replace(",", "")) for c in r[1:4]) for r in by_cat.rows]
    assert sum(totals) == sum(audit["counts"]["by_severity"].values())
    assert section(page, "Health score over crawls").intro.startswith("The share of crawled pages")
