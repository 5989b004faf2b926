"""traffic.json: the period's figures from the access logs (producer: crawler/logs/report.py), with the
analytics summary's ``search_console`` and ``analytics`` blocks when exports were imported."""

from __future__ import annotations

from typing import Any

from crawler.contracts.analytics import Analytics, Period, SearchConsole
from crawler.contracts.base import Record, Summary
from crawler.contracts.period import ReportPeriod


class Human(Record):
    hits: int
    pageviews: int
    visitors: int
    visits: int
    bounces: int
    bounce_rate: float | None = None
    avg_visit_seconds: float | None = None
    pages_per_visit: float | None = None


class Bots(Record):
    hits: int
    by_bot: dict[str, int]
    by_group: dict[str, int]


class LogFile(Record):
    name: str
    format: str
    lines: int
    hits: int
    rejected: int
    first: str | None = None
    last: str | None = None


class RejectedLine(Record):
    file: str
    line: int
    reason: str
    text: str


class Day(Record):
    date: str
    hits: int
    pageviews: int
    visits: int
    visitors: int
    bot_hits: int
    googlebot_hits: int
    bandwidth: int


class PageViews(Record):
    path: str
    pageviews: int
    visitors: int


class Landing(Record):
    path: str
    visits: int
    bounces: int
    avg_visit_seconds: float | None = None


class Exit(Record):
    path: str
    visits: int


class Referrer(Record):
    host: str
    visits: int
    channel: str | None = None


class Named(Record):
    """A browser, OS or device with its visitor-days and page views."""

    name: str | None = None
    visitors: int
    pageviews: int


class NamedDay(Record):
    date: str
    name: str | None = None
    visitors: int


class StatusDay(Record):
    date: str
    status: int
    hits: int


class ChannelDay(Record):
    date: str
    name: str
    visits: int


class GroupDay(Record):
    date: str
    name: str | None = None
    hits: int


class PerDay(Record):
    browsers: list[NamedDay]
    os: list[NamedDay]
    devices: list[NamedDay]
    status: list[StatusDay]
    channels: list[ChannelDay] = []    # visits per day and channel
    bot_groups: list[GroupDay] = []    # robot hits per day and group (AI crawlers, search engines...)


class UtmCampaign(Record):
    utm_campaign: str
    utm_source: str | None = None
    utm_medium: str | None = None
    visits: int
    bounces: int
    pageviews: int


class ResponseTime(Record):
    hits_with_time: int
    avg_ms: float
    p50_ms: float
    p95_ms: float
    daily: list[dict[str, Any]]
    slowest_pages: list[dict[str, Any]]


class NotFound(Record):
    path: str
    hits: int
    human_hits: int
    googlebot_hits: int
    referrers: list[str]
    linked_from: list[str] = []


class GooglebotDay(Record):
    date: str
    hits: int
    smartphone: int
    desktop: int
    urls: int


class GooglebotUrl(Record):
    path: str
    hits: int
    last_crawled: str | None = None
    status: int | None = None


class WastedUrl(Record):
    path: str
    reason: str
    hits: int


class PathHits(Record):
    path: str
    hits: int


class GooglebotCrawl(Record):
    """Googlebot's hits joined with the latest crawl: what it spends on URLs that cannot rank."""

    db: str
    crawled_pages: int
    non_indexable_hits: int
    redirect_hits: int
    hits_by_reason: dict[str, int]
    wasted_urls: list[WastedUrl]
    never_visited_count: int
    never_visited: list[str]
    orphans_count: int
    orphans: list[PathHits]


class Googlebot(Record):
    hits: int
    urls_crawled: int
    by_type: dict[str, int]
    status: dict[str, int]
    daily: list[GooglebotDay]
    top_urls: list[GooglebotUrl]
    fake_googlebot_hits: int
    crawl: GooglebotCrawl | None = None


class TrafficSummary(Summary):
    """The period's traffic. Log figures are absent (None) when no log was read; see ``lines``."""

    FILE_NAME = "traffic.json"

    lines: int | None = None
    rejected: int | None = None
    rejected_samples: list[RejectedLine] = []
    first: str | None = None
    last: str | None = None
    hits: int | None = None
    unique_visitors: int | None = None
    bandwidth: int | None = None
    status: dict[str, int] = {}
    human: Human | None = None
    bots: Bots | None = None
    channels: dict[str, int] = {}
    period: Period | None = None
    status_classes: dict[str, int] = {}
    files: list[LogFile] = []
    daily: list[Day] = []
    top_pages: list[PageViews] = []
    landing_pages: list[Landing] = []
    exit_pages: list[Exit] = []
    referrers: list[Referrer] = []
    browsers: list[Named] = []
    os: list[Named] = []
    devices: list[Named] = []
    per_day: PerDay | None = None
    utm_campaigns: list[UtmCampaign] = []
    click_ids: dict[str, int] = {}
    response_time: ResponseTime | None = None
    not_found: list[NotFound] = []
    googlebot: Googlebot | None = None
    search_console: SearchConsole | None = None
    analytics: Analytics | None = None
    report_period: ReportPeriod | None = None  # the period asked for (None: every day of data)
