"""Hreflang: valid codes, return links, self references, targets that can be indexed."""

from __future__ import annotations

from collections import defaultdict

from crawler.audit.base import Check, Finding, PageCheck, Text, short_list
from crawler.audit.langcodes import primary_language, valid_hreflang
from crawler.audit.registry import register


@register
class HreflangInvalidCode(PageCheck):
    id = "hreflang_invalid_code"
    title = Text("Invalid hreflang code", "Code hreflang invalide")
    severity = "error"
    category = "hreflang"
    why = Text("Search engines ignore an alternate whose hreflang is not an ISO 639-1 language (+ optional ISO 3166-1 region) or x-default.",
            "Les moteurs ignorent une alternative dont le hreflang n'est pas une langue ISO 639-1 (+ région ISO 3166-1 facultative) ou x-default.")
    fix = Text("Use codes such as fr, fr-FR, en-GB (not en-UK, not en_GB) or x-default.",
            "Utilisez des codes comme fr, fr-FR, en-GB (pas en-UK, ni en_GB) ou x-default.")
    reads = ("facts.hreflang", "hreflang")

    def check(self, page, ctx, th):
        bad = sorted({lang for lang, _url in ctx.hreflang_of(page) if not valid_hreflang(lang)})
        if bad:
            yield Finding(page.url, ", ".join(bad), {"codes": bad})


@register
class HreflangMissingReturn(Check):
    id = "hreflang_missing_return"
    title = Text("Hreflang alternate without return link", "Alternative hreflang sans lien retour")
    severity = "error"
    category = "hreflang"
    scope = "site"
    why = Text("Hreflang pairs must confirm each other: when the alternate does not link back, search engines ignore the pair.",
            "Les paires hreflang doivent se confirmer : si l'alternative ne renvoie pas vers la page, les moteurs ignorent la paire.")
    fix = Text("Add the reciprocal hreflang on the alternate page, pointing to this exact URL.",
            "Ajoutez le hreflang réciproque sur la page alternative, vers cette URL exacte.")
    reads = ("facts.hreflang", "hreflang")

    def run(self, ctx, th):
        for page in ctx.pages:
            missing = []
            for _lang, target in ctx.hreflang_of(page):
                if target == page.url:
                    continue
                other = ctx.page(target)
                if other is None:
                    continue   # not a 2xx HTML page: hreflang_to_non_200 reports it
                if page.url not in {u for _l, u in ctx.hreflang_of(other)}:
                    missing.append(target)
            missing = list(dict.fromkeys(missing))
            if missing:
                yield Finding(page.url, Text(f"no return link from {short_list(missing)}", f"pas de lien retour depuis {short_list(missing)}"),
                              {"targets": missing})


@register
class HreflangToNon200(PageCheck):
    id = "hreflang_to_non_200"
    title = Text("Hreflang alternate not answering 200", "Alternative hreflang qui ne répond pas en 200")
    severity = "error"
    category = "hreflang"
    why = Text("An alternate that redirects or answers an error is ignored, and so is the whole set for that language.",
            "Une alternative qui redirige ou est en erreur est ignorée, ainsi que toute la déclinaison pour cette langue.")
    fix = Text("Point hreflang to the final URL of each language version, answering 200.",
            "Faites pointer hreflang vers l'URL finale de chaque version linguistique, en 200.")
    reads = ("facts.hreflang", "urls.status")

    def check(self, page, ctx, th):
        bad = []
        for _lang, target in ctx.hreflang_of(page):
            row = ctx.urls.get(target)
            if row is not None and row.status is not None and not 200 <= row.status < 300:
                bad.append(f"{target} ({row.status})")
        if bad:
            yield Finding(page.url, short_list(dict.fromkeys(bad)), {"targets": bad})


@register
class HreflangToNonCanonical(PageCheck):
    id = "hreflang_to_non_canonical"
    title = Text("Hreflang alternate is noindex or canonicalised", "Alternative hreflang en noindex ou canonisée")
    severity = "warning"
    category = "hreflang"
    why = Text("Hreflang must point to the indexable, canonical version of each language; otherwise the signals conflict.",
            "Hreflang doit pointer vers la version indexable et canonique de chaque langue ; sinon les signaux se contredisent.")
    fix = Text("Use the canonical URL of each language version in hreflang.", "Utilisez l'URL canonique de chaque version linguistique dans hreflang.")
    reads = ("facts.hreflang", "facts.canonicals", "facts.meta_robots")

    def check(self, page, ctx, th):
        if not page.indexable:
            return
        bad = sorted({t for _l, t in ctx.hreflang_of(page) if (o := ctx.page(t)) is not None and not o.indexable})
        if bad:
            yield Finding(page.url, short_list(bad), {"targets": bad})


@register
class HreflangMissingSelf(PageCheck):
    id = "hreflang_missing_self"
    title = Text("Hreflang set without a self reference", "Jeu hreflang sans auto-référence")
    severity = "notice"
    category = "hreflang"
    why = Text("Google recommends that each page lists itself among its hreflang alternates.",
            "Google recommande que chaque page se cite elle-même parmi ses alternatives hreflang.")
    fix = Text("Add an hreflang entry for the page's own language pointing to its own URL.",
            "Ajoutez une entrée hreflang pour la langue de la page, vers sa propre URL.")
    reads = ("facts.hreflang",)

    def check(self, page, ctx, th):
        alts = ctx.hreflang_of(page)
        if alts and page.url not in {u for _l, u in alts} and page.indexable:
            yield Finding(page.url, Text(f"{len(alts)} alternates, none to itself", f"{len(alts)} alternatives, aucune vers elle-même"))


@register
class HreflangMissingXDefault(PageCheck):
    id = "hreflang_missing_x_default"
    title = Text("Hreflang set without x-default", "Jeu hreflang sans x-default")
    severity = "notice"
    category = "hreflang"
    why = Text("x-default tells search engines which version to show visitors whose language matches none of the alternates.",
            "x-default indique aux moteurs quelle version montrer aux visiteurs dont la langue ne correspond à aucune alternative.")
    fix = Text("Add hreflang=\"x-default\" pointing to the language selector or main version.",
            "Ajoutez hreflang=\"x-default\" vers le sélecteur de langue ou la version principale.")
    reads = ("facts.hreflang",)

    def check(self, page, ctx, th):
        alts = ctx.hreflang_of(page)
        if alts and not any(lang.lower() == "x-default" for lang, _u in alts):
            yield Finding(page.url, Text("no x-default", "pas de x-default"))


@register
class HreflangDuplicateLang(PageCheck):
    id = "hreflang_conflicting_urls"
    title = Text("One hreflang code for several URLs", "Un même code hreflang pour plusieurs URL")
    severity = "warning"
    category = "hreflang"
    why = Text("When one language code points to two URLs, search engines cannot tell which one to show.",
            "Quand un même code de langue pointe vers deux URL, les moteurs ne savent pas laquelle afficher.")
    fix = Text("Keep one URL per hreflang code.", "Gardez une seule URL par code hreflang.")
    reads = ("facts.hreflang",)

    def check(self, page, ctx, th):
        by_lang: dict[str, set[str]] = defaultdict(set)
        for lang, url in ctx.hreflang_of(page):
            by_lang[lang.lower()].add(url)
        bad = sorted(lang for lang, urls in by_lang.items() if len(urls) > 1)
        if bad:
            yield Finding(page.url, ", ".join(bad), {"codes": bad})


@register
class HreflangLangMismatch(PageCheck):
    id = "hreflang_lang_mismatch"
    title = Text("Self hreflang language differs from html lang", "Langue hreflang de la page différente de html lang")
    severity = "notice"
    category = "hreflang"
    why = Text("The page declares one language in hreflang and another in <html lang>: one of them is wrong.",
            "La page déclare une langue en hreflang et une autre dans <html lang> : l'une des deux est fausse.")
    fix = Text("Make html lang and the page's own hreflang agree.", "Mettez html lang et le hreflang de la page en accord.")
    reads = ("facts.hreflang", "facts.html_lang")

    def check(self, page, ctx, th):
        lang = (page.facts.html_lang or "").strip()
        if not lang:
            return
        own = {primary_language(code) for code, url in ctx.hreflang_of(page)
               if url == page.url and code.lower() != "x-default" and valid_hreflang(code)}
        if own and primary_language(lang) not in own:
            yield Finding(page.url, f"html lang={lang}, hreflang={', '.join(sorted(own))}")
