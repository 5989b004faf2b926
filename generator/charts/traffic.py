"""Traffic charts: channels, daily series, bots and Googlebot."""

from __future__ import annotations

import altair as alt
import pandas as pd

from generator.charts import base
from generator.charts.rules import day_ticks


def bars(df: pd.DataFrame, *, category: str, value: str, title: str, value_title: str,
         horizontal: bool = True, color: str = "#3f51b5") -> alt.Chart:
    """Sorted bars of one value per category (channels, bots, status codes)."""
    if horizontal:
        enc = {"y": alt.Y(f"{category}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
               "x": alt.X(f"{value}:Q", title=value_title)}
        height = max(120, 24 * len(df))
    else:
        enc = {"x": alt.X(f"{category}:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
               "y": alt.Y(f"{value}:Q", title=value_title)}
        height = 220
    return base(df, title).mark_bar(color=color).encode(
        **enc, tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=",")],
    ).properties(height=height)


def daily_lines(df: pd.DataFrame, *, title: str, value_title: str, date_title: str) -> alt.Chart:
    """One line per series over days (columns: date (ISO), series, value)."""
    return base(df, title).mark_line(point=False, strokeWidth=2).encode(
        x=alt.X("date:T", title=date_title,
                axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=day_ticks(df["date"]))),
        y=alt.Y("value:Q", title=value_title),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("series:N"), alt.Tooltip("date:T", format="%d %b %Y"),
                 alt.Tooltip("value:Q", format=",")],
    )


def daily_bars(df: pd.DataFrame, *, title: str, value_title: str, date_title: str,
               color: str = "#009688") -> alt.Chart:
    """One bar per day (columns: date (ISO), value): Googlebot hits per day."""
    return base(df, title).mark_bar(color=color).encode(
        x=alt.X("date:T", title=date_title,
                axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=day_ticks(df["date"]))),
        y=alt.Y("value:Q", title=value_title),
        tooltip=[alt.Tooltip("date:T", format="%d %b %Y"), alt.Tooltip("value:Q", format=",")],
    )


def stacked_daily(df: pd.DataFrame, *, title: str, value_title: str, date_title: str) -> alt.Chart:
    """Stacked areas of one value per day and series (columns: date (ISO), series, value): visits by channel."""
    return base(df, title).mark_area(opacity=0.85).encode(
        x=alt.X("date:T", title=date_title,
                axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=day_ticks(df["date"]))),
        y=alt.Y("value:Q", title=value_title, stack="zero"),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top", columns=4)),
        order=alt.Order("series:N"),
        tooltip=[alt.Tooltip("series:N"), alt.Tooltip("date:T", format="%d %b %Y"),
                 alt.Tooltip("value:Q", format=",")],
    )


def ctr_by_position(df: pd.DataFrame, *, title: str, ctr_title: str, position_title: str) -> alt.Chart:
    """Search queries as points: average position (1 at the left) against CTR, sized by impressions
    (columns: query, position, ctr, impressions). Queries far below the curve have a weak snippet."""
    return base(df, title).mark_circle(opacity=0.6, color="#3f51b5").encode(
        x=alt.X("position:Q", title=position_title, scale=alt.Scale(domainMin=1, nice=True)),
        y=alt.Y("ctr:Q", title=ctr_title, axis=alt.Axis(format="%")),
        size=alt.Size("impressions:Q", legend=None),
        tooltip=[alt.Tooltip("query:N"), alt.Tooltip("position:Q", format=",.1f"),
                 alt.Tooltip("ctr:Q", format=".1%"), alt.Tooltip("impressions:Q", format=",")],
    )
