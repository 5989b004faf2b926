"""Titles and meta descriptions, measured on the decoded, trimmed text (entities resolved, spaces collapsed)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from crawler.audit.base import Check, Finding, PageCheck, Text
from crawler.audit.context import AuditContext, Page
from crawler.audit.registry import register


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def first_title(page: Page) -> str:
    return next((clean(t) for t in page.facts.titles if clean(t)), "")


def first_description(page: Page) -> str:
    return next((clean(d) for d in page.facts.meta_descriptions if clean(d)), "")


def duplicate_groups(ctx: AuditContext, key: Callable[[Page], str]) -> Iterator[tuple[Page, list[str]]]:
    """Each indexable page sharing a non-empty key with another indexable page, with the others' URLs.

    Non-indexable pages (noindex, canonicalised elsewhere) are left out: they already tell search
    engines not to index them, so sharing a title with the canonical page is expected.
    """
    groups: dict[str, list[Page]] = defaultdict(list)
    for page in ctx.pages:
        if page.indexable and (k := key(page)):
            groups[k.casefold()].append(page)
    for members in groups.values():
        if len(members) > 1:
            for page in members:
                yield page, [p.url for p in members if p is not page]


@register
class TitleMissing(PageCheck):
    id = "title_missing"
    title = Text("Missing or empty title", "Titre absent ou vide")
    severity = "error"
    category = "titles"
    why = Text("The <title> is the clickable headline in search results and a strong ranking signal; without it Google invents one.",
            "Le <title> est le titre cliquable dans les résultats et un signal fort de pertinence ; sans lui Google en invente un.")
    fix = Text("Write a unique title of 20 to 60 characters describing the page.",
            "Rédigez un titre unique de 20 à 60 caractères qui décrit la page.")
    reads = ("facts.titles",)

    def check(self, page, ctx, th):
        if not first_title(page):
            yield Finding(page.url, Text("no <title>" if not page.facts.titles else "empty <title>",
                                      "pas de <title>" if not page.facts.titles else "<title> vide"))


@register
class TitleMultiple(PageCheck):
    id = "title_multiple"
    title = Text("Several title elements", "Plusieurs balises title")
    severity = "warning"
    category = "titles"
    why = Text("With several <title> elements, which one search engines show is unpredictable.",
            "Avec plusieurs balises <title>, on ne sait pas laquelle les moteurs afficheront.")
    fix = Text("Keep exactly one <title> in the <head> (check the template and plugins).",
            "Gardez une seule balise <title> dans le <head> (vérifiez le gabarit et les extensions).")
    reads = ("facts.titles",)

    def check(self, page, ctx, th):
        if len(page.facts.titles) > 1:
            yield Finding(page.url, " | ".join(clean(t) for t in page.facts.titles))


@register
class TitleTooLong(PageCheck):
    id = "title_too_long"
    title = Text("Title too long (over {max_length} characters)", "Titre trop long (plus de {max_length} caractères)")
    severity = "warning"
    category = "titles"
    why = Text("Search results cut titles at about 60 characters (600 px); the end of the title is not seen.",
            "Les résultats coupent les titres vers 60 caractères (600 px) : la fin du titre n'est pas vue.")
    fix = Text("Shorten the title to 60 characters or less, most important words first. Threshold: max_length (default 60).",
            "Raccourcissez le titre à 60 caractères maximum, mots importants en tête. Seuil : max_length (60 par défaut).")
    reads = ("facts.titles",)
    thresholds = {"max_length": 60}

    def check(self, page, ctx, th):
        t = first_title(page)
        if len(t) > th["max_length"]:
            yield Finding(page.url, Text(f"{len(t)} characters: {t}", f"{len(t)} caractères : {t}"), {"length": len(t)})


@register
class TitleTooShort(PageCheck):
    id = "title_too_short"
    title = Text("Title too short (under {min_length} characters)", "Titre trop court (moins de {min_length} caractères)")
    severity = "warning"
    category = "titles"
    why = Text("A very short title wastes the most visible text of the search result and rarely matches what people search.",
            "Un titre très court gaspille le texte le plus visible du résultat et correspond rarement aux recherches.")
    fix = Text("Describe the page in 20 to 60 characters. Threshold: min_length (default 20).",
            "Décrivez la page en 20 à 60 caractères. Seuil : min_length (20 par défaut).")
    reads = ("facts.titles",)
    thresholds = {"min_length": 20}

    def check(self, page, ctx, th):
        t = first_title(page)
        if t and len(t) < th["min_length"]:
            yield Finding(page.url, Text(f"{len(t)} characters: {t}", f"{len(t)} caractères : {t}"), {"length": len(t)})


@register
class TitleDuplicate(Check):
    id = "title_duplicate"
    title = Text("Duplicate title", "Titre en double")
    severity = "warning"
    category = "titles"
    scope = "site"
    why = Text("Pages sharing a title compete for the same searches and look identical in results.",
            "Des pages au même titre se concurrencent sur les mêmes recherches et se ressemblent dans les résultats.")
    fix = Text("Give every indexable page its own title (noindex and canonicalised pages are not counted).",
            "Donnez à chaque page indexable son propre titre (les pages noindex ou canonisées ne comptent pas).")
    reads = ("facts.titles", "facts.canonicals", "facts.meta_robots")

    def run(self, ctx, th):
        for page, others in duplicate_groups(ctx, first_title):
            yield Finding(page.url, Text(f"same title as {', '.join(others[:5])}", f"même titre que {', '.join(others[:5])}"),
                          {"title": first_title(page), "others": others})


@register
class DescriptionMissing(PageCheck):
    id = "meta_description_missing"
    title = Text("Missing meta description", "Meta description absente")
    severity = "warning"
    category = "titles"
    why = Text("Without a description, search engines pick a snippet from the page, often a poor one that earns fewer clicks.",
            "Sans description, les moteurs prennent un extrait de la page, souvent peu engageant, qui attire moins de clics.")
    fix = Text("Write a unique, enticing description of 70 to 160 characters (pages kept out of search results by "
            "noindex or a canonical elsewhere are not judged).",
            "Rédigez une description unique et engageante de 70 à 160 caractères (les pages exclues des résultats par "
            "noindex ou une canonique vers une autre page ne sont pas jugées).")
    reads = ("facts.meta_descriptions",)

    def check(self, page, ctx, th):
        if page.indexable and not first_description(page):
            yield Finding(page.url, Text("no meta description" if not page.facts.meta_descriptions else "empty meta description",
                                      "pas de meta description" if not page.facts.meta_descriptions else "meta description vide"))


@register
class DescriptionTooLong(PageCheck):
    id = "meta_description_too_long"
    title = Text("Meta description too long (over {max_length} characters)", "Meta description trop longue (plus de {max_length} caractères)")
    severity = "notice"
    category = "titles"
    why = Text("Search results cut snippets at about 160 characters; the end of the message is lost.",
            "Les résultats coupent l'extrait vers 160 caractères : la fin du message est perdue.")
    fix = Text("Keep the description under 160 characters. Threshold: max_length (default 160).",
            "Gardez la description sous 160 caractères. Seuil : max_length (160 par défaut).")
    reads = ("facts.meta_descriptions",)
    thresholds = {"max_length": 160}

    def check(self, page, ctx, th):
        d = first_description(page) if page.indexable else ""
        if len(d) > th["max_length"]:
            yield Finding(page.url, Text(f"{len(d)} characters", f"{len(d)} caractères"), {"length": len(d)})


@register
class DescriptionTooShort(PageCheck):
    id = "meta_description_too_short"
    title = Text("Meta description too short (under {min_length} characters)", "Meta description trop courte (moins de {min_length} caractères)")
    severity = "notice"
    category = "titles"
    why = Text("A very short description does not sell the page; search engines often replace it.",
            "Une description très courte ne met pas la page en valeur ; les moteurs la remplacent souvent.")
    fix = Text("Describe the page's offer in 70 to 160 characters. Threshold: min_length (default 50).",
            "Décrivez l'offre de la page en 70 à 160 caractères. Seuil : min_length (50 par défaut).")
    reads = ("facts.meta_descriptions",)
    thresholds = {"min_length": 50}

    def check(self, page, ctx, th):
        d = first_description(page) if page.indexable else ""
        if d and len(d) < th["min_length"]:
            yield Finding(page.url, Text(f"{len(d)} characters: {d}", f"{len(d)} caractères : {d}"), {"length": len(d)})


@register
class DescriptionMultiple(PageCheck):
    id = "meta_description_multiple"
    title = Text("Several meta descriptions", "Plusieurs meta descriptions")
    severity = "warning"
    category = "titles"
    why = Text("With several meta descriptions, which one is used is unpredictable.",
            "Avec plusieurs meta descriptions, on ne sait pas laquelle sera utilisée.")
    fix = Text("Keep exactly one <meta name=\"description\">.", "Gardez une seule balise <meta name=\"description\">.")
    reads = ("facts.meta_descriptions",)

    def check(self, page, ctx, th):
        if len(page.facts.meta_descriptions) > 1:
            yield Finding(page.url, Text(f"{len(page.facts.meta_descriptions)} descriptions", f"{len(page.facts.meta_descriptions)} descriptions"))


@register
class DescriptionDuplicate(Check):
    id = "meta_description_duplicate"
    title = Text("Duplicate meta description", "Meta description en double")
    severity = "notice"
    category = "titles"
    scope = "site"
    why = Text("Identical descriptions make different pages look the same in search results.",
            "Des descriptions identiques font paraître des pages différentes comme semblables dans les résultats.")
    fix = Text("Write a specific description for each indexable page.", "Rédigez une description propre à chaque page indexable.")
    reads = ("facts.meta_descriptions",)

    def run(self, ctx, th):
        for page, others in duplicate_groups(ctx, first_description):
            yield Finding(page.url, Text(f"same description as {', '.join(others[:5])}",
                                      f"même description que {', '.join(others[:5])}"), {"others": others})
