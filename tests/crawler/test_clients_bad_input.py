"""client.yml as a careless or hostile user writes it: one clear error naming the file, bounded work."""

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.clients import load_client_file
from crawler.common.errors import InputError

TRAFFIC = str(Path(sys.executable).with_name("traffic"))
BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
name: x
"""


def write(tmp_path: Path, data: bytes | str) -> Path:
    folder = tmp_path / "data" / "clients" / "acme"
    folder.mkdir(parents=True)
    path = folder / "client.yml"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(("content", "expected"), [
    (BOMB, r"client\.yml:2: invalid YAML: aliases \(\*name\) are not allowed"),
    ("name: x\nbudgets: &b {paid_search: 1}\ntargets: *b\n", r"client\.yml:3: invalid YAML: aliases"),
    ("name: A\nname: B\n", r"client\.yml:2: invalid YAML: duplicate key 'name' \(first on line 1\)"),
    ("name: Caf\xe9\n".encode("latin-1"), r"client\.yml:1: not UTF-8 text"),
    ("name: x\n".encode("utf-16"), r"client\.yml:1: not UTF-8 text"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(200), r"client\.yml: binary content"),
    ("a: " + "[" * 10_000, r"client\.yml(:\d+)?: invalid YAML"),
])
def test_bad_client_files_get_one_clear_error(tmp_path, content, expected):
    path = write(tmp_path, content)
    with pytest.raises(InputError, match=expected):
        load_client_file(path)


def test_a_long_bad_value_is_cut_in_the_message(tmp_path):
    path = write(tmp_path, "name: x\nbudgets: {paid_search: '" + "9k" * 50_000 + "'}\n")
    with pytest.raises(InputError) as err:
        load_client_file(path)
    assert "budgets.paid_search: expected a number" in str(err.value)
    assert len(str(err.value)) < 300


def test_the_command_says_it_in_one_line_with_exit_2(tmp_path):
    write(tmp_path, BOMB)
    out = subprocess.run([TRAFFIC, "validate", "--client", "acme"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr


def test_unknown_check_ids_and_thresholds_are_refused_by_validate_with_their_line(tmp_path):
    """Regression: an unknown check id and `max_lenght` passed `validate`; `run` failed after crawling."""
    path = write(tmp_path, "name: x\naudit:\n  checks:\n    title_to_long: {enabled: false}\n"
                           "    title_too_long:\n      thresholds: {max_lenght: 65}\n")
    with pytest.raises(InputError) as err:
        load_client_file(path)
    lines = str(err.value).splitlines()
    assert lines[0].endswith("client.yml:4: audit.checks.title_to_long: unknown check id (did you mean 'title_too_long'?)")
    assert lines[1].endswith("client.yml:6: audit.checks.title_too_long.thresholds.max_lenght: unknown threshold "
                             "(this check has: max_length)")


def test_two_sites_with_the_same_name_are_refused(tmp_path):
    """Regression: two sites named alike were accepted, and their crawl histories would have mixed."""
    path = write(tmp_path, "name: x\nsites:\n  - {name: main, url: 'https://a.example/'}\n"
                           "  - {name: main, url: 'https://b.example/'}\n")
    with pytest.raises(InputError, match=r"client\.yml:2: sites: two sites are named 'main'"):
        load_client_file(path)
