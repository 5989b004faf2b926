"""The test servers themselves: a folder over stdlib and nginx, and a scripted app."""

import requests
from servers import Response, nginx_serving, serve_app, serve_directory


def _site(tmp_path):
    (tmp_path / "index.html").write_text("<title>Café</title>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("sub", encoding="utf-8")
    return tmp_path


def test_serve_directory_index_and_types(tmp_path):
    with serve_directory(_site(tmp_path)) as base:
        r = requests.get(base + "/", timeout=5)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert r.text == "<title>Café</title>"
        assert requests.get(base + "/sub/", timeout=5).text == "sub"
        assert requests.get(base + "/missing", timeout=5).status_code == 404
        assert ("GET", "/sub/") in base.log


def test_serve_app_status_and_log():
    def app(req):
        if req.route == "/r":
            return Response(302, "", {"Location": "/t"})
        return None

    with serve_app(app) as base:
        r = requests.get(base + "/r", allow_redirects=False, timeout=5)
        assert r.status_code == 302 and r.headers["location"] == "/t"
        assert requests.get(base + "/x", timeout=5).status_code == 404
        assert base.log == [("GET", "/r"), ("GET", "/x")]


def test_nginx_serving(tmp_path):
    with nginx_serving(_site(tmp_path)) as base:
        r = requests.get(base + "/", timeout=5)
        assert r.headers["server"].startswith("nginx")
        assert r.text == "<title>Café</title>"
        assert base.requests() == [("GET", "/", 200)]
