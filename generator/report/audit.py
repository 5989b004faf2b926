"""SEO audit page model: issues by severity and check (with why / how), health score and its trend.

Reads issues.json (Foundation contract plus the audit's additions: ``title``, ``category``, ``new``,
``inconclusive``, optional ``visits`` / ``googlebot_hits`` per issue, a per-crawl ``health_score``, and
check texts either per issue (``why`` / ``how``) or in a top-level ``checks`` list or mapping).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

import pandas as pd

from generator.charts import to_spec
from generator.charts.audit import health_trend, issues_by_check
from generator.charts.traffic import bars
from generator.report.common import first, localized, num, seq
from generator.report.data import CrawlRun, ReportData
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
        return sum(1 for i in self.issues if i.get("new") is True)

    @property
    def visits(self) -> float:
        return sum(num(first(i, "visits", "traffic")) or 0.0 for i in self.issues)

    @property
    def googlebot_hits(self) -> float:
        return sum(num(i.get("googlebot_hits")) or 0.0 for i in self.issues)

    @property
    def has_traffic(self) -> bool:
        return any(first(i, "visits", "traffic") is not None for i in self.issues)

    def sort_key(self) -> tuple:
        """The audit's action-plan order: traffic at risk first, then severity, Googlebot hits, page count."""
        return (-self.visits, SEVERITY_RANK.get(self.severity, 3), -self.googlebot_hits, -self.count, self.check)


def _check_texts(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    checks = data.get("checks")
    if isinstance(checks, Mapping):
        return {str(k): v for k, v in checks.items() if isinstance(v, Mapping)}
    if isinstance(checks, list):
        return {str(c.get("id")): c for c in checks if isinstance(c, Mapping) and c.get("id")}
    return {}


def _registry_meta(check_id: str) -> Any:
    """The check's metadata from the audit registry, when it is installed (texts in both languages)."""
    try:
        from crawler.audit import registry

        return registry.get(check_id)
    except (ImportError, LookupError, ValueError, AttributeError):
        return None


def _meta_text(meta: Any, attr: str, language: str) -> str:
    if meta is None:
        return ""
    if isinstance(meta, Mapping):
        value = meta.get(attr) or meta.get(f"{attr}_{language}")
    else:
        value = getattr(meta, attr, None) or getattr(meta, f"{attr}_{language}", None)
    return localized(value, language)


def _category(category: str, language: str, names: object = None) -> str:
    """A category id ("titles") as the audit's localised name (issues.json "categories", else the registry)."""
    if isinstance(names, Mapping) and names.get(category):
        return localized(names[category], language)
    try:
        from crawler.audit.base import CATEGORIES
    except ImportError:
        return category
    name = CATEGORIES.get(category)
    return localized(name, language) if name is not None else category


def group_issues(run: CrawlRun, language: str) -> list[CheckGroup]:
    """Issues of one crawl grouped by check, most urgent first."""
    texts = _check_texts(run.data)
    groups: dict[str, CheckGroup] = {}
    for issue in seq(run.data.get("issues")):
        if not isinstance(issue, Mapping) or not issue.get("check"):
            continue
        check = str(issue["check"])
        group = groups.get(check)
        if group is None:
            meta: Any = texts.get(check)
            registry = _registry_meta(check) if meta is None and not issue.get("why") else None
            title = (localized(issue.get("title"), language) or _meta_text(meta, "title", language)
                     or _meta_text(registry, "title", language) or check)
            group = groups[check] = CheckGroup(
                check=check, title=title, severity=str(issue.get("severity") or "notice"),
                category=_meta_text(meta, "category_title", language) or _category(
                    localized(issue.get("category"), language) or _meta_text(meta, "category", language),
                    language, run.data.get("categories")),
                why=localized(issue.get("why"), language) or _meta_text(meta, "why", language)
                or _meta_text(registry, "why", language),
                how=localized(first(issue, "how", "fix"), language) or _meta_text(meta, "how", language)
                or _meta_text(meta, "fix", language) or _meta_text(registry, "fix", language),
            )
        sev = str(issue.get("severity") or group.severity)
        if SEVERITY_RANK.get(sev, 3) < SEVERITY_RANK.get(group.severity, 3):
            group.severity = sev
        group.inconclusive = group.inconclusive or bool(issue.get("inconclusive"))
        group.issues.append(dict(issue))
    return sorted(groups.values(), key=CheckGroup.sort_key)


def severity_counts(run: CrawlRun) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "notice": 0}
    for issue in seq(run.data.get("issues")):
        if isinstance(issue, Mapping) and not issue.get("inconclusive"):
            sev = str(issue.get("severity") or "notice")
            counts[sev] = counts.get(sev, 0) + 1
    return counts


def health_score(run: CrawlRun) -> tuple[float | None, bool]:
    """(score 0-100, computed_here). The audit's own score wins; otherwise the share of crawled pages
    with no error-level issue."""
    for key in ("health_score", "health", "score"):
        value = run.data.get(key)
        if isinstance(value, Mapping):
            value = first(value, "score", "value")
        if num(value) is not None:
            return num(value), False
    pages = num(run.data.get("pages_crawled"))
    if not pages:
        return None, True
    with_errors = {str(i.get("url")) for i in seq(run.data.get("issues"))
                   if isinstance(i, Mapping) and i.get("severity") == "error" and not i.get("inconclusive")}
    return min(100.0, max(0.0, 100.0 * (1 - len(with_errors) / pages))), True


def crawl_when(run: CrawlRun) -> str:
    """ISO date-time of a crawl: from the JSON when present, else from the folder stamp."""
    value = first(run.data, "finished_at", "started_at", "crawled_at", "date")
    dt = parse_datetime(value) if value else None
    if dt is None and len(run.stamp) >= 15 and run.stamp[8] == "T":
        try:
            s = run.stamp
            return f"{s[:4]}-{s[4:6]}-{s[6:8]}T{s[9:11]}:{s[11:13]}:{s[13:15]}"
        except IndexError:
            pass
    if dt is not None:
        if dt.tzinfo is not None:  # shown as UTC, like the crawl folder names
            dt = dt.astimezone(UTC).replace(tzinfo=None)
        return dt.isoformat(timespec="seconds")
    d = parse_date(run.stamp)
    return d.isoformat() if d else ""


def build_audit_page(data: ReportData, fmt: Formatter, L: Labels) -> Page:
    page = Page(filename="audit.md", nav_title=L.audit, title=L.audit)
    if not data.crawls:
        page.notice = L.no_audit
        return page
    sev_labels = {s: L.severity_label(s) for s in SEVERITY_RANK}
    trend = [{"date": crawl_when(r), "site": r.site, "score": health_score(r)[0]}
             for runs in data.crawls.values() for r in runs if health_score(r)[0] is not None]
    multi = len(data.crawls) > 1
    for site, runs in data.crawls.items():
        run = runs[-1]
        groups = group_issues(run, data.language)
        prev = runs[-2] if len(runs) > 1 else None
        score, computed = health_score(run)
        counts = severity_counts(run)
        section = Section(title=f"{L.site} {site}" if multi else L.issues)
        section.intro = f"{L.start_url} : {run.data.get('start_url', '')}" if data.language == "fr" else \
            f"{L.start_url}: {run.data.get('start_url', '')}"
        prev_score = health_score(prev)[0] if prev else None
        section.figures = [
            Figure(L.health, fmt.number(score, 0) + (" / 100" if score is not None else ""),
                   change=f"{fmt.diff(score, prev_score)} {L.vs_previous_crawl}" if prev_score is not None else "",
                   tone=_tone(score, prev_score), note=L.score_computed if computed and score is not None else ""),
            Figure(L.pages_crawled, fmt.integer(run.data.get("pages_crawled")),
                   note=f"{fmt.datetime(crawl_when(run))} UTC"),
        ] + [
            Figure(L(key), fmt.integer(counts.get(sev, 0)),
                   change=(f"{fmt.diff(counts.get(sev, 0), severity_counts(prev).get(sev, 0))} "
                           f"{L.vs_previous_crawl}") if prev else "",
                   tone=_tone(severity_counts(prev).get(sev, 0), counts.get(sev, 0)) if prev else "neutral")
            for sev, key in (("error", "errors"), ("warning", "warnings"), ("notice", "notices"))
        ]
        if run.data.get("finished") is False or run.data.get("complete") is False:
            reason = str(run.data.get("incomplete_reason") or "")
            section.items.append(L.crawl_incomplete + (f" ({reason})" if reason else ""))
        fixed = run.data.get("fixed")
        if isinstance(fixed, list) and run.data.get("previous"):
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
            section.charts.append(Chart(to_spec(issues_by_check(
                frame, title=L.issues_by_check, count_title=L.count, severity_labels=sev_labels),
                data.language, data.currency), L.issues_by_check))
            section.tables.append(checks_table(groups, fmt, L))
        page.sections.append(section)
        overview = crawl_section(run, fmt, L, data.language, data.currency, site if multi else "")
        if overview is not None:
            page.sections.append(overview)
        if groups:
            details = Section(title=L.details_by_check + (f" ({site})" if multi else ""), level=3)
            details.details = [check_detail(g, fmt, L) for g in groups]
            page.sections.append(details)
    if trend:
        trend_section = Section(title=L.health_trend)
        frame = pd.DataFrame(trend)
        trend_section.charts.append(Chart(to_spec(health_trend(
            frame, title=L.health_trend, score_title=L.health, date_title=L.crawl_date),
            data.language, data.currency), L.health_trend))
        trend_section.tables.append(Table(
            [Column(L.site), Column(L.crawl_date), Column(L.health, "right")],
            [[t["site"], f"{fmt.datetime(t['date'])} UTC", fmt.number(t["score"], 0 if float(t["score"]).is_integer()
                                                                    else 1)] for t in reversed(trend)]))
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
    if depth:
        frame = pd.DataFrame([{"depth": str(k), "pages": v} for k, v in sorted(depth.items())])
        sec.charts.append(Chart(to_spec(bars(frame, category="depth", value="pages", title=L.pages_by_depth,
                                             value_title=L.pages_crawled, horizontal=False, color="#3f51b5"),
                                        lang, cur), L.pages_by_depth))
    status = stats.get("status") or {}
    if status:
        sec.tables.append(Table([Column(L.status), Column(L.pages_crawled, "right"), Column(L.share, "right")],
                                [[k, fmt.integer(v), fmt.percent(v / stats["pages"])] for k, v in status.items()],
                                caption=L.status_codes))
    return sec


def _tone(current: float | None, previous: float | None) -> str:
    """good when current > previous (pass (old, new) for counts where lower is better)."""
    if current is None or previous is None or current == previous:
        return "neutral"
    return "good" if current > previous else "bad"


def checks_table(groups: list[CheckGroup], fmt: Formatter, L: Labels) -> Table:
    traffic = any(g.has_traffic for g in groups)
    cols = [Column(L.severity), Column(L.check), Column(L.category), Column(L.count, "right"),
            Column(L.new, "right")]
    if traffic:
        cols.append(Column(L.visits, "right"))
    rows = []
    for g in groups:
        row = [L.severity_label(g.severity), g.title + (f" ({L.inconclusive})" if g.inconclusive else ""),
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
        row: list = [Link.safe(issue.get("url")), str(issue.get("detail") or "")]
        if traffic:
            row.append(fmt.integer(first(issue, "visits", "traffic")))
        rows.append(row)
    more = L("and_more", n=fmt.integer(group.count - MAX_URLS)) if group.count > MAX_URLS else ""
    detail.table = Table(cols, rows, more=more)
    return detail
