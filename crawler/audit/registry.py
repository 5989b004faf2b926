"""The registry of checks, keyed by id. Check modules register their classes with :func:`register`."""

from __future__ import annotations

import importlib

from crawler.audit.base import Check

_REGISTRY: dict[str, type[Check]] = {}

# One module per check family; importing them fills the registry (order = report order).
MODULES = (
    "responses", "indexability", "canonicals", "titles", "headings", "content", "images", "links",
    "hreflang", "sitemaps", "structured", "security", "performance", "urls", "ai_crawlers",
)


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the registry (ids are unique)."""
    if cls.id in _REGISTRY and _REGISTRY[cls.id] is not cls:
        raise ValueError(f"duplicate check id {cls.id!r}")
    _REGISTRY[cls.id] = cls
    return cls


def _load() -> None:
    for name in MODULES:
        importlib.import_module(f"crawler.audit.checks.{name}")


def all_checks() -> list[Check]:
    """Every registered check, instantiated, in report order."""
    _load()
    return [cls() for cls in _REGISTRY.values()]


def get(check_id: str) -> Check:
    """The check with this id; KeyError names the unknown id."""
    _load()
    try:
        return _REGISTRY[check_id]()
    except KeyError:
        raise KeyError(f"unknown check id {check_id!r}") from None


def ids() -> list[str]:
    _load()
    return list(_REGISTRY)
