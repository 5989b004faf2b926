"""KPIs recomputed from summed components, never averaged: CPC is Σcost ÷ Σclicks over the rows that
report both (a row with clicks ``--`` does not lower the CPC). A zero or missing denominator gives None.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

COUNTS = ("impressions", "clicks")
AMOUNTS = ("cost", "conversions", "conversion_value")
METRICS = (*COUNTS, *AMOUNTS)
# (numerator, denominator) pairs; each ratio uses only rows where both are reported.
PAIRS = {
    "ctr": ("clicks", "impressions", 1.0),
    "cpc": ("cost", "clicks", 1.0),
    "cpm": ("cost", "impressions", 1000.0),
    "cpa": ("cost", "conversions", 1.0),
    "conversion_rate": ("conversions", "clicks", 1.0),
    "roas": ("conversion_value", "cost", 1.0),
}
RATES = ("ctr", "conversion_rate", "roi", "cost_share")  # compared in points, the others in %
KPI_KEYS = (*METRICS, *PAIRS, "roi", "cost_share")


def pair_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Add a__b = a where b is reported, for every KPI pair, so group sums give matched components."""
    df = df.copy()
    for a, b, _ in PAIRS.values():
        for x, y in ((a, b), (b, a)):
            col = f"{x}__{y}"
            if col not in df:
                df[col] = df[x].where(df[y].notna())
    return df


def sum_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if c in METRICS or "__" in c]


def _div(a: float | None, b: float | None, scale: float = 1.0) -> float | None:
    if a is None or b is None or b == 0 or (isinstance(b, float) and math.isnan(b)):
        return None
    return a / b * scale


def _val(x: Any) -> float | None:
    if x is None:
        return None
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    return float(x)


def kpis(sums: dict[str, Any] | pd.Series, *, total_cost: float | None = None, margin: float | None = None) -> dict[str, Any]:
    """KPI dict from sums (as produced by grouping pair_columns(df)[sum_columns] with min_count=1)."""
    get = (lambda k: _val(sums.get(k))) if isinstance(sums, dict) else (lambda k: _val(sums[k]) if k in sums else None)
    out: dict[str, Any] = {}
    for m in METRICS:
        v = get(m)
        out[m] = (int(round(v)) if v is not None else None) if m in COUNTS else (round(v, 6) if v is not None else None)
    for name, (a, b, scale) in PAIRS.items():
        out[name] = _div(get(f"{a}__{b}"), get(f"{b}__{a}"), scale)
    # The sums CPA and ROAS are computed from, so a reader can redo the division when some rows report
    # no conversions (their cost is then left out of the CPA, and said so under the table).
    for key, col in (("cpa_cost", "cost__conversions"), ("cpa_conversions", "conversions__cost"),
                     ("roas_value", "conversion_value__cost"), ("roas_cost", "cost__conversion_value")):
        v = get(col)
        out[key] = round(v, 6) if v is not None else None
    value, cost = get("conversion_value__cost"), get("cost__conversion_value")
    out["roi"] = _div(value * margin - cost, cost) if (margin is not None and value is not None and cost is not None) else None
    out["cost_share"] = _div(get("cost"), total_cost)
    return out


def group_kpis(df: pd.DataFrame, by: list[str], *, total_cost: float | None, margin: float | None) -> list[dict[str, Any]]:
    if df.empty:
        return []
    cols = sum_columns(df)
    grouped = df.groupby(by, dropna=False, sort=True)[cols].sum(min_count=1).reset_index()
    out = []
    for _, row in grouped.iterrows():
        item = {k: (None if pd.isna(row[k]) else row[k]) for k in by}
        item.update(kpis(row, total_cost=total_cost, margin=margin))
        out.append(item)
    return out


def total_kpis(df: pd.DataFrame, *, margin: float | None) -> dict[str, Any]:
    if df.empty:
        return kpis({}, total_cost=None, margin=margin)
    sums = df[sum_columns(df)].sum(min_count=1)
    return kpis(sums, total_cost=_val(sums.get("cost")), margin=margin)


def change(current: float | None, base: float | None, metric: str) -> dict[str, Any]:
    """% change for counts and money, point change for rates, "new" when the base is 0 or missing."""
    kind = "points" if metric in RATES else "pct"
    if current is None and base is None:
        return {"kind": kind, "value": None, "new": False}
    if kind == "points":
        if current is None or base is None:
            return {"kind": kind, "value": None, "new": base is None and current is not None}
        return {"kind": kind, "value": current - base, "new": False}
    if not base:
        return {"kind": kind, "value": None, "new": bool(current)}
    if current is None:  # not reported now: unknown, not -100%
        return {"kind": kind, "value": None, "new": False}
    return {"kind": kind, "value": (current - base) / base, "new": False}
