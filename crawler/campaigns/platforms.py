"""What each platform's export looks like: header names (EN and FR), markers, defaults; and detection.

Columns are found by header name, never by position: platforms let users add, remove and reorder columns.
Header names are normalised (case, spaces, no-break spaces) and a trailing ISO currency code in parentheses
(Meta's ``Amount spent (EUR)``) is taken off and kept as the file's currency.

Choices documented here because they change numbers:
- Meta: ``clicks`` = **link clicks** (``Link clicks`` / ``Clics sur un lien``), the clicks that can reach the
  site, comparable with Google clicks and with sessions per utm_campaign. ``Clicks (all)`` counts likes,
  shares and profile taps; it is kept as ``clicks_all`` but never used for CTR or CPC.
- Meta: ``Results`` depends on each campaign's objective (reach, leads, purchases...). It is kept in
  ``results`` with its ``Result indicator``, never used as conversions. Conversions come from
  ``Purchases`` / ``Achats`` (and their conversion value) only.
- Meta: ``Reach`` and ``Frequency`` are kept per row and never summed (people are counted once per row).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from crawler.campaigns.settings import GenericMapping
from crawler.common.text import Text

# Fields of a normalised row that an export column may fill.
FIELDS = (
    "date", "report_start", "report_end", "account", "campaign", "campaign_id", "campaign_type", "ad_group",
    "impressions", "clicks", "clicks_all", "cost", "conversions", "conversion_value", "currency",
    "reach", "frequency", "results", "result_indicator", "ctr", "cpc",
)  # fmt: skip
MONEY = ("cost", "conversion_value", "cpc")
INTEGERS = ("impressions", "clicks", "clicks_all", "reach", "results")


@dataclass(frozen=True)
class Platform:
    id: str
    label: str
    channel: str
    aliases: dict[str, tuple[str, ...]]
    markers: frozenset[str]
    date_order: str | None = None  # default day/month order when the file gives no evidence
    required: tuple[str, ...] = ("date", "campaign", "cost")
    notes: tuple[str, ...] = field(default_factory=tuple)


def norm(header: object) -> tuple[str, str | None]:
    """Normalised header and the currency code it carries, if any: 'Amount spent (EUR)' -> ('amount spent', 'EUR')."""
    s = unicodedata.normalize("NFC", str(header))
    s = re.sub(r"[\s\u00a0\u202f\ufeff]+", " ", s).strip().strip('"').strip()
    currency = None
    m = re.search(r"\s*\(([A-Z]{3})\)$", s)
    if m:
        currency = m.group(1)
        s = s[: m.start()]
    return s.lower(), currency


GOOGLE = Platform(
    id="google_ads",
    label="Google Ads",
    channel="paid_search",
    aliases={
        "date": ("day", "jour"),  # Google's day segment; a bare "Date" column is not evidence of Google
        "account": ("account", "account name", "compte", "nom du compte"),
        "campaign": ("campaign", "campagne"),
        "campaign_id": ("campaign id", "id de la campagne", "id campagne"),
        "campaign_type": ("campaign type", "type de campagne"),
        "ad_group": ("ad group", "groupe d'annonces", "groupe d’annonces"),
        "impressions": ("impr.", "impressions"),
        "clicks": ("clicks", "clics"),
        "cost": ("cost", "coût", "cout"),
        "conversions": ("conversions",),
        "conversion_value": ("conv. value", "conversion value", "valeur de conv.", "valeur de conversion"),
        "currency": ("currency code", "currency", "code de la devise", "devise"),
        "ctr": ("ctr",),
        "cpc": ("avg. cpc", "cpc moy."),
    },
    markers=frozenset({
        "impr.", "conv. value", "valeur de conv.", "code de la devise", "campagne", "coût", "jour", "day", "cost",
        "campaign",
    }),  # fmt: skip
)

MICROSOFT = Platform(
    id="microsoft_ads",
    label="Microsoft Advertising",
    channel="paid_search",
    aliases={
        "date": ("gregorian date", "gregoriandate", "timeperiod", "time period", "date", "day"),
        "account": ("account name", "accountname", "account"),
        "campaign": ("campaign name", "campaignname", "campaign"),
        "campaign_id": ("campaign id", "campaignid"),
        "campaign_type": ("campaign type", "campaigntype"),
        "ad_group": ("ad group", "ad group name", "adgroupname"),
        "impressions": ("impressions", "impr."),
        "clicks": ("clicks",),
        "cost": ("spend",),
        "conversions": ("conversions", "conv."),
        "conversion_value": ("revenue",),
        "currency": ("currency code", "currencycode", "currency"),
        "ctr": ("ctr",),
        "cpc": ("avg. cpc", "averagecpc", "average cpc"),
    },
    markers=frozenset({"spend", "gregorian date", "gregoriandate", "timeperiod", "campaignname", "revenue"}),
    date_order="mdy",
)

META = Platform(
    id="meta_ads",
    label="Meta Ads Manager",
    channel="paid_social",
    aliases={
        "date": ("day", "jour", "date"),
        "report_start": ("reporting starts", "début des rapports"),
        "report_end": ("reporting ends", "fin des rapports"),
        "account": ("account name", "nom du compte"),
        "campaign": ("campaign name", "nom de la campagne"),
        "campaign_id": ("campaign id", "identifiant de la campagne"),
        "ad_group": ("ad set name", "nom de l'ensemble de publicités", "nom de l’ensemble de publicités"),
        "impressions": ("impressions",),
        "clicks": ("link clicks", "clics sur un lien"),
        "clicks_all": ("clicks (all)", "clics (tous)"),
        "cost": ("amount spent", "montant dépensé"),
        "conversions": ("purchases", "achats", "website purchases", "achats sur le site web"),
        "conversion_value": (
            "purchases conversion value", "valeur de conversion des achats",
            "website purchases conversion value", "valeur de conversion des achats sur le site web",
        ),  # fmt: skip
        "currency": ("currency", "devise"),
        "reach": ("reach", "couverture"),
        "frequency": ("frequency", "répétition"),
        "results": ("results", "résultats"),
        "result_indicator": ("result indicator", "indicateur de résultats"),
    },
    markers=frozenset({
        "amount spent", "montant dépensé", "reporting starts", "début des rapports", "link clicks",
        "clics sur un lien", "ad set name", "result indicator", "indicateur de résultats",
    }),  # fmt: skip
    required=("campaign", "cost"),
    notes=("clicks are link clicks; Results are kept apart, not counted as conversions",),
)

LINKEDIN = Platform(
    id="linkedin_ads",
    label="LinkedIn Campaign Manager",
    channel="paid_social",
    aliases={
        "date": ("start date (in utc)", "start date", "date"),
        "account": ("account name",),
        "campaign": ("campaign name", "campaign"),
        "campaign_id": ("campaign id",),
        "campaign_type": ("campaign type",),
        "impressions": ("impressions",),
        "clicks": ("clicks",),
        "cost": ("total spent", "amount spent", "spend"),
        "conversions": ("conversions",),
        "conversion_value": ("total conversion value", "conversion value"),
        "currency": ("currency",),
        "ctr": ("click through rate",),
        "cpc": ("average cpc",),
        "reach": ("reach",),
    },
    markers=frozenset({"total spent", "start date (in utc)", "campaign group name", "campaign group id"}),
    date_order="mdy",
)

PLATFORMS: dict[str, Platform] = {p.id: p for p in (GOOGLE, MICROSOFT, META, LINKEDIN)}
CHANNEL_LABELS: dict[str, Text] = {
    "paid_search": Text("Paid Search", "Search payant"),
    "paid_shopping": Text("Paid Shopping", "Shopping"),
    "paid_social": Text("Paid Social", "Social payant"),
    "paid_video": Text("Paid Video", "Vidéo payante"),
    "display": Text("Display", "Display"),
    "affiliates": Text("Affiliates", "Affiliation"),
    "email": Text("Email", "E-mailing"),
}


def channel_id(label: str) -> str:
    """'Paid Search' / 'paid_search' / 'Affiliation' -> a channel id."""
    s = re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_")
    for cid, names in CHANNEL_LABELS.items():
        if s == cid or s in {re.sub(r"[^a-z0-9]+", "_", n.lower()) for n in (names.en, names.fr)}:
            return cid
    return s or "other"


def google_channel(campaign_type: str | None) -> str:
    t = (campaign_type or "").lower()
    if "shopping" in t:
        return "paid_shopping"
    if "display" in t or "demand gen" in t or "discovery" in t:
        return "display"
    if "video" in t or "vidéo" in t:
        return "paid_video"
    return "paid_search"


def generic_platform(name: str, mapping: GenericMapping) -> Platform:
    aliases = {f: (norm(h)[0],) for f, h in mapping.columns.items() if f in FIELDS}
    return Platform(
        id=f"generic:{name}",
        label=f"generic mapping {name!r}",
        channel=channel_id(mapping.channel),
        aliases=aliases,
        markers=frozenset(a[0] for a in aliases.values()),
        date_order={"%d": "dmy", "%m": "mdy"}.get((mapping.date_format or "")[:2]),
    )


class Headers:
    """A row of candidate headers, normalised once and indexed by name (first occurrence wins)."""

    def __init__(self, cells: list[object]) -> None:
        self.normed = [norm(c) for c in cells]
        self.index: dict[str, int] = {}
        for i, (n, _) in enumerate(self.normed):
            self.index.setdefault(n, i)
        self.names = frozenset(self.index)


def _headers(headers: list[object] | Headers) -> Headers:
    return headers if isinstance(headers, Headers) else Headers(headers)


def match_columns(platform: Platform, headers: list[object] | Headers) -> tuple[dict[str, int], dict[int, str]]:
    """Field -> column index for the headers found (first alias wins), and column index -> header currency."""
    h = _headers(headers)
    found: dict[str, int] = {}
    currencies: dict[int, str] = {}
    for fld, names in platform.aliases.items():
        for name in names:
            idx = h.index.get(name)
            if idx is not None:
                found[fld] = idx
                if h.normed[idx][1]:
                    currencies[idx] = h.normed[idx][1]
                break
    return found, currencies


def score(platform: Platform, headers: list[object] | Headers) -> tuple[bool, int, int]:
    """(has every required field, marker hits, recognised columns)."""
    h = _headers(headers)
    found, _ = match_columns(platform, h)
    complete = all(f in found for f in platform.required) and (
        "date" in found or ("report_start" in found and "report_end" in found)
    )
    return complete, len(platform.markers & h.names), len(found)
