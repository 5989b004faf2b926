"""Serve a fixture site folder on 127.0.0.1 with the special responses its routes.json describes.

routes.json maps a path to ``{"status", "headers", "body" | "file", "content_type"}``. Everything else is
a static file (``index.html`` for folders) or a 404 page. In bodies, ``{{BASE}}`` becomes the server's
own base URL and ``{{EXTERNAL}}`` the same server under the name ``localhost`` (another host for the
crawler: real external links that never leave the machine).
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from servers import Request, Response, serve_app

TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
         ".png": "image/png", ".css": "text/css", ".js": "text/javascript"}


@contextlib.contextmanager
def serve_site(root: Path, extra_routes: dict[str, dict] | None = None) -> Iterator[str]:
    root = Path(root).resolve()
    routes_file = root / "routes.json"
    routes = json.loads(routes_file.read_text()) if routes_file.exists() else {}
    routes.update(extra_routes or {})
    holder: dict[str, str] = {}

    def fill(data: bytes) -> bytes:
        return data.replace(b"{{BASE}}", holder["base"].encode()).replace(b"{{EXTERNAL}}", holder["external"].encode())

    def handler(req: Request) -> Response:
        path = unquote(req.route)
        host = req.headers.get("host", "")
        if host.startswith("localhost") and path.startswith("/ext/") and path not in routes:
            return Response(404, "<h1>Not found</h1>")
        if path in routes:
            r = routes[path]
            body = r.get("body", "")
            if "file" in r:
                body = (root / r["file"]).read_bytes()
            data = fill(body.encode("utf-8") if isinstance(body, str) else body)
            return Response(r.get("status", 200), data, dict(r.get("headers", {})),
                            content_type=r.get("content_type", "text/html; charset=utf-8"))
        target = (root / path.lstrip("/")).resolve()
        if root not in target.parents and target != root:
            return Response(404, "<h1>Not found</h1>")
        if target.is_dir():
            if not path.endswith("/"):
                return Response(301, b"", {"Location": path + "/"})
            target = target / "index.html"
        if not target.is_file() or target.name == "routes.json":
            return Response(404, "<!doctype html><title>Not found</title><h1>Not found</h1>")
        ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        data = target.read_bytes()
        if ctype.startswith(("text/", "application/xml")):
            data = fill(data)
        return Response(200, data, content_type=ctype)

    with serve_app(handler) as base:
        port = urlsplit(base).port
        holder["base"] = str(base)
        holder["external"] = f"http://localhost:{port}"
        yield base
