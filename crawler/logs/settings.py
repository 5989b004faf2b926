"""Traffic settings in client.yml: which logs and exports to read, and privacy options."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TrafficSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    logs: list[str] = Field(default_factory=list, description="Access-log globs, relative to client.yml.")
    log_format: str | None = Field(None, description="Force a format name, or an nginx-style log_format string.")
    analytics: list[str] = Field(default_factory=list, description="GA4 / Matomo / Plausible export globs.")
    search_console: list[str] = Field(default_factory=list, description="Search Console export globs (ZIP or CSV).")
    salt: str | None = Field(None, description="Salt for visitor hashes (generated and stored if absent).")
    store_raw_ips: bool = False
    truncate_ips: bool = True
    visit_gap_minutes: int = Field(30, ge=1)
    verify_googlebot: bool = False
    googlebot_ranges: str | None = Field(
        None, description="Google's googlebot.json IP ranges file (local path); verification uses it instead of DNS.")
    own_hosts: list[str] = Field(
        default_factory=list, description="The site's own host names (internal referrers); guessed from the log if empty.")
    bot_max_pages_per_minute: int = Field(60, ge=1, description="A visitor asking more pages in one minute is a bot.")
    bot_max_pages_per_day: int = Field(2000, ge=1, description="A visitor asking more pages in one day is a bot.")
    rejected_samples: int = Field(20, ge=0, description="Rejected lines kept per file and run, with their reason.")
