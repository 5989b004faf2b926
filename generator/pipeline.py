"""What `traffic run` does for one client, in order, and the build / serve / schema commands.

Order matters: logs first (the audit ranks issues by the traffic they put at risk), then the crawl and
audit (the traffic report joins Googlebot hits with the crawl), then the traffic and campaign reports,
then the site. Each output is written whole (temp file + rename) so a failed step leaves the previous
report intact.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from crawler.atomic import write_json, write_text
from crawler.errors import InputError
from generator.config import ClientConfig, json_schema, list_clients, load_client

CRAWL_STAMP = "%Y%m%dT%H%M%S"


@dataclass
class RunResult:
    client: str
    audits: dict[str, Path] = field(default_factory=dict)   # site name -> crawl folder
    traffic_json: Path | None = None
    campaigns_json: Path | None = None
    index_html: Path | None = None
    warnings: list[str] = field(default_factory=list)


def say(message: str, quiet: bool = False) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- crawl history


def crawls_dir(client: ClientConfig, site_name: str) -> Path:
    return client.state_dir / "crawls" / site_name


def latest_crawl(client: ClientConfig, site_name: str) -> Path | None:
    """The newest complete crawl folder of a site (partial folders end in .partial and are skipped)."""
    folder = crawls_dir(client, site_name)
    if not folder.is_dir():
        return None
    done = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.endswith(".partial")
                  and (p / "crawl.sqlite").is_file())
    return done[-1] if done else None


# --------------------------------------------------------------------------- steps


def audit_site(client: ClientConfig, site_name: str, url: str, *, quiet: bool = False) -> Path:
    """Crawl one site and run the checks into state/crawls/<site>/<stamp>/."""
    from crawler.checks.audit import run_audit
    from crawler.engine import crawl

    site = next(s for s in client.sites if s.name == site_name)
    previous = latest_crawl(client, site_name)
    stamp = datetime.now(UTC).strftime(CRAWL_STAMP)
    final = crawls_dir(client, site_name) / stamp
    work = final.with_name(stamp + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        say(f"[{client.slug}] crawling {url}", quiet)
        crawl(url, work / "crawl.sqlite", site.crawl, progress=not quiet)
        traffic_db = client.traffic_db if client.traffic_db.exists() else None
        run_audit(work / "crawl.sqlite", work, client.audit,
                  previous_db=(previous / "crawl.sqlite") if previous else None,
                  traffic_db=traffic_db, language=client.language)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    work.rename(final)
    return final


def ingest_traffic(client: ClientConfig, result: RunResult, *, quiet: bool = False) -> None:
    t = client.traffic
    logs = client.resolve_globs(t.logs)
    exports = client.resolve_globs(t.analytics + t.search_console)
    _warn_empty(client, result, "traffic.logs", t.logs, logs)
    _warn_empty(client, result, "traffic.analytics/search_console", t.analytics + t.search_console, exports)
    if logs:
        from crawler.traffic.api import ingest_logs

        say(f"[{client.slug}] reading {len(logs)} log file(s)", quiet)
        ingest_logs(logs, client.traffic_db, t, fmt=t.log_format)
    if exports:
        from crawler.traffic.exports import import_exports

        say(f"[{client.slug}] importing {len(exports)} analytics / Search Console export(s)", quiet)
        import_exports(exports, client.traffic_db)


def report_traffic(client: ClientConfig, result: RunResult) -> None:
    if not client.traffic_db.exists():
        return
    report: dict = {}
    if client.resolve_globs(client.traffic.logs):
        from crawler.traffic.api import traffic_report

        crawl_db = None
        if client.sites:
            last = latest_crawl(client, client.sites[0].name)
            crawl_db = last / "crawl.sqlite" if last else None
        report = traffic_report(client.traffic_db, crawl_db=crawl_db)
    try:
        from crawler.traffic.exports import exports_summary

        report.update({k: v for k, v in exports_summary(client.traffic_db).items() if v})
    except ImportError:  # pragma: no cover - exports are optional
        pass
    result.traffic_json = write_json(client.state_dir / "traffic.json", report)


def campaigns(client: ClientConfig, result: RunResult, *, quiet: bool = False) -> None:
    from generator.campaigns.api import campaigns_report, import_files

    c = client.campaigns
    files = client.resolve_globs(c.exports)
    _warn_empty(client, result, "campaigns.exports", c.exports, files)
    if files:
        say(f"[{client.slug}] importing {len(files)} campaign export(s)", quiet)
        import_files(files, client.campaigns_db, c)
    for name, mapping in c.generic.items():
        mapped = client.resolve_globs(mapping.files)
        _warn_empty(client, result, f"campaigns.generic.{name}.files", mapping.files, mapped)
        if mapped:
            import_files(mapped, client.campaigns_db, c, platform=f"generic:{name}")
    if not client.campaigns_db.exists():
        return
    report = campaigns_report(
        client.campaigns_db, currency=client.currency, settings=c, budgets=client.budgets,
        targets={k: v.model_dump() for k, v in client.targets.items()},
        traffic_db=client.traffic_db if client.traffic_db.exists() else None, language=client.language,
    )
    result.campaigns_json = write_json(client.state_dir / "campaigns.json", report)


def build(client: ClientConfig, root: Path) -> Path:
    from generator.site import build_client_site

    return build_client_site(client, repo_root=root)


def run_client(client: ClientConfig, root: Path, *, site_urls: dict[str, str] | None = None,
               quiet: bool = False) -> RunResult:
    """Everything client.yml configures, then the site."""
    result = RunResult(client.slug)
    client.state_dir.mkdir(parents=True, exist_ok=True)
    ingest_traffic(client, result, quiet=quiet)
    for site in client.sites:
        url = (site_urls or {}).get(site.name, site.url)
        result.audits[site.name] = audit_site(client, site.name, url, quiet=quiet)
    report_traffic(client, result)
    campaigns(client, result, quiet=quiet)
    say(f"[{client.slug}] building the report site", quiet)
    result.index_html = build(client, root)
    for w in result.warnings:
        say(f"warning: {w}")
    return result


def _warn_empty(client: ClientConfig, result: RunResult, key: str, patterns: list[str], found: list[Path]) -> None:
    if patterns and not found:
        result.warnings.append(f"{client.path}: {key}: no file matches {', '.join(patterns)}")


# --------------------------------------------------------------------------- commands


def _clients(args: argparse.Namespace, root: Path) -> list[ClientConfig]:
    slugs = [args.client] if getattr(args, "client", None) else list_clients(root)
    if not slugs:
        raise InputError(f"no client found: expected data/clients/<slug>/client.yml under {root}")
    return [load_client(s, root) for s in slugs]


def cmd_build(args: argparse.Namespace) -> int:
    root = Path.cwd()
    for client in _clients(args, root):
        index = build(client, root)
        print(index)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    client = load_client(args.client, root)
    result = run_client(client, root, quiet=args.quiet)
    print(result.index_html)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.serve import serve_folder

    root = Path.cwd()
    slug = args.client
    if slug is None:
        slugs = list_clients(root)
        if len(slugs) != 1:
            raise InputError(f"several clients ({', '.join(slugs)}): choose one with --client SLUG")
        slug = slugs[0]
    folder = root / "site" / slug
    if not (folder / "index.html").is_file():
        raise InputError(f"{folder}/index.html: not built yet; run `traffic build --client {slug}` first")
    serve_folder(folder, host=args.host, port=args.port)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from generator.demo import run_demo

    return run_demo(Path.cwd(), quiet=args.quiet)


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        write_text(Path(args.out), text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path.cwd()
    for client in _clients(args, root):
        print(f"{client.path}: ok ({client.name}, {len(client.sites)} site(s))")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("build", help="generate the pages and build site/<slug>/ for one or every client",
                              description="Generate the report pages from the client's saved data and build "
                              "site/<slug>/ with `mkdocs build --strict`.")
    p.add_argument("--client", metavar="SLUG", help="only this client (default: every client)")
    p.set_defaults(func=cmd_build)

    p = subparsers.add_parser("run", help="everything a client's client.yml configures, then build",
                              description="Read the client's logs and exports, crawl and audit its sites, "
                              "import its campaign exports, then build its report site.")
    p.add_argument("--client", metavar="SLUG", required=True)
    p.add_argument("--quiet", action="store_true", help="no progress output (for CI)")
    p.set_defaults(func=cmd_run)

    p = subparsers.add_parser("serve", help="preview a built report site on http://127.0.0.1:8000/",
                              description="Serve site/<slug>/ on a local port for preview.")
    p.add_argument("--client", metavar="SLUG")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = subparsers.add_parser("demo", help="build the bundled demo report (what `make demo` runs)",
                              description="Serve data/demo/site/ on 127.0.0.1, crawl and audit it, read the demo "
                              "access log and exports, and build site/demo/.")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_demo)

    p = subparsers.add_parser("schema", help="print the JSON Schema of client.yml",
                              description="Print (or write) the JSON Schema of client.yml, for editors.")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(func=cmd_schema)

    p = subparsers.add_parser("validate", help="check client.yml files without running anything",
                              description="Validate one or every data/clients/<slug>/client.yml.")
    p.add_argument("--client", metavar="SLUG")
    p.set_defaults(func=cmd_validate)
