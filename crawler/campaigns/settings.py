"""Campaign settings in client.yml: exports to import, generic mappings, margin, currency rates."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Fields a generic mapping may fill (our name -> the file's header); the first three are required.
GENERIC_REQUIRED = ("date", "campaign", "cost")
GENERIC_FIELDS = (
    *GENERIC_REQUIRED, "account", "campaign_id", "ad_group", "impressions", "clicks", "conversions",
    "conversion_value", "currency", "reach", "frequency", "results",
)  # fmt: skip


class GenericMapping(BaseModel):
    """Column mapping for a generic CSV (display, affiliate, email…): our field -> the file's header."""

    model_config = ConfigDict(extra="forbid")

    files: list[str] = Field(default_factory=list, description="Globs of files using this mapping.")
    channel: str = "Display"
    columns: dict[str, str] = Field(
        default_factory=dict, validate_default=True,
        description="Our field -> the file's header: date, campaign and cost at least.",
    )
    date_format: str | None = Field(None, description="strptime format of the date column, e.g. %d/%m/%Y.")
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="Currency when the file has no column.")

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, v: dict[str, str]) -> dict[str, str]:
        unknown = [k for k in v if k not in GENERIC_FIELDS]
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r} (expected one of: {', '.join(GENERIC_FIELDS)})")
        missing = [k for k in GENERIC_REQUIRED if k not in v]
        if missing:
            raise ValueError(f"missing {', '.join(missing)} (date, campaign and cost are required)")
        return v


class CampaignSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    exports: list[str] = Field(default_factory=list, description="Export globs, relative to client.yml.")
    generic: dict[str, GenericMapping] = Field(default_factory=dict)
    margin: float | None = Field(None, ge=0, le=1, description="Gross margin, for ROI.")
    currency_rates: dict[str, float] = Field(default_factory=dict, description="1 unit of X = rate × client currency.")
    account_currency: str | None = Field(
        None, pattern=r"^[A-Z]{3}$", description="Currency of exports that state none (default: the client's)."
    )
    utm_campaigns: dict[str, str] = Field(
        default_factory=dict,
        description="Campaign name -> utm_campaign used in its landing URLs, when it is not the name in snake_case.",
    )
    anomaly_window: int = Field(14, ge=5, le=90, description="Trailing days used as the baseline for anomalies.")
    anomaly_threshold: float = Field(3.5, gt=0, description="Robust z-score above which a day is an anomaly.")


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cpa: float | None = Field(None, gt=0)
    roas: float | None = Field(None, gt=0)
