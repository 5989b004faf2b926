"""The loopback static server used by `traffic demo` and `traffic serve`."""

import urllib.request

from generator.serve import static_server


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url) as r:
        return r.status, r.read().decode("latin-1")


def test_extra_headers_are_sent_with_every_response(tmp_path):
    (tmp_path / "index.html").write_text("hi")
    hsts = {"Strict-Transport-Security": "max-age=60"}
    with static_server(tmp_path, headers=hsts) as base, urllib.request.urlopen(base) as r:
        assert r.headers["Strict-Transport-Security"] == "max-age=60"
    with static_server(tmp_path) as base, urllib.request.urlopen(base) as r:
        assert r.headers["Strict-Transport-Security"] is None


def test_plain_server_serves_files_as_they_are(tmp_path):
    (tmp_path / "index.html").write_text("https://prod.example/")
    with static_server(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        assert fetch(base) == (200, "https://prod.example/")
