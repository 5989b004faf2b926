"""`traffic schema [--contract NAME] [--out FILE]`: the JSON Schema of client.yml, or of a summary contract.

The shipped copies are data/clients/client.schema.json and data/schemas/<name>.schema.json (a test keeps
them in sync with the models).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

CONTRACT_NAMES = ("issues", "traffic", "analytics", "campaigns", "period")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("schema", help="print the JSON Schema of client.yml or of a summary file",
                              description="Print (or write) the JSON Schema of client.yml (for editors), or with "
                              "--contract the schema of issues.json, traffic.json, analytics.json, campaigns.json or period.json.")
    p.add_argument("--contract", choices=CONTRACT_NAMES, help="a summary contract instead of client.yml")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(func=run)


def schema_text(contract: str | None) -> str:
    if contract:
        from crawler.contracts import json_schema
    else:
        from crawler.clients import json_schema

        return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    return json.dumps(json_schema(contract), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    from crawler.common.atomic import write_text

    text = schema_text(args.contract)
    if args.out:
        write_text(Path(args.out), text)
    else:
        sys.stdout.write(text)
    return 0
