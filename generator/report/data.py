"""Load one client's saved outputs (the state folder) for the report.

Reads only that client's folder, so a site can never show another client's data:
  state/crawls/<site>/<YYYYmmddTHHMMSS>/issues.json   one folder per crawl (``.partial`` ones are skipped)
  state/issues.json                                   a single audit (``traffic audit --out state``)
  state/crawls/<site>/<stamp>/crawl.sqlite            the latest crawl's overview (read only)
  state/periods/<key>/{period,traffic,campaigns}.json  one reporting period (generator/periods.py)
  state/traffic.json, state/campaigns.json            a single output with no period (`--out state`)
Each file is validated once, here, against its contract (crawler/contracts/): a bad or outdated file is an
input error naming the file (and the line for invalid JSON). The page builders read the validated data:
every key of the contract is present, so they never guess key names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler import contracts
from crawler.common.errors import InputError
from crawler.common.period import Period
from crawler.contracts import CampaignsSummary, IssuesSummary, Summary, TrafficSummary
from crawler.logs.settings import TrafficSettings
from generator.periods import built_periods, period_dir, read_record
from generator.report.crawlstats import crawl_stats


@dataclass
class CrawlRun:
    """One audit of one site: its folder name (the crawl's UTC stamp) and its issues.json."""

    site: str
    stamp: str
    data: dict[str, Any]
    path: Path
    stats: dict[str, Any] | None = None  # crawl overview from crawl.sqlite (latest crawl only)


@dataclass
class PeriodData:
    """A period's traffic and campaigns: the one reported, or one it is compared with."""

    period: Period
    traffic: dict[str, Any] | None = None
    campaigns: dict[str, Any] | None = None


@dataclass
class ReportData:
    name: str
    slug: str
    language: str
    currency: str
    crawls: dict[str, list[CrawlRun]] = field(default_factory=dict)  # site -> runs, oldest first
    traffic: dict[str, Any] | None = None
    campaigns: dict[str, Any] | None = None
    period: Period | None = None                 # None: the summaries cover every day of data
    previous: PeriodData | None = None           # the previous period of the same kind, when summarised
    year_before: PeriodData | None = None        # the same period a year earlier, when summarised
    archive: list[Period] = field(default_factory=list)  # every period built, newest first
    home: Period | None = None                   # the newest built period: the site's home page
    traffic_settings: TrafficSettings = field(default_factory=TrafficSettings)  # for the methodology

    @property
    def latest_crawls(self) -> list[CrawlRun]:
        return [runs[-1] for runs in self.crawls.values() if runs]


def read_summary(model: type[Summary], path: Path) -> dict[str, Any]:
    """One summary file, validated against its contract, as plain data with every declared key."""
    return contracts.load(model, path).model_dump(mode="json")


def load_state(state_dir: Path, *, name: str, slug: str, language: str, currency: str,
               period: Period | None = None, traffic_settings: TrafficSettings | None = None) -> ReportData:
    """Everything the report shows for ``period`` (default: the newest built one) from one client's state
    folder. Missing files mean missing sections."""
    data = ReportData(name=name, slug=slug, language=language, currency=currency,
                      traffic_settings=traffic_settings or TrafficSettings())
    built = built_periods(state_dir)
    data.archive = list(reversed(built))
    data.home = built[-1] if built else None
    data.period = period or data.home
    crawls_used: dict[str, str] = {}
    if data.period is not None:
        folder = period_dir(state_dir, data.period)
        record = read_record(folder)
        if record is None:
            raise InputError(f"{folder}: the period {data.period.key} has not been summarised "
                             "(run `traffic build --period` for it)")
        crawls_used = dict(record.crawls)
        current = _period_data(state_dir, data.period)
        data.traffic, data.campaigns = current.traffic, current.campaigns
        data.previous = _period_data(state_dir, data.period.previous(), required=False)
        data.year_before = _period_data(state_dir, data.period.year_before(), required=False)
    else:
        for attr, model in (("traffic", TrafficSummary), ("campaigns", CampaignsSummary)):
            path = state_dir / model.FILE_NAME
            if path.is_file():
                setattr(data, attr, read_summary(model, path))
    _load_crawls(state_dir, data, crawls_used if data.period is not None and data.period != data.home else {})
    return data


def _period_data(state_dir: Path, period: Period, *, required: bool = True) -> PeriodData | None:
    folder = period_dir(state_dir, period)
    if not required and read_record(folder) is None:
        return None
    out = PeriodData(period)
    for attr, model in (("traffic", TrafficSummary), ("campaigns", CampaignsSummary)):
        path = folder / model.FILE_NAME
        if path.is_file():
            setattr(out, attr, read_summary(model, path))
    return out


def _load_crawls(state_dir: Path, data: ReportData, upto: dict[str, str]) -> None:
    """The audits of each site, oldest first; for an archived period only those up to the crawl it used."""
    crawls_root = state_dir / "crawls"
    if crawls_root.is_dir():
        for site_dir in sorted(p for p in crawls_root.iterdir() if p.is_dir()):
            runs = []
            for run_dir in sorted(p for p in site_dir.iterdir() if p.is_dir() and not p.name.endswith(".partial")):
                if site_dir.name in upto and run_dir.name > upto[site_dir.name]:
                    continue
                issues = run_dir / "issues.json"
                if issues.is_file():
                    runs.append(CrawlRun(site_dir.name, run_dir.name, read_summary(IssuesSummary, issues), run_dir))
            if runs:
                runs[-1].stats = crawl_stats(runs[-1].path / "crawl.sqlite")
                data.crawls[site_dir.name] = runs
    single = state_dir / "issues.json"
    if not data.crawls and single.is_file():
        audit = read_summary(IssuesSummary, single)
        stamp = str(audit["finished_at"] or audit["started_at"] or "")
        data.crawls["main"] = [CrawlRun("main", stamp, audit, state_dir)]
