"""When a chart says something: the page models ask before drawing one.

- No chart of a single value or of equal values (a bar chart where every bar is 1): the table says it.
- No bar chart where one category dwarfs the others (200 = 121,381 next to a few 404s): the others would
  be invisible; the table with shares says it.
- Time axes get one tick per day, week or month, never the same label twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import altair as alt

DWARFS = 0.90  # one category holding 90 % of the total hides the others


def says_something(values: Iterable[object]) -> bool:
    nums = [float(v) for v in values if v is not None]
    return len(nums) >= 2 and len(set(nums)) > 1


def dominated(values: Iterable[object], share: float = DWARFS) -> bool:
    nums = [float(v) for v in values if v is not None]
    total = sum(nums)
    return bool(nums) and total > 0 and max(nums) / total >= share


def worth_a_bar_chart(values: Iterable[object]) -> bool:
    nums = list(values)
    return says_something(nums) and not dominated(nums)


def day_ticks(days: Iterable[date | str]) -> alt.TimeIntervalStep:
    """One tick per day for up to two weeks, per week up to three months, per month beyond."""
    parsed = sorted({d if isinstance(d, date) else date.fromisoformat(str(d)[:10]) for d in days})
    span = (parsed[-1] - parsed[0]).days + 1 if parsed else 1
    if span <= 14:
        return alt.TimeIntervalStep(interval="day", step=1)
    if span <= 92:
        return alt.TimeIntervalStep(interval="week", step=1)
    return alt.TimeIntervalStep(interval="month", step=1)
