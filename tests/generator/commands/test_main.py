"""The `traffic` command as a user runs it: installed entry point, --help everywhere, one-line errors."""

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TRAFFIC = str(Path(sys.executable).with_name("traffic"))
SUBCOMMANDS = ["audit", "checks", "crawl", "logs", "analytics", "campaigns", "build", "run", "serve", "demo",
               "schema", "validate"]


def traffic(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([TRAFFIC, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_entry_point_is_installed():
    assert Path(TRAFFIC).is_file()


def test_top_level_help_lists_every_subcommand():
    out = traffic("--help")
    assert out.returncode == 0
    for name in SUBCOMMANDS:
        assert f"    {name} " in out.stdout or f"    {name}\n" in out.stdout, name


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help(name):
    out = traffic(name, "--help")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"usage: traffic {name}")


def test_no_command_is_a_usage_error():
    assert traffic().returncode == 2


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_audit_unreachable_url_is_one_line_exit_2(tmp_path):
    out = traffic("audit", f"http://127.0.0.1:{_closed_port()}/", "--out", str(tmp_path / "out"), "--quiet")
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("traffic: error:"), out.stderr
    assert "Traceback" not in out.stderr


def test_audit_invalid_url_is_one_line_exit_2(tmp_path):
    out = traffic("audit", "not a url", "--out", str(tmp_path / "out"), "--quiet")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_client_yml_typo_is_one_line_exit_2(tmp_path):
    folder = tmp_path / "data" / "clients" / "acme"
    folder.mkdir(parents=True)
    (folder / "client.yml").write_text("name: Acme\nbudgets:\n  paid_search: 12k\n")
    for args in (["validate", "--client", "acme"], ["run", "--client", "acme"], ["build", "--client", "acme"]):
        out = traffic(*args, cwd=tmp_path)
        assert out.returncode == 2, (args, out.stderr)
        assert out.stderr.strip() == (
            'traffic: error: data/clients/acme/client.yml:3: budgets.paid_search: expected a number, got "12k"'
        )


def test_unknown_client_exit_2(tmp_path):
    out = traffic("build", "--client", "nope")
    assert out.returncode == 2
    assert "no such client file" in out.stderr


def test_schema_prints_json_schema():
    out = traffic("schema")
    assert out.returncode == 0
    assert '"title": "Traffic Manager client.yml"' in out.stdout


def test_demo_site_data_is_shipped():
    assert (ROOT / "data" / "demo" / "site" / "index.html").is_file()
    assert shutil.which("nginx") or Path("/usr/sbin/nginx").exists()


def test_one_spelling_of_the_language_option_and_help_defaults_from_the_settings():
    """--lang everywhere (never --language); crawl defaults in --help are read from CrawlSettings."""
    from crawler.site.settings import CrawlSettings
    from generator.commands import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        options = {o for a in command._actions for o in a.option_strings}
        assert "--language" not in options, name
    audit_help = sub.choices["audit"].format_help()
    for field in ("concurrency", "per_host"):
        assert f"default {CrawlSettings.model_fields[field].default})" in audit_help
    assert "--lang" in {o for a in sub.choices["campaigns"]._actions for o in a.option_strings}


@pytest.mark.parametrize("command", ["serve", "build", "validate", "run", "logs", "campaigns", "analytics"])
@pytest.mark.parametrize("slug", ["../../secret", ""])
def test_every_command_checks_the_client_slug_in_one_place(tmp_path, command, slug):
    """Regression: `traffic serve --client ../../secret` served any folder holding an index.html, and
    `--client ""` silently meant every client."""
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "index.html").write_text("secret")
    extra = {"logs": ["--out", str(tmp_path)], "campaigns": ["--out", str(tmp_path)]}.get(command, [])
    out = traffic(command, "--client", slug, *extra, cwd=tmp_path / "secret")
    assert out.returncode == 2, (command, out.stdout, out.stderr)
    assert "invalid client slug" in out.stderr and "Traceback" not in out.stderr


def test_schema_out_a_folder_is_one_line_exit_2(tmp_path):
    """Regression: `traffic schema --out /tmp` printed an IsADirectoryError traceback."""
    out = traffic("schema", "--out", str(tmp_path))
    assert out.returncode == 2
    assert out.stderr.strip() == f"traffic: error: {tmp_path}: is a folder, expected a file name to write"


def test_build_builds_every_valid_client_and_lists_the_invalid_ones(tmp_path):
    """Regression: one broken client.yml stopped `traffic build` before any client was built."""
    import shutil

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src", ignore=shutil.ignore_patterns("generated"))
    for slug, text in (("alpha", "name: Alpha\nlanguage: en\n"), ("broken", "name: B\nbudgets: {x: 12k}\n"),
                       ("gamma", "name: Gamma\n")):
        (tmp_path / "data" / "clients" / slug).mkdir(parents=True)
        (tmp_path / "data" / "clients" / slug / "client.yml").write_text(text)
    out = traffic("build", cwd=tmp_path, timeout=300)
    assert out.returncode == 2
    assert (tmp_path / "site" / "alpha" / "index.html").is_file() and (tmp_path / "site" / "gamma" / "index.html").is_file()
    assert "data/clients/broken/client.yml:2: budgets.x: expected a number" in out.stderr
    assert "1 client(s) not built, 2 built" in out.stderr and "Traceback" not in out.stderr


def test_command_messages_in_french():
    out = traffic("validate", "--client", "demo", "--lang", "fr")
    assert out.returncode == 0
    assert out.stdout.strip().endswith("client.yml : ok (Maison Sentier, 1 site(s))")
