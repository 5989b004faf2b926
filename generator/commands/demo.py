"""`traffic demo`: what `make demo` runs (the whole pipeline on the bundled demo client)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("demo", help="build the bundled demo report (what `make demo` runs)",
                              description="Serve data/demo/site/ on 127.0.0.1, crawl and audit it, read the demo "
                              "access log and exports, and build site/demo/.")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.demo import run_demo

    return run_demo(Path.cwd(), quiet=args.quiet)
