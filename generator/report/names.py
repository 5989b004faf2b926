"""Display names of the values the producers store in English (or in the export's language): channels,
devices, bot groups, browsers/OS placeholders. The report shows them in the client's language.

A value this catalogue does not know (a stranger's referrer host, a campaign, a browser name) is shown
as it is. Exports in another language are recognised too: a French Search Console export says
"Ordinateur", an English report says "Desktop".
"""

from __future__ import annotations

import re

from crawler.campaigns.platforms import CHANNEL_LABELS
from crawler.common.text import Text

# GA4's default channel group (crawler/logs/channels.py CHANNELS), named as GA4's French interface does,
# except the paid channels, named as on the campaigns page.
CHANNELS: dict[str, Text] = {
    "Direct": Text("Direct", "Accès direct"),
    "Cross-network": Text("Cross-network", "Multiréseau"),
    "Paid Shopping": CHANNEL_LABELS["paid_shopping"],
    "Paid Search": CHANNEL_LABELS["paid_search"],
    "Paid Social": CHANNEL_LABELS["paid_social"],
    "Paid Video": CHANNEL_LABELS["paid_video"],
    "Display": CHANNEL_LABELS["display"],
    "Paid Other": Text("Paid Other", "Autre publicité"),
    "Organic Shopping": Text("Organic Shopping", "Shopping naturel"),
    "Organic Social": Text("Organic Social", "Réseaux sociaux"),
    "Organic Video": Text("Organic Video", "Vidéo naturelle"),
    "Organic Search": Text("Organic Search", "Recherche naturelle"),
    "Referral": Text("Referral", "Sites référents"),
    "Email": CHANNEL_LABELS["email"],
    "Affiliates": CHANNEL_LABELS["affiliates"],
    "Audio": Text("Audio", "Audio"),
    "SMS": Text("SMS", "SMS"),
    "Mobile Push Notifications": Text("Mobile Push Notifications", "Notifications push"),
    "Unassigned": Text("Unassigned", "Non attribué"),
}

DEVICES: dict[str, Text] = {
    "desktop": Text("Desktop", "Ordinateur"),
    "mobile": Text("Mobile", "Mobile"),
    "tablet": Text("Tablet", "Tablette"),
    "bot": Text("Robot", "Robot"),
    "smart tv": Text("Smart TV", "Smart TV"),
}
_DEVICE_ALIASES = {"ordinateur": "desktop", "tablette": "tablet", "computer": "desktop", "robot": "bot"}

BOT_GROUPS: dict[str, Text] = {
    "Googlebot smartphone": Text("Googlebot smartphone", "Googlebot smartphone"),
    "Googlebot desktop": Text("Googlebot desktop", "Googlebot ordinateur"),
    "Bingbot": Text("Bingbot", "Bingbot"),
    "Other search engines": Text("Other search engines", "Autres moteurs de recherche"),
    "AI crawlers": Text("AI crawlers", "Robots d’IA"),
    "SEO tools": Text("SEO tools", "Outils SEO"),
    "Monitors": Text("Monitors", "Outils de surveillance"),
    "Other bots": Text("Other bots", "Autres robots"),
    "Browser-like robots (heuristics)": Text("Browser-like robots (heuristics)",
                                             "Robots se faisant passer pour des navigateurs (heuristique)"),
}

PLACEHOLDERS: dict[str, Text] = {  # what the producers write when a value is unknown
    "Other": Text("Other", "Autre"),
    "Crawler": Text("Robot", "Robot"),
    "(empty user agent)": Text("(empty user agent)", "(user agent vide)"),
    "(not set)": Text("(not set)", "(non défini)"),
    "(other)": Text("(other)", "(autres)"),
}

_CHANNEL_KEYS = {re.sub(r"[^a-z]", "", k.lower()): k for k in CHANNELS}
# GA4's French interface names, so a French export shows in English in an English report.
_CHANNEL_KEYS.update({re.sub(r"[^a-z]", "", t.fr.lower()): k for k, t in CHANNELS.items()})
_CHANNEL_KEYS.update({"recherchenaturelle": "Organic Search", "rechercheorganique": "Organic Search",
                      "recherchepayante": "Paid Search", "rseauxsociauxnaturels": "Organic Social",
                      "rseauxsociauxpayants": "Paid Social", "rfrence": "Referral", "email": "Email",
                      "nonattribu": "Unassigned", "affilis": "Affiliates"})


def channel_name(value: object, language: str) -> str:
    text = "" if value is None else str(value)
    key = _CHANNEL_KEYS.get(re.sub(r"[^a-z]", "", text.lower()))
    return CHANNELS[key].get(language) if key else text


def device_name(value: object, language: str) -> str:
    text = "" if value is None else str(value)
    key = text.strip().lower()
    key = _DEVICE_ALIASES.get(key, key)
    return DEVICES[key].get(language) if key in DEVICES else placeholder(text, language)


def bot_group_name(value: object, language: str) -> str:
    text = "" if value is None else str(value)
    return BOT_GROUPS[text].get(language) if text in BOT_GROUPS else placeholder(text, language)


def placeholder(value: object, language: str) -> str:
    """"Other", "(empty user agent)"… in the report language; any other value as it is."""
    text = "" if value is None else str(value)
    return PLACEHOLDERS[text].get(language) if text in PLACEHOLDERS else text
