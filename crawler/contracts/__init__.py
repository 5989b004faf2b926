"""The contracts between the stages: one pydantic model per summary file, defined here and nowhere else.

    issues.json     IssuesSummary      crawler/audit/exports.py
    traffic.json    TrafficSummary     crawler/logs/report.py (+ the analytics blocks, by `traffic run`)
    analytics.json  AnalyticsSummary   crawler/analytics/summary.py
    campaigns.json  CampaignsSummary   crawler/campaigns/report.py
    period.json     PeriodRecord       generator/periods.py (one per reporting period)

Producers build their summary with :func:`build` (a key the contract lacks fails at once); the generator
reads it with :func:`load`, which validates it once and names the file on any problem. Their JSON Schemas
are exported to data/schemas/ (``traffic schema --contract NAME``).
"""

from __future__ import annotations

from typing import Any

from crawler.contracts.analytics import AnalyticsSummary
from crawler.contracts.base import Summary, build, dump, load
from crawler.contracts.campaigns import CampaignsSummary
from crawler.contracts.issues import IssuesSummary
from crawler.contracts.period import PeriodRecord, ReportPeriod
from crawler.contracts.traffic import TrafficSummary

CONTRACTS: dict[str, type[Summary]] = {
    "issues": IssuesSummary,
    "traffic": TrafficSummary,
    "analytics": AnalyticsSummary,
    "campaigns": CampaignsSummary,
    "period": PeriodRecord,
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one contract (``issues``, ``traffic``, ``analytics``, ``campaigns``)."""
    model = CONTRACTS[name]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Traffic Manager {model.FILE_NAME} (schema_version {model.SCHEMA_VERSION})"
    return schema


__all__ = ["CONTRACTS", "AnalyticsSummary", "CampaignsSummary", "IssuesSummary", "PeriodRecord", "ReportPeriod", "TrafficSummary", "Summary",
           "build", "dump", "json_schema", "load"]
