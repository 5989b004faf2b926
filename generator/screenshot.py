"""Screenshot of a built report page with headless Chromium (the README's .github/demo-report.png).

    python -m generator.screenshot site/demo .github/demo-report.png [--page index.html]

The site is served on an ephemeral 127.0.0.1 port; every request to another host is refused, so the
picture shows what a reader sees with the network unplugged. Uses the system Chromium, never a download.
"""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def screenshot(site_dir: Path, out: Path, *, page: str = "index.html", width: int = 1280,
               height: int = 1000) -> Path:
    """Open ``site_dir/page``, wait for every chart, and save a PNG of the viewport to ``out``."""
    from playwright.sync_api import sync_playwright

    from generator.writer import write_bytes

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            tab = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            tab.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1"
                      else r.abort())
            tab.goto(f"{base}/{page}")
            tab.wait_for_function("() => [...document.querySelectorAll('.tm-chart')]"
                                  ".every(d => d.querySelector('svg, canvas'))", timeout=30_000)
            tab.wait_for_timeout(300)
            png = tab.screenshot(full_page=False)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return write_bytes(out, png)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot a built report page with headless Chromium.")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--page", default="index.html")
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args(argv)
    print(screenshot(args.site_dir, args.out, page=args.page, height=args.height))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
