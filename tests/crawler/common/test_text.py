"""The one text type: both languages required, and every catalogue of texts built from it."""

from __future__ import annotations

import pytest

from crawler.audit.base import CATEGORIES
from crawler.audit.registry import all_checks, get
from crawler.common.text import Catalogue, Text, name_of


def test_a_text_needs_both_languages():
    assert Text("Visits", "Visites").get("fr") == "Visites"
    assert Text("Visits", "Visites").get("en") == "Visits"
    with pytest.raises(ValueError, match="no fr version"):
        Text("Visits", "")
    with pytest.raises(ValueError, match="no en version"):
        Text("  ", "Visites")


def test_format_fills_both_languages():
    t = Text("over {n} characters", "plus de {n} caractères").format(n=65)
    assert (t.en, t.fr) == ("over 65 characters", "plus de 65 caractères")


def test_catalogue_refuses_an_unknown_key():
    labels = Catalogue({"visits": Text("Visits", "Visites")}, "fr")
    assert labels.visits == "Visites"
    with pytest.raises(KeyError):
        labels("visitz")


def test_name_of_falls_back_to_the_id_only_when_no_name_exists():
    names = {"organic_search": Text("Organic Search", "Recherche naturelle")}
    assert name_of(names, "organic_search", "fr") == "Recherche naturelle"
    assert name_of(names, "Brand FR", "fr") == "Brand FR"


def test_every_check_text_is_a_text_in_both_languages():
    for check in all_checks():
        for attr in ("title", "why", "fix"):
            value = getattr(check, attr)
            assert isinstance(value, Text), (check.id, attr)
        assert check.title_for().en and check.title_for().fr
    assert all(isinstance(v, Text) for v in CATEGORIES.values())


def test_every_report_label_is_a_text():
    from generator.report.i18n import LABELS

    assert LABELS and all(isinstance(v, Text) for v in LABELS.values())


def test_a_title_with_a_threshold_says_the_threshold_in_force():
    check = get("title_too_long")
    assert check.title_for().get("en") == "Title too long (over 60 characters)"
    assert check.title_for({"max_length": 65}).get("en") == "Title too long (over 65 characters)"
    assert check.title_for({"max_length": 65}).get("fr") == "Titre trop long (plus de 65 caractères)"


def test_no_title_keeps_a_number_that_a_threshold_sets():
    """A default threshold written into a title would stay when client.yml changes it."""
    for check in all_checks():
        for name, value in check.thresholds.items():
            if f"{{{name}}}" in check.title.en:
                continue
            assert str(int(value)) not in check.title.en, (check.id, name)
