"""Page models built from the fixture outputs: figures, ordering, deltas, nulls, FR/EN, missing data."""

import json

import pytest

from crawler.common.errors import InputError
from generator.report import build_pages, load_state
from generator.report.fmt import MINUS, NBSP, NNBSP
from generator.report.model import Rich


def pages_for(client):
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                      currency=client.currency)
    return {p.filename: p for p in build_pages(data)}


def section(page, title):
    return next(s for s in page.sections if s.title == title)


def figures(sec):
    return {f.label: f for f in sec.figures}


def test_overview_key_figures_in_french(client_factory):
    pages = pages_for(client_factory())
    overview = pages["index.md"]
    assert overview.title == "Rapport Maison Sentier"
    figs = figures(section(overview, "Chiffres clés"))
    assert figs["Score de santé SEO"].value == "84 / 100"  # 83.5 rounded
    assert figs["Score de santé SEO"].change == "+6 vs crawl précédent"  # 83.5 vs 78
    assert figs["Score de santé SEO"].tone == "good"
    assert figs["Coût"].value == f"12{NNBSP}345,67{NBSP}€"
    assert figs["Visites"].value == f"2{NNBSP}450"
    assert figs["Part Organic Search"].value == f"50,4{NNBSP}%"  # 1234 / 2450
    assert figs["ROAS"].value == "3,90"
    assert overview.sections[0].charts, "the overview has a chart"


def test_action_plan_ranks_by_traffic_at_risk_then_severity(client_factory):
    overview = pages_for(client_factory())["index.md"]
    plan = section(overview, "Plan d’action").tables[0]
    titles = [row[1] for row in plan.rows]
    # visits at risk first (900, 340, 120), then severity; inconclusive checks are left out
    assert titles == ["Image without alt", "Titre trop long", "Titre manquant", "URL with upper case"]
    assert plan.rows[2][-1] == "Ajoutez une balise <title> unique."  # how-to text from issues.json


def test_action_plan_without_traffic_ranks_by_severity_then_count(client_factory):
    client = client_factory()
    latest = client.state_dir / "crawls" / "main" / "20261101T060000" / "issues.json"
    data = json.loads(latest.read_text())
    for issue in data["issues"]:
        issue.pop("visits", None)
    latest.write_text(json.dumps(data))
    plan = section(pages_for(client)["index.md"], "Plan d’action").tables[0]
    assert [row[1] for row in plan.rows] == ["Titre manquant", "Titre trop long", "Image without alt",
                                             "URL with upper case"]
    assert "Visites" not in [c.label for c in plan.columns]


def test_audit_page_groups_checks_with_texts(client_factory):
    audit = pages_for(client_factory())["audit.md"]
    issues = section(audit, "Problèmes")
    figs = figures(issues)
    assert figs["Pages crawlées"].value == "24"
    assert figs["Erreurs"].value == "1"
    assert figs["Erreurs"].change == f"{MINUS}1 vs crawl précédent"
    assert figs["Avertissements"].change == "+2 vs crawl précédent"
    table = issues.tables[0]
    rows = {r[1]: r for r in table.rows}
    assert rows["Titre trop long"][3:5] == ["2", "2"]  # count, new
    assert "Orphan URL in sitemap (non concluant)" in rows
    detail = next(d for d in section(audit, "Détail par vérification").details if d.title.startswith("Titre trop"))
    assert ("Pourquoi c’est important", "Google tronque les titres de plus de 60 caractères.") in detail.paragraphs
    links = [row[0] for row in detail.table.rows]
    assert links[0].href is not None and links[0].href.startswith("https://")
    assert links[1].text == "javascript:alert(3)" and links[1].href is None  # never a javascript: link
    trend = section(audit, "Évolution du score de santé")
    assert trend.charts and [r[2] for r in trend.tables[0].rows] == ["83,5", "78"]


def test_health_score_computed_when_the_audit_has_none(client_factory):
    client = client_factory()
    latest = client.state_dir / "crawls" / "main" / "20261101T060000" / "issues.json"
    data = json.loads(latest.read_text())
    del data["health_score"]
    latest.write_text(json.dumps(data))
    figs = figures(section(pages_for(client)["audit.md"], "Problèmes"))
    # one page with an error out of 24 crawled
    assert figs["Score de santé SEO"].value == "96 / 100"
    assert "part des pages crawlées sans erreur" in figs["Score de santé SEO"].note


def test_traffic_page(client_factory):
    traffic = pages_for(client_factory())["traffic.md"]
    figs = figures(section(traffic, "Chiffres clés"))
    assert figs["Taux de rebond"].value == f"45,0{NNBSP}%"  # 1102 / 2450
    assert figs["Bande passante"].value == f"734,0{NBSP}Mo"
    assert section(traffic, "Chiffres clés").items == ["3 ligne(s) de journal rejetée(s) sur 12\u202f500."]
    channels = section(traffic, "Visites par canal")
    assert [r[0] for r in channels.tables[0].rows][:2] == ["Organic Search", "Paid Search"]
    assert channels.charts
    assert section(traffic, "Évolution quotidienne").charts
    googlebot = section(traffic, "Activité de Googlebot")
    assert figures(googlebot)["Requêtes Googlebot"].value == f"1{NNBSP}510"
    assert googlebot.charts, "daily Googlebot hits come from daily[].googlebot_hits"
    landing = section(traffic, "Principales pages d’atterrissage").tables[0]
    assert landing.rows[2][0].href is None  # a relative path is text, not a link
    assert section(traffic, "Robots").charts


def test_campaigns_page_kpis_nulls_and_comparison(client_factory):
    camp = pages_for(client_factory())["campaigns.md"]
    by_campaign = section(camp, "Par campagne").tables[0]
    names = [r[0] for r in by_campaign.rows]
    assert names[0] == "<script>alert(1)</script>"  # raw text in the model; escaped at render time
    meta = by_campaign.rows[names.index("Prospection *Automne* | [x](javascript:alert(5))")]
    assert meta[1] == "Meta Ads"
    assert meta[8] == "—"  # CPA with zero conversions is null
    comp = section(camp, "Comparaison du mois en cours").tables[0]
    cost = comp.rows[0]
    assert cost[0] == "Coût" and cost[3] == f"{MINUS}2,3{NNBSP}%"  # 6100 vs 6245.67
    ctr = comp.rows[3]
    assert ctr[3] == f"{MINUS}0,1{NBSP}pt"  # rates change in points
    pacing = section(camp, "Rythme de dépense du budget")
    assert pacing.charts
    assert pacing.tables[0].rows[0][0] == "Search payant"
    assert pacing.tables[0].rows[0][-1] == f"en retrait (alerte 80{NNBSP}%)"
    assert section(camp, "Objectifs").tables[0].rows[0][-1] == "manqué"
    anomaly = section(camp, "Anomalies").items[0]
    assert isinstance(anomaly, Rich) and ("<script>alert(6)</script>", True) in anomaly.parts


def test_english_labels(client_factory):
    pages = pages_for(client_factory(language="en"))
    assert [p.nav_title for p in pages.values()] == ["Overview", "SEO audit", "Traffic", "Campaigns"]
    figs = figures(section(pages["index.md"], "Key figures"))
    assert figs["Cost"].value == "€12,345.67"


def test_missing_data_says_so(client_factory):
    pages = pages_for(client_factory(audit=False, traffic=False, campaigns=False))
    assert "aucun crawl" in pages["audit.md"].notice
    assert "aucun journal" in pages["traffic.md"].notice
    assert "aucun export" in pages["campaigns.md"].notice
    assert section(pages["index.md"], "Plan d’action").empty


def test_invalid_json_names_file_and_line(client_factory):
    client = client_factory()
    (client.state_dir / "traffic.json").write_text('{"hits": 1,\n "human": }\n')
    with pytest.raises(InputError, match=r"traffic\.json:2: invalid JSON"):
        pages_for(client)


def test_googlebot_log_analysis_joined_with_the_crawl(client_factory):
    traffic = pages_for(client_factory())["traffic.md"]
    gb = section(traffic, "Activité de Googlebot")
    figs = figures(gb)
    assert figs["URL distinctes crawlées"].value == "61"
    assert figs["Googlebot smartphone"].value == f"1{NNBSP}210"
    assert figs["Requêtes sur des URL non indexables"].value == "80"
    assert figs["Requêtes sur des URL non indexables"].tone == "bad"
    assert figs["Pages crawlées jamais visitées par Googlebot"].value == "3"
    captions = [t.caption for t in gb.tables]
    assert "Budget de crawl gaspillé" in captions and "URL orphelines visitées par Googlebot" in captions
    wasted = next(t for t in gb.tables if t.caption == "Budget de crawl gaspillé")
    assert wasted.rows[0][1:] == ["noindex", "80"]
    not_found = section(traffic, "Pages introuvables (404)").tables[0]
    assert not_found.rows[0][-1] == "https://www.maison-sentier.example/blog/"  # the crawled page linking to it


def test_search_console_and_analytics(client_factory):
    traffic = pages_for(client_factory())["traffic.md"]
    gsc = section(traffic, "Search Console")
    figs = figures(gsc)
    assert figs["Clics"].value == f"1{NNBSP}180"
    assert figs["CTR"].value == f"2,94{NNBSP}%"
    assert figs["Position moyenne"].value == "14,2"
    assert gsc.charts
    queries = next(t for t in gsc.tables if t.caption == "Principales requêtes")
    assert queries.rows[0][0] == "chaussure trail <script>alert(7)</script>"
    ga = section(traffic, "Analytics (Google Analytics 4)")
    assert figures(ga)["Sessions"].value == f"1{NNBSP}860"
    assert ga.tables[0].rows[0] == ["Organic Search", f"1{NNBSP}300", f"61,5{NNBSP}%", "40"]


def test_audit_fixed_issues_and_category_names(client_factory):
    audit = pages_for(client_factory())["audit.md"]
    issues = section(audit, "Problèmes")
    assert figures(issues)["Corrigés depuis le crawl précédent"].value == "1"
    categories = {r[1]: r[2] for r in issues.tables[0].rows}
    assert categories["Titre trop long"] == "Titres, descriptions et intertitres"
    detail = next(d for d in section(audit, "Détail par vérification").details if d.title.startswith("Titre trop"))
    assert ("Comment corriger", "Raccourcissez le titre à 60 caractères au plus.") in detail.paragraphs


def test_incomplete_crawl_is_reported(client_factory):
    client = client_factory()
    latest = client.state_dir / "crawls" / "main" / "20261101T060000" / "issues.json"
    data = json.loads(latest.read_text())
    data.update(complete=False, incomplete_reason="max_pages")
    latest.write_text(json.dumps(data))
    items = section(pages_for(client)["audit.md"], "Problèmes").items
    assert any("non concluantes" in i and "max_pages" in i for i in items)


def test_campaign_sources_hide_local_folders_and_utm_comparison(client_factory):
    camp = pages_for(client_factory())["campaigns.md"]
    sources = section(camp, "Sources des données")
    assert [r[0] for r in sources.tables[0].rows] == ["google_ads_sept.csv", "meta_fr.csv"]
    assert [r[-1] for r in sources.tables[0].rows] == ["concorde", "—"]
    assert sources.items[0].startswith("meta_fr.csv: ")
    assert "/home/" not in json.dumps([sources.items, sources.tables[0].rows])
    utm = section(camp, "Clics des plateformes et visites mesurées").tables[0]
    assert utm.rows[0] == ["Brand FR", "brand_fr", f"5{NNBSP}000", f"4{NNBSP}300", f"{MINUS}700", f"86{NNBSP}%"]
    assert utm.rows[1][0] == "—" and utm.rows[1][4] == "—"


def test_exports_without_logs(client_factory):
    client = client_factory()
    path = client.state_dir / "traffic.json"
    full = json.loads(path.read_text())
    path.write_text(json.dumps({"search_console": full["search_console"], "analytics": full["analytics"]}))
    pages = pages_for(client)
    traffic = pages["traffic.md"]
    assert "Aucun journal serveur" in traffic.notice
    assert [s.title for s in traffic.sections] == ["Search Console", "Analytics (Google Analytics 4)"]
    figs = figures(section(pages["index.md"], "Chiffres clés"))
    assert "Visites" not in figs  # no log figures shown as dashes
    assert figs["Clics Google (Search Console)"].value == f"1{NNBSP}180"
    assert figs["Sessions (analytics)"].value == f"1{NNBSP}860"


def test_two_sites_get_their_own_sections_and_scores(client_factory):
    import shutil

    client = client_factory()
    crawls = client.state_dir / "crawls"
    shutil.copytree(crawls / "main", crawls / "shop")
    (crawls / "main" / "20261101T060000.partial").mkdir()  # an unfinished crawl is ignored
    pages = pages_for(client)
    titles = [s.title for s in pages["audit.md"].sections]
    assert "Site main" in titles and "Site shop" in titles
    figs = figures(section(pages["index.md"], "Chiffres clés"))
    assert figs["Score de santé SEO (main)"].value == figs["Score de santé SEO (shop)"].value == "84 / 100"
    plan = section(pages["index.md"], "Plan d’action").tables[0]
    assert "Site" in [c.label for c in plan.columns]


def test_crawl_overview_from_the_crawl_database(client_factory):
    audit = pages_for(client_factory())["audit.md"]
    overview = section(audit, "Vue du crawl")
    figs = figures(overview)
    assert figs["URL internes demandées"].value == "5"
    assert figs["Temps de réponse médian"].value == f"80{NBSP}ms"
    assert figs["URL bloquées par robots.txt"].value == "1"
    assert figs["Poids HTML médian"].value == f"20,0{NBSP}Ko"
    assert overview.charts
    assert [r[0] for r in overview.tables[0].rows] == ["200", "301", "404"]


def test_unreadable_crawl_database_is_skipped(client_factory):
    client = client_factory()
    db = client.state_dir / "crawls" / "main" / "20261101T060000" / "crawl.sqlite"
    db.write_bytes(b"not a database")
    audit = pages_for(client)["audit.md"]
    assert "Vue du crawl" not in [s.title for s in audit.sections]
    assert section(audit, "Problèmes").tables


def test_long_daily_campaign_data_is_aggregated_per_day_and_platform(client_factory):
    client = client_factory()
    path = client.state_dir / "campaigns.json"
    data = json.loads(path.read_text())
    data["daily"] = [{"date": f"2026-{m:02d}-{d:02d}", "platform": "google_ads", "campaign": f"c{i}", "cost": 1.0}
                     for m in range(1, 13) for d in range(1, 29) for i in range(30)]  # 10,080 rows
    data["anomalies"] = [{"sentence": f"anomaly {i}"} for i in range(40)]
    path.write_text(json.dumps(data))
    camp = pages_for(client)["campaigns.md"]
    spec = json.loads(section(camp, "Dépense quotidienne").charts[0].spec)
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 12 * 28 and values[0]["cost"] == 30.0
    items = section(camp, "Anomalies").items
    assert len(items) == 26 and items[-1] == "… et 15 de plus."


def test_overview_says_what_it_covers(client_factory):
    overview = pages_for(client_factory())["index.md"]
    assert overview.intro == (f"Période : du 1{NBSP}sept.{NBSP}2026 au 31{NBSP}oct.{NBSP}2026 · "
                              f"Dernier crawl : 1{NBSP}nov.{NBSP}2026 06:00 UTC")
