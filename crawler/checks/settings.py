"""Audit settings in client.yml: per-check severity overrides, switches and thresholds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "notice"]


class CheckOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    severity: Severity | None = None
    thresholds: dict[str, float] = Field(default_factory=dict, description="e.g. {max_length: 65}")


class AuditSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    checks: dict[str, CheckOverride] = Field(default_factory=dict, description="Keyed by check id.")
    fail_on: Severity | None = None
