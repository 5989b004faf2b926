"""`traffic schema [--out FILE]`: the JSON Schema of client.yml, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("schema", help="print the JSON Schema of client.yml",
                              description="Print (or write) the JSON Schema of client.yml, for editors.")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.clients import json_schema
    from crawler.common.atomic import write_text

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        write_text(Path(args.out), text)
    else:
        sys.stdout.write(text)
    return 0
