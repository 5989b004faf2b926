"""`traffic analytics FILE... [--client SLUG | --db PATH] [--out DIR]`: import exports, write analytics.json."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from crawler.common.atomic import write_json
from crawler.common.errors import InputError
from generator.commands.messages import say
from generator.commands.options import add_lang_argument, add_store_arguments, resolve_client


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "analytics",
        help="import GA4 / Matomo / Plausible / Search Console exports (CSV, ZIP or XLSX)",
        description="Import analytics and Search Console exports into the client's traffic database and write "
        "analytics.json (Search Console totals, daily series, top queries and pages; sessions by channel). "
        "The kind of each file is detected from its headers, English or French. Re-importing a file "
        "replaces its earlier import.",
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="export files (CSV, TSV, ZIP or XLSX); with --client and no FILE, the client's configured "
                   "traffic.analytics and traffic.search_console globs")
    add_store_arguments(p, client_help="client under data/clients/ (uses its traffic.duckdb)",
                        db_help="traffic DuckDB file to import into", required=True)
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="folder for analytics.json (default: the client's state/ folder, or the database's)")
    add_lang_argument(p, what="messages")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from crawler.analytics.importer import import_exports
    from crawler.analytics.summary import exports_summary
    from crawler.contracts import AnalyticsSummary, build, dump

    files: list[Path] = list(args.files)
    client = resolve_client(args)
    if client is not None:
        db_path = client.traffic_db
        out_dir = args.out or client.state_dir
        if not files:
            files = client.resolve_globs(client.traffic.analytics + client.traffic.search_console)
            if not files:
                raise InputError(f"{client.path}: traffic.analytics and traffic.search_console match no file; "
                                 "give FILE arguments")
    else:
        db_path = args.db
        out_dir = args.out or db_path.parent
        if not files:
            raise InputError("no FILE given: name the export files to import")
    results = import_exports(files, db_path)
    summary = exports_summary(db_path)
    payload = {"imports": [_result_json(r) for r in results], **summary}
    path = write_json(out_dir / "analytics.json", dump(build(AnalyticsSummary, payload, source="traffic analytics")))
    lang = args.lang
    for r in results:
        period = f" {r.date_start}..{r.date_end}" if r.date_start else ""
        replaced = say("replaced_imports", lang, n=r.replaced) if r.replaced else ""
        dimension = f" ({r.dimension})" if r.dimension else ""
        print(say("analytics_file", lang, file=r.file, label=r.label, dimension=dimension, rows=r.rows,
                  period=period, replaced=replaced))
        for warning in r.warnings:
            print("  " + say("warning", lang, text=warning))
    print(say("wrote", lang, path=path))
    return 0


def _result_json(result) -> dict:
    data = asdict(result)
    for key in ("date_start", "date_end"):
        data[key] = data[key].isoformat() if data[key] else None
    return data
