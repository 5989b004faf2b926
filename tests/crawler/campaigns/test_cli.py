"""`traffic campaigns`: the handler writes campaigns.json; mixed currencies without rates exit 2."""

from __future__ import annotations

import argparse
import json
import shutil

import pytest

from crawler.common.errors import InputError
from generator.commands import campaigns as cli


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="traffic")
    cli.register(parser.add_subparsers())
    return parser.parse_args(["campaigns", *argv])


def test_campaigns_command_writes_json(tmp_path, fixtures, capsys):
    out = tmp_path / "out"
    args = parse([str(fixtures / "google_fr_excel.csv"), str(fixtures / "meta_en.csv"), "--out", str(out)])
    assert args.func(args) == 0
    report = json.loads((out / "campaigns.json").read_text(encoding="utf-8"))
    assert report["currency"] == "EUR" and set(report["by_platform"]) == {"google_ads", "meta_ads"}
    assert (out / "campaigns.duckdb").exists()
    said = capsys.readouterr().out
    assert "google_fr_excel.csv: google_ads, 7 rows 2026-09-12..2026-09-14, matches its totals row" in said


def test_platform_flag(tmp_path, fixtures):
    args = parse([str(fixtures / "google_en.csv"), "--platform", "meta_ads", "--out", str(tmp_path)])
    with pytest.raises(InputError, match="does not look like Meta Ads Manager"):
        args.func(args)


def test_mixed_currencies_without_rates_exit_2(tmp_path, fixtures):
    usd = tmp_path / "usd.csv"
    usd.write_text((fixtures / "google_en.csv").read_text(encoding="utf-8").replace(",EUR,", ",USD,")
                   .replace("201234567", "301234567"), encoding="utf-8")  # fmt: skip
    args = parse([str(fixtures / "google_en.csv"), str(usd), "--out", str(tmp_path / "o")])
    with pytest.raises(InputError, match="mix currencies") as exc:
        args.func(args)
    assert exc.value.exit_code == 2
    args = parse(["--db", str(tmp_path / "o" / "campaigns.duckdb"), "--currency", "EUR", "--out", str(tmp_path / "o")])
    with pytest.raises(InputError, match="currency_rates"):
        args.func(args)
    assert not (tmp_path / "o" / "campaigns.json").exists()


def test_missing_file_and_nothing_to_do(tmp_path):
    args = parse([str(tmp_path / "nope.csv"), "--out", str(tmp_path)])
    with pytest.raises(InputError, match="no such file"):
        args.func(args)
    args = parse(["--out", str(tmp_path)])
    with pytest.raises(InputError, match="no export files"):
        args.func(args)


def test_client_option_uses_client_yml(tmp_path, fixtures, monkeypatch):
    folder = tmp_path / "data" / "clients" / "acme"
    folder.mkdir(parents=True)
    shutil.copy(fixtures / "google_en.csv", folder / "google.csv")
    (folder / "affiliation").mkdir()
    shutil.copy(fixtures / "affiliates.csv", folder / "affiliation" / "network.csv")
    (folder / "client.yml").write_text(
        "name: Acme\nlanguage: fr\ncurrency: EUR\ncampaigns:\n  exports: ['*.csv']\n  margin: 0.3\n"
        "  generic:\n    affiliates:\n      files: ['affiliation/*.csv']\n      channel: Affiliation\n"
        "      columns: {date: Date, campaign: Programme, cost: Commission, clicks: Clics, conversions: Ventes,"
        " conversion_value: CA}\n      date_format: '%d/%m/%Y'\n"
        "budgets:\n  paid_search: 3000\ntargets:\n  paid_search: {cpa: 25}\n", encoding="utf-8")  # fmt: skip
    monkeypatch.chdir(tmp_path)
    args = parse(["--client", "acme", "--out", str(tmp_path / "out")])
    assert args.func(args) == 0
    report = json.loads((tmp_path / "out" / "campaigns.json").read_text(encoding="utf-8"))
    assert (folder / "campaigns.duckdb").exists()
    assert report["pacing"][0]["key"] == "paid_search" and report["targets"][0]["metric"] == "cpa"
    assert report["totals"]["roi"] is not None
    assert set(report["by_platform"]) == {"google_ads", "generic:affiliates"}
    assert report["by_channel"]["affiliates"]["cost"] == 255.5


def test_a_refused_file_does_not_stop_the_others(tmp_path, fixtures, capsys):
    out = tmp_path / "out"
    args = parse([str(fixtures / "broken_bad_row.csv"), str(fixtures / "google_en.csv"), "--out", str(out)])
    with pytest.raises(InputError, match=r"broken_bad_row\.csv:6: .*1 of 2 files refused"):
        args.func(args)
    assert "google_en.csv: google_ads, 7 rows" in capsys.readouterr().out
    assert not (out / "campaigns.json").exists()


def test_generic_mapping_is_validated():
    from pydantic import ValidationError

    from crawler.campaigns.settings import GenericMapping

    with pytest.raises(ValidationError, match="unknown field 'spend'"):
        GenericMapping(columns={"date": "Date", "campaign": "C", "spend": "Cost"})
    with pytest.raises(ValidationError, match="missing cost"):
        GenericMapping(columns={"date": "Date", "campaign": "C"})
