"""One page per check with findings, at a stable path that holds the check id (checks/<id>.md, or
checks/<site>/<id>.md for a client with several sites): what the check found, why it matters, how to fix
it with the thresholds in force, every affected URL with its details, traffic and new/persisting status,
the URLs fixed since the previous crawl, and the check's CSV and XLSX.
"""

from __future__ import annotations

from generator.report.audit import CheckGroup, _safe_name, group_issues
from generator.report.data import CrawlRun, ReportData
from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.model import Column, Download, Figure, Link, Page, Section, Table


def most_searched(group: CheckGroup) -> list[dict]:
    """A check's issues, the URLs with the most search traffic at risk first (then visits, then URL)."""
    return sorted(group.issues, key=lambda i: (-(i["search_visits"] or 0), -(i["visits"] or 0), i["url"]))


def check_page_file(site: str, check: str, multi: bool) -> str:
    return f"checks/{_safe_name(site)}/{check}.md" if multi else f"checks/{check}.md"


def build_check_pages(data: ReportData, fmt: Formatter, L: Labels) -> list[Page]:
    multi = len(data.crawls) > 1
    pages = []
    for run in data.latest_crawls:
        fixed: dict[str, list[dict]] = {}
        for f in run.data["fixed"]:
            fixed.setdefault(f["check"], []).append(f)
        for group in group_issues(run, data.language):
            if not group.inconclusive:
                pages.append(check_page(run, group, fixed.get(group.check, []), fmt, L, multi))
    return pages


def check_page(run: CrawlRun, g: CheckGroup, fixed: list[dict], fmt: Formatter, L: Labels, multi: bool) -> Page:
    filename = check_page_file(run.site, g.check, multi)
    page = Page(filename=filename, nav_title=g.title, title=g.title, in_nav=False)
    page.intro = " · ".join(p for p in (
        L("labelled", label=L.severity, value=L.severity_label(g.severity)),
        L("labelled", label=L.category, value=g.category) if g.category else "",
        L("labelled", label=L.site, value=run.site) if multi else "") if p)
    about = Section(title=L.about_check)
    about.figures = [Figure(L.urls_affected, fmt.integer(g.count)), Figure(L.new, fmt.integer(g.new))]
    if run.data["previous"]:
        about.figures.append(Figure(L.fixed, fmt.integer(len(fixed)), tone="good" if fixed else "neutral"))
    if g.has_traffic:
        about.figures += [Figure(L.visits, fmt.integer(g.visits)),
                          Figure(L.search_visits, fmt.integer(sum(i["search_visits"] or 0 for i in g.issues)))]
    about.items = [f"{L.why} : {g.why}" if L.language == "fr" else f"{L.why}: {g.why}"] if g.why else []
    if g.how:
        about.items.append(f"{L.how} : {g.how}" if L.language == "fr" else f"{L.how}: {g.how}")
    about.downloads = [
        Download(label, f"downloads/{_safe_name(run.site)}-{g.check}.{ext}", run.path / "checks" / f"{g.check}.{ext}")
        for ext, label in (("xlsx", L.download_xlsx), ("csv", L.download_csv))
        if (run.path / "checks" / f"{g.check}.{ext}").is_file()]
    page.sections = [about, urls_section(g, fmt, L)]
    if fixed:
        page.sections.append(Section(title=L.fixed_urls, tables=[Table(
            [Column(L.url), Column(L.detail)], [[Link.safe(f["url"]), f["detail"]] for f in fixed])]))
    return page


MAX_ROWS = 1000  # a check on 10,000 pages keeps its page light; the CSV and XLSX hold every URL


def urls_section(g: CheckGroup, fmt: Formatter, L: Labels) -> Section:
    """The affected URLs, most searched first (up to MAX_ROWS; the CSV and XLSX hold them all)."""
    traffic = g.has_traffic
    issues = most_searched(g)
    cols = [Column(L.url), Column(L.detail), Column(L.issue_status)]
    cols += [Column(L.visits, "right"), Column(L.search_visits, "right")] if traffic else []
    rows = []
    for i in issues[:MAX_ROWS]:
        row: list = [Link.safe(i["url"]), i["detail"], L.new_issue if i["new"] else L.persisting]
        if traffic:
            row += [fmt.integer(i["visits"]), fmt.integer(i["search_visits"] or 0)]
        rows.append(row)
    more = L("more_in_files", n=fmt.integer(len(issues) - MAX_ROWS)) if len(issues) > MAX_ROWS else ""
    return Section(title=L.affected_urls, tables=[Table(cols, rows, more=more)])
