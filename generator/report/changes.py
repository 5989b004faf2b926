"""Audit sections that compare and break down: issues by category and severity, and the issues that are
new or fixed since the previous crawl, with their URLs."""

from __future__ import annotations

from generator.report.audit import CheckGroup, _registry, _texts
from generator.report.data import CrawlRun
from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.model import Column, Link, Section, Table

SEVERITIES = ("error", "warning", "notice")
MAX_ROWS = 100


def by_category_section(groups: list[CheckGroup], fmt: Formatter, L: Labels, site: str = "") -> Section | None:
    """Issues (URL × check) per category and severity; the totals match the severity counts above."""
    counts: dict[str, dict[str, int]] = {}
    for g in groups:
        if g.inconclusive:
            continue
        row = counts.setdefault(g.category or "—", dict.fromkeys(SEVERITIES, 0))
        row[g.severity] += g.count
    if not counts:
        return None
    cols = [Column(L.category)] + [Column(L.severity_label(s), "right") for s in SEVERITIES] + \
        [Column(L.total, "right")]
    rows = [[cat] + [fmt.integer(v[s]) for s in SEVERITIES] + [fmt.integer(sum(v.values()))]
            for cat, v in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))]
    return Section(title=L.by_category + (f" ({site})" if site else ""), level=3, tables=[Table(cols, rows)])


def new_and_fixed_section(run: CrawlRun, groups: list[CheckGroup], fmt: Formatter, L: Labels,
                          site: str = "") -> Section | None:
    """What changed since the previous crawl: each new issue and each fixed one, with its URL."""
    if not run.data["previous"]:
        return None
    registry = _registry()
    new = [(g.title, i["url"]) for g in groups if not g.inconclusive for i in g.issues if i["new"]]
    fixed = [(_texts(f["check"], run, L.language, registry)["title"], f["url"]) for f in run.data["fixed"]]
    sec = Section(title=L.new_and_fixed + (f" ({site})" if site else ""), level=3)
    for caption, items in ((L.new_issues, new), (L.fixed_issues, fixed)):
        if items:
            more = L("and_more", n=fmt.integer(len(items) - MAX_ROWS)) if len(items) > MAX_ROWS else ""
            sec.tables.append(Table([Column(L.check), Column(L.url)],
                                    [[title, Link.safe(url)] for title, url in items[:MAX_ROWS]],
                                    caption=f"{caption} ({fmt.integer(len(items))})", more=more))
    if not sec.tables:
        sec.empty = L.nothing_changed
    return sec
