"""`traffic run --client SLUG`: everything the client's client.yml configures, then the site."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import add_period_arguments, period_from_args, resolve_client


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("run", help="everything a client's client.yml configures, then build",
                              description="Read the client's logs and exports, crawl and audit its sites, "
                              "import its campaign exports, then build its report site.")
    p.add_argument("--client", metavar="SLUG", required=True)
    p.add_argument("--quiet", action="store_true", help="no progress output (for CI)")
    add_period_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.pipeline import run_client

    period = period_from_args(args)
    client = resolve_client(args)
    assert client is not None  # --client is required
    result = run_client(client, Path.cwd(), quiet=args.quiet, period=period)
    print(result.index_html)
    return 0
