"""Headings: one meaningful H1 per page."""

from __future__ import annotations

from crawler.audit.base import Check, Finding, PageCheck, Text
from crawler.audit.checks.titles import clean, duplicate_groups
from crawler.audit.registry import register


def h1s(page) -> list[str]:
    return page.facts.headings.get("h1", [])


@register
class H1Missing(PageCheck):
    id = "h1_missing"
    title = Text("Missing H1", "H1 absent")
    severity = "warning"
    category = "titles"
    why = Text("The H1 tells visitors and search engines what the page is about.",
            "Le H1 annonce aux visiteurs et aux moteurs le sujet de la page.")
    fix = Text("Add one <h1> with the page's main topic.", "Ajoutez un <h1> avec le sujet principal de la page.")
    reads = ("facts.headings",)

    def check(self, page, ctx, th):
        if not h1s(page):
            yield Finding(page.url, Text("no <h1>", "pas de <h1>"))


@register
class H1Multiple(PageCheck):
    id = "h1_multiple"
    title = Text("Several H1 headings", "Plusieurs titres H1")
    severity = "notice"
    category = "titles"
    why = Text("Several H1s blur the page's main topic (valid HTML, but a weaker signal).",
            "Plusieurs H1 brouillent le sujet principal de la page (HTML valide, mais signal affaibli).")
    fix = Text("Keep one H1 and turn the others into H2.", "Gardez un seul H1 et transformez les autres en H2.")
    reads = ("facts.headings",)

    def check(self, page, ctx, th):
        if len(h1s(page)) > 1:
            yield Finding(page.url, " | ".join(clean(h) for h in h1s(page)))


@register
class H1TooLong(PageCheck):
    id = "h1_too_long"
    title = Text("H1 too long (over {max_length} characters)", "H1 trop long (plus de {max_length} caractères)")
    severity = "notice"
    category = "titles"
    why = Text("A long H1 reads like a paragraph and dilutes the main keyword.",
            "Un H1 trop long se lit comme un paragraphe et dilue le mot-clé principal.")
    fix = Text("Keep the H1 short and specific. Threshold: max_length (default 70).",
            "Gardez un H1 court et précis. Seuil : max_length (70 par défaut).")
    reads = ("facts.headings",)
    thresholds = {"max_length": 70}

    def check(self, page, ctx, th):
        h = clean(h1s(page)[0]) if h1s(page) else ""
        if len(h) > th["max_length"]:
            yield Finding(page.url, Text(f"{len(h)} characters", f"{len(h)} caractères"), {"length": len(h)})


@register
class H1Duplicate(Check):
    id = "h1_duplicate"
    title = Text("Duplicate H1", "H1 en double")
    severity = "notice"
    category = "titles"
    scope = "site"
    why = Text("Pages with the same H1 look like the same topic to search engines.",
            "Des pages au même H1 semblent traiter du même sujet pour les moteurs.")
    fix = Text("Make each indexable page's H1 specific to it.", "Rendez le H1 de chaque page indexable spécifique.")
    reads = ("facts.headings",)

    def run(self, ctx, th):
        for page, others in duplicate_groups(ctx, lambda p: clean(h1s(p)[0]) if h1s(p) else ""):
            yield Finding(page.url, Text(f"same H1 as {', '.join(others[:5])}", f"même H1 que {', '.join(others[:5])}"),
                          {"others": others})
