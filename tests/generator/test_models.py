"""Page models built from what the producers made of the demo data (tests/report_state.py).

Each figure is checked against the producer's own number, formatted for the report: a page model that
recomputes, guesses a key or drifts from its producer fails here.
"""

import json

import pytest
from report_pages import CURRENT, figures, issues, pages_for, section, state
from report_state import home_dir

from crawler.common.errors import InputError
from generator.report import build_pages, load_state
from generator.report.fmt import NBSP, Formatter
from generator.report.model import Rich

FR = Formatter("fr", "EUR")

def test_overview_key_figures_are_the_producers_figures(client_factory):
    client = client_factory()
    audit, traffic, campaigns = issues(client), state(client, "traffic.json"), state(client, "campaigns.json")
    previous = issues(client, "20261001T060000")
    overview = pages_for(client)["index.md"]
    assert overview.title == "Rapport Maison Sentier"
    figs = figures(section(overview, "Chiffres clés"))
    health = figs["Score de santé SEO"]
    assert health.value == f"{audit['health_score']} / 100"
    assert health.change == f"{FR.diff(audit['health_score'], previous['health_score'])} vs crawl précédent"
    assert health.tone == "good" and audit["health_score"] > previous["health_score"]
    assert figs["Erreurs"].value == str(audit["counts"]["by_severity"]["error"])
    assert figs["Visites"].value == FR.integer(traffic["human"]["visits"])
    assert figs["Coût"].value == FR.money(campaigns["totals"]["cost"])
    # some days report no conversions: the figure carries the mark of its footnote (test_figures_agree.py)
    assert figs["CPA"].value == FR.money(campaigns["totals"]["cpa"]) + "¹"
    assert figs["ROAS"].value == FR.ratio(campaigns["totals"]["roas"]) + "²"
    assert figs["Clics Google (Search Console)"].value == FR.integer(traffic["search_console"]["totals"]["clicks"])
    assert overview.sections[0].charts, "the overview has a chart"


def test_every_figure_shown_twice_is_the_same(client_factory):
    pages = pages_for(client_factory())
    overview = figures(section(pages["index.md"], "Chiffres clés"))
    audit = figures(section(pages["audit.md"], "Problèmes"))
    traffic = figures(section(pages["traffic.md"], "Chiffres clés"))
    campaigns = figures(section(pages["campaigns.md"], "Chiffres clés"))
    assert overview["Score de santé SEO"].value == audit["Score de santé SEO"].value
    assert overview["Erreurs"].value == audit["Erreurs"].value
    assert overview["Visites"].value == traffic["Visites"].value
    for key in ("Coût", "Conversions", "CPA", "ROAS"):
        assert overview[key].value == campaigns[key].value, key


def test_action_plan_is_the_audits_own_ranking(client_factory):
    client = client_factory()
    plan_rows = section(pages_for(client)["index.md"], "Plan d’action").tables[0].rows
    from crawler.audit.registry import get

    expected = [get(p["check"]).title_for(issues(client)["checks"][p["check"]]["thresholds"]).get("fr")
                for p in issues(client)["action_plan"]]
    assert [row[1].text for row in plan_rows] == expected[:10]
    first = issues(client)["action_plan"][0]["check"]
    assert plan_rows[0][-1] == get(first).fix_for(issues(client)["checks"][first]["thresholds"]).get("fr")


def test_check_texts_come_from_the_registry_in_the_report_language(client_factory):
    """A report in English of an audit run in French shows the English texts (read at build time)."""
    client = client_factory(language="en")
    assert issues(client)["language"] == "fr"
    audit = pages_for(client)["audit.md"]
    titles = [str(getattr(r[1], "text", r[1])) for r in section(audit, "Issues").tables[0].rows]
    assert "Missing meta description" in titles
    assert "Meta description absente" not in titles


def test_audit_page_counts_new_and_fixed_issues(client_factory):
    client = client_factory()
    audit = issues(client)
    page = pages_for(client)["audit.md"]
    sec = section(page, "Problèmes")
    figs = figures(sec)
    assert figs["Pages crawlées"].value == str(audit["pages_crawled"])
    assert figs["Corrigés depuis le crawl précédent"].value == FR.integer(len(audit["fixed"]))
    assert audit["fixed"], "the stricter previous audit has issues this one no longer finds"
    rows = {getattr(r[1], "text", r[1]): r for r in sec.tables[0].rows}
    underscore = rows["Tiret bas dans l'URL"]
    assert underscore[4] == "1", "url_underscore was disabled in the previous audit: its issue is new"
    detail = next(d for d in section(page, "Détail par vérification").details if d.title.startswith("Titre trop"))
    assert any(label == "Pourquoi c’est important" for label, _ in detail.paragraphs)
    links = [row[0] for row in detail.table.rows]
    assert links[0].href is not None and links[0].href.startswith("http")


def test_health_trend_has_one_point_per_crawl(client_factory):
    client = client_factory()
    trend = section(pages_for(client)["audit.md"], "Évolution du score de santé")
    assert trend.charts
    assert [r[2] for r in trend.tables[0].rows] == [str(issues(client)["health_score"]),
                                                    str(issues(client, "20261001T060000")["health_score"])]
    assert [r[1] for r in trend.tables[0].rows] == [f"1{NBSP}nov.{NBSP}2026 06:02 UTC",
                                                    f"1{NBSP}oct.{NBSP}2026 06:02 UTC"]


def test_traffic_page(client_factory):
    client = client_factory()
    t = state(client, "traffic.json")
    traffic = pages_for(client)["traffic.md"]
    figs = figures(section(traffic, "Chiffres clés"))
    assert figs["Taux de rebond"].value == FR.percent(t["human"]["bounce_rate"])
    channels = section(traffic, "Visites par canal")
    from generator.report.names import channel_name

    assert [r[0] for r in channels.tables[0].rows][:2] == [channel_name(k, "fr") for k in list(t["channels"])[:2]]
    assert [r[0] for r in channels.tables[0].rows][:2] == ["Recherche naturelle", "Accès direct"]
    assert channels.charts
    assert section(traffic, "Évolution quotidienne").charts
    googlebot = section(traffic, "Activité de Googlebot")
    assert figures(googlebot)["Requêtes Googlebot"].value == FR.integer(t["googlebot"]["hits"])
    assert figures(googlebot)["URL distinctes crawlées"].value == FR.integer(t["googlebot"]["urls_crawled"])
    wasted = next(tb for tb in googlebot.tables if tb.caption == "Budget de crawl gaspillé")
    assert wasted.rows[0][1:] == ["noindex", FR.integer(t["googlebot"]["crawl"]["wasted_urls"][0]["hits"])]
    landing = section(traffic, "Principales pages d’atterrissage").tables[0]
    assert landing.rows[0][0].href is None  # a relative path is text, not a link
    assert section(traffic, "Robots").charts


def test_search_console_and_analytics(client_factory):
    client = client_factory()
    t = state(client, "traffic.json")
    traffic = pages_for(client)["traffic.md"]
    gsc = section(traffic, "Search Console")
    figs = figures(gsc)
    assert figs["Clics"].value == FR.integer(t["search_console"]["totals"]["clicks"])
    assert figs["Position moyenne"].value == FR.number(t["search_console"]["totals"]["position"], 1)
    queries = next(tb for tb in gsc.tables if tb.caption == "Principales requêtes")
    assert queries.rows[0][0] == t["search_console"]["top_queries"][0]["query"]
    ga = section(traffic, "Analytics (Google Analytics 4)")
    assert figures(ga)["Sessions"].value == FR.integer(t["analytics"]["sessions"])


def test_campaigns_page_kpis_pacing_targets_anomalies(client_factory):
    client = client_factory()
    c = state(client, "campaigns.json")
    camp = pages_for(client)["campaigns.md"]
    platforms = section(camp, "Par plateforme").tables[0]
    assert {r[0] for r in platforms.rows} == {"Google Ads", "Microsoft Advertising", "Meta Ads", "LinkedIn Ads"}
    by_campaign = section(camp, "Par campagne").tables[0]
    top = c["by_campaign"][0]
    assert by_campaign.rows[0][:3] == [top["campaign"], "Google Ads", FR.money(top["cost"])]
    pacing = section(camp, "Rythme de dépense du budget")
    assert pacing.charts
    first = c["pacing"][0]
    row = pacing.tables[0].rows[0]
    assert row[0] == "Search payant"
    assert row[1] == "octobre 2026"
    assert row[3] == FR.money(first["spend_to_date"]) and row[5] == FR.percent(first["pacing_ratio"], 0)
    assert row[-1].startswith("en dépassement")  # 102 % of the month's budget spent
    targets = section(camp, "Objectifs").tables[0].rows
    assert [r[-1] for r in targets] == ["atteint" if t["status"] == "met" else "manqué" for t in c["targets"]]
    anomaly = section(camp, "Anomalies").items[0]
    assert isinstance(anomaly, Rich) and (c["anomalies"][0]["campaign"], True) in anomaly.parts


def test_untrusted_campaign_names_stay_raw_text_in_the_model(client_factory):
    """Escaping happens once, at render time: the model keeps the stranger's text as it is."""
    client = client_factory()
    path = home_dir(client.state_dir) / "campaigns.json"
    data = json.loads(path.read_text())
    data["by_campaign"][0]["campaign"] = "<script>alert(1)</script>"
    data["anomalies"][0]["campaign"] = "*x* | [y](javascript:alert(2))"
    path.write_text(json.dumps(data))
    camp = pages_for(client)["campaigns.md"]
    assert section(camp, "Par campagne").tables[0].rows[0][0] == "<script>alert(1)</script>"
    assert ("*x* | [y](javascript:alert(2))", True) in section(camp, "Anomalies").items[0].parts


def test_english_labels(client_factory):
    client = client_factory(language="en")
    pages = pages_for(client)
    assert [p.nav_title for p in pages.values() if p.in_nav] == ["Overview", "SEO audit", "Traffic", "Campaigns",
                                                                  "Archive", "Methodology"]
    figs = figures(section(pages["index.md"], "Key figures"))
    assert figs["Cost"].value == Formatter("en", "EUR").money(state(client, "campaigns.json")["totals"]["cost"])
    pacing = section(pages["campaigns.md"], "Budget pacing").tables[0]
    assert pacing.rows[0][0] == "Paid Search"


def test_missing_data_says_so(client_factory):
    pages = pages_for(client_factory(audit=False, traffic=False, campaigns=False))
    assert "aucun crawl" in pages["audit.md"].notice
    assert "aucun journal" in pages["traffic.md"].notice
    assert "aucun export" in pages["campaigns.md"].notice
    assert section(pages["index.md"], "Plan d’action").empty


def test_invalid_json_names_file_and_line(client_factory):
    client = client_factory()
    (home_dir(client.state_dir) / "traffic.json").write_text('{"hits": 1,\n "human": }\n')
    with pytest.raises(InputError, match=r"traffic\.json:2: invalid JSON"):
        pages_for(client)


def test_a_file_that_breaks_its_contract_is_refused_with_its_name(client_factory):
    client = client_factory()
    path = client.state_dir / "crawls" / "main" / CURRENT / "issues.json"
    data = json.loads(path.read_text())
    del data["health_score"]
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"issues\.json: health_score: field required"):
        pages_for(client)


def test_a_file_of_another_schema_version_is_refused(client_factory):
    client = client_factory()
    path = home_dir(client.state_dir) / "campaigns.json"
    data = json.loads(path.read_text())
    data["schema_version"] = 99
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"campaigns\.json: schema_version 99, expected 1"):
        pages_for(client)


def test_incomplete_crawl_is_reported(client_factory):
    client = client_factory()
    path = client.state_dir / "crawls" / "main" / CURRENT / "issues.json"
    data = json.loads(path.read_text())
    data.update(complete=False, incomplete_reason="max_pages")
    path.write_text(json.dumps(data))
    items = section(pages_for(client)["audit.md"], "Problèmes").items
    assert any("non concluantes" in i and "max_pages" in i for i in items)


def test_campaign_sources_hide_local_folders(client_factory):
    client = client_factory()
    camp = pages_for(client)["campaigns.md"]
    sources = section(camp, "Sources des données")
    names = [r[0] for r in sources.tables[0].rows]
    assert "google_ads_campagnes_2026-09_2026-10.csv" in names
    assert all("/" not in n for n in names)
    assert "/work/" not in json.dumps([sources.items, sources.tables[0].rows])


def test_exports_without_logs(client_factory):
    client = client_factory()
    path = home_dir(client.state_dir) / "traffic.json"
    full = json.loads(path.read_text())
    path.write_text(json.dumps({"schema_version": 1, "search_console": full["search_console"],
                                "analytics": full["analytics"]}))
    pages = pages_for(client)
    traffic = pages["traffic.md"]
    assert "Aucun journal serveur" in traffic.notice
    assert [s.title for s in traffic.sections] == ["Search Console", "Analytics (Google Analytics 4)"]
    figs = figures(section(pages["index.md"], "Chiffres clés"))
    assert "Visites" not in figs  # no log figures shown as dashes
    assert figs["Sessions (analytics)"].value == FR.integer(full["analytics"]["sessions"])


def test_two_sites_get_their_own_sections_and_scores(client_factory):
    import shutil

    client = client_factory()
    crawls = client.state_dir / "crawls"
    shutil.copytree(crawls / "main", crawls / "shop")
    (crawls / "main" / "20261201T060000.partial").mkdir()  # an unfinished crawl is ignored
    pages = pages_for(client)
    titles = [s.title for s in pages["audit.md"].sections]
    assert "Site main" in titles and "Site shop" in titles
    figs = figures(section(pages["index.md"], "Chiffres clés"))
    score = f"{issues(client)['health_score']} / 100"
    assert figs["Score de santé SEO (main)"].value == figs["Score de santé SEO (shop)"].value == score
    plan = section(pages["index.md"], "Plan d’action").tables[0]
    assert "Site" in [c.label for c in plan.columns]


def test_crawl_overview_from_the_crawl_database(client_factory):
    client = client_factory()
    audit = pages_for(client)["audit.md"]
    overview = section(audit, "Vue du crawl")
    figs = figures(overview)
    assert figs["URL internes demandées"].value == str(issues(client)["pages_crawled"])
    assert overview.charts
    assert [r[0] for r in overview.tables[0].rows] == ["200", "404"]


def test_unreadable_crawl_database_is_skipped(client_factory):
    client = client_factory()
    db = client.state_dir / "crawls" / "main" / CURRENT / "crawl.sqlite"
    db.write_bytes(b"not a database")
    audit = pages_for(client)["audit.md"]
    assert "Vue du crawl" not in [s.title for s in audit.sections]
    assert section(audit, "Problèmes").tables


def test_long_daily_campaign_data_is_aggregated_per_day_and_platform(client_factory):
    client = client_factory()
    path = home_dir(client.state_dir) / "campaigns.json"
    data = json.loads(path.read_text())
    data["daily"] = [{"date": f"2026-{m:02d}-{d:02d}", "platform": "google_ads", "campaign": f"c{i}", "cost": 1.0}
                     for m in range(1, 13) for d in range(1, 29) for i in range(30)]  # 10,080 rows
    anomaly = data["anomalies"][0]
    data["anomalies"] = [{**anomaly, "campaign": f"c{i}"} for i in range(40)]
    path.write_text(json.dumps(data))
    camp = pages_for(client)["campaigns.md"]
    spec = json.loads(section(camp, "Dépense quotidienne").charts[0].spec)
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 12 * 28 and values[0]["cost"] == 30.0
    items = section(camp, "Anomalies").items
    assert len(items) == 26 and items[-1] == "… et 15 de plus."


def test_overview_says_what_it_covers(client_factory):
    overview = pages_for(client_factory())["index.md"]
    assert overview.intro == f"Dernier crawl : 1{NBSP}nov.{NBSP}2026 06:02 UTC"
    assert overview.period == (f"Période : octobre 2026 (1er–\u206031{NBSP}octobre{NBSP}2026) · "
                               "comparé à septembre 2026")


def test_every_page_names_its_period_and_archived_pages_say_so(client_factory):
    from crawler.common.period import Period

    client = client_factory(language="en")
    home = pages_for(client)
    assert {p.period for n, p in home.items() if n not in ("archive.md", "methodology.md")} == {
        f"Period: October 2026 (October{NBSP}1–\u206031,{NBSP}2026) · compared with September 2026"}
    assert "archive/2026-09/index.html" in str(home["archive.md"].sections[0].tables[0].rows)
    past = load_state(client.state_dir, name=client.name, slug=client.slug, language="en", currency="EUR",
                      period=Period.month(2026, 9))
    pages = build_pages(past)
    assert [p.filename for p in pages if p.in_nav] == [f"archive/2026-09/{n}" for n in
                                                       ("index.md", "audit.md", "traffic.md", "campaigns.md")]
    assert all(p.notice.startswith("Archived report for September 2026. The latest report is for October 2026.")
               for p in pages)
    assert {p.period for p in pages} == {
        f"Period: September 2026 (September{NBSP}1–\u206030,{NBSP}2026) · no earlier period to compare with"}
    assert past.traffic["report_period"]["key"] == "2026-09"
    assert past.traffic["human"]["visits"] != load_state(
        client.state_dir, name="x", slug="x", language="en", currency="EUR").traffic["human"]["visits"]
