"""Comparison columns for the traffic tables: the previous period of the same kind and, when it was
summarised, the same period a year earlier. Each baseline adds two columns, its visits and the change.

A row missing from a baseline's list shows "—" (its figure then is not known), unless the baseline's
list is complete (channels), where a missing row means zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.report.common import obj
from generator.report.data import ReportData
from generator.report.fmt import Formatter
from generator.report.i18n import Labels
from generator.report.model import Column


@dataclass
class Baseline:
    """One earlier period's figures by row key, with its name and its change column's label."""

    name: str
    change_label: str
    values: dict[str, float]


def baselines(
    data: ReportData | None, extract: Callable[[dict[str, Any]], dict[str, float]], fmt: Formatter, L: Labels
) -> list[Baseline]:
    """The previous period, then the same period a year earlier, each when summarised with figures."""
    if data is None:
        return []
    found: list[Baseline] = []
    for earlier, label in ((data.previous, L.change), (data.year_before, L.change_year)):
        if earlier is None or not earlier.traffic:
            continue
        values = extract(obj(earlier.traffic))
        if values:
            found.append(Baseline(fmt.period_name(earlier.period), label, values))
    return found


def columns(found: list[Baseline]) -> list[Column]:
    return [c for b in found for c in (Column(b.name, "right"), Column(b.change_label, "right"))]


def cells(key: str, value: float, found: list[Baseline], fmt: Formatter, complete: bool = False) -> list[str]:
    """The baseline's figure and the change for one row; "—" twice when the row is not in the baseline."""
    out: list[str] = []
    for b in found:
        before = b.values.get(key, 0 if complete else None)
        out += ["—", "—"] if before is None else [fmt.integer(before), fmt.change(value, before)]
    return out


def by_key(rows: list[dict[str, Any]] | None, key: str, value: str) -> dict[str, float]:
    return {r[key]: r[value] for r in rows or []}
