"""`traffic crawl URL --db PATH`: crawl only (its options are shared with `traffic audit`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.common.errors import InputError
from generator.commands.messages import say
from generator.commands.options import (
    add_crawl_arguments,
    add_lang_argument,
    read_url_list,
    settings_from_args,
    stored_settings,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("crawl", help="crawl a site into a SQLite database",
                              description="Crawl a site politely (robots.txt, sitemaps) into a crawl database.")
    p.add_argument("url", nargs="?", help="start URL (not needed with --list or --resume)")
    p.add_argument("--db", required=True, metavar="PATH", help="crawl database to write (SQLite)")
    add_crawl_arguments(p)
    add_lang_argument(p, what="messages")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from crawler.site.engine import crawl

    base = stored_settings(Path(args.db)) if args.resume else None
    settings = settings_from_args(args, base)
    urls = read_url_list(args.list_file) if getattr(args, "list_file", None) else None
    if not args.url and not urls and not args.resume:
        raise InputError("give a start URL, --list FILE or --resume")
    summary = crawl(args.url, Path(args.db), settings, urls=urls, resume=args.resume, progress=not args.quiet)
    lang = args.lang
    state = say("crawl_finished", lang) if summary.finished else say("crawl_stopped", lang,
                                                                      reason=summary.stopped_reason)
    print(say("crawl_summary", lang, state=state, pages=summary.pages_crawled, urls=summary.urls_total,
              errors=summary.errors, seconds=summary.elapsed_s, db=summary.db_path),
          file=sys.stderr if args.quiet else sys.stdout)
    if not summary.finished:
        print(say("crawl_resume", lang, db=summary.db_path), file=sys.stderr)
        return 130
    return 0
