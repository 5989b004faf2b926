"""Public API of the campaigns area: import exports into the store, build campaigns.json, write it.

campaigns.json contract (issue 6): currency, start, end, files, totals, by_platform, by_campaign -- ratios
as fractions, money unrounded. Documented extras (crawler/campaigns/README.md): by_channel, daily,
as_of, comparison, pacing, targets, anomalies, data_gaps, utm_vs_clicks, currency_rates, warnings.
Campaign names are kept raw: whoever renders them escapes them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from crawler.campaigns.importer import FileImport, parse_file
from crawler.campaigns.report import build_report
from crawler.campaigns.settings import CampaignSettings
from crawler.campaigns.store import connect, write_file
from crawler.common import atomic
from crawler.common.period import Period

__all__ = ["FileImport", "campaigns_report", "import_files", "write_json"]


def import_files(
    files: list[Path],
    db_path: Path,
    settings: CampaignSettings | None = None,
    *,
    platform: str | None = None,
) -> list[FileImport]:
    """Parse and store each file in its own transaction; a bad file raises InputError with nothing written.

    Files before the bad one stay imported (each is complete and consistent on its own).
    """
    settings = settings or CampaignSettings()
    done: list[FileImport] = []
    with connect(db_path) as con:
        for path in files:
            path = Path(path)
            parsed = parse_file(path, settings, platform)
            info_json = json.dumps(parsed.info.to_dict(), ensure_ascii=False)
            parsed.info.replaced = write_file(con, str(path), parsed.info.platform, parsed.rows, info_json)
            done.append(parsed.info)
    return done


def campaigns_report(
    db_path: Path,
    *,
    currency: str,
    settings: CampaignSettings | None = None,
    budgets: dict[str, float] | None = None,
    targets: dict | None = None,
    as_of: date | None = None,
    traffic_db: Path | None = None,
    language: str = "en",
    period: Period | None = None,
) -> dict[str, Any]:
    """The campaigns.json content, computed from the store (see report.build_report)."""
    with connect(Path(db_path), read_only=True) as con:
        return build_report(
            con,
            currency=currency,
            settings=settings or CampaignSettings(),
            budgets=budgets or {},
            targets=targets or {},
            as_of=as_of,
            traffic_db=traffic_db,
            language=language,
            period=period,
        )


def write_json(report: dict[str, Any], out_dir: Path) -> Path:
    """Write DIR/campaigns.json atomically, built through its contract (crawler/contracts/campaigns.py)."""
    from crawler.contracts import CampaignsSummary, build, dump

    summary = build(CampaignsSummary, report, source="crawler.campaigns")
    return atomic.write_json(Path(out_dir) / "campaigns.json", dump(summary))
