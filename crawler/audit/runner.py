"""Run every enabled check over a stored crawl, compare with the previous crawl, score, store and export.

Health score (0-100, per crawl): the share of crawled internal URLs free of problems, where a URL with
an error counts 0, a URL whose worst issue is a warning counts 0.5 and a URL with only notices (or
nothing) counts 1:

    health = round(100 * sum(weight(worst severity of url)) / number of internal URLs fetched)

Inconclusive site checks do not count. Issues reported on URLs outside that set (robots.txt, a
sitemap file) weigh on the start URL.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from crawler.audit import registry
from crawler.audit.base import CATEGORIES, SEVERITY_RANK, Check, Finding, PageCheck, Text
from crawler.audit.context import AuditContext
from crawler.audit.intent import excluded_on_purpose
from crawler.audit.result import AuditResult, Issue
from crawler.audit.settings import AuditSettings
from crawler.common.errors import InputError

SEVERITY_WEIGHT = {"error": 0.0, "warning": 0.5, "notice": 1.0}


def resolve_settings(settings: AuditSettings | None) -> dict[str, tuple[bool, str, dict[str, float]]]:
    """(enabled, severity, thresholds) per check id, with client.yml overrides validated."""
    settings = settings or AuditSettings()
    checks = {c.id: c for c in registry.all_checks()}
    for cid, ov in settings.checks.items():
        if cid not in checks:
            raise InputError(f"audit.checks.{cid}: unknown check id (see `traffic checks`)")
        unknown = set(ov.thresholds) - set(checks[cid].thresholds)
        if unknown:
            known = ", ".join(checks[cid].thresholds) or "none"
            raise InputError(f"audit.checks.{cid}.thresholds: unknown threshold {sorted(unknown)[0]!r} (known: {known})")
    out = {}
    for cid, c in checks.items():
        ov = settings.checks.get(cid)
        out[cid] = (ov.enabled if ov else True, (ov.severity if ov and ov.severity else c.severity),
                    {**c.thresholds, **(ov.thresholds if ov else {})})
    return out


def collect(ctx: AuditContext, settings: AuditSettings | None, language: str = "en",
            errors: list[dict[str, str]] | None = None, set_aside: set[str] | None = None) -> list[Issue]:
    """Run the checks; one Issue per (check, url), site checks inconclusive on an incomplete crawl.

    With ``errors`` (a list), a check raising on some page is recorded there and the audit goes on;
    without it the exception propagates (tests want to see it). A page excluded on purpose (cart,
    account...) is never advised to be indexed; such URLs go to ``set_aside``.
    """
    resolved = resolve_settings(settings)
    issues: dict[tuple[str, str], Issue] = {}
    accepted = _accepted_urls(settings)
    on_purpose = excluded_on_purpose(settings)

    def add(check: Check, severity: str, f: Finding) -> None:
        if accepted(check.id, f.url):
            return
        if check.advises_indexing and on_purpose(f.url):
            if set_aside is not None:
                set_aside.add(f.url)
            return
        key = (check.id, f.url)
        text = f.detail_text(language)
        if key in issues:
            if text and text not in issues[key].detail:
                issues[key].detail += "; " + text
            return
        title = check.title_for(resolved[check.id][2]).get(language)
        issues[key] = Issue(check.id, severity, f.url, text, check.category, title, data=f.data)

    per_page: list[tuple[PageCheck, str, dict[str, float]]] = []
    others: list[tuple[Check, str, dict[str, float]]] = []
    for check in registry.all_checks():
        enabled, severity, th = resolved[check.id]
        if not enabled:
            continue
        if check.requires_complete() and not ctx.complete:
            reason = ctx.incomplete_reason
            detail = Text(f"not judged: the crawl was cut short ({reason})",
                       f"non évalué : l'exploration a été interrompue ({reason})")
            issues[(check.id, ctx.start_url)] = Issue(check.id, severity, ctx.start_url, detail.get(language),
                                                      check.category, check.title_for(th).get(language),
                                                      inconclusive=True)
        elif isinstance(check, PageCheck):
            per_page.append((check, severity, th))
        else:
            others.append((check, severity, th))
    # One pass over the pages: each page's facts and links are read once, for every page check and for
    # the link aggregates (inlinks) that site checks use afterwards.
    for page in ctx.iter_full_pages():
        ctx.count_links(page)
        for check, severity, th in per_page:
            for f in _guarded(check, check.check(page, ctx, th), errors, page.url):
                add(check, severity, f)
    ctx.finish_link_counts()
    for check, severity, th in others:
        for f in _guarded(check, check.run(ctx, th), errors, ctx.start_url):
            add(check, severity, f)
    order = {c.id: n for n, c in enumerate(registry.all_checks())}
    return sorted(issues.values(), key=lambda i: order[i.check])


def _accepted_urls(settings: AuditSettings | None):
    """client.yml `exclude` regexes (global and per check): URLs the client accepts as they are."""
    settings = settings or AuditSettings()
    glob = [re.compile(p) for p in settings.exclude]
    per = {cid: [re.compile(p) for p in ov.exclude] for cid, ov in settings.checks.items() if ov.exclude}

    def accepted(check_id: str, url: str) -> bool:
        return any(p.search(url) for p in glob) or any(p.search(url) for p in per.get(check_id, ()))
    return accepted


def _guarded(check: Check, results, errors: list[dict[str, str]] | None, url: str) -> list[Finding]:
    """A check that crashes on odd data loses that page's result, not the whole audit (the error is reported)."""
    try:
        return list(results)
    except Exception as exc:
        if errors is None:
            raise
        errors.append({"check": check.id, "url": url, "error": f"{type(exc).__name__}: {exc}"})
        return []


def health_score(ctx: AuditContext, issues: list[Issue]) -> int:
    urls = {r.url for r in ctx.urls.values() if r.kind == "page" and (r.status is not None or r.state == "error")}
    if not urls:
        return 0
    worst: dict[str, float] = {}
    for i in issues:
        if i.inconclusive:
            continue
        url = i.url if i.url in urls else ctx.start_url
        worst[url] = min(worst.get(url, 1.0), SEVERITY_WEIGHT[i.severity])
    total = sum(worst.get(u, 1.0) for u in urls)
    return round(100 * total / len(urls))


def run_audit(db_path: Path, out_dir: Path, settings: AuditSettings | None = None, *,
              previous_db: Path | None = None, traffic_db: Path | None = None, language: str = "en") -> AuditResult:
    """Audit a stored crawl: issues.json/csv/xlsx and pages.csv in ``out_dir``, results kept in the crawl DB."""

    if language not in ("fr", "en"):
        raise InputError(f"language: expected fr or en, got {language!r}")
    db_path = Path(db_path)
    ctx = AuditContext.load(db_path)
    try:
        return _run(ctx, db_path, out_dir, settings, previous_db, traffic_db, language)
    finally:
        ctx.close()
        from crawler.audit.store import checkpoint

        checkpoint(db_path)


def _run(ctx: AuditContext, db_path: Path, out_dir: Path, settings: AuditSettings | None, previous_db: Path | None,
         traffic_db: Path | None, language: str) -> AuditResult:
    from crawler.audit import compare, exports, store, traffic

    check_errors: list[dict[str, str]] = []
    set_aside: set[str] = set()
    issues = collect(ctx, settings, language, check_errors, set_aside)

    previous_keys: set[tuple[str, str]] | None = None
    fixed: list[dict[str, str]] = []
    if previous_db is not None:
        previous_keys, prev_issues, prev_start = compare.previous_issues(Path(previous_db), settings, language, collect)
        current = {compare.key(i.check, i.url, ctx.start_url) for i in issues if not i.inconclusive}
        for i in issues:
            i.new = compare.key(i.check, i.url, ctx.start_url) not in previous_keys
        inconclusive = {i.check for i in issues if i.inconclusive}
        set_aside_keys = {compare.key(c.id, u, ctx.start_url) for c in registry.all_checks() if c.advises_indexing
                          for u in set_aside}
        fixed = [p for p in prev_issues if compare.key(p["check"], p["url"], prev_start) not in current
                 and p["check"] not in inconclusive
                 and compare.key(p["check"], p["url"], prev_start) not in set_aside_keys]
    traffic_table = traffic.attach(issues, Path(traffic_db) if traffic_db else None)
    counts_check = Counter(i.check for i in issues if not i.inconclusive)
    counts_sev = Counter(i.severity for i in issues if not i.inconclusive)
    result = AuditResult(
        start_url=ctx.start_url,
        pages_crawled=sum(1 for r in ctx.urls.values() if r.kind == "page" and r.status is not None),
        finished=ctx.meta.get("finished") == "1",
        complete=ctx.complete,
        incomplete_reason=ctx.incomplete_reason,
        issues=sorted(issues, key=lambda i: (-SEVERITY_RANK[i.severity], i.category, i.check, i.url)),
        fixed=fixed,
        persisting=sum(1 for i in issues if not i.new) if previous_keys is not None else 0,
        health_score=health_score(ctx, issues),
        counts_by_check=dict(counts_check.most_common()),
        counts_by_severity={s: counts_sev.get(s, 0) for s in ("error", "warning", "notice")},
        ignore_robots=ctx.ignore_robots,
        robots_note=ctx.meta.get("robots_note", ""),
        language=language,
        has_previous=previous_keys is not None,
        has_traffic=traffic_table is not None,
        traffic_by_path=traffic_table or {},
        action_plan=[],
        check_errors=check_errors,
        excluded_on_purpose=sorted(set_aside),
        started_at=ctx.meta.get("started_at"),
        finished_at=ctx.meta.get("finished_at"),
        thresholds={cid: th for cid, (_, _, th) in resolve_settings(settings).items() if th},
    )
    result.action_plan = action_plan(result)
    store.save(db_path, result)
    result.out_dir = Path(out_dir)
    result.files = exports.write_all(result, ctx, Path(out_dir))
    return result


def action_plan(result: AuditResult) -> list[dict[str, Any]]:
    """Checks ranked by severity first, then by the search traffic they put at risk (organic-search visits
    landing on their URLs, or Search Console clicks), then all visits, Googlebot hits and URL count."""
    plan: dict[str, dict[str, Any]] = {}
    for i in result.issues:
        if i.inconclusive:
            continue
        p = plan.setdefault(i.check, {"check": i.check, "title": i.title, "severity": i.severity,
                                      "category": i.category, "urls": 0, "new": 0, "visits_at_risk": 0,
                                      "search_at_risk": 0, "googlebot_hits": 0})
        p["urls"] += 1
        p["new"] += int(i.new)
        p["visits_at_risk"] += i.visits or 0
        p["search_at_risk"] += i.search_visits or 0
        p["googlebot_hits"] += i.googlebot_hits or 0
    return sorted(plan.values(), key=lambda p: (-SEVERITY_RANK[p["severity"]], -p["search_at_risk"],
                                                -p["visits_at_risk"], -p["googlebot_hits"], -p["urls"], p["check"]))


def category_title(category: str, language: str) -> str:
    return CATEGORIES[category].get(language)
