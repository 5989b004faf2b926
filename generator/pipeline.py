"""What `traffic run` does for one client, in order: the one module that knows the pipeline's order.

Order matters: logs first (the audit ranks issues by the traffic they put at risk), then the crawl and
audit (the traffic report joins Googlebot hits with the crawl), then the traffic and campaign reports,
then the site. Each output is written whole (temp file + rename) so a failed step leaves the previous
report intact.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from crawler.clients import ClientConfig
from crawler.common.errors import InputError
from crawler.common.period import Period
from crawler.common.text import Text

CRAWL_STAMP = "%Y%m%dT%H%M%S"


@dataclass
class RunResult:
    client: str
    audits: dict[str, Path] = field(default_factory=dict)   # site name -> crawl folder
    index_html: Path | None = None
    warnings: list[str] = field(default_factory=list)


PROGRESS: dict[str, Text] = {
    "crawling": Text("[{slug}] crawling {url}", "[{slug}] exploration de {url}"),
    "logs": Text("[{slug}] reading {n} log file(s)", "[{slug}] lecture de {n} journal(aux) serveur"),
    "exports": Text("[{slug}] importing {n} analytics / Search Console export(s)",
                    "[{slug}] import de {n} export(s) analytics / Search Console"),
    "campaigns": Text("[{slug}] importing {n} campaign export(s)", "[{slug}] import de {n} export(s) de campagnes"),
    "building": Text("[{slug}] building the report site", "[{slug}] construction du site du rapport"),
    "warning": Text("warning: {text}", "avertissement : {text}"),
}


def progress(client: ClientConfig, key: str, quiet: bool = False, **values: object) -> None:
    """A progress line of `traffic run`, in the client's language."""
    say(PROGRESS[key].get(client.language).format(slug=client.slug, **values), quiet)


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
    from crawler.audit.runner import run_audit
    from crawler.site.engine import crawl

    site = next(s for s in client.sites if s.name == site_name)
    previous = latest_crawl(client, site_name)
    stamp = datetime.now(UTC).strftime(CRAWL_STAMP)
    final = crawls_dir(client, site_name) / stamp
    work = final.with_name(stamp + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        progress(client, "crawling", quiet, url=url)
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
        from crawler.logs.api import ingest_logs

        progress(client, "logs", quiet, n=len(logs))
        ingest_logs(logs, client.traffic_db, t, fmt=t.log_format)
    if exports:
        from crawler.analytics import import_exports

        progress(client, "exports", quiet, n=len(exports))
        import_exports(exports, client.traffic_db)


def import_campaigns(client: ClientConfig, result: RunResult, *, quiet: bool = False) -> None:
    from crawler.campaigns.api import import_files

    c = client.campaigns
    files = client.resolve_globs(c.exports)
    _warn_empty(client, result, "campaigns.exports", c.exports, files)
    if files:
        progress(client, "campaigns", quiet, n=len(files))
        import_files(files, client.campaigns_db, c)
    for name, mapping in c.generic.items():
        mapped = client.resolve_globs(mapping.files)
        _warn_empty(client, result, f"campaigns.generic.{name}.files", mapping.files, mapped)
        if mapped:
            import_files(mapped, client.campaigns_db, c, platform=f"generic:{name}")


def latest_crawls(client: ClientConfig) -> dict[str, str]:
    """site name -> stamp of its newest complete crawl."""
    out = {}
    for site in client.sites:
        last = latest_crawl(client, site.name)
        if last is not None:
            out[site.name] = last.name
    return out


def summarise(client: ClientConfig, period: Period | None = None) -> Period | None:
    """The period's summaries (state/periods/<key>/) from the stores; None when there is no store.

    Without ``period``: the latest calendar month the data covers to its end.
    """
    from generator import periods

    if not (client.traffic_db.is_file() or client.campaigns_db.is_file() or latest_crawls(client)):
        if period is not None:
            raise InputError(f"{client.path}: --period {period.key}: no data has been read for this client yet "
                             f"(run `traffic run --client {client.slug}` first)")
        return None
    period = period or periods.default_period(client)
    periods.prepare(client, period, latest_crawls(client))
    return period


def build(client: ClientConfig, root: Path, period: Period | None = None) -> Path:
    """Summarise the period from the stores (when they exist), then build the site from the state."""
    from generator.site import build_client_site

    summarise(client, period)
    return build_client_site(client, repo_root=root)


def run_client(client: ClientConfig, root: Path, *, quiet: bool = False, period: Period | None = None,
               periods: tuple[Period, ...] = ()) -> RunResult:
    """Everything client.yml configures, then the site for ``period`` (or ``periods``, oldest first)."""
    result = RunResult(client.slug)
    client.state_dir.mkdir(parents=True, exist_ok=True)
    ingest_traffic(client, result, quiet=quiet)
    for site in client.sites:
        result.audits[site.name] = audit_site(client, site.name, site.url, quiet=quiet)
    import_campaigns(client, result, quiet=quiet)
    for earlier in periods[:-1]:
        summarise(client, earlier)
    progress(client, "building", quiet)
    result.index_html = build(client, root, periods[-1] if periods else period)
    for w in result.warnings:
        progress(client, "warning", text=w)
    return result


def _warn_empty(client: ClientConfig, result: RunResult, key: str, patterns: list[str], found: list[Path]) -> None:
    if patterns and not found:
        result.warnings.append(f"{client.path}: {key}: no file matches {', '.join(patterns)}")
