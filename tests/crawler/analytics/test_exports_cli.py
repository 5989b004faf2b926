"""`traffic analytics`: register() wiring, --db and --client, analytics.json, exit codes through InputError."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crawler.common.errors import InputError
from generator.commands import analytics as cli

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exports"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="traffic")
    cli.register(parser.add_subparsers(dest="command"))
    return parser


def test_db_mode_writes_analytics_json(tmp_path, capsys):
    args = _parser().parse_args(["analytics", str(FIXTURES / "gsc_queries_en.csv"),
                                 str(FIXTURES / "ga4_traffic_acquisition_fr.csv"),
                                 "--db", str(tmp_path / "t.duckdb"), "--out", str(tmp_path / "out")])
    assert args.func(args) == 0
    data = json.loads((tmp_path / "out" / "analytics.json").read_text(encoding="utf-8"))
    assert data["search_console"]["top_queries"][0]["query"] == "trail shoes"
    assert data["analytics"]["sessions_by_channel"]["Organic Search"] == 2540
    assert [i["kind"] for i in data["imports"]] == ["gsc_performance", "ga4_traffic"]
    out = capsys.readouterr().out
    assert "Search Console performance (query), 3 rows" in out and "analytics.json" in out


def test_client_mode_uses_configured_globs(tmp_path, monkeypatch):
    client_dir = tmp_path / "data" / "clients" / "acme"
    (client_dir / "exports").mkdir(parents=True)
    shutil.copy(FIXTURES / "ga4_pages_en.csv", client_dir / "exports" / "pages.csv")
    with zipfile.ZipFile(client_dir / "exports" / "gsc.zip", "w") as zf:
        for f in (FIXTURES / "gsc_fr").iterdir():
            zf.write(f, f.name)
    (client_dir / "client.yml").write_text(
        "name: Acme\nsites:\n  - url: https://www.acme.example/\n"
        "traffic:\n  analytics: ['exports/*.csv']\n  search_console: ['exports/*.zip']\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = _parser().parse_args(["analytics", "--client", "acme"])
    assert args.func(args) == 0
    assert (client_dir / "traffic.duckdb").is_file()
    data = json.loads((client_dir / "state" / "analytics.json").read_text(encoding="utf-8"))
    assert data["search_console"]["totals"]["clicks"] == 750
    assert data["analytics"]["pages"][0]["page"] == "/"


def test_client_and_db_are_exclusive_and_one_is_required(tmp_path):
    with pytest.raises(SystemExit):
        _parser().parse_args(["analytics", "x.csv"])
    with pytest.raises(SystemExit):
        _parser().parse_args(["analytics", "x.csv", "--client", "a", "--db", "b"])


def test_bad_file_raises_input_error_and_writes_no_json(tmp_path):
    args = _parser().parse_args(["analytics", str(FIXTURES / "unknown_export.csv"), "--db",
                                 str(tmp_path / "t.duckdb")])
    with pytest.raises(InputError, match="unknown export format"):
        args.func(args)
    assert not (tmp_path / "analytics.json").exists()


def test_console_command_exit_code_2_on_bad_input(tmp_path):
    """Through the real `traffic` entry point when the lead's CLI wires us in."""
    exe = Path(sys.executable).with_name("traffic")
    if not exe.exists():
        pytest.skip("traffic console script not installed")
    help_text = subprocess.run([str(exe), "--help"], capture_output=True, text=True).stdout
    if "analytics" not in help_text:
        pytest.skip("`traffic analytics` not wired into generator/commands/__init__.py yet")
    proc = subprocess.run([str(exe), "analytics", str(FIXTURES / "broken_ga4_value.csv"), "--db",
                           str(tmp_path / "t.duckdb")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "broken_ga4_value.csv:8: column 'Sessions'" in proc.stderr
