"""The analytics summary: Search Console and analytics exports (producer: crawler/analytics/summary.py).

It is written as ``analytics.json`` by `traffic analytics` (with the list of imports) and merged into
``traffic.json`` under ``search_console`` and ``analytics`` by `traffic run`.
"""

from __future__ import annotations

from crawler.contracts.base import Record, Summary


class Period(Record):
    start: str | None = None
    end: str | None = None


class GscTotals(Record):
    clicks: int | None = None
    impressions: int | None = None
    ctr: float | None = None
    position: float | None = None


class GscRow(GscTotals):
    """One row of a Search Console breakdown; the key column is named after the dimension."""

    date: str | None = None
    query: str | None = None
    page: str | None = None
    device: str | None = None
    country: str | None = None
    search_appearance: str | None = None


class SearchConsole(Record):
    period: Period | None = None
    totals: GscTotals | None = None
    totals_from: str | None = None
    daily: list[GscRow]
    top_queries: list[GscRow]
    top_pages: list[GscRow]
    devices: list[GscRow]
    countries: list[GscRow]
    search_appearance: list[GscRow]
    imports: int


class ChannelSessions(Record):
    channel: str | None = None
    sessions: int | None = None
    engaged_sessions: int | None = None
    engagement_rate: float | None = None
    key_events: float | None = None
    revenue: float | None = None


class LandingSessions(Record):
    landing_page: str | None = None
    sessions: int | None = None
    engaged_sessions: int | None = None
    key_events: float | None = None


class AnalyticsDay(Record):
    date: str
    sessions: int | None = None
    visitors: int | None = None
    pageviews: int | None = None


class PageViewsRow(Record):
    page: str | None = None
    views: int | None = None
    active_users: int | None = None


class Analytics(Record):
    """Sessions by channel from GA4 (else Plausible, else Matomo), daily sessions, landing pages, pages.

    Every block is optional: an export gives what it gives (channel_metric says what the channel figures
    count: GA4 sessions, visits or visitors)."""

    platform: str | None = None
    channel_metric: str | None = None
    period: Period | None = None
    sessions_by_channel: dict[str, float] = {}
    sessions: float | None = None
    channels: list[ChannelSessions] = []
    daily: list[AnalyticsDay] = []
    landing_pages: list[LandingSessions] = []
    pages: list[PageViewsRow] = []


class ImportRow(Record):
    """One file imported by `traffic analytics`."""

    file: str
    kind: str
    label: str
    dimension: str
    rows: int
    import_id: int = 0
    replaced: int = 0
    skipped_rows: int = 0
    lang: str = ""
    date_start: str | None = None
    date_end: str | None = None
    warnings: list[str] = []


class AnalyticsSummary(Summary):
    FILE_NAME = "analytics.json"

    imports: list[ImportRow] = []
    search_console: SearchConsole | None = None
    analytics: Analytics | None = None
