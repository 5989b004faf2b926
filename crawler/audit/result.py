"""What an audit produces: its issues and its result (the runner builds them; exports and the store read them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crawler.audit.base import SEVERITY_RANK


@dataclass
class Issue:
    check: str
    severity: str
    url: str
    detail: str
    category: str
    title: str
    new: bool = True
    inconclusive: bool = False
    visits: int | None = None
    googlebot_hits: int | None = None
    search_visits: int | None = None   # organic-search visits landing on the URL (or Search Console clicks)
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.check, self.url)

    def to_json(self) -> dict[str, Any]:
        d = {k: v for k, v in asdict(self).items() if k != "data"}
        if not self.inconclusive:
            d.pop("inconclusive")
        if self.visits is None:
            d.pop("visits")
            d.pop("googlebot_hits")
            d.pop("search_visits")
        return d


@dataclass
class AuditResult:
    start_url: str
    pages_crawled: int
    finished: bool
    complete: bool
    incomplete_reason: str | None
    issues: list[Issue]
    fixed: list[dict[str, str]]
    persisting: int
    health_score: int
    counts_by_check: dict[str, int]
    counts_by_severity: dict[str, int]
    ignore_robots: bool
    robots_note: str
    language: str
    has_previous: bool
    has_traffic: bool
    action_plan: list[dict[str, Any]]
    check_errors: list[dict[str, str]] = field(default_factory=list)
    excluded_on_purpose: list[str] = field(default_factory=list)  # pages no check advises indexing
    traffic_by_path: dict[str, tuple[int, int, int]] = field(default_factory=dict, repr=False)
    started_at: str | None = None
    finished_at: str | None = None
    out_dir: Path | None = None
    files: dict[str, Path] = field(default_factory=dict)
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)  # in force, per check id

    def failing(self, fail_on: str, new_only: bool = False) -> list[Issue]:
        """Issues at or above ``fail_on`` (only new ones with ``new_only``), inconclusive ones excluded."""
        floor = SEVERITY_RANK[fail_on]
        return [i for i in self.issues if not i.inconclusive and SEVERITY_RANK[i.severity] >= floor
                and (i.new or not new_only)]
