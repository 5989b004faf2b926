"""campaigns.json: ad-platform KPIs for the period (producer: crawler/campaigns/report.py).

Ratios are fractions, money unrounded, each KPI computed once by the producer from sums (kpis.py).
Campaign names are kept raw: whoever renders them escapes them.
"""

from __future__ import annotations

from typing import Literal

from crawler.contracts.analytics import Period
from crawler.contracts.base import Record, Summary
from crawler.contracts.period import ReportPeriod


class Kpis(Record):
    impressions: int | None = None
    clicks: int | None = None
    cost: float | None = None
    conversions: float | None = None
    conversion_value: float | None = None
    ctr: float | None = None
    cpc: float | None = None
    cpm: float | None = None
    cpa: float | None = None
    conversion_rate: float | None = None
    roas: float | None = None
    roi: float | None = None
    cost_share: float | None = None
    cpa_cost: float | None = None         # CPA = cpa_cost / cpa_conversions: the rows reporting both
    cpa_conversions: float | None = None
    roas_value: float | None = None       # ROAS = roas_value / roas_cost: the rows reporting both
    roas_cost: float | None = None


class PlatformKpis(Kpis):
    platform: str | None = None


class WindowKpis(Kpis):
    start: str
    end: str


class ChannelKpis(Kpis):
    label: str


class CampaignKpis(Kpis):
    platform: str
    channel: str
    campaign: str


class DailyRow(Record):
    date: str
    platform: str
    campaign: str
    impressions: int | None = None
    clicks: int | None = None
    cost: float | None = None
    conversions: float | None = None
    conversion_value: float | None = None


class TotalsRow(Record):
    line: int
    label: str
    impressions: float | None = None
    clicks: float | None = None
    cost: float | None = None
    conversions: float | None = None
    conversion_value: float | None = None


class ExportFile(Record):
    path: str
    platform: str
    rows: int
    start: str
    end: str
    currencies: list[str]
    totals_row: TotalsRow | None = None
    totals_match: bool | None = None


class Change(Record):
    kind: Literal["pct", "points"]
    value: float | None = None
    new: bool


class PlatformComparison(Record):
    current: PlatformKpis
    base: PlatformKpis
    change: dict[str, Change]


class Comparison(Record):
    current: WindowKpis
    base: WindowKpis
    base_has_data: bool
    change: dict[str, Change]
    by_platform: dict[str, PlatformComparison]


class Pacing(Record):
    """A month's budget pacing; ``status`` is derived from ``pacing_ratio`` by the producer."""

    key: str
    scope: str
    month: str
    days_elapsed: int
    days_in_month: int
    budget: float
    spend_to_date: float
    prorated_budget: float
    pacing_ratio: float | None = None
    budget_used: float | None = None
    run_rate: float | None = None
    projected_spend: float | None = None
    projected_spend_average: float | None = None
    projected_ratio: float | None = None
    status: Literal["on_track", "under", "over"]
    alerts: list[int]


class TargetStatus(Record):
    key: str
    scope: str
    metric: str
    target: float
    actual: float | None = None
    status: Literal["met", "missed", "no_data"]
    start: str
    end: str


class Localized(Record):
    en: str
    fr: str


class Anomaly(Record):
    type: str
    metric: str
    platform: str
    campaign: str
    date: str
    value: float | None = None
    baseline: float | None = None
    change: float | None = None
    z: float | None = None
    sentence: str
    sentences: Localized
    template: str
    templates: Localized              # the sentence with {campaign} where the (untrusted) name goes
    days_without_spend: int | None = None    # type "stopped"
    resumed: str | None = None                # type "stopped": the day spend came back, if it did
    cost: float | None = None                 # type "no_conversions": the spend of the last days


class DataGap(Record):
    platform: str
    start: str
    end: str
    days: int
    sentences: Localized


class UtmRow(Record):
    """Platform clicks against sessions tagged with the same utm_campaign (a side may be missing)."""

    platform: str | None = None
    campaign: str | None = None
    utm_campaign: str
    clicks: int | None = None
    sessions: int | None = None
    difference: int | None = None
    ratio: float | None = None


class UtmVsClicks(Record):
    available: bool
    reason: str | None = None
    period: Period | None = None
    rows: list[UtmRow]


class CampaignsSummary(Summary):
    FILE_NAME = "campaigns.json"

    currency: str
    start: str | None = None
    end: str | None = None
    files: list[ExportFile]
    totals: Kpis
    by_platform: dict[str, Kpis]                  # keyed by platform id
    by_campaign: list[CampaignKpis]
    by_channel: dict[str, ChannelKpis] = {}
    daily: list[DailyRow] = []
    as_of: str | None = None
    comparison: dict[str, Comparison] = {}
    pacing: list[Pacing] = []
    targets: list[TargetStatus] = []
    anomalies: list[Anomaly] = []
    data_gaps: list[DataGap] = []
    utm_vs_clicks: UtmVsClicks
    currency_rates: dict[str, float] = {}
    warnings: list[str] = []
    report_period: ReportPeriod | None = None  # the period asked for (None: every day of data)
