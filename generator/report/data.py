"""Load one client's saved outputs (the state folder) for the report.

Reads only that client's folder, so a site can never show another client's data:
  state/crawls/<site>/<YYYYmmddTHHMMSS>/issues.json   one folder per crawl (``.partial`` ones are skipped)
  state/issues.json                                   a single audit (``traffic audit --out state``)
  state/crawls/<site>/<stamp>/crawl.sqlite            the latest crawl's overview (read only)
  state/traffic.json, state/campaigns.json            latest traffic and campaign outputs
A file that is not valid JSON is an input error naming the file and the line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.common.errors import InputError
from generator.report.crawlstats import crawl_stats


@dataclass
class CrawlRun:
    """One audit of one site: its folder name (the crawl's UTC stamp) and its issues.json."""

    site: str
    stamp: str
    data: dict[str, Any]
    path: Path
    stats: dict[str, Any] | None = None  # crawl overview from crawl.sqlite (latest crawl only)


@dataclass
class ReportData:
    name: str
    slug: str
    language: str
    currency: str
    crawls: dict[str, list[CrawlRun]] = field(default_factory=dict)  # site -> runs, oldest first
    traffic: dict[str, Any] | None = None
    campaigns: dict[str, Any] | None = None

    @property
    def latest_crawls(self) -> list[CrawlRun]:
        return [runs[-1] for runs in self.crawls.values() if runs]


def read_json(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: expected UTF-8 JSON, got undecodable bytes at offset {exc.start}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}:1: expected a JSON object, got {type(data).__name__}")
    return data


def load_state(state_dir: Path, *, name: str, slug: str, language: str, currency: str) -> ReportData:
    """Everything the report shows, from one client's state folder. Missing files mean missing sections."""
    data = ReportData(name=name, slug=slug, language=language, currency=currency)
    crawls_root = state_dir / "crawls"
    if crawls_root.is_dir():
        for site_dir in sorted(p for p in crawls_root.iterdir() if p.is_dir()):
            runs = []
            for run_dir in sorted(p for p in site_dir.iterdir() if p.is_dir() and not p.name.endswith(".partial")):
                issues = run_dir / "issues.json"
                if issues.is_file():
                    runs.append(CrawlRun(site_dir.name, run_dir.name, read_json(issues), run_dir))
            if runs:
                runs[-1].stats = crawl_stats(runs[-1].path / "crawl.sqlite")
                data.crawls[site_dir.name] = runs
    single = state_dir / "issues.json"
    if not data.crawls and single.is_file():
        stamp = str(read_json(single).get("finished_at") or read_json(single).get("started_at") or "")
        data.crawls["main"] = [CrawlRun("main", stamp, read_json(single), state_dir)]
    for attr, filename in (("traffic", "traffic.json"), ("campaigns", "campaigns.json")):
        path = state_dir / filename
        if path.is_file():
            setattr(data, attr, read_json(path))
    return data
