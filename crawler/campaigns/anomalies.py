"""Day-level anomalies per campaign, each written as a sentence in English and French.

Spikes and drops use a robust z-score against a trailing window (median and MAD, Iglewicz & Hoaglin:
z = 0.6745 (x - median) / MAD), so one earlier spike does not hide the next one the way a mean/stddev would.
Platforms omit days without delivery, so a missing day counts as zero spend.

Campaign names are untrusted: ``sentence`` keeps the raw name between asterisks (plain text for JSON
readers); ``template`` holds ``{campaign}`` so the report can insert the name escaped.
"""

from __future__ import annotations

import math
import statistics
from datetime import date, timedelta
from typing import Any

import pandas as pd

MIN_HISTORY = 7
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")  # fmt: skip
NBSP = "\u00a0"


def day_en(d: date) -> str:
    return f"{d.day} {MONTHS_EN[d.month - 1]}"


def day_fr(d: date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {MONTHS_FR[d.month - 1]}"


def pct_en(x: float) -> str:
    return f"{abs(x) * 100:,.0f}%"


def pct_fr(x: float) -> str:
    return f"{abs(x) * 100:,.0f}".replace(",", NBSP) + f"{NBSP}%"


def money_en(x: float, cur: str) -> str:
    return f"{x:,.2f} {cur}"


def money_fr(x: float, cur: str) -> str:
    return f"{x:,.2f}".replace(",", NBSP).replace(".", ",") + f"{NBSP}{cur}"


_WORDS = {
    # metric: (EN noun, FR phrase "le coût de", FR verb agreement plural?)
    "cost": ("Cost", "Le coût de", False),
    "cpc": ("CPC", "Le CPC de", False),
    "conversions": ("Conversions", "Les conversions de", True),
}


def robust_z(x: float, history: list[float]) -> tuple[float, float]:
    """(z, median) of x against history; MAD 0 falls back to the mean absolute deviation."""
    med = statistics.median(history)
    mad = statistics.median(abs(h - med) for h in history)
    if mad:
        return 0.6745 * (x - med) / mad, med
    meanad = sum(abs(h - med) for h in history) / len(history)
    if meanad:
        return (x - med) / (1.253314 * meanad), med
    return (0.0 if x == med else float("inf") * (1 if x > med else -1)), med


def _sentences(kind: str, metric: str, campaign: str, d: date, rel: float | None, extra: dict[str, Any]) -> dict[str, str]:
    if kind in ("spike", "drop"):
        noun, fr_subject, plural = _WORDS[metric]
        up = kind == "spike"
        en = f"{noun} on {{campaign}} {'jumped' if up else 'dropped'} {pct_en(rel or 0)} on {day_en(d)}"
        verb = ("ont bondi" if up else "ont chuté") if plural else ("a bondi" if up else "a chuté")
        fr = f"{fr_subject} {{campaign}} {verb} de {pct_fr(rel or 0)} le {day_fr(d)}"
    elif kind == "stopped":
        if extra.get("resumed"):
            r = extra["resumed"]
            en = f"Spend on {{campaign}} stopped from {day_en(d)} to {day_en(r - timedelta(days=1))}"
            fr = f"Les dépenses de {{campaign}} se sont arrêtées du {day_fr(d)} au {day_fr(r - timedelta(days=1))}"
        else:
            n = extra["days"]
            en = f"Spend on {{campaign}} stopped on {day_en(d)} (no spend for {n} days)"
            fr = f"Les dépenses de {{campaign}} se sont arrêtées le {day_fr(d)} (aucune dépense depuis {n}{NBSP}jours)"
    else:  # no_conversions
        cur, cost, days = extra["currency"], extra["cost"], extra["days"]
        en = f"{{campaign}} spent {money_en(cost, cur)} over the {days} days to {day_en(d)} with zero conversions"
        fr = f"{{campaign}} a dépensé {money_fr(cost, cur)} sur les {days}{NBSP}jours jusqu'au {day_fr(d)} sans aucune conversion"
    return {"en": en, "fr": fr}


def _item(kind, metric, platform, campaign, d, value, baseline, z, language, extra=None) -> dict[str, Any]:
    rel = (value - baseline) / baseline if baseline else None
    templates = _sentences(kind, metric, campaign, d, rel, extra or {})
    raw = {k: v.replace("{campaign}", f"*{campaign}*") for k, v in templates.items()}
    return {
        "type": kind, "metric": metric, "platform": platform, "campaign": campaign, "date": d.isoformat(),
        "value": value, "baseline": baseline, "change": rel, "z": None if z is None or abs(z) == float("inf") else z,
        "sentence": raw.get(language, raw["en"]), "sentences": raw, "template": templates.get(language, templates["en"]),
        "templates": templates,
    }  # fmt: skip


def detect(df: pd.DataFrame, *, end: date, currency: str, language: str = "en", window: int = 14,
           threshold: float = 3.5) -> list[dict[str, Any]]:  # fmt: skip
    """All anomalies up to ``end``, newest first."""
    out: list[dict[str, Any]] = []
    if df.empty:
        return out
    daily = df.groupby(["platform", "campaign", "date"])[["cost", "clicks", "conversions"]].sum(min_count=1)
    # A platform whose export ends earlier says nothing about the days after it: no "stopped" there.
    covered = {p: min(end, d) for p, d in df.groupby("platform")["date"].max().items()}
    days_with_rows = {p: frozenset(d) for p, d in df.groupby("platform")["date"]}
    for (platform, campaign), g in daily.groupby(level=[0, 1]):
        g = g.droplevel([0, 1])
        first = min(g.index)
        last = covered[platform]
        idx = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        g = g.reindex(idx)
        cost = g["cost"].fillna(0.0).tolist()
        clicks = g["clicks"].fillna(0.0).tolist()
        has_conv = g["conversions"].notna().any()
        conv = g["conversions"].fillna(0.0).tolist()
        for i in range(MIN_HISTORY, len(idx)):
            lo = max(0, i - window)
            d = idx[i]
            # Cost: ignore zero days here (stopping is reported on its own).
            hist = [c for c in cost[lo:i] if c > 0]
            if cost[i] > 0 and len(hist) >= MIN_HISTORY:
                z, med = robust_z(cost[i], hist)
                if abs(z) >= threshold and abs(cost[i] - med) >= max(10.0, 0.5 * med):
                    out.append(_item("spike" if z > 0 else "drop", "cost", platform, campaign, d, cost[i], med, z, language))
            # CPC on days with enough clicks.
            cpcs = [cost[j] / clicks[j] for j in range(lo, i) if clicks[j] >= 10]
            if clicks[i] >= 10 and len(cpcs) >= MIN_HISTORY:
                x = cost[i] / clicks[i]
                z, med = robust_z(x, cpcs)
                if abs(z) >= threshold and abs(x - med) >= 0.5 * med:
                    out.append(_item("spike" if z > 0 else "drop", "cpc", platform, campaign, d, x, med, z, language))
            # Conversions, when the platform reports them and there is spend.
            if has_conv and cost[i] > 0:
                hist_c = [conv[j] for j in range(lo, i) if cost[j] > 0]
                if len(hist_c) >= MIN_HISTORY:
                    z, med = robust_z(conv[i], hist_c)
                    # Conversions are counts: beyond the robust z, the change must exceed Poisson noise.
                    noise = 3 * math.sqrt(max(med, 1.0))
                    if abs(z) >= threshold and abs(conv[i] - med) >= max(3.0, 0.5 * med, noise):
                        out.append(_item("spike" if z > 0 else "drop", "conversions", platform, campaign, d, conv[i], med, z, language))
        out.extend(_stops(platform, campaign, idx, cost, language, days_with_rows[platform]))
        if has_conv:
            out.extend(_no_conversions(platform, campaign, idx, cost, conv, g, currency, language))
    out.sort(key=lambda a: (a["date"], a["campaign"]), reverse=True)
    return out


def _stops(platform, campaign, idx, cost, language, platform_days=frozenset()) -> list[dict[str, Any]]:
    """Runs of >= 2 days without spend (to the end) or >= 3 days (resumed) after a week of steady spend.

    A run during which the platform has no rows at all is a gap in the exports (reported by data_gaps), not
    this campaign stopping.
    """
    out = []
    i = MIN_HISTORY
    while i < len(idx):
        if cost[i] == 0 and sum(1 for c in cost[i - MIN_HISTORY : i] if c > 0) >= MIN_HISTORY - 1:
            j = i
            while j < len(idx) and cost[j] == 0:
                j += 1
            run = j - i
            resumed = idx[j] if j < len(idx) else None
            gap = platform_days and all(idx[k] not in platform_days for k in range(i, j))
            if not gap and ((resumed and run >= 3) or (not resumed and run >= 2)):
                base = statistics.median(c for c in cost[i - MIN_HISTORY : i] if c > 0)
                item = _item("stopped", "cost", platform, campaign, idx[i], 0.0, base, None, language,
                             {"days": run, "resumed": resumed})  # fmt: skip
                item["days_without_spend"] = run
                item["resumed"] = resumed.isoformat() if resumed else None
                out.append(item)
            i = j
        i += 1
    return out


def _no_conversions(platform, campaign, idx, cost, conv, g, currency, language, days: int = 7) -> list[dict[str, Any]]:
    """Spend over the last week with zero conversions, when that spend would normally have bought one."""
    if len(idx) < days:
        return []
    spent = sum(cost[-days:])
    got = sum(conv[-days:])
    if spent <= 0 or got > 0 or g["conversions"].iloc[-days:].isna().all():
        return []
    total_conv, total_cost = sum(conv), sum(cost)
    expected_cpa = total_cost / total_conv if total_conv else None
    if expected_cpa is not None and spent < expected_cpa:
        return []
    item = _item("no_conversions", "conversions", platform, campaign, idx[-1], 0.0, None, None, language,
                 {"cost": spent, "days": days, "currency": currency})  # fmt: skip
    item["cost"] = spent
    return [item]


def data_gaps(df: pd.DataFrame, *, min_days: int = 3) -> list[dict[str, Any]]:
    """Runs of >= min_days days inside a platform's period with no rows at all: a missing export, or every
    campaign of the account stopped. Said once per platform rather than once per campaign."""
    out = []
    for platform, dates in df.groupby("platform")["date"]:
        days = sorted(set(dates))
        for a, b in zip(days, days[1:], strict=False):
            missing = (b - a).days - 1
            if missing >= min_days:
                first, last = a + timedelta(days=1), b - timedelta(days=1)
                out.append({
                    "platform": platform, "start": first.isoformat(), "end": last.isoformat(), "days": missing,
                    "sentences": {
                        "en": f"No {platform} rows from {day_en(first)} to {day_en(last)}: an export is missing, "
                              "or every campaign of the account stopped",
                        "fr": f"Aucune ligne {platform} du {day_fr(first)} au {day_fr(last)} : un export manque, "
                              "ou toutes les campagnes du compte se sont arrêtées",
                    },
                })  # fmt: skip
    return out
