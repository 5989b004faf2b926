"""Campaign charts: spend by platform, daily spend, pacing."""

from __future__ import annotations

import altair as alt
import pandas as pd

from generator.charts import base


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
        x=alt.X("date:T", title=date_title, axis=alt.Axis(format="%d %b", labelAngle=0)),
        y=alt.Y("sum(cost):Q", title=cost_title, stack="zero", axis=alt.Axis(format="$,.0f")),
        color=alt.Color("platform:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("platform:N"), alt.Tooltip("date:T", format="%d %b %Y"),
                 alt.Tooltip("sum(cost):Q", format="$,.2f")],
    )


def pacing(df: pd.DataFrame, *, title: str, spent_title: str, budget_label: str, expected_label: str) -> alt.Chart:
    """Spend to date against the prorated budget and the monthly budget (columns: scope, spent, expected, budget)."""
    bars = base(df, title).mark_bar(color="#3f51b5", height=14).encode(
        y=alt.Y("scope:N", title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("spent:Q", title=spent_title, axis=alt.Axis(format="$,.0f")),
        tooltip=[alt.Tooltip("scope:N"), alt.Tooltip("spent:Q", format="$,.2f"),
                 alt.Tooltip("expected:Q", title=expected_label, format="$,.2f"),
                 alt.Tooltip("budget:Q", title=budget_label, format="$,.2f")],
    )
    expected = base(df).mark_tick(color="#ef6c00", thickness=3, size=26).encode(
        y="scope:N", x="expected:Q")
    budget = base(df).mark_tick(color="#c62828", thickness=2, size=26).encode(y="scope:N", x="budget:Q")
    return alt.layer(bars, expected, budget).properties(height=max(100, 40 * len(df)), width="container")
