"""Build the campaigns.json content from the store: convert currencies, sum, then derive every KPI."""

from __future__ import annotations

import json
import math
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from crawler.campaigns import analysis, anomalies
from crawler.campaigns.kpis import group_kpis, pair_columns, total_kpis
from crawler.campaigns.platforms import CHANNEL_LABELS
from crawler.campaigns.settings import CampaignSettings
from crawler.campaigns.utm import utm_vs_clicks
from crawler.common.errors import InputError
from crawler.common.period import Period
from crawler.common.text import name_of


def store_currencies(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT currency FROM campaign_rows WHERE currency IS NOT NULL ORDER BY 1").fetchall()]


def rates_for(currencies: list[str], currency: str, rates: dict[str, float]) -> dict[str, float]:
    """Rate to the report currency for every currency in the store, or a clear error naming what is missing."""
    if not re.fullmatch(r"[A-Z]{3}", currency or ""):
        raise InputError(f"report currency: expected an ISO 4217 code such as EUR, got {currency!r}")
    out = {currency: 1.0}
    missing = []
    for c in currencies:
        if c == currency:
            continue
        if c in rates:
            out[c] = float(rates[c])
        else:
            missing.append(c)
    if missing:
        example = ", ".join(f"{m}: 0.0" for m in missing)
        raise InputError(
            f"campaign rows are in {', '.join(sorted({*currencies, currency}))} but the report is in {currency}: "
            f"amounts in different currencies are never added; set campaigns.currency_rates in client.yml "
            f"(1 {missing[0]} = rate x {currency}), e.g. currency_rates: {{{example}}}"
        )
    return out


def load_rows(con: duckdb.DuckDBPyConnection, currency: str, rates: dict[str, float], until: date | None) -> pd.DataFrame:
    """Rows with cost and conversion value in the report currency (rows stating no currency count as it)."""
    case = " ".join(f"WHEN '{c}' THEN CAST({r!r} AS DOUBLE)" for c, r in rates.items() if c.isalpha())
    rate = f"(CASE coalesce(currency, '{currency}') {case} END)"
    where = "WHERE date < ?" if until else ""
    # A campaign renamed during the period keeps one line: the name of its latest row, per campaign id.
    q = f"""
        WITH names AS (
            SELECT platform, campaign_id, arg_max(campaign, date) AS latest
            FROM campaign_rows WHERE campaign_id IS NOT NULL GROUP BY platform, campaign_id
        )
        SELECT r.date, r.platform, r.channel, coalesce(n.latest, r.campaign) AS campaign,
               any_value(r.campaign_id) AS campaign_id,
               sum(r.impressions)::DOUBLE AS impressions, sum(r.clicks)::DOUBLE AS clicks,
               sum(r.cost * {rate})::DOUBLE AS cost, sum(r.conversions)::DOUBLE AS conversions,
               sum(r.conversion_value * {rate})::DOUBLE AS conversion_value
        FROM campaign_rows r
        LEFT JOIN names n ON n.platform = r.platform AND n.campaign_id = r.campaign_id
        {where.replace("date", "r.date")}
        GROUP BY r.date, r.platform, r.channel, coalesce(n.latest, r.campaign), r.row_key
    """
    df = con.execute(q, [until] if until else []).df()
    if not df.empty:
        df["date"] = pd.to_datetime(df["date"]).dt.date
    return df


def _clean(obj: Any) -> Any:
    """JSON-safe: NaN -> None, floats without binary noise, dates as ISO strings."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v) for v in obj]
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else round(obj, 9)
    if isinstance(obj, date):
        return obj.isoformat()
    if hasattr(obj, "item"):  # numpy scalars
        return _clean(obj.item())
    return obj


def build_report(
    con: duckdb.DuckDBPyConnection,
    *,
    currency: str,
    settings: CampaignSettings,
    budgets: dict[str, float],
    targets: dict[str, Any],
    as_of: date | None,
    traffic_db: Path | None,
    language: str,
    period: Period | None = None,
) -> dict[str, Any]:
    """campaigns.json for ``period`` (every row when None), compared with the period before it."""
    rates = rates_for(store_currencies(con), currency, settings.currency_rates)
    if period is not None:
        as_of = min(as_of, period.end + timedelta(days=1)) if as_of else period.end + timedelta(days=1)
    raw = load_rows(con, currency, rates, as_of)
    history = pair_columns(raw) if not raw.empty else raw  # every row up to the period's end
    df = history[history["date"] >= period.start] if period is not None and not history.empty else history
    margin = settings.margin
    files = [
        {"path": _display_path(p), "platform": plat, "rows": int(n), **_file_extras(info)}
        for p, plat, n, info in con.execute(
            "SELECT r.source_file, any_value(r.platform), count(*), any_value(i.info) FROM campaign_rows r "
            "LEFT JOIN imports i ON i.source_file = r.source_file GROUP BY r.source_file ORDER BY 1"
        ).fetchall()
    ]
    warnings = [f"{f['path']}: {w}" for f in files for w in f.pop("warnings", [])]
    if df.empty:
        empty = total_kpis(df, margin=margin)
        return _clean({
            "currency": currency, "start": None, "end": None, "files": files, "totals": empty,
            "by_platform": {}, "by_campaign": [], "by_channel": {}, "daily": [], "comparison": {}, "pacing": [],
            "targets": [], "anomalies": [], "data_gaps": [], "utm_vs_clicks": {"available": False, "reason": "no campaign rows", "rows": []},
            "warnings": warnings, "as_of": as_of.isoformat() if as_of else None,
            "report_period": period.to_dict() if period else None,
        })  # fmt: skip
    start, end = min(df["date"]), max(df["date"])
    as_of = as_of or end + timedelta(days=1)
    ref = as_of - timedelta(days=1)
    if ref > end:
        warnings.append(
            f"the latest campaign data is for {end.isoformat()}; the {(ref - end).days} completed day(s) up to "
            f"{ref.isoformat()} have none (are the exports older than the report day?)"
        )
    totals = total_kpis(df, margin=margin)
    total_cost = totals["cost"]
    by_platform = {r.pop("platform"): r for r in group_kpis(df, ["platform"], total_cost=total_cost, margin=margin)}
    by_channel = {}
    for r in group_kpis(df, ["channel"], total_cost=total_cost, margin=margin):
        cid = r.pop("channel")
        by_channel[cid] = {"label": name_of(CHANNEL_LABELS, cid, language), **r}
    by_campaign = group_kpis(df, ["platform", "channel", "campaign"], total_cost=total_cost, margin=margin)
    by_campaign.sort(key=lambda r: (-(r["cost"] or 0), r["platform"], r["campaign"]))
    daily_df = df.groupby(["date", "platform", "campaign"], sort=True)[
        ["impressions", "clicks", "cost", "conversions", "conversion_value"]
    ].sum(min_count=1).reset_index()
    daily = []
    for rec in daily_df.to_dict("records"):
        for k in ("impressions", "clicks"):
            rec[k] = None if pd.isna(rec[k]) else int(round(rec[k]))
        daily.append(rec)
    report = {
        "currency": currency,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "files": files,
        "totals": totals,
        "by_platform": by_platform,
        "by_campaign": by_campaign,
        "by_channel": by_channel,
        "daily": daily,
        "as_of": as_of.isoformat(),
        "comparison": analysis.comparison(history, ref, margin, period),
        "pacing": [row for day in _month_ends(period, ref) for row in analysis.pacing(history, budgets, day)],
        "targets": analysis.targets_status(history, targets, ref, margin),
        "anomalies": anomalies.detect(
            history, end=ref if ref >= start else end, currency=currency, language=language,
            window=settings.anomaly_window, threshold=settings.anomaly_threshold,
        ),
        "data_gaps": anomalies.data_gaps(df),
        "utm_vs_clicks": utm_vs_clicks(traffic_db, by_campaign, start, end, settings.utm_campaigns),
        "currency_rates": {c: r for c, r in rates.items() if c != currency},
        "warnings": warnings,
        "report_period": period.to_dict() if period else None,
    }
    return _clean(report)


def _month_ends(period: Period | None, ref: date) -> list[date]:
    """The reference day of each month of the period that has begun (a quarter: its three months, the
    last one up to ``ref``); without a period, the month of ``ref``."""
    if period is None:
        return [ref]
    out = []
    first = period.start.replace(day=1)
    while first <= min(period.end, ref):
        nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        out.append(min(nxt - timedelta(days=1), ref, period.end))
        first = nxt
    return out or [ref]


def _display_path(path: str) -> str:
    """Paths under the working folder are shown relative to it (no local absolute paths in a report)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


def _file_extras(info_json: str | None) -> dict[str, Any]:
    if not info_json:
        return {}
    info = json.loads(info_json)
    return {k: info.get(k) for k in ("start", "end", "currencies", "totals_row", "totals_match", "warnings")}
