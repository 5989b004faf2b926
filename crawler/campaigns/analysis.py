"""Period comparison, budget pacing and targets, on the store's rows already in the report currency.

The reference day is the last *completed* day (as_of - 1): pacing never counts a day still being spent.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

import pandas as pd

from crawler.campaigns.kpis import KPI_KEYS, change, group_kpis, total_kpis
from crawler.campaigns.platforms import CHANNEL_LABELS, channel_id
from crawler.common.period import Period

ON_TRACK = 0.10  # ±10% of the prorated budget
ALERT_LEVELS = (80, 100)
RUN_RATE_DAYS = 7


def _between(df: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    return df[(df["date"] >= start) & (df["date"] <= end)]


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def windows(ref: date, period: Period | None = None) -> dict[str, tuple[tuple[date, date], tuple[date, date]]]:
    """(current, base) windows. With a report period: the period against the previous one of its kind
    (October against September) and against the same period a year earlier. Without: the month of the
    reference day up to that day, against the same number of days before it."""
    if period is not None:
        before, year = period.previous(), period.year_before()
        cur_p = (period.start, period.end)
        return {"previous_period": (cur_p, (before.start, before.end)),
                "same_period_last_year": (cur_p, (year.start, year.end))}
    cur = (ref.replace(day=1), ref)
    n = (cur[1] - cur[0]).days + 1
    prev = (cur[0] - timedelta(days=n), cur[0] - timedelta(days=1))
    last_year = (_shift_year(cur[0], -1), _shift_year(cur[1], -1))
    pm_end = cur[0] - timedelta(days=1)
    pm_start = pm_end.replace(day=1)
    mtd_base = (pm_start, min(pm_end, pm_start + timedelta(days=ref.day - 1)))
    return {"previous_period": (cur, prev), "same_period_last_year": (cur, last_year), "month_to_date": (cur, mtd_base)}


def _compare(cur: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    return {k: change(cur.get(k), base.get(k), k) for k in KPI_KEYS if k != "cost_share"}


def comparison(df: pd.DataFrame, ref: date, margin: float | None, period: Period | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (cur_w, base_w) in windows(ref, period).items():
        cur_df, base_df = _between(df, *cur_w), _between(df, *base_w)
        cur, base = total_kpis(cur_df, margin=margin), total_kpis(base_df, margin=margin)
        by_platform = {}
        cur_p = {r["platform"]: r for r in group_kpis(cur_df, ["platform"], total_cost=None, margin=margin)}
        base_p = {r["platform"]: r for r in group_kpis(base_df, ["platform"], total_cost=None, margin=margin)}
        for p in sorted(set(cur_p) | set(base_p)):
            c, b = cur_p.get(p, {}), base_p.get(p, {})
            by_platform[p] = {"current": c, "base": b, "change": _compare(c, b)}
        out[name] = {
            "current": {"start": cur_w[0].isoformat(), "end": cur_w[1].isoformat(), **cur},
            "base": {"start": base_w[0].isoformat(), "end": base_w[1].isoformat(), **base},
            "base_has_data": not base_df.empty,
            "change": _compare(cur, base),
            "by_platform": by_platform,
        }
    return out


def _scope(df: pd.DataFrame, key: str) -> tuple[str, pd.DataFrame]:
    """A budget/target key is a channel id ('paid_search', or its label 'Paid Search') or a campaign name."""
    channels = set(CHANNEL_LABELS) | set(df["channel"])
    if key in channels:
        return "channel", df[df["channel"] == key]
    if key in set(df["campaign"]):
        return "campaign", df[df["campaign"] == key]
    if (cid := channel_id(key)) in channels:
        return "channel", df[df["channel"] == cid]
    return "unknown", df.iloc[0:0]


def pacing(df: pd.DataFrame, budgets: dict[str, float], ref: date) -> list[dict[str, Any]]:
    """Spend to date vs prorated monthly budget on completed days, status and alerts.

    Projected month-end spend = spend to date + the current run rate (mean daily spend of the last 7 completed
    days) x the days left, so a campaign that stopped last week is not projected at its early-month pace.
    ``projected_spend_average`` is the plain average-pace projection, for comparison.
    """
    month_start = ref.replace(day=1)
    days_in_month = calendar.monthrange(ref.year, ref.month)[1]
    elapsed = ref.day
    month = _between(df, month_start, ref)
    out = []
    for key, budget in budgets.items():
        scope, part = _scope(month if not month.empty else df.iloc[0:0], key)
        if scope == "unknown":
            scope, _ = _scope(df, key)
        spend = float(part["cost"].sum()) if not part.empty else 0.0
        prorated = budget * elapsed / days_in_month
        ratio = spend / prorated if prorated else None
        # Current run rate: the last 7 completed days of the month (fewer early in the month).
        recent_start = max(month_start, ref - timedelta(days=RUN_RATE_DAYS - 1))
        recent_days = (ref - recent_start).days + 1
        recent = part[part["date"] >= recent_start]["cost"].sum() if not part.empty else 0.0
        run_rate = float(recent) / recent_days
        projected = spend + run_rate * (days_in_month - elapsed)
        # A status a reader can check against the row: over when the pace is above the tolerance or the
        # month's whole budget is already spent past; under when the pace is below the tolerance.
        if ratio is None:
            status = "over" if spend > 0 else "on_track"
        elif ratio > 1 + ON_TRACK or spend > budget:
            status = "over"
        elif ratio < 1 - ON_TRACK:
            status = "under"
        else:
            status = "on_track"
        used = spend / budget if budget else None
        alerts = [lvl for lvl in ALERT_LEVELS if (used is not None and used >= lvl / 100) or (not budget and spend > 0)]
        out.append({
            "key": key, "scope": scope, "month": month_start.strftime("%Y-%m"),
            "days_elapsed": elapsed, "days_in_month": days_in_month, "budget": budget,
            "spend_to_date": round(spend, 6), "prorated_budget": round(prorated, 6), "pacing_ratio": ratio,
            "budget_used": used, "run_rate": round(run_rate, 6), "projected_spend": round(projected, 6),
            "projected_spend_average": round(spend / elapsed * days_in_month, 6),
            "projected_ratio": projected / budget if budget else None, "status": status, "alerts": alerts,
        })  # fmt: skip
    return out


def targets_status(df: pd.DataFrame, targets: dict[str, Any], ref: date, margin: float | None) -> list[dict[str, Any]]:
    """CPA (met when at or below) and ROAS (met when at or above) over the current month to date."""
    start = ref.replace(day=1)
    month = _between(df, start, ref)
    out = []
    for key, target in targets.items():
        t = target.model_dump() if hasattr(target, "model_dump") else dict(target)
        scope, part = _scope(month, key)
        if scope == "unknown":
            scope, _ = _scope(df, key)
        actual = total_kpis(part, margin=margin)
        for metric in ("cpa", "roas"):
            goal = t.get(metric)
            if goal is None:
                continue
            value = actual.get(metric)
            if value is None:
                status = "no_data"
            elif metric == "cpa":
                status = "met" if value <= goal else "missed"
            else:
                status = "met" if value >= goal else "missed"
            out.append({
                "key": key, "scope": scope, "metric": metric, "target": goal, "actual": value, "status": status,
                "start": start.isoformat(), "end": ref.isoformat(),
            })  # fmt: skip
    return out
