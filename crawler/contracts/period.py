"""period.json: one reporting period's record in the client's state (``state/periods/<key>/``).

A period folder holds that period's traffic.json and campaigns.json. ``built`` is true once a report was
built for the period (it is then in the site's archive); a period summarised only as the comparison base
of another stays out of the archive. ``crawls`` names the crawl each site's SEO figures came from, so an
archived period keeps showing the audit it was reported with.
"""

from __future__ import annotations

from typing import Literal

from crawler.contracts.base import Record, Summary


class ReportPeriod(Record):
    key: str
    kind: Literal["month", "quarter", "year", "range"]
    start: str
    end: str


class PeriodRecord(Summary):
    FILE_NAME = "period.json"

    period: ReportPeriod
    built: bool
    built_at: str | None = None
    crawls: dict[str, str] = {}
