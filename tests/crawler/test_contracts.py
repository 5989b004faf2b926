"""The summary contracts: shipped JSON Schemas in sync, versions, and producers held to them."""

import json
from pathlib import Path

import pytest

from crawler.contracts import CONTRACTS, IssuesSummary, build, dump, json_schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_shipped_schema_is_up_to_date(name):
    shipped = json.loads((ROOT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(name), f"run: .venv/bin/traffic schema --contract {name} --out data/schemas/{name}.schema.json"


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_every_contract_carries_a_schema_version(name):
    schema = json_schema(name)
    assert "schema_version" in schema["properties"]
    assert schema["additionalProperties"] is False, "an undeclared key must be refused"


ROW = {"check": "title_missing", "severity": "error", "url": "https://a.example/", "detail": "",
       "category": "titles", "title": "Missing title"}


def audit(**extra):
    return {"start_url": "https://a.example/", "pages_crawled": 1, "finished": True, "complete": True,
            "language": "en", "health_score": 0, "health_score_formula": "f", "ignore_robots": False,
            "robots_note": "", "previous": False, "persisting": 0, "fixed": [], "traffic": False,
            "action_plan": [], "check_errors": [], "checks": {}, "categories": {},
            "counts": {"by_severity": {"error": 1, "warning": 0, "notice": 0}, "by_check": {"title_missing": 1}},
            "issues": [ROW], **extra}


def test_a_producer_key_the_contract_lacks_fails_at_once():
    with pytest.raises(ValueError, match=r"issues\.json from test: spent: extra inputs are not permitted"):
        build(IssuesSummary, audit(spent=1), source="test")


def test_dump_writes_what_the_producer_set_plus_the_version():
    out = dump(build(IssuesSummary, audit(), source="test"))
    assert out["schema_version"] == 1
    assert out["issues"] == [ROW], "no default is written that the producer did not set"
