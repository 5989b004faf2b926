"""Shared fixtures for the campaigns tests: the committed export files and a settings with a generic mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.campaigns.settings import CampaignSettings, GenericMapping

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "campaigns"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def settings() -> CampaignSettings:
    return CampaignSettings(
        generic={
            "affiliates": GenericMapping(
                files=["affiliates.csv"],
                channel="Affiliation",
                columns={"date": "Date", "campaign": "Programme", "cost": "Commission", "clicks": "Clics",
                         "conversions": "Ventes", "conversion_value": "CA"},  # fmt: skip
                date_format="%d/%m/%Y",
                currency="EUR",
            )
        }
    )
