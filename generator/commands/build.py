"""`traffic build [--client SLUG]`: generate the pages and build site/<slug>/ for one or every client."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.common.errors import InputError
from generator.commands.options import add_period_arguments, period_from_args, resolve_clients


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("build", help="generate the pages and build site/<slug>/ for one or every client",
                              description="Generate the report pages from the client's saved data and build "
                              "site/<slug>/ with `mkdocs build --strict`.")
    p.add_argument("--client", metavar="SLUG", help="only this client (default: every client)")
    add_period_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Every valid client is built; the invalid ones are listed with their errors and the exit is 2."""
    from crawler.clients import list_clients, load_client
    from generator.pipeline import build

    root = Path.cwd()
    period = period_from_args(args)
    if args.client is not None:
        clients, errors = resolve_clients(args), []
    else:
        clients, errors = [], []
        for slug in list_clients(root):
            try:
                clients.append(load_client(slug, root))
            except InputError as exc:
                errors.append(str(exc))
        if not clients and not errors:
            resolve_clients(args)  # says that no client exists
    for client in clients:
        print(build(client, root, period))
    if errors:
        raise InputError("\n".join(errors) + f"\n{len(errors)} client(s) not built, {len(clients)} built")
    return 0
