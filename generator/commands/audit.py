"""`traffic audit`: crawl + checks, or the checks again on a saved crawl (``--db``)."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from crawler.audit.base import SEVERITY_NAMES
from crawler.common.errors import InputError
from crawler.common.text import Text
from generator.commands.options import (
    add_crawl_arguments,
    add_lang_argument,
    read_url_list,
    settings_from_args,
    stored_settings,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "audit", help="crawl a site and run the SEO checks (or rerun them on a saved crawl)",
        description="Crawl URL into DIR/crawl.sqlite and run every SEO check, or rerun the checks on a saved crawl "
        "with --db. Writes DIR/issues.json, issues.csv, issues.xlsx and pages.csv. Exit 1 when --fail-on finds "
        "issues at or above that severity.")
    p.add_argument("url", nargs="?", help="start URL to crawl (omit with --db)")
    add_crawl_arguments(p)
    p.add_argument("--db", type=Path, help="rerun the checks on this saved crawl database instead of crawling")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="output folder (default: ./audit-HOST when crawling, the database's folder with --db)")
    p.add_argument("--previous", type=Path, metavar="DB", help="previous crawl.sqlite: mark issues new / persisting / fixed")
    p.add_argument("--traffic-db", type=Path, metavar="DUCKDB", help="traffic store: rank the action plan by visits at risk")
    p.add_argument("--fail-on", choices=["error", "warning"], help="exit 1 when there are issues at or above this severity")
    p.add_argument("--new-only", action="store_true", help="with --fail-on: only count issues new since --previous")
    add_lang_argument(p, what="titles, details and the summary")
    p.set_defaults(func=audit_command)



def default_out_dir(url: str | None, db: Path | None) -> Path:
    """./audit-HOST for a crawl (the same folder every time, so the next audit compares with this one)."""
    if db:
        return Path(db).parent
    from urllib.parse import urlsplit

    host = (urlsplit(url or "").netloc or "list").lower().replace(":", "_")
    host = "".join(ch for ch in host if ch.isalnum() or ch in "._-") or "site"
    return Path(f"audit-{host}")


def audit_command(args: argparse.Namespace) -> int:
    from crawler.audit.runner import run_audit

    db = getattr(args, "db", None)
    out: Path = args.out or default_out_dir(args.url, db)
    list_file = getattr(args, "list_file", None)
    resume = getattr(args, "resume", False)
    crawling = bool(args.url or list_file or resume)
    if crawling and db:
        raise InputError("give either a URL (or --list / --resume) to crawl, or --db to reuse a saved crawl, not both")
    if not crawling and not db:
        raise InputError("give a URL to crawl, or --db crawl.sqlite to rerun the checks on a saved crawl")
    if args.new_only and not args.fail_on:
        raise InputError("--new-only limits the --fail-on gate: give --fail-on error|warning too")
    previous = args.previous
    if previous is not None and not previous.is_file():
        raise InputError(f"{previous}: previous crawl database not found")
    if args.traffic_db is not None:
        from crawler.audit.traffic import require

        require(args.traffic_db)
    if crawling:
        from crawler.site.engine import crawl

        created = not out.exists()
        out.mkdir(parents=True, exist_ok=True)
        db = out / "crawl.sqlite"
        if db.exists() and not resume:
            kept = out / "crawl.previous.sqlite"   # the last crawl of this folder becomes the comparison base
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(db) + suffix)
                if src.exists():
                    shutil.move(src, Path(str(kept) + suffix))
            if previous is None:
                previous = kept
        urls = read_url_list(list_file) if list_file else None
        try:
            base = stored_settings(db) if resume and db.exists() else None  # resume with the crawl's own settings
            crawl(args.url, db, settings_from_args(args, base), urls=urls, resume=resume,
                  progress=not getattr(args, "quiet", False))
        except InputError:
            if created and not any(out.iterdir()):
                out.rmdir()  # a bad URL leaves nothing behind
            raise
    elif not Path(db).is_file():
        raise InputError(f"{db}: no such crawl database")
    result = run_audit(Path(db), out, previous_db=previous, traffic_db=args.traffic_db, language=args.lang)
    _print_summary(result, args)
    if args.fail_on:
        failing = result.failing(args.fail_on, new_only=args.new_only)
        if failing:
            from collections import Counter

            by_check = ", ".join(f"{c} {n}" for c, n in Counter(i.check for i in failing).most_common(8))
            gate = SUMMARY["gate_new" if args.new_only else "gate"].get(result.language)
            print(gate.format(n=len(failing), severity=SEVERITY_NAMES[args.fail_on].get(result.language),
                              by_check=by_check))
            return 1
    return 0


SUMMARY = {
    "line": Text("{url}: {pages} pages, health {health}/100, {errors} errors, {warnings} warnings, {notices} notices",
                 "{url} : {pages} pages, santé {health}/100, {errors} erreurs, {warnings} avertissements, "
                 "{notices} remarques"),
    "compared": Text(", {new} new, {fixed} fixed", ", {new} nouveaux, {fixed} corrigés"),
    "incomplete": Text(" (crawl incomplete: {reason}; site checks inconclusive)",
                       " (exploration incomplète : {reason} ; vérifications du site non concluantes)"),
    "check_failed": Text("warning: check {check} failed on {url}: {error}",
                         "avertissement : la vérification {check} a échoué sur {url} : {error}"),
    "robots_ignored": Text("robots.txt was ignored for this crawl (--ignore-robots)",
                           "robots.txt a été ignoré pour cette exploration (--ignore-robots)"),
    "plan": Text("Action plan", "Plan d’action"),
    "check": Text("check", "vérification"),
    "title": Text("title", "titre"),
    "severity": Text("severity", "sévérité"),
    "urls": Text("URLs", "URL"),
    "new": Text("new", "nouvelles"),
    "visits": Text("visits", "visites"),
    "written": Text("written: {files}", "écrits : {files}"),
    "gate": Text("traffic: audit gate failed: {n} issue(s) at or above {severity} ({by_check})",
                 "traffic : contrôle d’audit échoué : {n} problème(s) de gravité {severity} ou plus ({by_check})"),
    "gate_new": Text("traffic: audit gate failed: {n} new issue(s) at or above {severity} ({by_check})",
                     "traffic : contrôle d’audit échoué : {n} nouveau(x) problème(s) de gravité {severity} ou plus "
                     "({by_check})"),
}


def _print_summary(result, args) -> None:
    from rich.console import Console

    con = Console(highlight=False)
    lang = result.language

    def say(key: str, **values: object) -> str:
        return SUMMARY[key].get(lang).format(**values)

    sev = result.counts_by_severity
    line = say("line", url=result.start_url, pages=result.pages_crawled, health=result.health_score,
               errors=sev["error"], warnings=sev["warning"], notices=sev["notice"])
    if result.has_previous:
        line += say("compared", new=sum(1 for i in result.issues if i.new and not i.inconclusive),
                    fixed=len(result.fixed))
    if not result.complete:
        line += say("incomplete", reason=result.incomplete_reason)
    con.print(line, markup=False)
    for err in result.check_errors[:5]:
        con.print(say("check_failed", check=err["check"], url=err["url"], error=err["error"]), markup=False)
    if result.ignore_robots:
        con.print(say("robots_ignored"), markup=False)
    if not getattr(args, "quiet", False) and result.action_plan:
        con.print(_plan_table(result))
    con.print(say("written", files=", ".join(str(p) for p in result.files.values())), markup=False)


def _plan_table(result):
    from rich.table import Table

    lang = result.language
    t = Table(title=SUMMARY["plan"].get(lang))
    t.add_column(SUMMARY["check"].get(lang), no_wrap=True)
    for key in ("title", "severity", "urls"):
        t.add_column(SUMMARY[key].get(lang))
    if result.has_previous:
        t.add_column(SUMMARY["new"].get(lang))
    if result.has_traffic:
        t.add_column(SUMMARY["visits"].get(lang))
    for p in result.action_plan[:15]:
        row = [p["check"], p["title"], SEVERITY_NAMES[p["severity"]].get(lang), str(p["urls"])]
        if result.has_previous:
            row.append(str(p["new"]))
        if result.has_traffic:
            row.append(str(p["visits_at_risk"]))
        t.add_row(*row)
    return t
