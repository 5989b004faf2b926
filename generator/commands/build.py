"""`traffic build [--client SLUG]`: generate the pages and build site/<slug>/ for one or every client."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import resolve_clients


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("build", help="generate the pages and build site/<slug>/ for one or every client",
                              description="Generate the report pages from the client's saved data and build "
                              "site/<slug>/ with `mkdocs build --strict`.")
    p.add_argument("--client", metavar="SLUG", help="only this client (default: every client)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.pipeline import build

    root = Path.cwd()
    for client in resolve_clients(args):
        print(build(client, root))
    return 0
