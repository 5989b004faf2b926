"""Audit settings in client.yml: per-check severity overrides, switches, thresholds and accepted URLs."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Severity = Literal["error", "warning", "notice"]


class CheckOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    severity: Severity | None = None
    thresholds: dict[str, float] = Field(default_factory=dict, description="e.g. {max_length: 65}")
    exclude: list[str] = Field(default_factory=list,
                               description="URL regexes this check accepts as they are, e.g. ['/panier/'] for noindex.")

    @field_validator("exclude")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        for pattern in v:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
        return v


class AuditSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    checks: dict[str, CheckOverride] = Field(default_factory=dict, description="Keyed by check id.")
    fail_on: Severity | None = None
    exclude: list[str] = Field(default_factory=list, description="URL regexes no check reports on.")
    excluded_on_purpose: list[str] = Field(
        default_factory=list,
        description="URL regexes of pages kept out of search on purpose: no check advises indexing them "
                    "(added to the defaults: cart, checkout, account, login, internal search).")
    default_exclusions: bool = Field(True, description="Treat cart, checkout, account, login and internal "
                                                       "search pages as excluded on purpose.")

    @field_validator("exclude", "excluded_on_purpose")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        return CheckOverride._regexes(v)
