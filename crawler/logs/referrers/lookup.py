"""Referrer host lookups over the vendored lists (compact tables in referrers.json, see SOURCE.md).

Search engines are matched the way Matomo matches its own list: the host, then a "lossy" host where a
country-code TLD (``google.co.uk`` -> ``google.{}``) or a country sub-domain (``fr.search.yahoo.com`` ->
``{}.search.yahoo.com``) is replaced by ``{}``. Socials and AI assistants match the host or any sub-domain of it.
GA4's source categories are matched exactly, as GA4's "Source matches a list of ... sites" does.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

JSON_PATH = Path(__file__).resolve().parent / "referrers.json"

_CC_TLD = re.compile(r"(\.(com|org|net|co|it|edu|ac|gv|ne|or))?\.[a-z]{2}$")
_CC_SUB = re.compile(r"^[a-z]{2}\.")


class ReferrerInfo(NamedTuple):
    kind: str  # "search", "ai", "social", "video", "shopping", "other", "" (no referrer)
    name: str  # display name: "Google", "Facebook", "ChatGPT", or the host
    source: str  # GA4-style source: "google", "m.facebook.com", "chatgpt.com", ...


class _Tables(NamedTuple):
    search_hosts: dict[str, str]
    search_paths: dict[str, list[tuple[str, str]]]
    socials: dict[str, str]
    ai_hosts: dict[str, str]
    ai_paths: dict[str, list[tuple[str, str]]]
    categories: dict[str, str]


def _split(table: dict[str, str]) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    hosts: dict[str, str] = {}
    paths: dict[str, list[tuple[str, str]]] = {}
    for pattern, name in table.items():
        if "/" in pattern:
            if pattern.startswith("android-app"):
                continue
            host, _, prefix = pattern.partition("/")
            paths.setdefault(host, []).append(("/" + prefix, name))
        else:
            hosts[pattern] = name
    return hosts, paths


@cache
def tables() -> _Tables:
    data = json.loads(JSON_PATH.read_text(encoding="utf-8"))
    search_hosts, search_paths = _split(data["search_engines"])
    ai_hosts, ai_paths = _split(data["ai_assistants"])
    return _Tables(search_hosts, search_paths, data["socials"], ai_hosts, ai_paths, data["ga4_categories"])


def _lossy(host: str) -> list[str]:
    """Host candidates in Matomo's order: exact, without ``m.``, ccTLD -> {}, country sub-domain -> {}."""
    out = [host]
    if host.startswith("m."):
        out.append(host[2:])
    for h in list(out):
        tld = _CC_TLD.sub(".{}", h)
        sub = _CC_SUB.sub("{}.", h)
        out += [tld, sub, _CC_SUB.sub("{}.", tld)]
    return list(dict.fromkeys(out))


def _match_patterns(host: str, path: str, hosts: dict[str, str], paths: dict[str, list[tuple[str, str]]]) -> str:
    for candidate in _lossy(host):
        for prefix, name in paths.get(candidate, ()):
            if path.startswith(prefix):
                return name
        if candidate in hosts:
            return hosts[candidate]
    return ""


def _match_domain(host: str, path: str, hosts: dict[str, str], paths: dict[str, list[tuple[str, str]]]) -> str:
    """The host or any parent domain of it (Matomo's social matching)."""
    labels = host.split(".")
    for i in range(len(labels) - 1):
        domain = ".".join(labels[i:])
        for prefix, name in paths.get(domain, ()):
            if path.startswith(prefix):
                return name
        if domain in hosts:
            return hosts[domain]
    return ""


def _search_source(name: str, host: str) -> str:
    """GA4 names organic sources by engine ("google", "bing", "yahoo"); fall back to the host."""
    cats = tables().categories
    token = re.split(r"[\s!]", name.lower(), maxsplit=1)[0]
    if cats.get(token) == "SEARCH":
        return token
    if cats.get(host) == "SEARCH":
        return host
    return token if " " not in name and token else host


@lru_cache(maxsize=65_536)
def path_matters(host: str) -> bool:
    """Whether a referrer's path can change how ``host`` is classified (x.com/i/grok, a search engine's
    path-specific entries): for every other host, classify_host(host, path) == classify_host(host)."""
    host = host.strip().lower().removeprefix("www.")
    t = tables()
    labels = host.split(".")
    if any(".".join(labels[i:]) in t.ai_paths for i in range(len(labels) - 1)):
        return True
    return any(candidate in t.search_paths for candidate in _lossy(host))


@lru_cache(maxsize=65_536)
def classify_host(host: str, path: str = "") -> ReferrerInfo:
    """Classify a referrer host (lower-case, without ``www.``); ``path`` disambiguates e.g. x.com/i/grok."""
    host = host.strip().lower().removeprefix("www.")
    if not host:
        return ReferrerInfo("", "", "")
    t = tables()
    name = _match_domain(host, path, t.ai_hosts, t.ai_paths)
    if name:
        return ReferrerInfo("ai", name, host)
    social = _match_domain(host, path, t.socials, {})
    category = t.categories.get(host, "")  # GA4's word first: YouTube is VIDEO for GA4, a social for Matomo
    if social:  # before search engines: Matomo lists facebook.com as both (its people search)
        return ReferrerInfo(category.lower() or "social", social, host)
    name = _match_patterns(host, path, t.search_hosts, t.search_paths)
    if name:
        return ReferrerInfo("search", name, _search_source(name, host))
    if category:
        return ReferrerInfo(category.lower(), host, host)
    return ReferrerInfo("other", host, host)


@lru_cache(maxsize=65_536)
def source_category(source: str) -> str:
    """GA4 source category of a source value: 'SEARCH', 'SOCIAL', 'SHOPPING', 'VIDEO' or ''.

    GA4's own list first (exact, case-insensitive, ``www.`` ignored); then, for hosts GA4's list lacks (x.com,
    bsky.app, a country Google), Matomo's search-engine and social lists.
    """
    source = source.strip().lower()
    if not source or source.startswith("("):
        return ""
    cats = tables().categories
    bare = source.removeprefix("www.")
    category = cats.get(source) or cats.get(bare)
    if category:
        return category
    if "." not in bare or " " in bare:
        return ""
    info = classify_host(bare)
    if info.kind == "search":
        return "SEARCH"
    if info.kind == "social":
        return "SOCIAL"
    return ""
