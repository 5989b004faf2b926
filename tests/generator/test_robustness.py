"""Odd but valid JSON (wrong types, nulls, empty lists) is refused by its contract, naming the file; it never
crashes the page builders. Nulls where the contract allows them still build."""

import copy
import json
import random

import pytest
from report_state import home_dir

from crawler.common.errors import InputError
from generator.render import render
from generator.report import build_pages, load_state

ODD = [None, "", "n/a", [], {}, 0, -1, 1e308, float("nan"), True, ["x"], {"a": 1}, "<script>alert(1)</script>"]


def mutate(value, rng: random.Random, rate: float):
    """Replace a share of the values at every depth with values of the wrong type."""
    if rng.random() < rate:
        return copy.deepcopy(rng.choice(ODD))
    if isinstance(value, dict):
        return {k: mutate(v, rng, rate) for k, v in value.items()}
    if isinstance(value, list):
        return [mutate(v, rng, rate) for v in value]
    return value


@pytest.mark.parametrize("seed", range(16))
def test_mutated_outputs_build_pages(client_factory, seed):
    client = client_factory()
    rng = random.Random(seed)
    files = [home_dir(client.state_dir) / "traffic.json", home_dir(client.state_dir) / "campaigns.json",
             *sorted((client.state_dir / "crawls").rglob("issues.json"))]
    for path in files:
        data = json.loads(path.read_text())
        mutated = mutate(data, rng, rate=0.15)
        if not isinstance(mutated, dict):
            mutated = {}
        path.write_text(json.dumps(mutated, allow_nan=True))
    try:
        data = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                          currency=client.currency)
    except InputError as exc:
        assert any(str(path) in str(exc) for path in files), exc
        assert "Traceback" not in str(exc)
        return
    for page in build_pages(data):
        assert render(page.template, page=page)


@pytest.mark.parametrize("seed", range(8))
def test_nulls_the_contracts_allow_still_build(client_factory, seed):
    """Every optional figure set to null: the pages say "—" instead of crashing."""
    client = client_factory()
    rng = random.Random(seed)
    for path in [home_dir(client.state_dir) / "traffic.json", home_dir(client.state_dir) / "campaigns.json"]:
        data = json.loads(path.read_text())
        path.write_text(json.dumps(_null_optional(data, rng)))
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                      currency=client.currency)
    for page in build_pages(data):
        assert render(page.template, page=page)


_NULLABLE = {"bounce_rate", "avg_visit_seconds", "pages_per_visit", "ctr", "cpc", "cpm", "cpa", "roas", "roi",
             "conversions", "conversion_value", "conversion_rate", "cost_share", "position", "sessions",
             "engagement_rate", "key_events", "revenue", "actual", "pacing_ratio", "projected_spend",
             "last_crawled", "response_time", "totals_match"}


def _null_optional(value, rng):
    if isinstance(value, dict):
        return {k: (None if k in _NULLABLE and not isinstance(v, dict | list) and rng.random() < 0.5
                    else _null_optional(v, rng)) for k, v in value.items()}
    if isinstance(value, list):
        return [_null_optional(v, rng) for v in value]
    return value
