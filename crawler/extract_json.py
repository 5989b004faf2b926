"""Fast JSON of a :class:`~crawler.facts.PageFacts`: the same string as ``PageFacts.to_json()``, 4-5x faster.

Why: ``to_json`` goes through ``dataclasses.asdict``, which recurses and deep-copies every value; on a 90 KB shop
page with 400 links it cost ~4 ms, as much as parsing and extracting the page. This builds the same dict with one
``attrgetter`` per item class. The tests check the output is identical to ``to_json`` (which stays the
reference); if PageFacts grows a field, both follow it (fields are read from the dataclass).
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from functools import cache
from operator import attrgetter
from typing import Any

from crawler.facts import PageFacts

__all__ = ["facts_dict", "facts_to_json"]


@cache
def _names(cls: type) -> tuple[tuple[str, ...], Any]:
    names = tuple(f.name for f in fields(cls))
    return names, attrgetter(*names)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        names, get = _names(type(value))
        vals = get(value) if len(names) > 1 else (get(value),)
        return {n: _plain(v) for n, v in zip(names, vals, strict=True)}
    if isinstance(value, list):
        if value and is_dataclass(value[0]) and not isinstance(value[0], type):
            cls = type(value[0])
            names, get = _names(cls)
            if len(names) > 1 and all(type(x) is cls for x in value):
                if any(isinstance(v, (list, dict)) or is_dataclass(v) for v in get(value[0])):
                    return [_plain(x) for x in value]
                return [dict(zip(names, get(x), strict=True)) for x in value]
            return [_plain(x) for x in value]
        return [_plain(v) for v in value] if any(isinstance(v, (list, dict)) for v in value) else list(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def facts_dict(facts: PageFacts) -> dict[str, Any]:
    """``dataclasses.asdict(facts)``, fast."""
    return _plain(facts)


def facts_to_json(facts: PageFacts) -> str:
    """Exactly ``facts.to_json()``, fast."""
    return json.dumps(facts_dict(facts), ensure_ascii=False, separators=(",", ":"))
