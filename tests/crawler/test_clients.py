"""client.yml validation: errors name the file, the line, the key, the bad value and what was expected."""

import json
from pathlib import Path

import pytest

from crawler.clients import json_schema, list_clients, load_client, load_client_file
from crawler.common.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str, slug: str = "acme") -> Path:
    folder = tmp_path / "data" / "clients" / slug
    folder.mkdir(parents=True)
    path = folder / "client.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_client_is_valid():
    client = load_client("demo", ROOT)
    assert client.slug == "demo"
    assert client.language == "fr"
    assert client.budgets["paid_search"] == 6000
    assert client.sites[0].crawl.concurrency == 4
    assert client.state_dir == ROOT / "data" / "clients" / "demo" / "state"


def test_bad_budget_names_file_line_key_value(tmp_path):
    path = write(tmp_path, "name: Acme\nbudgets:\n  paid_search: 12k\n")
    with pytest.raises(InputError) as err:
        load_client_file(path)
    msg = str(err.value)
    assert msg.endswith('client.yml:3: budgets.paid_search: expected a number, got "12k"')


def test_typo_in_key_is_reported_with_line(tmp_path):
    path = write(tmp_path, "name: Acme\nsites:\n  - url: https://acme.example/\n    crawl:\n      concurency: 3\n")
    with pytest.raises(InputError) as err:
        load_client_file(path)
    assert "client.yml:5: sites.0.crawl.concurency: unknown key" in str(err.value)


def test_bad_language_and_url(tmp_path):
    path = write(tmp_path, "name: Acme\nlanguage: de\nsites:\n  - url: ftp://acme.example/\n")
    with pytest.raises(InputError) as err:
        load_client_file(path)
    msg = str(err.value)
    assert "client.yml:2: language: expected 'fr' or 'en', got \"de\"" in msg
    assert "client.yml:4: sites.0.url: expected an http:// or https:// URL" in msg


def test_invalid_yaml_gives_line(tmp_path):
    path = write(tmp_path, "name: Acme\nbudgets: [1, 2\n")
    with pytest.raises(InputError) as err:
        load_client_file(path)
    assert "invalid YAML" in str(err.value)
    assert "client.yml:" in str(err.value)


def test_missing_name(tmp_path):
    path = write(tmp_path, "language: en\n")
    with pytest.raises(InputError, match="name: required key is missing"):
        load_client_file(path)


def test_unknown_client_lists_known_ones(tmp_path):
    write(tmp_path, "name: Acme\n", slug="acme")
    assert list_clients(tmp_path) == ["acme"]
    with pytest.raises(InputError, match="known clients: acme"):
        load_client("nope", tmp_path)


def test_globs_resolve_relative_to_client_folder(tmp_path):
    path = write(tmp_path, "name: Acme\ntraffic:\n  logs: ['logs/*.log']\n")
    (path.parent / "logs").mkdir()
    (path.parent / "logs" / "a.log").write_text("x")
    client = load_client_file(path)
    assert client.resolve_globs(client.traffic.logs) == [(path.parent / "logs" / "a.log").resolve()]


def test_shipped_schema_is_up_to_date():
    shipped = json.loads((ROOT / "data" / "clients" / "client.schema.json").read_text())
    assert shipped == json_schema(), "run: .venv/bin/traffic schema --out data/clients/client.schema.json"
