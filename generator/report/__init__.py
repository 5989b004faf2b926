"""Page models for one client's report: all the computation happens here, templates only format.

    data = load_state(client.state_dir, ...)      # what the crawler, traffic and campaigns saved
    pages = build_pages(data)                      # Overview, SEO audit, Traffic, Campaigns (+ Archive)
"""

from __future__ import annotations

from generator.report.audit import build_audit_page
from generator.report.campaigns import build_campaigns_page
from generator.report.checkpages import build_check_pages
from generator.report.data import ReportData, load_state
from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.methodology import build_methodology_page
from generator.report.model import Column, Link, Page, Section, Table
from generator.report.overview import build_overview_page
from generator.report.traffic import build_traffic_page

__all__ = ["Page", "ReportData", "archive_folder", "build_pages", "load_state"]


def archive_folder(key: str) -> str:
    return f"archive/{key}/"


def build_pages(data: ReportData) -> list[Page]:
    """The report's pages, in navigation order, in the client's language.

    The home period's pages are at the site's root; an archived period's pages are the same pages under
    archive/<key>/. Every page names its period.
    """
    fmt = Formatter(data.language, data.currency)  # type: ignore[arg-type]
    labels = Labels(data.language)
    pages = [builder(data, fmt, labels) for builder in (
        build_overview_page, build_audit_page, build_traffic_page, build_campaigns_page)]
    checks = build_check_pages(data, fmt, labels)
    archived = data.period is not None and data.home is not None and data.period != data.home
    if len(data.archive) > 1 and not archived:
        pages.append(archive_page(data, fmt, labels))
    ts = data.traffic_settings
    if not archived:  # one methodology for the site, at methodology.html
        pages.append(build_methodology_page(data, fmt, labels, visit_gap=ts.visit_gap_minutes,
                                            per_minute=ts.bot_max_pages_per_minute,
                                            per_day=ts.bot_max_pages_per_day))
    pages += checks
    for page in pages:
        if page.filename not in ("archive.md", "methodology.md"):
            page.period = period_line(data, fmt, labels)
        if archived:
            assert data.period is not None and data.home is not None
            note = labels("archived_notice", name=fmt.period_name(data.period), latest=fmt.period_name(data.home))
            page.notice = f"{note} {page.notice}".strip()
            page.filename = archive_folder(data.period.key) + page.filename
    return pages


def period_line(data: ReportData, fmt: Formatter, L: Labels) -> str:
    """"octobre 2026 (1er–31 octobre 2026) · comparé à septembre 2026"."""
    if data.period is None:
        return ""
    text = L("labelled", label=L.period, value=L("period_line", name=fmt.period_name(data.period),
                                                  dates=fmt.period_dates(data.period)))
    if data.previous is not None:
        return f"{text} · {L('compared_with', name=fmt.period_name(data.previous.period))}"
    return f"{text} · {L.no_previous}"


def archive_page(data: ReportData, fmt: Formatter, L: Labels) -> Page:
    page = Page(filename="archive.md", nav_title=L.archive, title=L.archive)
    rows = []
    for period in data.archive:
        target = "index.md" if period == data.home else archive_folder(period.key) + "index.md"
        name = fmt.period_name(period) + (f" ({L.latest})" if period == data.home else "")
        rows.append([Link.to_page(name, page.filename, target), fmt.period_dates(period)])
    page.sections.append(Section(title=L.archive, intro=L.archive_intro,
                                 tables=[Table([Column(L.period), Column(L.dates)], rows)]))
    return page
