"""Helpers of the page-model tests: the pages of a client made by make_client (tests/generator/conftest.py),
a section by title, and the producers' own files to compare the pages with."""

from __future__ import annotations

import json

from report_state import home_dir

from generator.report import build_pages, load_state

CURRENT = "20261101T060000"


def pages_for(client):
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                      currency=client.currency)
    return {p.filename: p for p in build_pages(data)}


def section(page, title):
    return next(s for s in page.sections if s.title == title)


def figures(sec):
    return {f.label: f for f in sec.figures}


def state(client, name):
    path = home_dir(client.state_dir) / name if "/" not in name else client.state_dir / "crawls" / "main" / name
    return json.loads(path.read_text(encoding="utf-8"))


def issues(client, stamp=CURRENT):
    return state(client, f"{stamp}/issues.json")
