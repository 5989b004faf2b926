"""Content: thin pages, exact and near duplicates, language, viewport, charset, parse errors."""

from __future__ import annotations

import re
from collections import defaultdict

from crawler.audit.base import Check, Finding, PageCheck, Text
from crawler.audit.langcodes import valid_language_tag
from crawler.audit.registry import register


@register
class ContentThin(PageCheck):
    id = "content_thin"
    title = Text("Thin content (under {min_words} words)", "Contenu trop mince (moins de {min_words} mots)")
    severity = "warning"
    category = "content"
    why = Text("Pages with little visible text rarely rank and can drag the site's perceived quality down.",
            "Les pages avec peu de texte visible se positionnent rarement et peuvent nuire à la qualité perçue du site.")
    fix = Text("Enrich the page with useful text, or merge it / set it noindex. Threshold: min_words (default 200 visible "
            "body words). Non-indexable pages (noindex, canonicalised elsewhere) are not judged.",
            "Enrichissez la page avec un texte utile, ou fusionnez-la / passez-la en noindex. Seuil : min_words (200 mots "
            "visibles par défaut). Les pages non indexables (noindex, canonisées ailleurs) ne sont pas jugées.")
    reads = ("facts.word_count",)
    thresholds = {"min_words": 200}

    def check(self, page, ctx, th):
        if page.indexable and page.facts.word_count < th["min_words"]:
            yield Finding(page.url, Text(f"{page.facts.word_count} words", f"{page.facts.word_count} mots"),
                          {"words": page.facts.word_count})


@register
class ContentDuplicate(Check):
    id = "content_duplicate"
    title = Text("Duplicate content", "Contenu dupliqué")
    severity = "warning"
    category = "content"
    scope = "site"
    why = Text("Identical pages split ranking signals; search engines pick one and may pick the wrong one.",
            "Des pages identiques se partagent les signaux de pertinence ; les moteurs en choisissent une, parfois la mauvaise.")
    fix = Text("Keep one version: 301-redirect or canonicalise the copies to it (canonicalised and noindex pages are not counted).",
            "Gardez une seule version : redirigez en 301 ou canonisez les copies vers elle (les pages canonisées ou en noindex ne comptent pas).")
    reads = ("facts.content_hash",)

    def run(self, ctx, th):
        groups: dict[str, list[str]] = defaultdict(list)
        for page in ctx.pages:
            if page.indexable and page.facts.content_hash and page.facts.word_count > 0:
                groups[page.facts.content_hash].append(page.url)
        for urls in groups.values():
            if len(urls) > 1:
                for url in urls:
                    others = [u for u in urls if u != url]
                    yield Finding(url, Text(f"same text as {', '.join(others[:5])}", f"même texte que {', '.join(others[:5])}"),
                                  {"others": others})


def _hamming(a: int, b: int) -> int:
    return ((a ^ b) & 0xFFFFFFFFFFFFFFFF).bit_count()


@register
class ContentNearDuplicate(Check):
    id = "content_near_duplicate"
    title = Text("Near-duplicate content", "Contenu quasi dupliqué")
    severity = "notice"
    category = "content"
    scope = "site"
    why = Text("Pages whose text barely differs (e.g. product variants) compete with each other in search.",
            "Des pages au texte presque identique (variantes de produits, par exemple) se concurrencent dans les recherches.")
    fix = Text("Differentiate the texts or canonicalise the variants to one page. Threshold: max_distance (simhash bits "
            "that may differ, default 3 of 64) on pages of at least min_words words (default 50).",
            "Différenciez les textes ou canonisez les variantes vers une page. Seuil : max_distance (bits de simhash "
            "différents, 3 sur 64 par défaut), sur les pages d'au moins min_words mots (50 par défaut).")
    reads = ("facts.simhash", "facts.content_hash")
    thresholds = {"max_distance": 3, "min_words": 50}

    def run(self, ctx, th):
        pages = [p for p in ctx.pages if p.indexable and p.facts.simhash and p.facts.word_count >= th["min_words"]]
        dist = int(th["max_distance"])
        bands = dist + 1   # pigeonhole: pages within `dist` bits share at least one of dist+1 bands
        width = 64 // bands
        buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, p in enumerate(pages):
            h = p.facts.simhash & 0xFFFFFFFFFFFFFFFF
            for b in range(bands):
                buckets[(b, (h >> (b * width)) & ((1 << width) - 1))].append(i)
        near: dict[int, set[int]] = defaultdict(set)
        for members in buckets.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    a, b = pages[i], pages[j]
                    if a.facts.content_hash == b.facts.content_hash:
                        continue   # exact duplicates are content_duplicate's
                    if _hamming(a.facts.simhash, b.facts.simhash) <= dist:
                        near[i].add(j)
                        near[j].add(i)
        for i in sorted(near):
            others = [pages[j].url for j in sorted(near[i])]
            yield Finding(pages[i].url, Text(f"close to {', '.join(others[:5])}", f"proche de {', '.join(others[:5])}"),
                          {"others": others})


@register
class LangMissing(PageCheck):
    id = "lang_missing"
    title = Text("Missing html lang", "Attribut lang absent")
    severity = "warning"
    category = "content"
    why = Text("<html lang> tells browsers, screen readers and search engines the page's language.",
            "<html lang> indique la langue de la page aux navigateurs, lecteurs d'écran et moteurs.")
    fix = Text("Add lang to the <html> element, e.g. <html lang=\"fr\">.", "Ajoutez lang à l'élément <html>, par exemple <html lang=\"fr\">.")
    reads = ("facts.html_lang",)

    def check(self, page, ctx, th):
        if not (page.facts.html_lang or "").strip():
            yield Finding(page.url, Text("no lang attribute", "pas d'attribut lang"))


@register
class LangInvalid(PageCheck):
    id = "lang_invalid"
    title = Text("Invalid html lang value", "Valeur de lang invalide")
    severity = "notice"
    category = "content"
    why = Text("A lang value that is not a language code is ignored by browsers and screen readers.",
            "Une valeur de lang qui n'est pas un code de langue est ignorée par les navigateurs et lecteurs d'écran.")
    fix = Text("Use a BCP 47 code such as fr, fr-FR or en-GB.", "Utilisez un code BCP 47 comme fr, fr-FR ou en-GB.")
    reads = ("facts.html_lang",)

    def check(self, page, ctx, th):
        lang = (page.facts.html_lang or "").strip()
        if lang and not valid_language_tag(lang, loose=True):
            yield Finding(page.url, lang)


@register
class ViewportMissing(PageCheck):
    id = "viewport_missing"
    title = Text("Missing viewport meta tag", "Balise meta viewport absente")
    severity = "warning"
    category = "content"
    why = Text("Without <meta name=\"viewport\"> phones show the desktop layout zoomed out; Google indexes the mobile version.",
            "Sans <meta name=\"viewport\"> les téléphones affichent la version bureau en miniature ; Google indexe la version mobile.")
    fix = Text("Add <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">.",
            "Ajoutez <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">.")
    reads = ("facts.viewport",)

    def check(self, page, ctx, th):
        if not (page.facts.viewport or "").strip():
            yield Finding(page.url, Text("no viewport", "pas de viewport"))


@register
class CharsetMissing(PageCheck):
    id = "charset_missing"
    title = Text("No declared character encoding", "Encodage des caractères non déclaré")
    severity = "notice"
    category = "content"
    why = Text("Without a charset in the Content-Type header or a <meta charset>, accents can be garbled.",
            "Sans charset dans l'en-tête Content-Type ni <meta charset>, les accents peuvent être mal affichés.")
    fix = Text("Send Content-Type: text/html; charset=utf-8 and add <meta charset=\"utf-8\">.",
            "Envoyez Content-Type: text/html; charset=utf-8 et ajoutez <meta charset=\"utf-8\">.")
    reads = ("facts.charset", "urls.headers")

    def check(self, page, ctx, th):
        header = page.row.headers.get("content-type", "")
        if not page.facts.charset and "charset=" not in header.lower():
            yield Finding(page.url, Text("no charset declared", "aucun charset déclaré"))


@register
class ParseError(PageCheck):
    id = "parse_error"
    title = Text("Page could not be parsed", "Page impossible à analyser")
    severity = "error"
    category = "content"
    why = Text("The HTML could not be read; search engines may fail on it too.",
            "Le HTML n'a pas pu être lu ; les moteurs risquent d'échouer aussi.")
    fix = Text("Validate the HTML and check the response is not truncated or binary.",
            "Validez le HTML et vérifiez que la réponse n'est ni tronquée ni binaire.")
    reads = ("facts.parse_error",)

    def check(self, page, ctx, th):
        if page.facts.parse_error:
            yield Finding(page.url, page.facts.parse_error)


_PLACEHOLDER = re.compile(r"lorem ipsum|dolor sit amet|\btodo\b|\bplaceholder\b", re.I)


@register
class PlaceholderText(PageCheck):
    id = "placeholder_text"
    title = Text("Placeholder text in title, description or headings", "Texte provisoire dans le titre, la description ou les intertitres")
    severity = "warning"
    category = "content"
    why = Text("'Lorem ipsum' or TODO left in visible metadata looks unfinished to visitors and search engines.",
            "Un « lorem ipsum » ou un TODO oublié dans les métadonnées paraît inachevé aux visiteurs et aux moteurs.")
    fix = Text("Replace the placeholder with the real text.", "Remplacez le texte provisoire par le vrai texte.")
    reads = ("facts.titles", "facts.meta_descriptions", "facts.headings")

    def check(self, page, ctx, th):
        f = page.facts
        texts = [*f.titles, *f.meta_descriptions, *[h for hs in f.headings.values() for h in hs]]
        hit = next((t for t in texts if _PLACEHOLDER.search(t or "")), None)
        if hit:
            yield Finding(page.url, hit[:120])
