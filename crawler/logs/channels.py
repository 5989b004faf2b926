"""Google Analytics 4's default channel group, applied to (landing URL, referrer) pairs from server logs.

GA4 decides a session's channel from its source, medium and campaign name; the rules below are the ones
Google documents in "[GA4] Default channel group" (support.google.com/analytics/answer/9756891), evaluated in
the order GA4 lists them in Admin > Channel groups, first match wins, case-insensitive.

Logs carry no source / medium, so they are rebuilt the way GA4's tag does it:
1. UTM parameters on the landing URL (``utm_source``, ``utm_medium``, ``utm_campaign``), then
2. ad click ids (``gclid`` -> google / cpc, ``msclkid`` -> bing / cpc, ...; see ``CLICK_IDS``), then
3. the referrer: a search engine (Matomo's list) gives ``<engine> / organic``, any other host
   ``<host> / referral``, none (or one of the site's own hosts) ``(direct) / (none)``.

The source lists are vendored in ``crawler/logs/referrers/`` (see its SOURCE.md).

Choices where a log cannot say what GA4 would know:
- gclid / gbraid / wbraid: GA4 reads the Google Ads network (Search, Display, YouTube, Performance Max) from the
  ads account; a log cannot, so an auto-tagged click is google / cpc -> Paid Search (Paid Shopping when its
  utm_campaign looks like shopping). Performance Max traffic that GA4 calls Cross-network is counted here as
  Paid Search unless tagged with a "cross-network" campaign name.
- dclid (Campaign Manager 360 / DV360) -> dv360 / cpm -> Display; msclkid -> bing / cpc; ttclid, li_fat_id,
  twclid, ScCid, epik -> the network / cpc -> Paid Social; yclid -> yandex / cpc.
- fbclid / igshid are *not* paid signals (Meta adds them to organic links too, GA4 ignores them): the visit is
  facebook.com / referral -> Organic Social. Paid Meta traffic needs UTMs, as in GA4.
- AI assistants (chatgpt.com, perplexity.ai, ...) are Referral, as in GA4; ``referrer_info`` says "ai".
- A source GA4's published list does not name (x.com, bsky.app, google.com.br) is looked up in Matomo's lists,
  so a known search engine or social network is not left as Referral because the published copy lags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote_plus, urlsplit

from crawler.logs.referrers.lookup import ReferrerInfo, classify_host, source_category

CHANNELS: tuple[str, ...] = (
    "Direct",
    "Cross-network",
    "Paid Shopping",
    "Paid Search",
    "Paid Social",
    "Paid Video",
    "Display",
    "Paid Other",
    "Organic Shopping",
    "Organic Social",
    "Organic Video",
    "Organic Search",
    "Referral",
    "Email",
    "Affiliates",
    "Audio",
    "SMS",
    "Mobile Push Notifications",
    "Unassigned",
)
"""Every channel of the default group, in GA4's evaluation (priority) order."""

PAID_MEDIUM = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
SHOP_CAMPAIGN = re.compile(r"^(.*(([^a-df-z]|^)shop|shopping).*)$")
VIDEO_MEDIUM = re.compile(r"^(.*video.*)$")
DISPLAY_MEDIUMS = frozenset({"display", "banner", "expandable", "interstitial", "cpm"})
SOCIAL_MEDIUMS = frozenset({"social", "social-network", "social-media", "sm", "social network", "social media"})
EMAIL_VALUES = frozenset({"email", "e-mail", "e_mail", "e mail"})
REFERRAL_MEDIUMS = frozenset({"referral", "app", "link"})
NONE_MEDIUMS = frozenset({"(not set)", "(none)"})

# Click ids that ad platforms append when their auto-tagging is on, read only when the URL has no UTM.
# GA4 itself reads gclid / gbraid / wbraid / dclid (Google's auto-tagging); the others are what the
# platforms document as ad-click-only parameters, so a paid medium is the honest reading.
# fbclid is deliberately absent: Meta appends it to *every* outbound link, organic posts included, and GA4
# ignores it (a Meta visit without UTMs is facebook.com / referral -> Organic Social). Same for igshid.
CLICK_IDS: dict[str, tuple[str, str]] = {
    "gclid": ("google", "cpc"),
    "gbraid": ("google", "cpc"),
    "wbraid": ("google", "cpc"),
    "dclid": ("dv360", "cpm"),  # Campaign Manager 360 / Display & Video 360 display clicks -> Display
    "msclkid": ("bing", "cpc"),
    "yclid": ("yandex", "cpc"),
    "ttclid": ("tiktok", "cpc"),
    "li_fat_id": ("linkedin", "cpc"),
    "twclid": ("twitter", "cpc"),
    "sccid": ("snapchat", "cpc"),
    "epik": ("pinterest", "cpc"),
}
# Link ids that say where an *unpaid* click came from, read only when the referrer is missing (in-app
# browsers and some privacy settings drop it): Meta's and Instagram's share ids, and srsltid, which Google
# appends to organic Shopping / product results.
LINK_IDS: dict[str, tuple[str, str]] = {
    "fbclid": ("facebook.com", "referral"),
    "igshid": ("instagram.com", "referral"),
    "srsltid": ("google", "organic"),
}


class SourceMedium(NamedTuple):
    source: str
    medium: str
    campaign: str


def normalise_host(host: str) -> str:
    """Lower-case, without port, trailing dot or leading ``www.`` (so www.x and x are the same site)."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") or host.count(":") > 1:  # IPv6 literal
        return host
    host = host.split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


def _landing_parts(url: str) -> tuple[str, str]:
    """(host, query) of a landing URL; fast path for the bare ``/path?query`` that access logs hold."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        query = url.partition("?")[2]
        return "", query.partition("#")[0]
    host, _, query = _url_parts(url)
    return host, query


@lru_cache(maxsize=65_536)
def _url_parts(url: str) -> tuple[str, str, str]:
    """(host, path, query) of an absolute URL, a scheme-less one, an ``android-app://`` one or a bare path."""
    url = (url or "").strip()
    if not url or url == "-":
        return "", "", ""
    if "://" not in url and not url.startswith(("/", "?")):
        url = "//" + url  # "example.com/page" as browsers and logs sometimes give it
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return "", "", ""
    return normalise_host(host), parts.path or "", parts.query


_WANTED = frozenset({"utm_source", "utm_medium", "utm_campaign", *CLICK_IDS, *LINK_IDS})


def _params(query: str) -> dict[str, str]:
    """The query parameters channels need, names lower-cased, first occurrence wins, values decoded and
    stripped (GA4 ignores case). Hand-split: several times faster than parse_qsl on log-sized inputs."""
    found: dict[str, str] = {}
    if "=" not in query:
        return found
    for part in query.split("&"):
        key, _, value = part.partition("=")
        key = key.strip().lower()
        if key in _WANTED and key not in found:
            found[key] = (unquote_plus(value) if "%" in value or "+" in value else value).strip()
    return found


def _own(own_hosts: Iterable[str]) -> frozenset[str]:
    if isinstance(own_hosts, frozenset):
        return _own_cached(own_hosts)
    return _own_cached(frozenset(own_hosts))


@lru_cache(maxsize=256)
def _own_cached(own_hosts: frozenset[str]) -> frozenset[str]:
    return frozenset(normalise_host(h) for h in own_hosts if h)


def _is_own(host: str, own: frozenset[str]) -> bool:
    """Exact host (www. optional), or a sub-domain of an own entry written ``*.example.com`` / ``.example.com``."""
    if host in own:
        return True
    return any(o[0] in "*." and (host == o.lstrip("*.") or host.endswith("." + o.lstrip("*."))) for o in own)


def parse_source_medium(
    landing_url: str, referrer: str | None, own_hosts: Iterable[str] = frozenset()
) -> tuple[str, str, str]:
    """(source, medium, campaign) as GA4 would record them for a session starting on this landing URL."""
    return _source_medium(landing_url or "", referrer or "", _own(own_hosts))


@lru_cache(maxsize=8_192)
def _source_medium(landing_url: str, referrer: str, own: frozenset[str]) -> SourceMedium:
    landing_host, query = _landing_parts(landing_url)
    params = _params(query)
    campaign = params.get("utm_campaign", "")
    source, medium = params.get("utm_source", ""), params.get("utm_medium", "")
    if source or medium:
        return SourceMedium(source or "(not set)", medium or "(not set)", campaign or "(not set)")
    for click_id, (cid_source, cid_medium) in CLICK_IDS.items():
        if params.get(click_id):
            return SourceMedium(cid_source, cid_medium, campaign or "(not set)")

    ref_host, ref_path, _ = _url_parts(referrer)
    if ref_host and (ref_host == landing_host or _is_own(ref_host, own)):
        ref_host = ""  # a self-referral is not a source: GA4 keeps the session's previous one, i.e. none
    if not ref_host:
        for link_id, (link_source, link_medium) in LINK_IDS.items():
            if params.get(link_id):
                return SourceMedium(link_source, link_medium, campaign or f"({link_medium})")
        return SourceMedium("(direct)", "(none)", campaign or "(direct)")
    info = classify_host(ref_host, ref_path)
    if info.kind == "search":
        return SourceMedium(info.source, "organic", campaign or "(organic)")
    return SourceMedium(info.source, "referral", campaign or "(referral)")


def channel_for_source(source: str, medium: str, campaign: str = "(not set)") -> str:
    """GA4's default channel for a source / medium / campaign, rules in GA4's priority order."""
    return _channel(source.strip().lower(), medium.strip().lower(), campaign.strip().lower())


@lru_cache(maxsize=65_536)
def _channel(source: str, medium: str, campaign: str) -> str:
    category = source_category(source)
    paid = bool(PAID_MEDIUM.match(medium))
    shop_campaign = bool(SHOP_CAMPAIGN.match(campaign))
    if source == "(direct)" and medium in NONE_MEDIUMS:
        return "Direct"
    if "cross-network" in campaign:
        return "Cross-network"
    if (category == "SHOPPING" or shop_campaign) and paid:
        return "Paid Shopping"
    if category == "SEARCH" and paid:
        return "Paid Search"
    if category == "SOCIAL" and paid:
        return "Paid Social"
    if category == "VIDEO" and paid:
        return "Paid Video"
    if medium in DISPLAY_MEDIUMS:
        return "Display"
    if paid:
        return "Paid Other"
    if category == "SHOPPING" or shop_campaign:
        return "Organic Shopping"
    if category == "SOCIAL" or medium in SOCIAL_MEDIUMS:
        return "Organic Social"
    if category == "VIDEO" or VIDEO_MEDIUM.match(medium):
        return "Organic Video"
    if category == "SEARCH" or medium == "organic":
        return "Organic Search"
    if medium in REFERRAL_MEDIUMS:
        return "Referral"
    if source in EMAIL_VALUES or medium in EMAIL_VALUES:
        return "Email"
    if medium == "affiliate":
        return "Affiliates"
    if medium == "audio":
        return "Audio"
    if source == "sms" or medium == "sms":
        return "SMS"
    if medium.endswith("push") or "mobile" in medium or "notification" in medium or source == "firebase":
        return "Mobile Push Notifications"
    return "Unassigned"


def referrer_key(referrer: str | None) -> str:
    """What the channel rules read of a referrer: its host, and its path only where the path can change the
    answer (see referrers.lookup.path_matters). Two referrers with one key always give one channel."""
    host, path, _ = _url_parts(referrer or "")
    if not host:
        return ""
    from crawler.logs.referrers.lookup import path_matters

    return host + path if path_matters(host) else host


def channel_for(landing_url: str, referrer: str | None, own_hosts: Iterable[str] = frozenset()) -> str:
    """GA4 default channel of a session that lands on ``landing_url`` coming from ``referrer``.

    ``own_hosts`` are the site's own hosts (www. optional): a referrer on one of them is a self-referral and
    counts as no referrer. The landing URL's host, when it has one, is always treated as own.
    """
    return _channel_of_pair(landing_url or "", referrer or "", _own(own_hosts))


@lru_cache(maxsize=8_192)
def _channel_of_pair(landing_url: str, referrer: str, own: frozenset[str]) -> str:
    sm = _source_medium(landing_url, referrer, own)
    return channel_for_source(sm.source, sm.medium, sm.campaign)


def classify_many(
    pairs: Iterable[tuple[str | None, str | None]], own_hosts: Iterable[str] = frozenset()
) -> list[str]:
    """Channels of many (landing URL, referrer) pairs, e.g. the distinct pairs of a log; cached per pair."""
    own = _own(own_hosts)
    return [_channel_of_pair(landing or "", referrer or "", own) for landing, referrer in pairs]


def classify_many_detailed(
    pairs: Iterable[tuple[str | None, str | None]], own_hosts: Iterable[str] = frozenset()
) -> list[tuple[str, str, str, str]]:
    """(source, medium, campaign, channel) of many (landing URL, referrer) pairs."""
    own = _own(own_hosts)
    rows = []
    for landing, referrer in pairs:
        sm = _source_medium(landing or "", referrer or "", own)
        rows.append((sm.source, sm.medium, sm.campaign, channel_for_source(*sm)))
    return rows


def register_duckdb(con, own_hosts: Iterable[str] = frozenset(), name: str = "ga4_channel") -> None:
    """Register ``name(landing VARCHAR, referrer VARCHAR) -> VARCHAR`` on a DuckDB connection.

    Lets SQL classify set-wise: ``SELECT ga4_channel(landing, referrer) FROM (SELECT DISTINCT ...)``.
    """
    own = _own(own_hosts)

    def _udf(landing: str | None, referrer: str | None) -> str:
        return _channel_of_pair(landing or "", referrer or "", own)

    con.create_function(
        name, _udf, ["VARCHAR", "VARCHAR"], "VARCHAR", null_handling="special", side_effects=False
    )


def referrer_info(referrer: str | None) -> ReferrerInfo:
    """What a referrer is: kind ('search', 'social', 'ai', 'video', 'shopping', 'other'), display name, source."""
    host, path, _ = _url_parts(referrer or "")
    return classify_host(host, path)
