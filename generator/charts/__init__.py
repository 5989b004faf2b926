"""Altair chart builders: pure functions DataFrame -> alt.Chart, plus the spec serialiser.

Builders never read files and never format numbers themselves: the page models pass them tidy frames and
localised titles. :func:`to_spec` turns a chart into the JSON that the page embeds in a ``data-spec``
attribute; it carries the client's number and date locale for vega-embed in ``usermeta.embedOptions``.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt

SEVERITY_COLORS = {"error": "#c62828", "warning": "#ef6c00", "notice": "#1565c0"}
PALETTE = ["#3f51b5", "#009688", "#ff9800", "#9c27b0", "#e91e63", "#607d8b", "#8bc34a", "#795548", "#00bcd4"]
HEIGHT = 260
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}

FORMAT_LOCALES: dict[str, dict[str, Any]] = {
    "fr": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"],
           "percent": "\u202f%"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
TIME_LOCALES: dict[str, dict[str, Any]] = {
    "fr": {
        "dateTime": "%A %e %B %Y à %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
        "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
        "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                   "octobre", "novembre", "décembre"],
        "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                        "nov.", "déc."],
    },
    "en": {
        "dateTime": "%x, %X", "date": "%-m/%-d/%Y", "time": "%-I:%M:%S %p", "periods": ["AM", "PM"],
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
        "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    },
}


def base(data: Any, title: str = "") -> alt.Chart:
    """A chart that fills its container, with the report's palette and no external fonts."""
    chart = alt.Chart(data, width="container", height=HEIGHT)
    if title:
        chart = chart.properties(title=title)
    return chart


def to_spec(chart: alt.TopLevelMixin, language: str, currency: str = "EUR") -> str:
    """The chart as Vega-Lite JSON, with the client's locale and no actions menu (no link to any CDN)."""
    spec = chart.to_dict()
    spec.pop("$schema", None)  # a URL; vega-embed does not need it and nothing may point elsewhere
    fmt = dict(FORMAT_LOCALES.get(language, FORMAT_LOCALES["en"]))
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if language == "fr":
        fmt["currency"] = ["", f"\u00a0{symbol}"]
    else:
        fmt["currency"] = [symbol, ""] if len(symbol) == 1 or symbol.endswith("$") else ["", f"\u00a0{symbol}"]
    spec.setdefault("config", {})
    spec["config"].setdefault("range", {})["category"] = PALETTE
    spec["config"].setdefault("font", "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif")
    spec["config"].setdefault("view", {})["stroke"] = None
    spec["usermeta"] = {"embedOptions": {
        "actions": False, "renderer": "svg",
        "formatLocale": fmt, "timeFormatLocale": TIME_LOCALES.get(language, TIME_LOCALES["en"]),
    }}
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
