"""Small helpers shared by the page builders: tolerant readers of the JSON outputs."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any


def obj(value: object) -> Mapping[str, Any]:
    """``value`` if it is a JSON object, else an empty one: odd input degrades to "no data", never a crash."""
    return value if isinstance(value, Mapping) else {}


def seq(value: object) -> list[Any]:
    """``value`` if it is a JSON list, else an empty list."""
    return value if isinstance(value, list) else []


def num(value: object) -> float | None:
    """A number, or None for null / "--" / NaN / anything that is not numeric."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    try:
        x = float(str(value).replace(",", "."))
    except ValueError:
        return None
    return None if math.isnan(x) else x


def ratio(a: object, b: object) -> float | None:
    """a / b, or None when either is missing or b is 0 (shown as "—")."""
    x, y = num(a), num(b)
    if x is None or y is None or y == 0:
        return None
    return x / y


def localized(value: object, language: str) -> str:
    """A text given as a string or as {"fr": ..., "en": ...}."""
    if isinstance(value, Mapping):
        for key in (language, "en", "fr"):
            if value.get(key):
                return str(value[key])
        return ""
    getter = getattr(value, "get", None)
    if callable(getter) and not isinstance(value, str):  # a bilingual text object: Text(en, fr).get(lang)
        return str(getter(language) or "")
    return "" if value is None else str(value)


def records(value: object, key_name: str = "name", value_name: str = "value") -> list[dict[str, Any]]:
    """A list of objects from either a list of dicts or a mapping {key: number | dict}."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, Mapping)]
    if isinstance(value, Mapping):
        out = []
        for k, v in value.items():
            if isinstance(v, Mapping):
                out.append({key_name: k, **v})
            else:
                out.append({key_name: k, value_name: v})
        return out
    return []


def sort_desc(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: num(r.get(key)) or 0.0, reverse=True)
