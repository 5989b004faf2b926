"""`traffic validate [--client SLUG]`: check client.yml files without running anything."""

from __future__ import annotations

import argparse

from generator.commands.options import resolve_clients


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("validate", help="check client.yml files without running anything",
                              description="Validate one or every data/clients/<slug>/client.yml.")
    p.add_argument("--client", metavar="SLUG")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for client in resolve_clients(args):
        print(f"{client.path}: ok ({client.name}, {len(client.sites)} site(s))")
    return 0
