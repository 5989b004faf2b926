"""Campaign settings in client.yml: exports to import, generic mappings, margin, currency rates."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class GenericMapping(BaseModel):
    """Column mapping for a generic CSV (display, affiliate, email…): our field -> the file's header."""

    model_config = ConfigDict(extra="forbid")

    files: list[str] = Field(default_factory=list, description="Globs of files using this mapping.")
    channel: str = "Display"
    columns: dict[str, str] = Field(default_factory=dict)
    date_format: str | None = None


class CampaignSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    exports: list[str] = Field(default_factory=list, description="Export globs, relative to client.yml.")
    generic: dict[str, GenericMapping] = Field(default_factory=dict)
    margin: float | None = Field(None, ge=0, le=1, description="Gross margin, for ROI.")
    currency_rates: dict[str, float] = Field(default_factory=dict, description="1 unit of X = rate × client currency.")


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cpa: float | None = Field(None, gt=0)
    roas: float | None = Field(None, gt=0)
