"""SEO audit page model: issues by severity and check (with why / how), health score and its trend.

Reads issues.json as validated by its contract (crawler/contracts/issues.py). Everything the audit computed
is taken as it is, never recomputed: the health score, the severity counts and the action-plan order.
Check texts come from the registry at build time, in the report's language and with the thresholds the
audit ran with; a check the registry no longer knows keeps the texts stored with its audit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

import pandas as pd

from crawler.audit.base import CATEGORIES, Check
from generator.charts import to_spec
from generator.charts.audit import health_trend, issues_by_check
from generator.charts.rules import says_something, worth_a_bar_chart
from generator.charts.traffic import bars
from generator.report.common import num
from generator.report.data import CrawlRun, ReportData
from generator.report.distributions import distribution_tables
from generator.report.fmt import Formatter, parse_date, parse_datetime
from generator.report.i18n import Labels
from generator.report.model import Chart, Column, Detail, Download, Figure, Link, Page, Section, Table

SEVERITY_RANK = {"error": 0, "warning": 1, "notice": 2}
MAX_URLS = 50


@dataclass
class CheckGroup:
    """All issues of one check on one crawl."""

    check: str
    title: str
    severity: str
    category: str = ""
    why: str = ""
    how: str = ""
    issues: list[dict[str, Any]] = field(default_factory=list)
    inconclusive: bool = False

    @property
    def count(self) -> int:
        return len(self.issues)

    @property
    def new(self) -> int:
        return sum(1 for i in self.issues if i["new"])

    @property
    def visits(self) -> int:
        return sum(i["visits"] or 0 for i in self.issues)

    @property
    def has_traffic(self) -> bool:
        return any(i["visits"] is not None for i in self.issues)


def _registry() -> dict[str, Check]:
    from crawler.audit.registry import all_checks

    return {c.id: c for c in all_checks()}


def _texts(check_id: str, run: CrawlRun, language: str, registry: dict[str, Check]) -> dict[str, str]:
    """title / why / how / category of a check, in ``language``, from the registry (stored texts otherwise)."""
    meta = run.data["checks"].get(check_id)
    check = registry.get(check_id)
    if check is not None:
        thresholds = meta["thresholds"] if meta else None
        return {"title": check.title_for(thresholds).get(language), "why": check.why.get(language),
                "how": check.fix_for(thresholds).get(language), "category": CATEGORIES[check.category].get(language)}
    if meta is not None:
        return {"title": meta["title"], "why": meta["why"], "how": meta["fix"], "category": meta["category_title"]}
    return {"title": check_id, "why": "", "how": "", "category": ""}


def group_issues(run: CrawlRun, language: str) -> list[CheckGroup]:
    """Issues of one crawl grouped by check, in the audit's action-plan order (inconclusive ones last)."""
    registry = _registry()
    groups: dict[str, CheckGroup] = {}
    for issue in run.data["issues"]:
        check = issue["check"]
        group = groups.get(check)
        if group is None:
            group = groups[check] = CheckGroup(check=check, severity=issue["severity"],
                                               **_texts(check, run, language, registry))
        group.inconclusive = group.inconclusive or issue["inconclusive"]
        group.issues.append(issue)
    order = {p["check"]: n for n, p in enumerate(run.data["action_plan"])}
    return sorted(groups.values(), key=lambda g: (order.get(g.check, len(order)), g.check))


def severity_counts(run: CrawlRun) -> dict[str, int]:
    """Issues by severity, as the audit counted them (inconclusive ones left out)."""
    return dict(run.data["counts"]["by_severity"])


def health_score(run: CrawlRun) -> int:
    """The audit's health score (its formula is in issues.json and on the methodology)."""
    return int(run.data["health_score"])


def crawl_when(run: CrawlRun) -> str:
    """ISO date-time (UTC) of a crawl: when it finished, else when it started, else its folder stamp."""
    value = run.data["finished_at"] or run.data["started_at"]
    dt = parse_datetime(value) if value else None
    if dt is not None:
        if dt.tzinfo is not None:  # shown as UTC, like the crawl folder names
            dt = dt.astimezone(UTC).replace(tzinfo=None)
        return dt.isoformat(timespec="seconds")
    s = run.stamp
    if len(s) >= 15 and s[8] == "T":
        return f"{s[:4]}-{s[4:6]}-{s[6:8]}T{s[9:11]}:{s[11:13]}:{s[13:15]}"
    d = parse_date(s)
    return d.isoformat() if d else ""


def build_audit_page(data: ReportData, fmt: Formatter, L: Labels) -> Page:
    page = Page(filename="audit.md", nav_title=L.audit, title=L.audit)
    if not data.crawls:
        page.notice = L.no_audit
        return page
    sev_labels = {s: L.severity_label(s) for s in SEVERITY_RANK}
    trend = [{"date": crawl_when(r), "site": r.site, "score": health_score(r)}
             for runs in data.crawls.values() for r in runs]
    multi = len(data.crawls) > 1
    for site, runs in data.crawls.items():
        run = runs[-1]
        groups = group_issues(run, data.language)
        prev = runs[-2] if len(runs) > 1 else None
        score = health_score(run)
        counts = severity_counts(run)
        section = Section(title=f"{L.site} {site}" if multi else L.issues)
        section.intro = L("labelled", label=L.start_url, value=run.data["start_url"])
        prev_score = health_score(prev) if prev else None
        section.figures = [
            Figure(L.health, f"{fmt.number(score, 0)} / 100",
                   change=f"{fmt.diff(score, prev_score)} {L.vs_previous_crawl}" if prev_score is not None else "",
                   tone=_tone(score, prev_score)),
            Figure(L.pages_crawled, fmt.integer(run.data["pages_crawled"]),
                   note=f"{fmt.datetime(crawl_when(run))} UTC"),
        ] + [
            Figure(L(key), fmt.integer(counts.get(sev, 0)),
                   change=(f"{fmt.diff(counts.get(sev, 0), severity_counts(prev).get(sev, 0))} "
                           f"{L.vs_previous_crawl}") if prev else "",
                   tone=_tone(severity_counts(prev).get(sev, 0), counts.get(sev, 0)) if prev else "neutral")
            for sev, key in (("error", "errors"), ("warning", "warnings"), ("notice", "notices"))
        ]
        if not run.data["finished"] or not run.data["complete"]:
            reason = run.data["incomplete_reason"] or ""
            section.items.append(L.crawl_incomplete + (f" ({reason})" if reason else ""))
        fixed = run.data["fixed"]
        if run.data["previous"]:
            section.figures.append(Figure(L.fixed, fmt.integer(len(fixed)), tone="good" if fixed else "neutral"))
        section.downloads = [
            Download(label, f"downloads/{_safe_name(site)}-{name}", run.path / name)
            for name, label in (("issues.xlsx", L.download_xlsx), ("issues.csv", L.download_csv),
                                ("pages.csv", L.download_pages))
            if (run.path / name).is_file()]
        if not groups:
            section.empty = L.no_issues
        else:
            frame = pd.DataFrame([{"check": g.title, "severity": g.severity, "count": g.count} for g in groups])
            if worth_a_bar_chart(frame["count"]):  # every check with 1 URL: the table says it
                section.charts.append(Chart(to_spec(issues_by_check(
                    frame, title=L.issues_by_check, count_title=L.count, severity_labels=sev_labels),
                    data.language, data.currency), L.issues_by_check))
            section.tables.append(checks_table(groups, fmt, L, site, multi))
        if run.data["excluded_on_purpose"]:
            section.tables.append(Table([Column(L.url)], [[Link.safe(u)] for u in run.data["excluded_on_purpose"]],
                                        caption=L.excluded_on_purpose))
            section.items.append(L.excluded_intro)
        page.sections.append(section)
        overview = crawl_section(run, fmt, L, data.language, data.currency, site if multi else "")
        if overview is not None:
            page.sections.append(overview)
        from generator.report.changes import by_category_section, new_and_fixed_section

        extra = (by_category_section(groups, fmt, L, site if multi else ""),
                 new_and_fixed_section(run, groups, fmt, L, site if multi else ""))
        page.sections += [s for s in extra if s is not None]
        if groups:
            details = Section(title=L.details_by_check + (f" ({site})" if multi else ""), level=3)
            details.details = [check_detail(g, fmt, L) for g in groups]
            page.sections.append(details)
    if trend:
        trend_section = Section(title=L.health_trend, intro=L.health_formula)
        frame = pd.DataFrame(trend)
        trend_section.charts.append(Chart(to_spec(health_trend(
            frame, title=L.health_trend, score_title=L.health, date_title=L.crawl_date),
            data.language, data.currency), L.health_trend))
        trend_section.tables.append(Table(
            [Column(L.site), Column(L.crawl_date), Column(L.health, "right")],
            [[t["site"], f"{fmt.datetime(t['date'])} UTC", fmt.number(t["score"], 0)] for t in reversed(trend)]))
        page.sections.append(trend_section)
    return page


def _safe_name(name: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in name) or "site"


def crawl_section(run: CrawlRun, fmt: Formatter, L: Labels, lang: str, cur: str, site: str) -> Section | None:
    """What the crawl saw: status codes, click depth, response time and page weight."""
    stats = run.stats
    if not stats or not stats.get("pages"):
        return None
    sec = Section(title=L.crawl_overview + (f" ({site})" if site else ""), level=3)
    size_kb = num(stats.get("html_size_median"))
    size = "—" if size_kb is None else f"{fmt.number(size_kb / 1000, 1)}\u00a0{'Ko' if lang == 'fr' else 'KB'}"
    sec.figures = [
        Figure(L.pages_fetched, fmt.integer(stats["pages"])),
        Figure(L.response_median, f"{fmt.number(stats.get('response_ms_median'), 0)}\u00a0ms"),
        Figure(L.response_p95, f"{fmt.number(stats.get('response_ms_p95'), 0)}\u00a0ms"),
        Figure(L.html_size, size),
        Figure(L.in_sitemap, fmt.integer(stats.get("in_sitemap"))),
        Figure(L.robots_blocked, fmt.integer(stats.get("robots_blocked"))),
    ]
    depth = stats.get("depth") or {}
    if depth and says_something(depth.values()):
        frame = pd.DataFrame([{"depth": str(k), "pages": v} for k, v in sorted(depth.items())])
        sec.charts.append(Chart(to_spec(bars(frame, category="depth", value="pages", title=L.pages_by_depth,
                                             value_title=L.pages_crawled, horizontal=False, color="#3f51b5"),
                                        lang, cur), L.pages_by_depth))
    status = stats.get("status") or {}
    if status:
        sec.tables.append(Table([Column(L.status), Column(L.pages_crawled, "right"), Column(L.share, "right")],
                                [[k, fmt.integer(v), fmt.percent(v / stats["pages"])] for k, v in status.items()],
                                caption=L.status_codes))
    sec.tables += distribution_tables(stats, fmt, L)
    return sec


def _tone(current: float | None, previous: float | None) -> str:
    """good when current > previous (pass (old, new) for counts where lower is better)."""
    if current is None or previous is None or current == previous:
        return "neutral"
    return "good" if current > previous else "bad"


def checks_table(groups: list[CheckGroup], fmt: Formatter, L: Labels, site: str, multi: bool) -> Table:
    """Checks with findings, each linking to its own page."""
    from generator.report.checkpages import check_page_file

    traffic = any(g.has_traffic for g in groups)
    cols = [Column(L.severity), Column(L.check), Column(L.category), Column(L.count, "right"),
            Column(L.new, "right")]
    if traffic:
        cols.append(Column(L.visits, "right"))
    rows = []
    for g in groups:
        title = (f"{g.title} ({L.inconclusive})" if g.inconclusive
                 else Link.to_page(g.title, "audit.md", check_page_file(site, g.check, multi)))
        row = [L.severity_label(g.severity), title,
               g.category or "—", fmt.integer(g.count), fmt.integer(g.new)]
        if traffic:
            row.append(fmt.integer(g.visits) if g.has_traffic else "—")
        rows.append(row)
    return Table(cols, rows)


def check_detail(group: CheckGroup, fmt: Formatter, L: Labels) -> Detail:
    detail = Detail(title=f"{group.title} — {fmt.integer(group.count)}", badge=L.severity_label(group.severity),
                    severity=group.severity)
    if group.why:
        detail.paragraphs.append((L.why, group.why))
    if group.how:
        detail.paragraphs.append((L.how, group.how))
    traffic = group.has_traffic
    cols = [Column(L.url), Column(L.detail)] + ([Column(L.visits, "right")] if traffic else [])
    rows = []
    for issue in group.issues[:MAX_URLS]:
        row: list = [Link.safe(issue["url"]), issue["detail"]]
        if traffic:
            row.append(fmt.integer(issue["visits"]))
        rows.append(row)
    more = L("and_more", n=fmt.integer(group.count - MAX_URLS)) if group.count > MAX_URLS else ""
    detail.table = Table(cols, rows, more=more)
    return detail
