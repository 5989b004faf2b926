"""The loopback static server used by `traffic demo` and `traffic serve`."""

import urllib.request

from generator.serve import static_server


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url) as r:
        return r.status, r.read().decode("latin-1")


def test_rewrites_production_urls_in_text_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<link rel="canonical" href="https://prod.example/a/">')
    (tmp_path / "sitemap.xml").write_text("<loc>https://prod.example/a/</loc>")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG https://prod.example/")
    with static_server(tmp_path, rewrite_from="https://prod.example/") as base:
        assert fetch(base + "a/") == (200, f'<link rel="canonical" href="{base}a/">')
        assert fetch(base + "sitemap.xml") == (200, f"<loc>{base}a/</loc>")
        assert fetch(base + "logo.png")[1].endswith("https://prod.example/")  # binary files untouched


def test_plain_server_serves_files_as_they_are(tmp_path):
    (tmp_path / "index.html").write_text("https://prod.example/")
    with static_server(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        assert fetch(base) == (200, "https://prod.example/")
