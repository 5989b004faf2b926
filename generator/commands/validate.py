"""`traffic validate [--client SLUG]`: check client.yml files without running anything."""

from __future__ import annotations

import argparse

from generator.commands.messages import say
from generator.commands.options import add_lang_argument, resolve_clients


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("validate", help="check client.yml files without running anything",
                              description="Validate one or every data/clients/<slug>/client.yml.")
    p.add_argument("--client", metavar="SLUG")
    add_lang_argument(p, what="messages")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for client in resolve_clients(args):
        print(say("client_ok", args.lang, path=client.path, name=client.name, sites=len(client.sites)))
    return 0
