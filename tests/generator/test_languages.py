"""One language per report: the visible text of every page, read in Chromium, holds none of the other
language's interface words (channel names, devices, bot groups, labels, statuses, period names).

Client data is exempt by construction: the words below are interface words, not campaign names or the
crawled site's titles.
"""

from __future__ import annotations

import re

import pytest

from generator.site import build_client_site

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
PAGES = ["index.html", "audit.html", "traffic.html", "campaigns.html", "archive.html",
         "archive/2026-09/index.html", "archive/2026-09/traffic.html"]
ENGLISH = ["Googlebot desktop", "Organic Search", "Paid Search", "Paid Social", "Organic Social", "Referral", "Unassigned", "Desktop",
           "Tablet", "AI crawlers", "Other bots", "Other search engines", "SEO tools", "empty user agent",
           "Visits", "Page views", "Overview", "Period", "compared with", "Key figures", "Cost", "Budget pacing",
           "on track", "Severity", "How to fix", "Archive", "October", "September", "Warning", "Error",
           "All platforms", "some days report"]
FRENCH = ["Recherche naturelle", "Sites référents", "Non attribué", "Ordinateur", "Tablette", "Autres robots",
          "Robots d’IA", "Visites", "Pages vues", "Vue d’ensemble", "Période", "comparé à", "Chiffres clés",
          "Coût", "Rythme de dépense", "dans les clous", "Gravité", "Comment corriger", "Archives", "octobre",
          "septembre", "Avertissement", "Erreur", "Toutes plateformes", "certains jours"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory, site_helpers):
    make_repo, make_client = site_helpers
    root = tmp_path_factory.mktemp("languages")
    repo = make_repo(root)
    out = {}
    for language in ("fr", "en"):
        client = make_client(root / f"clients-{language}", slug=f"acme-{language}", language=language)
        out[language] = build_client_site(client, repo_root=repo, site_dir=root / "out" / language).parent
    return out


def visible_text(browser, site, page: str) -> str:
    tab = browser.new_page()
    try:
        tab.goto((site / page).as_uri())
        tab.wait_for_load_state("load")
        return tab.evaluate("document.body.innerText")
    finally:
        tab.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.mark.parametrize(("language", "foreign"), [("fr", ENGLISH), ("en", FRENCH)])
def test_visible_text_is_in_one_language(browser, sites, language, foreign):
    found = {}
    for page in PAGES:
        text = visible_text(browser, sites[language], page)
        assert len(text) > 200, page
        hits = [w for w in foreign if re.search(rf"(?<![\w’]){re.escape(w)}(?![\w’])", text)]
        if hits:
            found[page] = hits
    assert not found
