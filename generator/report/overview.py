"""Overview page model: health score, key traffic and campaign figures, and the action plan."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd

from generator.charts import to_spec
from generator.charts.audit import issues_by_severity
from generator.charts.rules import says_something, worth_a_bar_chart
from generator.charts.traffic import bars, daily_lines
from generator.report.audit import CheckGroup, crawl_when, group_issues, health_score, severity_counts
from generator.report.cards import campaign_cards, traffic_cards
from generator.report.checkpages import check_page_file, most_searched
from generator.report.common import obj
from generator.report.coverage import coverage_note
from generator.report.data import ReportData
from generator.report.fmt import Formatter
from generator.report.highlights import build_highlights
from generator.report.i18n import Labels
from generator.report.model import Chart, Column, Figure, Link, Page, Section, Table
from generator.report.ratios import RatioNotes
from generator.report.traffic import daily_frame, has_logs

ACTIONS = 10


def action_plan(data: ReportData) -> list[tuple[str, CheckGroup]]:
    """(site, check group) pairs in each audit's own action-plan order (ranked once, by the audit)."""
    return [(run.site, g) for run in data.latest_crawls for g in group_issues(run, data.language)
            if not g.inconclusive]


def build_overview_page(data: ReportData, fmt: Formatter, L: Labels) -> Page:
    page = Page(filename="index.md", nav_title=L.overview, title=L("report_for", name=data.name))
    page.intro = overview_intro(data, fmt, L)
    figures = Section(title=L.key_figures)
    sev_total = {"error": 0, "warning": 0, "notice": 0}
    for run in data.latest_crawls:
        figures.figures.append(_health_figure(data, run, fmt, L))
        for k, v in severity_counts(run).items():
            sev_total[k] = sev_total.get(k, 0) + v
    if data.latest_crawls:
        figures.figures.append(Figure(L.errors, fmt.integer(sev_total["error"])))
    ratio_notes = RatioNotes(fmt, L, data.currency)
    figures.figures += traffic_cards(data, fmt, L) + campaign_cards(data, fmt, L, ratio_notes)
    figures.notes = ratio_notes.notes
    if not figures.figures:
        figures.empty = f"{L.no_audit} {L.no_traffic} {L.no_campaigns}"
    figures.charts = _charts(data, sev_total, L)
    highlights = Section(title=L.highlights, items=list(build_highlights(data, fmt, L, action_plan(data))))
    page.sections += [figures] + ([highlights] if highlights.items else []) + [plan_section(data, fmt, L)]
    return page


def _health_figure(data: ReportData, run, fmt: Formatter, L: Labels) -> Figure:
    score = health_score(run)
    prev = data.crawls[run.site][-2] if len(data.crawls[run.site]) > 1 else None
    prev_score = health_score(prev) if prev else None
    label = L.health + (f" ({run.site})" if len(data.crawls) > 1 else "")
    return Figure(
        label, f"{fmt.number(score, 0)} / 100",
        change=f"{fmt.diff(score, prev_score)} {L.vs_previous_crawl}" if prev_score is not None else "",
        tone="neutral" if prev_score is None or score == prev_score else ("good" if score > prev_score else "bad"))


def _charts(data: ReportData, sev_total: dict[str, int], L: Labels) -> list[Chart]:
    """Daily visits when the logs give them; then issues by severity, else visits by channel."""
    lang, cur, t = data.language, data.currency, data.traffic or {}
    charts = []
    if t and has_logs(t):
        frame = daily_frame(t, {"visits": L.visits})
        if not frame.empty:
            charts.append(Chart(to_spec(daily_lines(
                frame, title=L.daily_visits, value_title=L.visits, date_title=L.date), lang, cur), L.daily_visits))
    if data.latest_crawls and says_something(sev_total.values()):
        frame = pd.DataFrame([{"severity": k, "count": v} for k, v in sev_total.items()])
        charts.append(Chart(to_spec(issues_by_severity(
            frame, title=L.issues, count_title=L.count, severity_labels={s: L.severity_label(s) for s in sev_total}),
            lang, cur), L.issues))
    elif t and has_logs(t) and worth_a_bar_chart(t["channels"].values()):
        frame = pd.DataFrame([{"channel": str(k), "visits": float(v)} for k, v in t["channels"].items()])
        charts.append(Chart(to_spec(bars(frame, category="channel", value="visits", title=L.channels,
                                         value_title=L.visits), lang, cur), L.channels))
    return charts


def plan_section(data: ReportData, fmt: Formatter, L: Labels) -> Section:
    """The action plan: each audit's own ranking, each row naming its URLs and linking to its check page."""
    plan = Section(title=L.action_plan, intro=L.action_plan_intro)
    items = action_plan(data)
    if not data.crawls:
        plan.empty = L.no_audit
    elif not items:
        plan.empty = L.no_issues
    else:
        traffic = any(g.has_traffic for _, g in items)
        multi = len(data.crawls) > 1
        cols = [Column("#", "right"), Column(L.check), Column(L.severity), Column(L.pages)]
        cols += [Column(L.search_at_risk, "right")] if traffic else []
        cols += [Column(L.site)] if multi else []
        cols += [Column(L.how)]
        rows = []
        for n, (site, g) in enumerate(items[:ACTIONS], 1):
            title = Link.to_page(g.title, "index.md", check_page_file(site, g.check, multi))
            row = [str(n), title, L.severity_label(g.severity), _urls_cell(g, fmt, L)]
            row += [fmt.integer(sum(i["search_visits"] or 0 for i in g.issues)) if g.has_traffic else "—"] \
                if traffic else []
            row += [site] if multi else []
            row += [g.how or "—"]
            rows.append(row)
        more = L("and_more", n=fmt.integer(len(items) - ACTIONS)) if len(items) > ACTIONS else ""
        plan.tables.append(Table(cols, rows, more=more))
    return plan


URLS_SHOWN = 3


def _urls_cell(g, fmt: Formatter, L: Labels) -> str:
    """The affected URLs' paths, most searched first: "/a/, /b/, /c/ … et 4 de plus"."""
    issues = most_searched(g)
    paths = [urlsplit(i["url"]).path or i["url"] for i in issues[:URLS_SHOWN]]
    text = ", ".join(paths)
    if g.count > URLS_SHOWN:
        text += " " + L("and_more", n=fmt.integer(g.count - URLS_SHOWN))
    return text


def overview_intro(data: ReportData, fmt: Formatter, L: Labels) -> str:
    """What the report covers: a gap at the period's end (or the data's days with no period), and the
    latest crawl."""
    t, c = obj(data.traffic), obj(data.campaigns)
    parts = [coverage_note(data, t.get("first") or c.get("start"), t.get("last") or c.get("end"), fmt, L)]
    if data.latest_crawls:
        last_crawl = max(crawl_when(r) for r in data.latest_crawls)
        parts.append(L("labelled", label=L.last_crawl, value=f"{fmt.datetime(last_crawl)} UTC"))
    return " · ".join(p for p in parts if p)
