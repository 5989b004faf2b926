"""Odd but valid JSON (wrong types, nulls, empty lists) never crashes the page builders."""

import copy
import json
import random

import pytest

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
    files = [client.state_dir / "traffic.json", client.state_dir / "campaigns.json",
             *sorted((client.state_dir / "crawls").rglob("issues.json"))]
    for path in files:
        data = json.loads(path.read_text())
        mutated = mutate(data, rng, rate=0.15)
        if not isinstance(mutated, dict):
            mutated = {}
        path.write_text(json.dumps(mutated, allow_nan=True))
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                      currency=client.currency)
    for page in build_pages(data):
        assert render(page.template, page=page)
