"""`traffic checks`: the registry of SEO checks, with their severity and texts."""

from __future__ import annotations

import argparse

from generator.commands.options import add_lang_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    c = subparsers.add_parser("checks", help="list the SEO checks (id, severity, category, title)",
                              description="Print the registry of SEO checks.")
    add_lang_argument(c, what="titles and texts")
    c.add_argument("--verbose", "-v", action="store_true", help="also print why it matters and how to fix it")
    c.set_defaults(func=checks_command)


def checks_command(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from crawler.audit.base import CATEGORIES
    from crawler.audit.registry import all_checks

    checks = all_checks()
    fr = args.lang == "fr"
    table = Table(title=f"{len(checks)} {'contrôles SEO' if fr else 'SEO checks'}", show_lines=args.verbose)
    for col in ("id", "severity", "category", "title"):
        table.add_column(col)
    if args.verbose:
        table.add_column("why / fix")
    for c in checks:
        row = [c.id, c.severity, CATEGORIES[c.category].get(args.lang), c.title.get(args.lang)]
        if args.verbose:
            row.append(f"{c.why.get(args.lang)}\n→ {c.fix.get(args.lang)}")
        table.add_row(*row)
    Console(highlight=False).print(table)
    return 0
