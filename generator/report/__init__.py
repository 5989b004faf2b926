"""Page models for one client's report: all the computation happens here, templates only format.

    data = load_state(client.state_dir, ...)      # what the crawler, traffic and campaigns saved
    pages = build_pages(data)                      # Overview, SEO audit, Traffic, Campaigns
"""

from __future__ import annotations

from generator.report.audit import build_audit_page
from generator.report.campaigns import build_campaigns_page
from generator.report.data import ReportData, load_state
from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.model import Page
from generator.report.overview import build_overview_page
from generator.report.traffic import build_traffic_page

__all__ = ["Page", "ReportData", "build_pages", "load_state"]


def build_pages(data: ReportData) -> list[Page]:
    """The report's pages, in navigation order, in the client's language."""
    fmt = Formatter(data.language, data.currency)  # type: ignore[arg-type]
    labels = Labels(data.language)
    return [builder(data, fmt, labels) for builder in (
        build_overview_page, build_audit_page, build_traffic_page, build_campaigns_page)]
