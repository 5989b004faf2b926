"""Pages a site keeps out of search on purpose: cart, checkout, account, login, internal search results,
and any URL client.yml lists. A check that would advise indexing such a page (remove the noindex, unblock
it in robots.txt, add it to the sitemap) does not report it; the audit lists these URLs instead, so the
client can see what was set aside and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from crawler.audit.settings import AuditSettings

# A path segment naming a private or transactional page, in English or French (optionally under a
# language prefix such as /fr/ or /en-gb/), or an internal search query.
_SEGMENTS = (
    "cart", "basket", "panier", "checkout", "commande", "paiement", "payment", "order", "orders",
    "account", "my-account", "mon-compte", "compte", "login", "log-in", "signin", "sign-in", "connexion",
    "register", "signup", "sign-up", "inscription", "logout", "deconnexion", "wishlist", "liste-de-souhaits",
    "search", "recherche", "password", "mot-de-passe", "admin", "wp-admin",
)
_DEFAULT_PATH = re.compile(r"^/(?:[a-z]{2}(?:[-_][a-z]{2})?/)?(?:" + "|".join(map(re.escape, _SEGMENTS)) +
                           r")(?:/|\.html?$|\.php$|$)", re.IGNORECASE)
_DEFAULT_QUERY = re.compile(r"(?:^|&)(?:q|s|search|query|recherche)=", re.IGNORECASE)


def default_reason(url: str) -> bool:
    parts = urlsplit(url)
    return bool(_DEFAULT_PATH.search(parts.path or "/") or _DEFAULT_QUERY.search(parts.query))


def excluded_on_purpose(settings: AuditSettings | None) -> Callable[[str], bool]:
    """url -> True when the page is meant to stay out of search (defaults + client.yml list)."""
    settings = settings or AuditSettings()
    listed = [re.compile(p) for p in settings.excluded_on_purpose]
    use_defaults = settings.default_exclusions

    def test(url: str) -> bool:
        return (use_defaults and default_reason(url)) or any(p.search(url) for p in listed)
    return test
