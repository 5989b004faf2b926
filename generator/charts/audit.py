"""SEO audit charts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from generator.charts import SEVERITY_COLORS, base

SEVERITIES = ["error", "warning", "notice"]


def _severity_color(labels: dict[str, str]) -> alt.Color:
    domain = [labels.get(s, s) for s in SEVERITIES]
    return alt.Color("severity_label:N", title=None, sort=domain,
                     scale=alt.Scale(domain=domain, range=[SEVERITY_COLORS[s] for s in SEVERITIES]),
                     legend=alt.Legend(orient="top"))


def issues_by_check(df: pd.DataFrame, *, title: str, count_title: str, severity_labels: dict[str, str],
                    limit: int = 15) -> alt.Chart:
    """Horizontal bars: issues per check (columns: check, severity, count), worst first."""
    frame = df.sort_values("count", ascending=False).head(limit).copy()
    frame["severity_label"] = frame["severity"].map(lambda s: severity_labels.get(s, s))
    height = max(120, 22 * len(frame))
    ticks = int(min(5, max(1, frame["count"].max())))  # whole numbers only: no "0.5 issue" ticks
    return base(frame, title).mark_bar().encode(
        y=alt.Y("check:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("count:Q", title=count_title, axis=alt.Axis(tickMinStep=1, tickCount=ticks, format=",d")),
        color=_severity_color(severity_labels),
        tooltip=[alt.Tooltip("check:N"), alt.Tooltip("severity_label:N"), alt.Tooltip("count:Q", format=",")],
    ).properties(height=height)


def issues_by_severity(df: pd.DataFrame, *, title: str, count_title: str,
                       severity_labels: dict[str, str]) -> alt.Chart:
    """One bar per severity (columns: severity, count)."""
    frame = df.copy()
    frame["severity_label"] = frame["severity"].map(lambda s: severity_labels.get(s, s))
    order = [severity_labels.get(s, s) for s in SEVERITIES]
    ticks = int(min(5, max(1, frame["count"].max())))
    return base(frame, title).mark_bar().encode(
        x=alt.X("severity_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count:Q", title=count_title, axis=alt.Axis(tickMinStep=1, tickCount=ticks, format=",d")),
        color=_severity_color(severity_labels).legend(None),
        tooltip=[alt.Tooltip("severity_label:N"), alt.Tooltip("count:Q", format=",")],
    ).properties(height=200)


def health_trend(df: pd.DataFrame, *, title: str, score_title: str, date_title: str) -> alt.Chart:
    """Health score (0-100) per crawl and site (columns: date (ISO), site, score)."""
    # One tick per crawl, at its date (crawls are irregular: a generated tick grid repeats "02 Dec").
    same_day = df["date"].astype(str).str[:10].duplicated().any()
    stamps = pd.to_datetime(df["date"].drop_duplicates())
    values = [alt.DateTime(year=t.year, month=t.month, date=t.day, hours=t.hour, minutes=t.minute)
              for t in stamps]
    return base(df, title).mark_line(point=alt.OverlayMarkDef(size=60)).encode(
        x=alt.X("date:T", title=date_title, axis=alt.Axis(
            format="%d %b %H:%M" if same_day else "%d %b %Y", labelAngle=0, values=values)),
        y=alt.Y("score:Q", title=score_title, scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("site:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("site:N"), alt.Tooltip("date:T", format="%d %b %Y %H:%M"),
                 alt.Tooltip("score:Q", format=",.1f")],
    )
