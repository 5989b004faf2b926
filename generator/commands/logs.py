"""`traffic logs FILE... [--client SLUG | --db PATH] [--format F] [--crawl-db PATH] --out DIR`.

Without --client or --db the store is DIR/traffic.duckdb, so `traffic logs access.log --out DIR` run again
on the same folder is incremental too (as `traffic campaigns` keeps DIR/campaigns.duckdb)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from crawler.common.errors import InputError
from crawler.logs import formats
from generator.commands.messages import say
from generator.commands.options import add_lang_argument, add_store_arguments, resolve_client


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "logs", help="read access logs into the client's traffic store and write traffic.json",
        description="Read web-server access logs (format detected; .gz, .bz2 and '-' for stdin work) into a "
                    "DuckDB store, skipping lines already read, then write DIR/traffic.json.")
    p.add_argument("files", nargs="*", metavar="FILE", help="access logs; '-' reads stdin. "
                   "Default: the client's traffic.logs globs")
    add_store_arguments(p, client_help="client under data/clients/ (store: traffic.duckdb there)",
                        db_help="DuckDB traffic store to use; default DIR/traffic.duckdb")
    p.add_argument("--format", dest="fmt", metavar="NAME|LOG_FORMAT",
                   help=f"force a format ({', '.join(formats.FORMAT_NAMES)}) or give an nginx log_format string")
    p.add_argument("--crawl-db", type=Path, metavar="PATH", help="crawl.sqlite to join (SEO log analysis)")
    p.add_argument("--start", type=date.fromisoformat, metavar="YYYY-MM-DD", help="first day of the report")
    p.add_argument("--end", type=date.fromisoformat, metavar="YYYY-MM-DD", help="last day of the report")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for traffic.json")
    add_lang_argument(p, what="messages")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.logs.api import ingest_and_report, write_json
    from crawler.logs.settings import TrafficSettings

    settings = TrafficSettings()
    files: list[str] = list(args.files)
    client = resolve_client(args)
    if client is not None:
        settings, db = client.traffic, client.traffic_db
        if not files:
            files = [str(p) for p in client.resolve_globs(settings.logs)]
    else:
        db = args.db if args.db is not None else args.out / "traffic.duckdb"
    if not files:
        raise InputError("no log file given (and no traffic.logs in the client's configuration)")
    result, report = ingest_and_report(files, db, settings, fmt=args.fmt, crawl_db=args.crawl_db,
                                       start=args.start, end=args.end)
    for f in result.files:
        print(say("log_file", args.lang, name=f.name, format=f.format, status=f.status, lines=f.lines, hits=f.hits,
                  rejected=f.rejected), file=sys.stderr)
    out = write_json(report, args.out)
    print(out)
    return 0
