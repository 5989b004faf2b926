"""issues.json: one audit of one crawl (producer: crawler/audit/exports.py; Foundation contract + extras)."""

from __future__ import annotations

from typing import Literal

from crawler.contracts.base import Record, Summary

Severity = Literal["error", "warning", "notice"]


class IssueRow(Record):
    check: str
    severity: Severity
    url: str
    detail: str
    category: str
    title: str
    new: bool = True
    inconclusive: bool = False
    visits: int | None = None           # visits on the URL in the traffic store (None: no store)
    googlebot_hits: int | None = None
    search_visits: int | None = None    # organic-search visits landing on the URL (or Search Console clicks)


class FixedIssue(Record):
    """An issue of the previous crawl that this crawl no longer finds."""

    check: str
    url: str
    severity: Severity
    title: str
    detail: str


class PlanRow(Record):
    """One check of the action plan, ranked (the ranking is computed once, by the audit)."""

    check: str
    title: str
    severity: Severity
    category: str
    urls: int
    new: int
    visits_at_risk: int
    search_at_risk: int = 0             # organic-search visits (or Search Console clicks) on its URLs
    googlebot_hits: int


class CheckMeta(Record):
    id: str
    title: str
    severity: Severity
    category: str
    category_title: str
    scope: Literal["page", "site"]
    why: str
    fix: str
    reads: list[str]
    thresholds: dict[str, float]


class CheckError(Record):
    check: str
    url: str
    error: str


class Counts(Record):
    by_severity: dict[Severity, int]
    by_check: dict[str, int]


class IssuesSummary(Summary):
    """The audit of one crawl. ``health_score`` is computed once, by the audit, with the formula given."""

    FILE_NAME = "issues.json"

    start_url: str
    pages_crawled: int
    finished: bool
    complete: bool
    started_at: str | None = None
    finished_at: str | None = None
    incomplete_reason: str | None = None
    language: Literal["fr", "en"]
    health_score: int
    health_score_formula: str
    counts: Counts
    ignore_robots: bool
    robots_note: str
    previous: bool
    persisting: int
    fixed: list[FixedIssue]
    traffic: bool
    action_plan: list[PlanRow]
    check_errors: list[CheckError]
    excluded_on_purpose: list[str] = []   # pages kept out of search on purpose: not advised to be indexed
    checks: dict[str, CheckMeta]
    categories: dict[str, str]
    issues: list[IssueRow]
