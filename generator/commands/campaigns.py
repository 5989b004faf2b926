"""`traffic campaigns FILE... [--client SLUG | --db PATH] [--platform ID] --out DIR`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from crawler.common.errors import InputError
from generator.commands.messages import say
from generator.commands.options import add_lang_argument, add_store_arguments, resolve_client

HELP = """Import ad-platform exports (Google Ads, Microsoft Advertising, Meta, LinkedIn, generic CSV mapped in
client.yml) into the campaign store, then write DIR/campaigns.json with totals, KPIs, pacing, comparison and
anomalies. Formats are detected from the headers; --platform forces one. Re-importing an export replaces its rows."""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("campaigns", help="import ad-platform exports and write campaigns.json",
                              description=HELP)  # fmt: skip
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="export files (CSV, TSV, UTF-16 'Excel CSV', XLSX); default with --client: its campaigns.exports")  # fmt: skip
    add_store_arguments(p, client_help="use data/clients/SLUG/client.yml and its campaign store",
                        db_help="campaign store (DuckDB); default DIR/campaigns.duckdb")
    from crawler.campaigns.platforms import PLATFORMS

    p.add_argument("--platform", metavar="ID",
                   help=f"force the format: {', '.join(PLATFORMS)} or generic:NAME (a mapping in client.yml)")  # fmt: skip
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for campaigns.json")
    p.add_argument("--currency", metavar="CODE", help="report currency (default: the client's, or the files' only one)")
    p.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="report day; pacing counts the days before it (default: the day after the last data)")  # fmt: skip
    add_lang_argument(p, default=None, what="anomaly sentences")
    p.add_argument("--traffic-db", type=Path, metavar="PATH", help="traffic store with utm_sessions (default: client's)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.campaigns.api import campaigns_report, import_files, write_json
    from crawler.campaigns.settings import CampaignSettings

    settings = CampaignSettings()
    budgets: dict[str, float] = {}
    targets: dict = {}
    currency, language, traffic_db = args.currency, args.lang, args.traffic_db
    db = args.db
    files = list(args.files)
    forced: dict[Path, str] = {}  # files of a generic mapping in client.yml -> generic:NAME
    cfg = resolve_client(args)
    if cfg is not None:
        settings, budgets = cfg.campaigns, dict(cfg.budgets)
        targets = {k: v.model_dump() for k, v in cfg.targets.items()}
        currency = currency or cfg.currency
        language = language or cfg.language
        db = cfg.campaigns_db
        if traffic_db is None and cfg.traffic_db.exists():
            traffic_db = cfg.traffic_db
        if settings.account_currency is None:
            settings = settings.model_copy(update={"account_currency": cfg.currency})
        if not files:
            files = cfg.resolve_globs(settings.exports)
            for name, mapping in settings.generic.items():
                forced.update({f: f"generic:{name}" for f in cfg.resolve_globs(mapping.files)})
            files += [f for f in forced if f not in files]
    if db is None:
        db = args.out / "campaigns.duckdb"
    if not files and not db.exists():
        raise InputError("no export files given (expected FILE... or --client SLUG with campaigns.exports)")
    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:
        raise InputError(f"{missing[0]}: no such file")
    errors = []
    for path in files:  # one file at a time: a refused file does not stop the others, nor hide their lines
        try:
            (info,) = import_files([path], db, settings, platform=args.platform or forced.get(path))
        except InputError as exc:
            errors.append(str(exc))
            continue
        note = say("replaced_rows", args.lang, n=info.replaced) if info.replaced else ""
        check = {True: say("totals_match", args.lang), False: say("totals_mismatch", args.lang)}.get(
            info.totals_match, "")
        print(say("campaign_file", args.lang, path=info.path, platform=info.platform, rows=info.rows,
                  start=info.start, end=info.end, check=check, note=note))
        for w in info.warnings:
            print(f"{info.path}: " + say("warning", args.lang, text=w))
    if errors:
        more = f" ({len(errors)} of {len(files)} files refused, nothing written from them; campaigns.json not written)"
        raise InputError("\n".join(errors) + more)
    if currency is None:
        from crawler.campaigns.report import store_currencies
        from crawler.campaigns.store import connect

        with connect(db, read_only=True) as con:
            found = store_currencies(con)
        if len(found) > 1:
            raise InputError(
                f"the exports mix currencies ({', '.join(found)}): amounts are never added across currencies; "
                "use --client SLUG (its currency and campaigns.currency_rates) or import one currency"
            )
        currency = found[0] if found else "EUR"
    report = campaigns_report(db, currency=currency, settings=settings, budgets=budgets, targets=targets,
                              as_of=args.as_of, traffic_db=traffic_db, language=language or "en")  # fmt: skip
    out = write_json(report, args.out)
    print(say("wrote", args.lang, path=out))
    return 0
