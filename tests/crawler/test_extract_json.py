"""crawler.extract_json.facts_to_json must give exactly PageFacts.to_json()."""

from __future__ import annotations

from pathlib import Path

from crawler.extract import extract_page
from crawler.extract_json import facts_to_json
from crawler.facts import PageFacts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def test_same_json_as_to_json_on_a_rich_page():
    facts = extract_page((FIXTURES / "shop_product.html").read_bytes(), "https://boutique.example/c/p.html",
                         {"link": '<https://boutique.example/de>; rel="alternate"; hreflang="de"'})
    assert facts.links and facts.jsonld and facts.forms and facts.hreflang and facts.headings
    assert facts_to_json(facts) == facts.to_json()
    assert PageFacts.from_json(facts_to_json(facts)) == facts


def test_same_json_on_empty_and_error_facts():
    for facts in (PageFacts(url="https://a.example/"), PageFacts(url="https://a.example/", parse_error="boom")):
        assert facts_to_json(facts) == facts.to_json()


def test_same_json_with_a_jsonld_type_list_at_first_position():
    facts = extract_page(b'<script type="application/ld+json">{"@type":["A","B"]}</script>'
                         b'<script type="application/ld+json">{</script>', "https://a.example/", {})
    assert facts_to_json(facts) == facts.to_json()
