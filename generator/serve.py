"""A static file server on loopback: `traffic serve` previews a report, `traffic demo` serves the demo site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler, quiet on demand, that can send extra response headers.

    The demo site is crawled as its production address (crawl.resolve); the headers let the loopback
    server answer as the production server does (HSTS on an https site).
    """

    quiet = True
    extra_headers: dict[str, str] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if not self.quiet:
            super().log_message(format, *args)

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


def _server(folder: Path, host: str, port: int, quiet: bool,
            headers: dict[str, str] | None = None) -> http.server.ThreadingHTTPServer:
    attrs = {"quiet": quiet, "extra_headers": dict(headers or {})}
    handler = functools.partial(type("Handler", (_Handler,), attrs), directory=str(folder))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


@contextlib.contextmanager
def static_server(folder: Path, host: str = "127.0.0.1", port: int = 0, *,
                  headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `folder` in a background thread; yields the base URL (ephemeral port by default). Every
    response carries ``headers``."""
    server = _server(folder, host, port, quiet=True, headers=headers)
    base = f"http://{host}:{server.server_address[1]}/"
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
