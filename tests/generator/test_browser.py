"""The built report in headless Chromium: charts draw offline, survive instant navigation, text stays text.

Every request the page makes is routed: anything not for the loopback test server is aborted and
recorded, and the test fails if there is one (the report must work with the network unplugged).
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from generator.site import build_client_site

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGES = ["index.html", "audit.html", "traffic.html", "campaigns.html"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served_site(tmp_path_factory, request):
    """The fixture client's site, built for and served at http://127.0.0.1:PORT/ (Material's instant
    navigation only intercepts links of the sitemap, whose URLs carry the port)."""
    make_repo, make_client = request.getfixturevalue("site_helpers")
    root = tmp_path_factory.mktemp("browser")
    out = root / "out" / "acme"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    build_client_site(make_client(root / "clients", hostile=True), repo_root=make_repo(root), site_dir=out,
                      site_url=base + "/")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield base, out
    server.shutdown()
    server.server_close()


@pytest.fixture
def session(browser, served_site):
    """(page, base_url, report): report collects foreign requests, console errors and dialogs."""
    base, _ = served_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    report = {"foreign": [], "errors": [], "dialogs": []}

    def route(r):
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            report["foreign"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and report["errors"].append(m.text))
    page.on("pageerror", lambda e: report["errors"].append(str(e)))
    page.on("dialog", lambda d: (report["dialogs"].append(d.message), d.dismiss()))
    yield page, base, report
    context.close()
    assert report["foreign"] == [], "the report requested another host"
    assert report["errors"] == []
    assert report["dialogs"] == [], "a script from the data ran"


def wait_for_charts(page) -> int:
    count = page.locator(".tm-chart").count()
    assert count > 0
    page.wait_for_function(
        "() => [...document.querySelectorAll('.tm-chart')].every(d => d.querySelector('svg, canvas'))",
        timeout=20_000)
    assert page.locator(".tm-chart--error").count() == 0
    return count


def test_every_section_draws_its_charts_offline(session):
    page, base, report = session
    for name in PAGES:
        page.goto(f"{base}/{name}")
        wait_for_charts(page)
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex,nofollow"
        # a drawn chart has marks, not just an empty frame
        assert page.locator(".tm-chart svg .mark-rect path, .tm-chart svg .mark-line path, "
                            ".tm-chart svg .mark-area path, .tm-chart svg .mark-symbol path").count() > 0


def test_instant_navigation_redraws_charts(session):
    page, base, report = session
    page.goto(f"{base}/index.html")
    wait_for_charts(page)
    page.evaluate("window.__samePage = 'yes'")
    for label, name in (("Trafic", "traffic.html"), ("Campagnes", "campaigns.html"), ("Audit SEO", "audit.html")):
        page.locator(".md-tabs").get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(f"**/{name}")
        wait_for_charts(page)
        # still the same document: Material swapped the content without a full reload
        assert page.evaluate("window.__samePage") == "yes"


def test_injected_markup_shows_as_text_and_does_not_run(session):
    page, base, report = session
    page.goto(f"{base}/campaigns.html")
    wait_for_charts(page)
    cell = page.locator("article td", has_text="<script>alert(1)</script>")
    assert cell.count() == 1
    assert page.locator("article td", has_text="[x](javascript:alert(5))").count() == 1
    assert page.locator("article script").count() == 0
    page.goto(f"{base}/audit.html")
    page.locator("details.tm-details summary", has_text="Titre trop long").click()
    assert page.locator("article td", has_text="<img src=x onerror=alert(document.domain)>").count() == 1
    assert page.locator("article img").count() == 0
    assert page.locator('article a[href^="javascript"]').count() == 0


def test_search_results_show_hostile_text_as_text(session):
    page, base, report = session
    page.goto(f"{base}/index.html")
    wait_for_charts(page)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").type("onerror", delay=30)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=20_000)
    results = page.locator(".md-search-result")
    assert "<img src=x" in results.inner_text()
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def _mean_brightness(png: bytes) -> float:
    """Average luminance (0-255) of a Chromium screenshot (PNG, 8-bit RGB or RGBA), with the standard
    library only: the chunks, zlib, and the five PNG row filters."""
    import struct
    import zlib

    pos, chunks, width, height, channels = 8, [], 0, 0, 4
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, _depth, color = struct.unpack(">IIBB", data[:10])
            channels = {2: 3, 6: 4}[color]
        elif kind == b"IDAT":
            chunks.append(data)
        pos += 12 + length
    raw, stride = zlib.decompress(b"".join(chunks)), width * channels
    total, prev = 0.0, bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 0xFF
        total += sum(0.299 * line[i] + 0.587 * line[i + 1] + 0.114 * line[i + 2] for i in range(0, stride, channels))
        prev = line
    return total / (width * height)


def test_the_palette_toggle_redraws_charts_dark(session):
    page, base, report = session
    page.goto(f"{base}/index.html")
    wait_for_charts(page)
    chart = page.locator(".tm-chart").first
    light = _mean_brightness(chart.screenshot())
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.tm-chart')].every(d => d.getAttribute('data-scheme') === 'slate'"
        " && d.querySelector('svg'))", timeout=20_000)
    dark = _mean_brightness(chart.screenshot())
    assert light > 200 and dark < 90, (light, dark)
    assert page.locator("form[data-md-component=palette] label").first.get_attribute("title") in (
        "Passer au thème sombre", "Passer au thème clair")


def test_a_page_without_charts_loads_no_chart_library(session):
    page, base, report = session
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(f"{base}/methodology.html")
    page.wait_for_load_state("load")
    assert page.locator(".tm-chart").count() == 0
    assert not [u for u in asked if "vega-bundle" in u]
    page.goto(f"{base}/index.html")
    wait_for_charts(page)
    assert len([u for u in asked if "vega-bundle" in u]) == 1
