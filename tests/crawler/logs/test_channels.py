"""GA4 default channel group: one test per rule, then the priority order, then source / medium parsing."""

from __future__ import annotations

import duckdb
import pytest

from crawler.logs.channels import (
    CHANNELS,
    channel_for,
    channel_for_source,
    classify_many,
    classify_many_detailed,
    parse_source_medium,
    referrer_info,
    register_duckdb,
)

SITE = "https://www.maison-sentier.example"
OWN = {"www.maison-sentier.example"}


def utm(source: str = "", medium: str = "", campaign: str = "") -> str:
    parts = [f"utm_source={source}" if source else "", f"utm_medium={medium}" if medium else ""]
    parts.append(f"utm_campaign={campaign}" if campaign else "")
    return f"{SITE}/produit/sac-30l-alpin/?" + "&".join(p for p in parts if p)


# --- one test per rule, named as GA4 names the channel -------------------------------------------------


def test_direct_no_referrer():
    assert channel_for(f"{SITE}/", None, OWN) == "Direct"


def test_direct_self_referral_counts_as_no_referrer():
    assert channel_for(f"{SITE}/panier/", f"{SITE}/produit/sac-30l-alpin/", OWN) == "Direct"
    # www. optional on either side
    assert channel_for("/panier/", "https://maison-sentier.example/", OWN) == "Direct"


def test_cross_network_campaign_name():
    assert channel_for(utm("google", "cpc", "pmax_cross-network_fr"), None) == "Cross-network"


@pytest.mark.parametrize(
    "url",
    [utm("google", "cpc", "shopping_sacs"), utm("amazon", "ppc"), utm("Google Shopping", "paid")],
)
def test_paid_shopping(url):
    assert channel_for(url, None) == "Paid Shopping"


@pytest.mark.parametrize("medium", ["cpc", "ppc", "retargeting", "paidsearch", "paid_search", "cpv"])
def test_paid_search(medium):
    assert channel_for(utm("google", medium, "brand_fr"), None) == "Paid Search"


def test_paid_social():
    assert channel_for(utm("facebook", "paid_social", "prospection_automne"), None) == "Paid Social"
    assert channel_for(utm("linkedin", "cpc", "b2b_clubs"), None) == "Paid Social"


def test_paid_video():
    assert channel_for(utm("youtube", "cpv"), None) == "Paid Video"


@pytest.mark.parametrize("medium", ["display", "banner", "expandable", "interstitial", "cpm", "DISPLAY"])
def test_display(medium):
    assert channel_for(utm("criteo", medium), None) == "Display"


def test_paid_other_paid_medium_unknown_source():
    assert channel_for(utm("partner-network", "cpc"), None) == "Paid Other"
    assert channel_for(utm("partner-network", "retargeting"), None) == "Paid Other"


def test_organic_shopping():
    assert channel_for(f"{SITE}/", "https://www.ebay.de/itm/1", OWN) == "Organic Shopping"
    assert channel_for(utm("blog", "post", "shop_launch"), None) == "Organic Shopping"


def test_organic_social_by_source_list():
    assert channel_for(f"{SITE}/", "https://l.facebook.com/l.php?u=x", OWN) == "Organic Social"
    assert channel_for(f"{SITE}/", "https://t.co/abc", OWN) == "Organic Social"


def test_organic_social_by_matomo_list_when_ga4_list_lacks_host():
    assert channel_for(f"{SITE}/", "https://bsky.app/profile/x", OWN) == "Organic Social"


@pytest.mark.parametrize("medium", ["social", "social-network", "social-media", "sm", "social network", "social media"])
def test_organic_social_by_medium(medium):
    assert channel_for(utm("club-newsletter", medium), None) == "Organic Social"


def test_organic_video():
    assert channel_for(f"{SITE}/", "https://www.youtube.com/watch?v=1", OWN) == "Organic Video"
    assert channel_for(utm("partner", "video_review"), None) == "Organic Video"


@pytest.mark.parametrize(
    "referrer",
    [
        "https://www.google.fr/",
        "https://www.google.co.uk/search?q=sac",
        "https://www.bing.com/search?q=sac",
        "https://duckduckgo.com/",
        "https://www.qwant.com/?q=sac",
        "https://www.ecosia.org/search?q=sac",
        "https://fr.search.yahoo.com/search?p=sac",
    ],
)
def test_organic_search_by_referrer(referrer):
    assert channel_for(f"{SITE}/", referrer, OWN) == "Organic Search"


def test_organic_search_by_medium():
    assert channel_for(utm("some-engine", "organic"), None) == "Organic Search"


@pytest.mark.parametrize("medium", ["referral", "app", "link"])
def test_referral_by_medium(medium):
    assert channel_for(utm("club", medium), None) == "Referral"


def test_referral_by_referrer_host():
    assert channel_for(f"{SITE}/blog/", "https://www.randonnee-club.example/liens", OWN) == "Referral"


def test_ai_assistant_is_a_referral_as_in_ga4():
    assert channel_for(f"{SITE}/", "https://chatgpt.com/", OWN) == "Referral"
    assert referrer_info("https://chatgpt.com/").kind == "ai"


@pytest.mark.parametrize("url", [utm("newsletter", "email"), utm("e-mail", "crm"), utm("brevo", "E_Mail")])
def test_email(url):
    assert channel_for(url, None) == "Email"


def test_affiliates():
    assert channel_for(utm("awin", "affiliate"), None) == "Affiliates"


def test_audio():
    assert channel_for(utm("deezer", "audio"), None) == "Audio"


def test_sms():
    assert channel_for(utm("sms", "text"), None) == "SMS"
    assert channel_for(utm("brevo", "sms"), None) == "SMS"


@pytest.mark.parametrize("url", [utm("app", "web-push"), utm("app", "mobile"), utm("app", "notification"), utm("firebase", "x")])
def test_mobile_push_notifications(url):
    assert channel_for(url, None) == "Mobile Push Notifications"


def test_unassigned():
    assert channel_for(utm("print", "flyer"), None) == "Unassigned"
    assert channel_for(utm("print"), None) == "Unassigned"  # medium "(not set)"


# --- priority order ------------------------------------------------------------------------------------


def test_channel_list_is_ga4_order():
    assert CHANNELS[0] == "Direct" and CHANNELS[-1] == "Unassigned" and len(CHANNELS) == 19
    assert CHANNELS.index("Paid Shopping") < CHANNELS.index("Paid Search") < CHANNELS.index("Display")
    assert CHANNELS.index("Paid Other") < CHANNELS.index("Organic Shopping") < CHANNELS.index("Organic Search")


@pytest.mark.parametrize(
    ("source", "medium", "campaign", "expected", "why"),
    [
        ("google", "cpc", "cross-network", "Cross-network", "Cross-network before Paid Search"),
        ("google", "cpc", "shopping_sacs", "Paid Shopping", "Paid Shopping before Paid Search"),
        ("facebook", "cpm", "x", "Paid Social", "Paid Social (cpm matches .*cp.*) before Display"),
        ("criteo", "cpm", "x", "Display", "Display before Paid Other"),
        ("newsletter", "email", "black_shop_days", "Organic Shopping", "Organic Shopping before Email"),
        ("facebook", "email", "x", "Organic Social", "Organic Social before Email"),
        ("youtube", "organic", "x", "Organic Video", "Organic Video before Organic Search"),
        ("google", "referral", "x", "Organic Search", "Organic Search before Referral"),
        ("email", "referral", "x", "Referral", "Referral before Email"),
        ("email", "affiliate", "x", "Email", "Email before Affiliates"),
        ("sms", "audio", "x", "Audio", "Audio before SMS"),
        ("sms", "push", "x", "SMS", "SMS before Mobile Push Notifications"),
        ("(direct)", "(none)", "shopping", "Direct", "Direct first"),
        ("(direct)", "cpc", "x", "Paid Other", "(direct) with a paid medium is not Direct"),
    ],
)
def test_priority_order(source, medium, campaign, expected, why):
    assert channel_for_source(source, medium, campaign) == expected, why


def test_shop_campaign_regex_is_gas():
    # ^(.*(([^a-df-z]|^)shop|shopping).*)$ : "shop" must start the name or follow a non-letter (or a-e... not)
    assert channel_for_source("x", "cpc", "workshop") == "Paid Other"
    assert channel_for_source("x", "cpc", "eshop") == "Paid Shopping"  # 'e' is outside [a-df-z]
    assert channel_for_source("x", "cpc", "2026-shop") == "Paid Shopping"


def test_case_insensitive():
    assert channel_for_source("Google", "CPC", "Brand_FR") == "Paid Search"


# --- source / medium / campaign ------------------------------------------------------------------------


def test_parse_utm():
    assert parse_source_medium(utm("google", "cpc", "brand_fr"), None) == ("google", "cpc", "brand_fr")
    assert parse_source_medium(utm("google"), None) == ("google", "(not set)", "(not set)")


def test_utm_wins_over_click_id_and_referrer():
    url = utm("newsletter", "email", "rentree") + "&gclid=abc"
    assert parse_source_medium(url, "https://www.google.fr/") == ("newsletter", "email", "rentree")


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        ("gclid", ("google", "cpc", "Paid Search")),
        ("gbraid", ("google", "cpc", "Paid Search")),
        ("wbraid", ("google", "cpc", "Paid Search")),
        ("dclid", ("dv360", "cpm", "Display")),
        ("msclkid", ("bing", "cpc", "Paid Search")),
        ("ttclid", ("tiktok", "cpc", "Paid Social")),
        ("li_fat_id", ("linkedin", "cpc", "Paid Social")),
        ("twclid", ("twitter", "cpc", "Paid Social")),
    ],
)
def test_click_ids(param, expected):
    url = f"{SITE}/?{param}=Cj0KCQ"
    source, medium, _ = parse_source_medium(url, "https://www.google.fr/")
    assert (source, medium, channel_for(url, "https://www.google.fr/")) == expected


def test_fbclid_is_organic_social_not_paid():
    # Meta appends fbclid to every outbound link; GA4 ignores it. Without referrer we credit facebook.com.
    assert channel_for(f"{SITE}/?fbclid=IwAR0", None) == "Organic Social"
    assert parse_source_medium(f"{SITE}/?fbclid=IwAR0", "https://m.facebook.com/") == (
        "m.facebook.com", "referral", "(referral)"
    )


def test_srsltid_without_referrer_is_google_organic():
    # Google appends srsltid to organic product results; GA4 credits google / organic (via the referrer).
    assert parse_source_medium(f"{SITE}/produit/sac-30l-alpin/?srsltid=AfmBOo", None) == (
        "google", "organic", "(organic)")
    assert channel_for(f"{SITE}/?srsltid=AfmBOo", None) == "Organic Search"


def test_own_hosts_wildcard_covers_subdomains():
    own = {"*.maison-sentier.example"}
    assert channel_for("/panier/", "https://paiement.maison-sentier.example/retour", own) == "Direct"
    assert channel_for("/panier/", "https://maison-sentier.example/", own) == "Direct"
    assert channel_for("/panier/", "https://maison-sentier.example.evil.test/", own) == "Referral"


def test_params_are_case_insensitive_and_decoded():
    url = f"{SITE}/?UTM_SOURCE=Google&utm_medium=Paid%20Search&utm_campaign=G%C3%A9n%C3%A9rique+Chaussures"
    assert parse_source_medium(url, None) == ("Google", "Paid Search", "Générique Chaussures")
    assert channel_for(url, None) == "Paid Search"


def test_gclid_keeps_utm_campaign_name():
    assert parse_source_medium(f"{SITE}/?gclid=1&utm_campaign=shopping_sacs", None)[2] == "shopping_sacs"
    assert channel_for(f"{SITE}/?gclid=1&utm_campaign=shopping_sacs", None) == "Paid Shopping"


def test_referrer_sources():
    assert parse_source_medium("/", "https://www.google.fr/search?q=x") == ("google", "organic", "(organic)")
    assert parse_source_medium("/", "https://www.randonnee-club.example/a") == (
        "randonnee-club.example", "referral", "(referral)"
    )
    assert parse_source_medium("/", "-") == ("(direct)", "(none)", "(direct)")
    assert parse_source_medium("/", "android-app://com.google.android.gm")[0] == "com.google.android.gm"


def test_landing_host_is_own_even_without_own_hosts():
    assert channel_for(f"{SITE}/a/", f"{SITE}/b/") == "Direct"


def test_malformed_inputs_do_not_raise():
    assert channel_for("http://[broken/", "http://[::1") in CHANNELS
    assert channel_for("", "") == "Direct"


def test_referrer_info_names():
    assert referrer_info("https://www.google.de/").name == "Google"
    assert referrer_info("https://x.com/i/grok/share").kind == "ai"
    assert referrer_info("https://l.facebook.com/").name == "Facebook"


# --- vectorised paths ----------------------------------------------------------------------------------


def test_classify_many_matches_single_calls():
    pairs = [
        (f"{SITE}/", None),
        (utm("google", "cpc", "brand_fr"), None),
        ("/blog/", "https://www.bing.com/"),
        ("/", f"{SITE}/x"),
    ]
    assert classify_many(pairs, OWN) == [channel_for(landing, ref, OWN) for landing, ref in pairs]
    detailed = classify_many_detailed(pairs, OWN)
    assert detailed[1] == ("google", "cpc", "brand_fr", "Paid Search")


def test_register_duckdb_classifies_set_wise():
    con = duckdb.connect()
    register_duckdb(con, OWN)
    rows = con.sql(
        "SELECT ga4_channel(l, r) FROM (VALUES ('/?gclid=1', NULL), ('/', 'https://www.google.fr/'),"
        " (NULL, NULL), ('/', 'https://www.maison-sentier.example/x')) t(l, r)"
    ).fetchall()
    assert [r[0] for r in rows] == ["Paid Search", "Organic Search", "Direct", "Direct"]


@pytest.mark.parametrize(
    ("referrer", "expected"),
    [
        ("android-app://com.google.android.googlequicksearchbox/", "Organic Search"),  # Google app
        ("android-app://com.linkedin.android/", "Organic Social"),
        ("android-app://com.google.android.gm", "Referral"),  # Gmail app: GA4 shows a referral too
    ],
)
def test_android_app_referrers(referrer, expected):
    assert channel_for(f"{SITE}/", referrer, OWN) == expected
