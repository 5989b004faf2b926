"""KPI math from summed components, period comparison, budget pacing and targets."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from crawler.campaigns import analysis
from crawler.campaigns.kpis import change, kpis, pair_columns, total_kpis


def frame(rows: list[dict]) -> pd.DataFrame:
    base = {"platform": "google_ads", "channel": "paid_search", "campaign": "Brand FR", "campaign_id": None,
            "impressions": None, "clicks": None, "cost": None, "conversions": None, "conversion_value": None}  # fmt: skip
    df = pd.DataFrame([{**base, **r} for r in rows])
    for c in ("impressions", "clicks", "cost", "conversions", "conversion_value"):
        df[c] = df[c].astype("float64")
    return pair_columns(df)


def test_ratio_of_sums_not_mean_of_ratios():
    df = frame([
        {"date": date(2026, 9, 1), "impressions": 100, "clicks": 1, "cost": 10.0, "conversions": 1, "conversion_value": 50.0},
        {"date": date(2026, 9, 2), "impressions": 900, "clicks": 99, "cost": 90.0, "conversions": 4, "conversion_value": 350.0},
    ])  # fmt: skip
    k = total_kpis(df, margin=0.4)
    assert k["cpc"] == pytest.approx(1.0)  # 100 / 100, not mean(10, 0.909) = 5.45
    assert k["ctr"] == pytest.approx(0.1)
    assert k["cpm"] == pytest.approx(100.0)
    assert k["cpa"] == pytest.approx(20.0)
    assert k["conversion_rate"] == pytest.approx(0.05)
    assert k["roas"] == pytest.approx(4.0)
    assert k["roi"] == pytest.approx((400 * 0.4 - 100) / 100)
    assert k["cost_share"] == pytest.approx(1.0)


def test_zero_denominators_give_null():
    k = kpis({"impressions": 0, "clicks": 0, "cost": 0.0, "conversions": 0.0, "conversion_value": 0.0,
              "clicks__impressions": 0, "impressions__clicks": 0, "cost__clicks": 0.0, "clicks__cost": 0,
              "cost__conversions": 0.0, "conversions__cost": 0.0, "cost__impressions": 0.0,
              "impressions__cost": 0, "conversions__clicks": 0.0, "clicks__conversions": 0,
              "conversion_value__cost": 0.0, "cost__conversion_value": 0.0}, total_cost=0.0, margin=0.3)  # fmt: skip
    assert all(k[r] is None for r in ("ctr", "cpc", "cpm", "cpa", "conversion_rate", "roas", "roi", "cost_share"))
    assert k["clicks"] == 0 and k["cost"] == 0.0


def test_not_reported_rows_do_not_skew_ratios():
    df = frame([
        {"date": date(2026, 9, 1), "clicks": 10, "cost": 10.0},
        {"date": date(2026, 9, 2), "clicks": None, "cost": 50.0},  # clicks "--"
    ])  # fmt: skip
    k = total_kpis(df, margin=None)
    assert k["cost"] == 60.0 and k["clicks"] == 10
    assert k["cpc"] == pytest.approx(1.0)
    assert k["conversions"] is None and k["cpa"] is None and k["roi"] is None


def test_change_kinds():
    assert change(120.0, 100.0, "cost") == {"kind": "pct", "value": pytest.approx(0.2), "new": False}
    assert change(0.05, 0.04, "ctr") == {"kind": "points", "value": pytest.approx(0.01), "new": False}
    assert change(5.0, 0.0, "conversions") == {"kind": "pct", "value": None, "new": True}
    assert change(0.0, 0.0, "conversions")["new"] is False
    assert change(None, None, "cpa") == {"kind": "pct", "value": None, "new": False}
    assert change(None, 5.0, "conversions")["value"] is None  # not reported is not -100%
    assert change(0.0, 5.0, "conversions")["value"] == -1.0


def test_windows():
    w = analysis.windows(date(2026, 10, 31))
    assert w["previous_period"] == ((date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 8, 31), date(2026, 9, 30)))
    assert w["same_period_last_year"][1] == (date(2025, 10, 1), date(2025, 10, 31))
    assert w["month_to_date"][1] == (date(2026, 9, 1), date(2026, 9, 30))
    w = analysis.windows(date(2026, 3, 31))
    assert w["month_to_date"][1] == (date(2026, 2, 1), date(2026, 2, 28))  # clipped to February


def daily(start: date, days: int, cost: float, **kw) -> list[dict]:
    return [{"date": start + timedelta(days=i), "cost": cost, **kw} for i in range(days)]


def test_comparison_pct_points_and_new():
    rows = daily(date(2026, 9, 1), 30, 100.0, clicks=100, impressions=1000)
    rows += daily(date(2026, 10, 1), 31, 120.0, clicks=100, impressions=800, conversions=2)
    comp = analysis.comparison(frame(rows), date(2026, 10, 31), margin=None)
    mtd = comp["month_to_date"]
    assert mtd["base"]["cost"] == pytest.approx(3000.0) and mtd["current"]["cost"] == pytest.approx(3720.0)
    assert mtd["change"]["cost"]["value"] == pytest.approx(0.24)
    assert mtd["change"]["ctr"] == {"kind": "points", "value": pytest.approx(0.125 - 0.1), "new": False}
    assert mtd["change"]["conversions"]["new"] is True
    assert comp["same_period_last_year"]["base_has_data"] is False
    assert comp["previous_period"]["by_platform"]["google_ads"]["change"]["cost"]["kind"] == "pct"


def test_pacing_on_completed_days():
    rows = daily(date(2026, 10, 1), 15, 100.0)  # 1..15 October, 100 a day
    df = frame(rows)
    (p,) = analysis.pacing(df, {"paid_search": 3100.0}, ref=date(2026, 10, 15))
    assert p["scope"] == "channel" and p["days_elapsed"] == 15 and p["days_in_month"] == 31
    assert p["spend_to_date"] == pytest.approx(1500.0)
    assert p["prorated_budget"] == pytest.approx(1500.0)
    assert p["pacing_ratio"] == pytest.approx(1.0) and p["status"] == "on_track"
    assert p["projected_spend"] == pytest.approx(3100.0)
    assert p["alerts"] == []
    (over,) = analysis.pacing(df, {"Brand FR": 1800.0}, ref=date(2026, 10, 15))
    assert over["scope"] == "campaign" and over["status"] == "over" and over["alerts"] == [80]
    (under,) = analysis.pacing(df, {"paid_search": 6000.0}, ref=date(2026, 10, 15))
    assert under["status"] == "under"
    (spent,) = analysis.pacing(df, {"paid_search": 1400.0}, ref=date(2026, 10, 15))
    assert spent["alerts"] == [80, 100]
    (zero,) = analysis.pacing(df, {"display": 0.0}, ref=date(2026, 10, 15))
    assert zero["status"] == "on_track" and zero["spend_to_date"] == 0 and zero["pacing_ratio"] is None


def test_targets_met_and_missed():
    rows = daily(date(2026, 10, 1), 10, 100.0, conversions=5, conversion_value=300.0)
    res = analysis.targets_status(frame(rows), {"paid_search": {"cpa": 25, "roas": 4.0}, "Nope": {"cpa": 5}},
                                  date(2026, 10, 10), margin=None)  # fmt: skip
    got = {(r["key"], r["metric"]): r for r in res}
    assert got[("paid_search", "cpa")]["actual"] == pytest.approx(20.0) and got[("paid_search", "cpa")]["status"] == "met"
    assert got[("paid_search", "roas")]["status"] == "missed"
    assert got[("Nope", "cpa")]["status"] == "no_data" and got[("Nope", "cpa")]["scope"] == "unknown"


def test_budget_keys_accept_channel_labels():
    df = frame(daily(date(2026, 10, 1), 10, 100.0))
    (p,) = analysis.pacing(df, {"Paid Search": 3100.0}, ref=date(2026, 10, 10))
    assert p["scope"] == "channel" and p["spend_to_date"] == 1000.0


def test_projection_uses_the_current_run_rate():
    rows = daily(date(2026, 10, 1), 10, 100.0) + daily(date(2026, 10, 11), 5, 0.0)
    (p,) = analysis.pacing(frame(rows), {"paid_search": 3100.0}, ref=date(2026, 10, 15))
    assert p["run_rate"] == pytest.approx(200.0 / 7)
    assert p["projected_spend"] == pytest.approx(1000.0 + 200.0 / 7 * 16)
    assert p["projected_spend_average"] == pytest.approx(1000.0 / 15 * 31)


def test_a_month_spent_past_its_budget_is_over_even_within_the_tolerance():
    """Regression: 102 % of the budget at month end was "on track (alert 100 %)"."""
    df = frame(daily(date(2026, 10, 1), 31, 102.0))
    (p,) = analysis.pacing(df, {"paid_search": 3100.0}, ref=date(2026, 10, 31))
    assert p["pacing_ratio"] == pytest.approx(1.02) and p["alerts"] == [80, 100]
    assert p["status"] == "over" and p["month"] == "2026-10"
    (fine,) = analysis.pacing(df, {"paid_search": 3200.0}, ref=date(2026, 10, 31))
    assert fine["status"] == "on_track"  # 98.8 %: within ±10 % and not past the budget


def test_a_report_period_is_compared_with_the_previous_period_of_its_kind():
    """Regression: October was compared with 31 Aug - 30 Sep (31 days back), not with September."""
    from crawler.common.period import Period

    rows = daily(date(2026, 8, 25), 68, 10.0)  # 25 Aug .. 31 Oct
    comp = analysis.comparison(frame(rows), date(2026, 10, 31), None, Period.parse("2026-10"))
    prev = comp["previous_period"]
    assert (prev["base"]["start"], prev["base"]["end"]) == ("2026-09-01", "2026-09-30")
    assert prev["base"]["cost"] == pytest.approx(300.0) and prev["current"]["cost"] == pytest.approx(310.0)
    year = comp["same_period_last_year"]
    assert (year["base"]["start"], year["base"]["end"]) == ("2025-10-01", "2025-10-31")
    assert year["base_has_data"] is False
