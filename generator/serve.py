"""A static file server on loopback: `traffic serve` previews a report, `traffic demo` serves the demo site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

# Text files whose absolute URLs the demo server rewrites (sitemaps, robots.txt, canonicals, og:url…).
_REWRITTEN = {".html", ".htm", ".xml", ".txt"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler, quiet on demand, that can rewrite one base URL into the served one.

    The demo site is written with its production addresses (https://www.maison-sentier.example/…),
    as a real site is; served on an ephemeral port, those addresses would be out of the crawl's
    scope. Rewriting them to the loopback URL lets sitemaps, canonicals and hreflang be audited.
    """

    quiet = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if not self.quiet:
            super().log_message(format, *args)

    def send_head(self):  # type: ignore[override]
        rewrite = getattr(self.server, "rewrite", None)
        if not rewrite:
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not (os.path.isfile(path) and Path(path).suffix.lower() in _REWRITTEN):
            return super().send_head()
        body = Path(path).read_bytes()
        for old, new in rewrite.items():
            body = body.replace(old.encode(), new.encode())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _server(folder: Path, host: str, port: int, quiet: bool) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(type("Handler", (_Handler,), {"quiet": quiet}), directory=str(folder))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


@contextlib.contextmanager
def static_server(folder: Path, host: str = "127.0.0.1", port: int = 0, *,
                  rewrite_from: str | None = None) -> Iterator[str]:
    """Serve `folder` in a background thread; yields the base URL (ephemeral port by default).

    With `rewrite_from` (a base URL ending in /), that address is replaced by the served base URL in
    HTML, XML and text files.
    """
    server = _server(folder, host, port, quiet=True)
    base = f"http://{host}:{server.server_address[1]}/"
    if rewrite_from:
        server.rewrite = {rewrite_from: base}  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, name="static-server", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def serve_folder(folder: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until Ctrl-C."""
    server = _server(folder, host, port, quiet=False)
    print(f"Serving {folder} on http://{host}:{server.server_address[1]}/  (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
