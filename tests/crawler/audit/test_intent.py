"""Pages excluded from search on purpose (cart, account, internal search...) are never advised to be
indexed, and fix texts show the thresholds in force instead of their config keys."""

from __future__ import annotations

import pytest
from synth import Site, u

from crawler.audit.intent import default_reason
from crawler.audit.runner import collect
from crawler.audit.settings import AuditSettings


@pytest.mark.parametrize("path", ["/panier/", "/cart", "/fr/checkout/step-2", "/en-gb/my-account/orders",
                                  "/mon-compte/", "/connexion.php", "/search?q=boots", "/?s=tente",
                                  "/recherche/?query=sac", "/wishlist/"])
def test_default_exclusions_recognise_private_and_search_pages(path):
    assert default_reason(u(path))


@pytest.mark.parametrize("path", ["/", "/produit/panier-pique-nique/", "/blog/recherche-de-sentiers/",
                                  "/categorie/sacs/", "/produit/tente?couleur=vert", "/accountants/"])
def test_ordinary_pages_are_not_excluded(path):
    assert not default_reason(u(path))


def _site() -> Site:
    site = Site()
    for path in ("/panier/", "/produit/x/", "/espace-pro/"):
        site.page(path)
        site.facts[u(path)]["meta_robots"] = ["noindex"]
    return site


def _noindex(site: Site, settings: AuditSettings | None) -> tuple[set[str], set[str]]:
    aside: set[str] = set()
    found = {i.url for i in collect(site.context(), settings, "en", set_aside=aside) if i.check == "noindex"}
    return found, aside


def test_the_cart_is_set_aside_and_a_product_is_still_reported():
    found, aside = _noindex(_site(), None)
    assert found == {u("/produit/x/"), u("/espace-pro/")}
    assert aside == {u("/panier/")}


def test_client_list_and_switching_the_defaults_off():
    found, aside = _noindex(_site(), AuditSettings.model_validate({"excluded_on_purpose": ["/espace-pro/"]}))
    assert found == {u("/produit/x/")} and aside == {u("/panier/"), u("/espace-pro/")}
    found, aside = _noindex(_site(), AuditSettings.model_validate({"default_exclusions": False}))
    assert u("/panier/") in found and not aside


def test_fix_texts_show_the_threshold_in_force():
    from crawler.audit.registry import get

    thin = get("content_thin")
    assert "min_words" in thin.fix.en  # the source text names the key...
    assert "min_words" not in thin.fix_for().en and "Threshold: 200 visible body words." in thin.fix_for().en
    assert "Seuil : 300 mots visibles." in thin.fix_for({"min_words": 300}).fr
    near = get("content_near_duplicate").fix_for({"max_distance": 5})
    assert "5 sur 64, sur les pages d'au moins 50 mots" in near.fr and "5 of 64" in near.en
    assert "Threshold: 65." in get("title_too_long").fix_for({"max_length": 65}).en
    from crawler.audit import registry

    for check in registry.all_checks():
        for key in check.thresholds:
            assert key not in check.fix_for().en and key not in check.fix_for().fr, (check.id, key)
