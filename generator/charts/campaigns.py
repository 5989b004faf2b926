"""Campaign charts: spend by platform, daily spend, pacing."""

from __future__ import annotations

import altair as alt
import pandas as pd

from generator.charts import base
from generator.charts.rules import day_ticks


def cost_by_group(df: pd.DataFrame, *, group: str, title: str, cost_title: str) -> alt.Chart:
    """Horizontal bars of cost per platform or campaign (columns: <group>, cost, conversions)."""
    return base(df, title).mark_bar(color="#3f51b5").encode(
        y=alt.Y(f"{group}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("cost:Q", title=cost_title, axis=alt.Axis(format="$,.0f")),
        tooltip=[alt.Tooltip(f"{group}:N"), alt.Tooltip("cost:Q", format="$,.2f"),
                 alt.Tooltip("conversions:Q", format=",.1f")],
    ).properties(height=max(120, 26 * len(df)))


def daily_cost(df: pd.DataFrame, *, title: str, cost_title: str, date_title: str) -> alt.Chart:
    """Stacked daily spend by platform (columns: date (ISO), platform, cost)."""
    return base(df, title).mark_area(opacity=0.85).encode(
        x=alt.X("date:T", title=date_title,
                axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=day_ticks(df["date"]))),
        y=alt.Y("sum(cost):Q", title=cost_title, stack="zero", axis=alt.Axis(format="$,.0f")),
        color=alt.Color("platform:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("platform:N"), alt.Tooltip("date:T", format="%d %b %Y"),
                 alt.Tooltip("sum(cost):Q", format="$,.2f")],
    )


def pacing(df: pd.DataFrame, *, title: str, spent_title: str, budget_label: str, expected_label: str) -> alt.Chart:
    """Spend to date (bars) against the prorated budget and the monthly budget (ticks, in the legend)
    (columns: scope, spent, expected, budget)."""
    bars = base(df, title).mark_bar(color="#3f51b5", height=14).encode(
        y=alt.Y("scope:N", title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("spent:Q", title=spent_title, axis=alt.Axis(format="$,.0f")),
        tooltip=[alt.Tooltip("scope:N"), alt.Tooltip("spent:Q", format="$,.2f"),
                 alt.Tooltip("expected:Q", title=expected_label, format="$,.2f"),
                 alt.Tooltip("budget:Q", title=budget_label, format="$,.2f")],
    )
    marks = pd.concat([
        pd.DataFrame({"scope": df["scope"], "marker": expected_label, "value": df["expected"]}),
        pd.DataFrame({"scope": df["scope"], "marker": budget_label, "value": df["budget"]}),
    ])
    ticks = base(marks).mark_tick(thickness=3, size=26).encode(
        y="scope:N", x=alt.X("value:Q"),
        color=alt.Color("marker:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=[expected_label, budget_label], range=["#ef6c00", "#c62828"])),
        tooltip=[alt.Tooltip("scope:N"), alt.Tooltip("marker:N"), alt.Tooltip("value:Q", format="$,.2f")],
    )
    return alt.layer(bars, ticks).properties(height=max(100, 40 * len(df)), width="container")
