"""URL hygiene, judged on the path of internal URLs that answered 2xx (host and percent-escapes excluded).

A URL that redirects (e.g. /Tents/ -> /tents/) is not judged: the redirect is the fix.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from crawler.audit.base import Check, Finding, Text
from crawler.audit.context import AuditContext
from crawler.audit.registry import register

_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_SESSION = re.compile(r"(^|[;&?])(jsessionid|phpsessid|sid|sessionid|aspsessionid\w*|cfid|cftoken)=", re.I)


def internal_urls(ctx: AuditContext):
    for row in ctx.urls.values():
        if row.kind == "page" and row.status is not None and 200 <= row.status < 300:
            yield row.url


class UrlCheck(Check):
    category = "urls"
    severity = "notice"
    reads = ("urls.url",)

    def run(self, ctx, th):
        for url in internal_urls(ctx):
            detail = self.judge(url, th)
            if detail:
                yield Finding(url, detail)

    def judge(self, url: str, th) -> str | Text | None:
        raise NotImplementedError


@register
class UrlUppercase(UrlCheck):
    id = "url_uppercase"
    title = Text("Uppercase letters in the URL", "Majuscules dans l'URL")
    severity = "warning"
    why = Text("URLs are case-sensitive: /Page and /page are two URLs, which invites duplicates and broken links.",
            "Les URL sont sensibles à la casse : /Page et /page sont deux URL, d'où doublons et liens cassés.")
    fix = Text("Use lowercase paths and 301-redirect the uppercase variants.",
            "Utilisez des chemins en minuscules et redirigez en 301 les variantes en majuscules.")

    def judge(self, url, th):
        path = _ESCAPE.sub("", urlsplit(url).path)
        if any(c.isupper() for c in path):
            return urlsplit(url).path
        return None


@register
class UrlUnderscore(UrlCheck):
    id = "url_underscore"
    title = Text("Underscore in the URL", "Tiret bas dans l'URL")
    why = Text("Google treats hyphens as word separators but not underscores: trail_shoes reads as one word.",
            "Google traite le tiret comme séparateur de mots, pas le tiret bas : chaussure_trail se lit comme un seul mot.")
    fix = Text("Use hyphens in new URLs; redirect old ones only during a planned migration.",
            "Utilisez des tirets dans les nouvelles URL ; ne redirigez les anciennes que lors d'une refonte planifiée.")

    def judge(self, url, th):
        path = urlsplit(url).path
        return path if "_" in path else None


@register
class UrlTooLong(UrlCheck):
    id = "url_too_long"
    title = Text("URL too long (over {max_length} characters)", "URL trop longue (plus de {max_length} caractères)")
    why = Text("Long URLs are cut in search results and hard to share.", "Les URL longues sont coupées dans les résultats et difficiles à partager.")
    fix = Text("Keep URLs short and descriptive. Threshold: max_length (default 115).",
            "Gardez des URL courtes et parlantes. Seuil : max_length (115 par défaut).")
    thresholds = {"max_length": 115}

    def judge(self, url, th):
        return Text(f"{len(url)} characters", f"{len(url)} caractères") if len(url) > th["max_length"] else None


@register
class UrlTooManyParams(UrlCheck):
    id = "url_too_many_params"
    title = Text("Many query parameters (over {max_params})", "Nombreux paramètres d'URL (plus de {max_params})")
    why = Text("Parameter combinations (filters, sorting, tracking) multiply near-identical URLs and waste crawl budget.",
            "Les combinaisons de paramètres (filtres, tri, suivi) multiplient les URL quasi identiques et gaspillent le budget de crawl.")
    fix = Text("Canonicalise filtered URLs, keep tracking parameters out of internal links. Threshold: max_params (default 3).",
            "Canonisez les URL filtrées, gardez les paramètres de suivi hors des liens internes. Seuil : max_params (3 par défaut).")
    thresholds = {"max_params": 3}

    def judge(self, url, th):
        n = len(parse_qsl(urlsplit(url).query, keep_blank_values=True))
        return Text(f"{n} parameters", f"{n} paramètres") if n > th["max_params"] else None


@register
class UrlDoubleSlash(UrlCheck):
    id = "url_double_slash"
    title = Text("Double slash in the path", "Double barre oblique dans le chemin")
    why = Text("// in a path usually comes from a template bug and creates duplicate URLs.",
            "// dans un chemin vient souvent d'une erreur de gabarit et crée des URL en double.")
    fix = Text("Fix the link template and redirect the // variant.", "Corrigez le gabarit des liens et redirigez la variante //.")

    def judge(self, url, th):
        path = urlsplit(url).path
        return path if "//" in path else None


@register
class UrlSessionId(UrlCheck):
    id = "url_session_id"
    title = Text("Session id in the URL", "Identifiant de session dans l'URL")
    severity = "warning"
    why = Text("Session ids create a new URL per visit: endless duplicates, and shared links can leak sessions.",
            "Les identifiants de session créent une URL par visite : doublons sans fin, et les liens partagés peuvent exposer la session.")
    fix = Text("Keep sessions in cookies, not in URLs.", "Gardez les sessions dans des cookies, pas dans les URL.")

    def judge(self, url, th):
        s = urlsplit(url)
        return s.query or s.path if _SESSION.search("?" + s.query) or ";jsessionid=" in s.path.lower() else None


@register
class UrlSpace(UrlCheck):
    id = "url_space"
    title = Text("Space in the URL", "Espace dans l'URL")
    why = Text("Spaces become %20 or +, which breaks when the URL is copied into emails and messages.",
            "Les espaces deviennent %20 ou +, ce qui casse quand l'URL est copiée dans un e-mail ou un message.")
    fix = Text("Use hyphens instead of spaces.", "Utilisez des tirets à la place des espaces.")

    def judge(self, url, th):
        path = urlsplit(url).path
        return path if "%20" in path or " " in path else None


@register
class UrlNonAscii(UrlCheck):
    id = "url_non_ascii"
    title = Text("Non-ASCII characters in the URL", "Caractères non ASCII dans l'URL")
    why = Text("Accented characters are percent-encoded (é -> %C3%A9): valid, but ugly when shared and easy to mistype.",
            "Les caractères accentués sont encodés (é -> %C3%A9) : valide, mais peu lisible une fois partagé et facile à mal saisir.")
    fix = Text("Prefer plain ASCII slugs (chaussures-ete rather than chaussures-été) for new pages.",
            "Préférez des slugs en ASCII (chaussures-ete plutôt que chaussures-été) pour les nouvelles pages.")

    def judge(self, url, th):
        path = urlsplit(url).path
        if any(ord(c) > 127 for c in path) or any(int(m.group()[1:], 16) >= 0x80 for m in _ESCAPE.finditer(path)):
            return path
        return None
