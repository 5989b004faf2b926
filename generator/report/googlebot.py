"""Googlebot activity and 404s for the Traffic page (the Traffic issue's SEO log analysis).

Reads traffic.json's ``googlebot`` object: hits, urls_crawled, by_type, status, daily, top_urls,
fake_googlebot_hits and, when the logs were joined with a crawl, ``crawl`` (hits on non-indexable or
redirecting URLs, crawled pages never visited, orphans). Also ``not_found`` (404 paths with referrers
and the crawled pages linking to them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from generator.charts import to_spec
from generator.charts.traffic import daily_bars, daily_lines
from generator.report.common import num, obj, records, seq
from generator.report.fmt import Formatter, parse_date
from generator.report.i18n import Labels
from generator.report.model import Chart, Column, Figure, Link, Section, Table
from generator.report.names import bot_group_name

TOP = 20


def googlebot_data(traffic: Mapping[str, Any]) -> dict[str, Any]:
    """The ``googlebot`` block of traffic.json (empty when no log was read)."""
    return dict(traffic["googlebot"] or {})


def _more(n: int, fmt: Formatter, L: Labels, total: object = None) -> str:
    count = int(num(total) or n)
    return L("and_more", n=fmt.integer(count - TOP)) if count > TOP else ""


def googlebot_section(traffic: Mapping[str, Any], fmt: Formatter, L: Labels, lang: str, cur: str) -> Section:
    gb = googlebot_data(traffic)
    sec = Section(title=L.googlebot)
    sec.figures = [Figure(L.googlebot_hits, fmt.integer(gb.get("hits")))]
    urls = gb.get("urls_crawled")
    if urls is not None:
        sec.figures.append(Figure(L.googlebot_urls, fmt.integer(urls)))
    for kind, hits in obj(gb.get("by_type")).items():
        sec.figures.append(Figure(bot_group_name(f"Googlebot {kind}", lang), fmt.integer(hits)))
    # Hits Googlebot got a redirect for, from the status codes of the log: the same rows as the status
    # table below (the crawl's view of which URLs redirect is not what Googlebot was answered).
    redirects = sum(int(num(n) or 0) for code, n in obj(gb.get("status")).items() if str(code).startswith("3"))
    sec.figures.append(Figure(L.gb_redirects, fmt.integer(redirects)))
    if num(gb.get("fake_googlebot_hits")):
        sec.figures.append(Figure(L.fake_googlebot, fmt.integer(gb["fake_googlebot_hits"]), tone="bad"))
    crawl = gb.get("crawl") if isinstance(gb.get("crawl"), Mapping) else {}
    if crawl:
        sec.figures += [
            Figure(L.gb_non_indexable, fmt.integer(crawl.get("non_indexable_hits")),
                   tone="bad" if num(crawl.get("non_indexable_hits")) else "neutral"),
            Figure(L.gb_never_visited, fmt.integer(crawl.get("never_visited_count"))),
            Figure(L.gb_orphans, fmt.integer(crawl.get("orphans_count"))),
        ]
    daily = [r for r in records(gb.get("daily"), "date", "hits") if parse_date(r.get("date"))]
    by_type = [(k, L(k)) for k in ("smartphone", "desktop") if any(r.get(k) is not None for r in daily)]
    if daily and by_type:
        frame = pd.DataFrame([{"date": parse_date(r["date"]).isoformat(), "series": f"Googlebot {label}",
                               "value": num(r.get(k)) or 0.0} for r in daily for k, label in by_type])
        sec.charts.append(Chart(to_spec(daily_lines(frame, title=L.googlebot_hits, value_title=L.hits,
                                                    date_title=L.date), lang, cur), L.googlebot_hits))
    elif daily:
        frame = pd.DataFrame([{"date": parse_date(r["date"]).isoformat(), "value": r["hits"]}
                              for r in daily])
        sec.charts.append(Chart(to_spec(daily_bars(frame, title=L.googlebot_hits, value_title=L.hits,
                                                   date_title=L.date), lang, cur), L.googlebot_hits))
    status = records(gb.get("status"), "status", "hits")
    if status:
        sec.tables.append(Table([Column(L.status), Column(L.hits, "right")],
                                [[str(r.get("status")), fmt.integer(r["hits"])]
                                 for r in status], caption=L.status_codes))
    top = records(gb.get("top_urls"))
    if top:
        sec.tables.append(Table(
            [Column(L.page), Column(L.hits, "right"), Column(L.last_crawled, "right"), Column(L.status, "right")],
            [[Link.safe(r["path"]), fmt.integer(r.get("hits")), fmt.datetime(r.get("last_crawled")),
              str(r.get("status") or "—")] for r in top[:TOP]],
            caption=L.gb_top_urls, more=_more(len(top), fmt, L)))
    wasted = records(crawl.get("wasted_urls")) if crawl else []
    if wasted:
        sec.tables.append(Table(
            [Column(L.page), Column(L.reason), Column(L.hits, "right")],
            [[Link.safe(r["path"]), str(r.get("reason") or ""), fmt.integer(r.get("hits"))]
             for r in wasted[:TOP]], caption=L.gb_wasted, more=_more(len(wasted), fmt, L)))
    orphans = records(crawl.get("orphans")) if crawl else []
    if orphans:
        sec.tables.append(Table(
            [Column(L.page), Column(L.hits, "right")],
            [[Link.safe(r["path"]), fmt.integer(r.get("hits"))] for r in orphans[:TOP]],
            caption=L.gb_orphans, more=_more(len(orphans), fmt, L, crawl.get("orphans_count"))))
    never = [u for u in seq(crawl.get("never_visited")) if isinstance(u, str)] if crawl else []
    if never:
        sec.tables.append(Table([Column(L.page)], [[Link.safe(u)] for u in never[:TOP]],
                                caption=L.gb_never_visited,
                                more=_more(len(never), fmt, L, crawl.get("never_visited_count"))))
    if not num(gb.get("hits")) and not daily:
        sec.empty = L.no_googlebot
    return sec


# Paths robots try on every site, looking for a weakness: not pages anyone lost, so shown apart.
PROBE = re.compile(r"(^|/)(\.env|\.git|\.svn|\.ht|\.aws|\.ds_store|wp-login\.php|wp-admin|wp-content|wp-includes|"
                   r"xmlrpc\.php|phpmyadmin|pma|adminer|cgi-bin|vendor/phpunit|boaform|actuator|owa/|"
                   r"config\.(php|json|yml)|setup\.php|install\.php|shell|eval-stdin)|\.(sql|bak|old|zip|tar|gz|"
                   r"rar|7z|swp|log|ini)$", re.IGNORECASE)


def is_probe(path: str) -> bool:
    return bool(PROBE.search(path.split("?", 1)[0]))


def not_found_section(traffic: Mapping[str, Any], fmt: Formatter, L: Labels) -> Section | None:
    """404s with the pages that link to them (crawl) or the referrers that sent visitors (logs); the
    probes robots send to every site (/.env, /wp-login.php) in their own table."""
    rows = records(traffic.get("not_found"))
    if not rows:
        return None
    probes = [r for r in rows if is_probe(str(r["path"]))]
    lost = [r for r in rows if not is_probe(str(r["path"]))]
    sec = Section(title=L.not_found)
    if lost:
        table = Table([Column(L.page), Column(L.hits, "right"), Column(L.visitors_hits, "right"),
                       Column("Googlebot", "right"), Column(L.linked_from)], [])
        for r in lost[:TOP]:
            sources = [str(u) for u in seq(r.get("linked_from") or r.get("referrers"))][:3]
            table.rows.append([Link.safe(r["path"]), fmt.integer(r.get("hits")),
                               fmt.integer(r.get("human_hits")), fmt.integer(r.get("googlebot_hits")),
                               ", ".join(sources) or "—"])
        table.more = _more(len(lost), fmt, L)
        sec.tables.append(table)
    if probes:
        sec.tables.append(Table([Column(L.page), Column(L.hits, "right")],
                                [[str(r["path"]), fmt.integer(r.get("hits"))] for r in probes[:TOP]],
                                caption=L.probes, more=_more(len(probes), fmt, L)))
        sec.items.append(L.probes_note)
    return sec
