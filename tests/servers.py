"""Real HTTP servers on 127.0.0.1 for tests: a static folder, a scripted app, and nginx.

Every helper is a context manager yielding the base URL (``http://127.0.0.1:PORT``, no trailing
slash) and stopping the server on exit. Nothing here touches the network beyond loopback.

    with serve_directory(tmp_path) as base: ...            # stdlib, static files
    with serve_app(handler) as base: ...                    # stdlib, any behaviour (status, drip, ...)
    with nginx_serving(tmp_path) as base: ...               # nginx, a "normal" production-like site

``serve_app`` handlers receive a :class:`Request` and return a :class:`Response` (or a tuple
``(status, headers, body)``). ``body`` may be bytes, str, or an iterable of bytes chunks sent as
they are produced (with ``Response(drip=...)`` seconds between chunks) so tests can simulate slow or
endless bodies. Every request is appended to ``server.log`` (a list of (method, path)), reachable via
``serve_app(...) as base`` -> ``base.log`` because the yielded value is a ``str`` subclass.
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class BaseURL(str):
    """The base URL, plus ``log``: every (method, path) the server received, in order."""

    log: list[tuple[str, str]]


def free_port() -> int:
    """An ephemeral TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


@contextlib.contextmanager
def _run(handler_cls: type[BaseHTTPRequestHandler], log: list) -> Iterator[BaseURL]:
    server = _Server(("127.0.0.1", 0), handler_cls)
    server.log = log  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = BaseURL(f"http://127.0.0.1:{server.server_address[1]}")
    base.log = log
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


# ----------------------------------------------------------------------------- static folder

_EXTRA_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
                ".gz": "application/gzip", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
                ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp"}


@contextlib.contextmanager
def serve_directory(path: str | os.PathLike) -> Iterator[BaseURL]:
    """Serve ``path`` with the stdlib server (``index.html`` for directories, sane content types).

    ``.html`` files are sent as ``text/html; charset=utf-8``; to test other charsets use
    :func:`serve_app` and set the header yourself.
    """
    root = str(Path(path).resolve())
    log: list[tuple[str, str]] = []

    class Handler(SimpleHTTPRequestHandler):
        extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **_EXTRA_TYPES}

        def __init__(self, *a, **kw):
            super().__init__(*a, directory=root, **kw)

        def send_head(self):
            log.append((self.command, self.path))
            return super().send_head()

        def guess_type(self, p):
            ext = os.path.splitext(str(p))[1].lower()
            return _EXTRA_TYPES.get(ext) or mimetypes.guess_type(str(p))[0] or "application/octet-stream"

        def log_message(self, *a):  # keep pytest output clean
            pass

    with _run(Handler, log) as base:
        yield base


# ----------------------------------------------------------------------------- scripted app

@dataclass
class Request:
    method: str
    path: str                    # path + query, as sent
    headers: dict[str, str]      # lower-case names

    @property
    def route(self) -> str:
        """The path without the query string."""
        return urlsplit(self.path).path


@dataclass
class Response:
    status: int = 200
    body: bytes | str | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    drip: float = 0.0            # seconds to sleep before each chunk of an iterable body
    content_length: bool = True  # send Content-Length when the body is bytes/str


Handler = Callable[[Request], "Response | tuple[int, dict[str, str], bytes | str] | None"]


@contextlib.contextmanager
def serve_app(handler: Handler) -> Iterator[BaseURL]:
    """Serve whatever ``handler(request)`` returns; ``None`` means 404. Logs every request.

    HEAD requests get the same status and headers as GET, without a body.
    """
    log: list[tuple[str, str]] = []

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self):
            log.append((self.command, self.path))
            req = Request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
            try:
                res = handler(req)
            except Exception as exc:  # a broken test handler shows up as a 500, not a hang
                res = Response(500, f"handler error: {exc!r}", content_type="text/plain")
            if res is None:
                res = Response(404, "not found", content_type="text/plain")
            elif isinstance(res, tuple):
                status, headers, body = res
                res = Response(status, body, dict(headers), content_type=None)
            self._send(res)

        def _send(self, res: Response):
            body = res.body
            if isinstance(body, str):
                body = body.encode("utf-8")
            self.send_response(res.status)
            if res.content_type and not any(k.lower() == "content-type" for k in res.headers):
                self.send_header("Content-Type", res.content_type)
            for k, v in res.headers.items():
                self.send_header(k, v)
            chunks: Iterable[bytes]
            if isinstance(body, bytes | bytearray):
                if res.content_length and not any(k.lower() == "content-length" for k in res.headers):
                    self.send_header("Content-Length", str(len(body)))
                chunks = [bytes(body)]
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
                chunks = body
            self.end_headers()
            if self.command == "HEAD":
                return
            try:
                for chunk in chunks:
                    if res.drip:
                        time.sleep(res.drip)
                    self.wfile.write(chunk)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, OSError):
                self.close_connection = True

        do_GET = do_HEAD = do_POST = _handle

        def log_message(self, *a):
            pass

    with _run(H, log) as base:
        yield base


# ----------------------------------------------------------------------------- nginx

_NGINX_CONF = """\
{user}
worker_processes 1;
daemon off;
master_process on;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include {mime};
    default_type application/octet-stream;
    log_format tm '$request_method $request_uri $status';
    access_log {tmp}/access.log tm;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    charset utf-8;
    charset_types text/html text/plain text/css application/javascript application/xml;
    types {{ application/xml xml; text/plain txt; }}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        index index.html;
        {extra}
    }}
}}
"""


class NginxURL(BaseURL):
    """Base URL of an nginx server; ``requests()`` reads its access log as [(method, uri, status)]."""

    access_log: Path

    def requests(self) -> list[tuple[str, str, int]]:
        out = []
        if self.access_log.exists():
            for line in self.access_log.read_text().splitlines():
                parts = line.split(" ")
                if len(parts) >= 3:
                    out.append((parts[0], parts[1], int(parts[2])))
        return out


@contextlib.contextmanager
def nginx_serving(path: str | os.PathLike, extra: str = "") -> Iterator[NginxURL]:
    """Run /usr/sbin/nginx in the foreground serving ``path`` on 127.0.0.1:<free port>.

    Config, pid, logs and temp paths live in a temporary directory; nginx is stopped on exit.
    ``extra`` is pasted inside the ``server {}`` block (e.g. ``"gzip on;"`` or a ``location``).
    The access log uses the format ``METHOD URI STATUS``; see :meth:`NginxURL.requests`.
    """
    root = Path(path).resolve()
    tmp = Path(tempfile.mkdtemp(prefix="tm-nginx-"))
    user = "user root;" if os.geteuid() == 0 else ""
    last_err = ""
    for _attempt in range(5):   # a port picked by free_port() can be stolen before nginx binds it
        port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(_NGINX_CONF.format(user=user, tmp=tmp, mime="/etc/nginx/mime.types", port=port,
                                           root=root, extra=extra))
        proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if _wait_port(port, proc):
            break
        last_err = _stop(proc)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(f"nginx did not start: {last_err}")
    base = NginxURL(f"http://127.0.0.1:{port}")
    base.log = []
    base.access_log = tmp / "access.log"
    try:
        yield base
    finally:
        _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
        time.sleep(0.02)
    return False


def _stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)   # graceful: finish in-flight requests
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    return err.strip()
