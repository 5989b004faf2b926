"""`traffic checks`: the registry of SEO checks, with their severity and texts."""

from __future__ import annotations

import argparse

from crawler.common.text import Text
from generator.commands.options import add_lang_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    c = subparsers.add_parser("checks", help="list the SEO checks (id, severity, category, title)",
                              description="Print the registry of SEO checks.")
    add_lang_argument(c, what="titles and texts")
    c.add_argument("--verbose", "-v", action="store_true", help="also print why it matters and how to fix it")
    c.set_defaults(func=checks_command)


HEADERS = {
    "title": Text("{n} SEO checks", "{n} contrôles SEO"),
    "id": Text("id", "id"),
    "severity": Text("severity", "sévérité"),
    "category": Text("category", "catégorie"),
    "name": Text("title", "titre"),
    "why_fix": Text("why / fix", "pourquoi / corriger"),
}


def checks_command(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from crawler.audit.base import CATEGORIES, SEVERITY_NAMES
    from crawler.audit.registry import all_checks

    lang = args.lang
    checks = all_checks()
    table = Table(title=HEADERS["title"].format(n=len(checks)).get(lang), show_lines=args.verbose)
    for key in ("id", "severity", "category", "name"):
        table.add_column(HEADERS[key].get(lang))
    if args.verbose:
        table.add_column(HEADERS["why_fix"].get(lang))
    for c in checks:
        row = [c.id, SEVERITY_NAMES[c.severity].get(lang), CATEGORIES[c.category].get(lang), c.title_for().get(lang)]
        if args.verbose:
            row.append(f"{c.why.get(lang)}\n→ {c.fix.get(lang)}")
        table.add_row(*row)
    Console(highlight=False).print(table)
    return 0
