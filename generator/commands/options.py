"""Option groups shared by the subcommands, and the one function that resolves a client.

- ``add_crawl_arguments``: the crawl options of `traffic crawl` and `traffic audit`;
- ``add_store_arguments``: ``--client SLUG | --db PATH`` of `logs`, `analytics` and `campaigns`;
- ``add_period_arguments``: ``--period 2026-10 | --from/--to`` of `build` and `run`;
- ``add_lang_argument``: ``--lang fr|en`` wherever a command prints text for a person;
- ``resolve_client``: ``--client SLUG`` -> the validated client.yml (slug checked in one place).

Defaults shown in ``--help`` are read from the settings models, never copied into the text.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.common.errors import InputError
from crawler.site.settings import CrawlSettings

if TYPE_CHECKING:
    from crawler.clients import ClientConfig
    from crawler.common.period import Period

LANGUAGES = ("fr", "en")


def _default(field: str) -> object:
    return CrawlSettings.model_fields[field].default


def add_lang_argument(parser: argparse.ArgumentParser, *, default: str | None = "en", what: str = "output") -> None:
    """``--lang fr|en`` (the one spelling: no ``--language`` anywhere)."""
    suffix = f" (default {default})" if default else " (default: the client's, else en)"
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=f"language of the {what}{suffix}")


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    """--period 2026-10 | 2026-Q3 | 2026, or --from/--to: the report's period (default: the last month)."""
    group = parser.add_argument_group("period")
    group.add_argument("--period", metavar="PERIOD",
                       help="the report's period: 2026-10 (a month), 2026-Q3 (a quarter) or 2026 (a year); "
                            "default: the latest calendar month the data covers to its end")
    group.add_argument("--from", dest="period_from", metavar="YYYY-MM-DD", help="first day of a custom period")
    group.add_argument("--to", dest="period_to", metavar="YYYY-MM-DD", help="last day of a custom period")


def period_from_args(args: argparse.Namespace) -> Period | None:
    from crawler.common.period import from_options

    return from_options(args.period, args.period_from, args.period_to)


def add_store_arguments(parser: argparse.ArgumentParser, *, db_help: str, client_help: str,
                        required: bool = False) -> None:
    """``--client SLUG | --db PATH``: a client's store, or a store file given directly."""
    where = parser.add_mutually_exclusive_group(required=required)
    where.add_argument("--client", metavar="SLUG", help=client_help)
    where.add_argument("--db", type=Path, metavar="PATH", help=db_help)


def resolve_client(args: argparse.Namespace) -> ClientConfig | None:
    """The client named by ``--client`` (validated, slug checked), or None when none was given."""
    slug = getattr(args, "client", None)
    if slug is None:
        return None
    from crawler.clients import load_client

    return load_client(slug, Path.cwd())


def resolve_clients(args: argparse.Namespace) -> list[ClientConfig]:
    """The client of ``--client``, or every client under data/clients/ when none is named."""
    one = resolve_client(args)
    if one is not None:
        return [one]
    from crawler.clients import list_clients, load_client

    root = Path.cwd()
    slugs = list_clients(root)
    if not slugs:
        raise InputError(f"no client found: expected data/clients/<slug>/client.yml under {root}")
    return [load_client(s, root) for s in slugs]


def add_crawl_arguments(parser: argparse.ArgumentParser, *, lifecycle: bool = True) -> None:
    """Crawl behaviour options (and, with ``lifecycle``, --list, --resume and --quiet)."""
    g = parser.add_argument_group("crawl")
    g.add_argument("--concurrency", type=int, metavar="N", help=f"parallel requests (default {_default('concurrency')})")
    g.add_argument("--per-host", type=int, metavar="N", help=f"parallel requests to one host at most (default {_default('per_host')})")
    g.add_argument("--delay", type=float, metavar="S", help="seconds between two requests to one host "
                   "(robots.txt Crawl-delay wins when larger)")
    g.add_argument("--max-pages", type=int, metavar="N", help="stop after N pages")
    g.add_argument("--max-depth", type=int, metavar="N", help="do not follow links more than N clicks deep")
    g.add_argument("--include", action="append", metavar="RE", help="only crawl URLs matching RE (repeatable)")
    g.add_argument("--exclude", action="append", metavar="RE", help="never crawl URLs matching RE (repeatable)")
    g.add_argument("--subdomains", action="store_true", default=None, help="treat subdomains as internal")
    g.add_argument("--keep-param", action="append", metavar="NAME",
                   help="keep only these query parameters (repeatable; default: keep all)")
    g.add_argument("--drop-param", action="append", metavar="NAME", help="drop this query parameter (repeatable)")
    g.add_argument("--ignore-robots", action="store_true", default=None,
                   help="crawl URLs robots.txt disallows (the report says so)")
    g.add_argument("--user-agent", metavar="UA", help="User-Agent header (default names this tool)")
    g.add_argument("--header", action="append", metavar="'NAME: VALUE'", help="extra request header (repeatable)")
    g.add_argument("--auth", metavar="USER:PASSWORD", help="HTTP basic auth for the crawled site (staging)")
    g.add_argument("--cookies", action="store_true", default=None, help="keep cookies between requests")
    g.add_argument("--timeout", type=float, metavar="S", help=f"total seconds allowed per response (default {_default('total_timeout'):g})")
    g.add_argument("--max-body-mb", type=float, metavar="MB", help=f"cut bodies larger than this (default {_default('max_body_bytes') // (1024 * 1024)})")
    g.add_argument("--no-external", action="store_true", default=None,
                   help="do not check external links and page resources")
    g.add_argument("--no-sitemap-urls", action="store_true", default=None,
                   help="read sitemaps but do not crawl the URLs found only there")
    g.add_argument("--parse-workers", type=int, metavar="N", help="HTML parser processes (default: cores - 1, at most 4; 0: none)")
    if lifecycle:
        g.add_argument("--list", dest="list_file", metavar="FILE", help="crawl exactly the URLs in FILE (one a line)")
        g.add_argument("--resume", action="store_true", help="continue an interrupted crawl in --db")
        g.add_argument("--quiet", action="store_true", help="no progress display (CI)")


def settings_from_args(args: argparse.Namespace, base: CrawlSettings | None = None) -> CrawlSettings:
    """Apply the options given on the command line over ``base`` (e.g. from client.yml)."""
    data = (base or CrawlSettings()).model_dump()
    simple = {"concurrency": "concurrency", "per_host": "per_host", "delay": "delay", "max_pages": "max_pages",
              "max_depth": "max_depth", "subdomains": "subdomains", "ignore_robots": "ignore_robots",
              "user_agent": "user_agent", "cookies": "cookies", "timeout": "total_timeout",
              "parse_workers": "parse_workers"}
    for arg, key in simple.items():
        v = getattr(args, arg, None)
        if v is not None:
            data[key] = v
    for arg, key in (("include", "include"), ("exclude", "exclude"), ("drop_param", "drop_params")):
        v = getattr(args, arg, None)
        if v:
            data[key] = [*data[key], *v]
    if getattr(args, "keep_param", None):
        data["keep_params"] = [*(data["keep_params"] or []), *args.keep_param]
    for pat in data["include"] + data["exclude"]:
        try:
            re.compile(pat)
        except re.error as exc:
            raise InputError(f"invalid regular expression {pat!r}: {exc}") from None
    for h in getattr(args, "header", None) or []:
        name, sep, value = h.partition(":")
        if not sep or not name.strip():
            raise InputError(f"--header {h!r}: expected 'Name: value'")
        data["headers"] = {**data["headers"], name.strip(): value.strip()}
    if getattr(args, "auth", None):
        user, sep, pw = args.auth.partition(":")
        if not sep:
            raise InputError("--auth: expected USER:PASSWORD")
        data["auth"] = (user, pw)
    if getattr(args, "max_body_mb", None) is not None:
        data["max_body_bytes"] = int(args.max_body_mb * 1024 * 1024)
    if getattr(args, "no_external", None):
        data["check_external"] = False
    if getattr(args, "no_sitemap_urls", None):
        data["crawl_sitemaps"] = False
    try:
        return CrawlSettings(**data)
    except Exception as exc:  # pydantic ValidationError: name the option
        first = str(exc).splitlines()
        raise InputError("invalid crawl option: " + " ".join(first[1:3]).strip()) from None


def read_url_list(path: str | Path) -> list[str]:
    """URLs of a --list file (blank lines and # comments skipped); errors name the file and line."""
    from crawler.site.urls import validate_start_url

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{p}: cannot read the URL list ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: not UTF-8 text (expected one URL a line)") from None
    urls = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            urls.append(validate_start_url(line))
        except ValueError as exc:
            raise InputError(f"{p}:{n}: {exc}") from None
    if not urls:
        raise InputError(f"{p}: no URL in the list (expected one http(s) URL a line)")
    return urls


def stored_settings(db: Path) -> CrawlSettings | None:
    """On --resume, the interrupted crawl's own settings (options given again override them)."""
    import json
    import sqlite3

    from crawler.site.store import open_db, read_meta

    try:
        conn = open_db(db, readonly=True)
    except (FileNotFoundError, sqlite3.Error):
        return None          # crawl() explains what is wrong with the file
    try:
        raw = read_meta(conn).get("settings")
        return CrawlSettings(**json.loads(raw)) if raw else None
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()
