"""Structured data (JSON-LD) and social tags (Open Graph, Twitter cards)."""

from __future__ import annotations

from crawler.audit.base import Finding, PageCheck, Text
from crawler.audit.registry import register

OG_REQUIRED = ("og:title", "og:type", "og:image", "og:url")


@register
class StructuredDataInvalid(PageCheck):
    id = "structured_data_invalid"
    title = Text("Invalid JSON-LD", "JSON-LD invalide")
    severity = "error"
    category = "structured_data"
    why = Text("A JSON-LD block that does not parse is ignored: no rich results (price, rating, breadcrumb) for the page.",
            "Un bloc JSON-LD qui ne s'analyse pas est ignoré : pas de résultats enrichis (prix, avis, fil d'Ariane) pour la page.")
    fix = Text("Fix the JSON syntax (trailing commas, unescaped quotes) and test it with the Rich Results Test.",
            "Corrigez la syntaxe JSON (virgules finales, guillemets non échappés) et testez avec le test des résultats enrichis.")
    reads = ("facts.jsonld",)

    def check(self, page, ctx, th):
        errors = [j.error or "parse error" for j in page.facts.jsonld if not j.ok]
        if errors:
            yield Finding(page.url, "; ".join(errors)[:300], {"errors": errors})


@register
class StructuredDataNoType(PageCheck):
    id = "structured_data_no_type"
    title = Text("JSON-LD without @type", "JSON-LD sans @type")
    severity = "warning"
    category = "structured_data"
    why = Text("A JSON-LD block without @type describes nothing search engines can use.",
            "Un bloc JSON-LD sans @type ne décrit rien d'exploitable pour les moteurs.")
    fix = Text("Give each block a schema.org @type (Product, Organization, BreadcrumbList...).",
            "Donnez à chaque bloc un @type schema.org (Product, Organization, BreadcrumbList...).")
    reads = ("facts.jsonld",)

    def check(self, page, ctx, th):
        n = sum(1 for j in page.facts.jsonld if j.ok and not j.types)
        if n:
            yield Finding(page.url, Text(f"{n} block(s) without @type", f"{n} bloc(s) sans @type"))


@register
class OpenGraphMissing(PageCheck):
    id = "open_graph_missing"
    title = Text("No Open Graph tags", "Aucune balise Open Graph")
    severity = "notice"
    category = "structured_data"
    why = Text("Without og: tags, shares on Facebook, LinkedIn or messaging apps show a poor preview, with no image.",
            "Sans balises og:, les partages sur Facebook, LinkedIn ou les messageries affichent un aperçu pauvre, sans image.")
    fix = Text("Add og:title, og:type, og:image and og:url (and og:description).",
            "Ajoutez og:title, og:type, og:image et og:url (et og:description).")
    reads = ("facts.og",)

    def check(self, page, ctx, th):
        if not page.facts.og:
            yield Finding(page.url, Text("no og: tag", "aucune balise og:"))


@register
class OpenGraphIncomplete(PageCheck):
    id = "open_graph_incomplete"
    title = Text("Incomplete Open Graph tags", "Balises Open Graph incomplètes")
    severity = "notice"
    category = "structured_data"
    why = Text("The Open Graph protocol requires og:title, og:type, og:image and og:url; missing ones degrade the share preview.",
            "Le protocole Open Graph exige og:title, og:type, og:image et og:url ; s'il en manque, l'aperçu de partage se dégrade.")
    fix = Text("Add the missing og: properties.", "Ajoutez les propriétés og: manquantes.")
    reads = ("facts.og",)

    def check(self, page, ctx, th):
        og = {k.lower(): v for k, v in page.facts.og.items()}
        if og:
            missing = [k for k in OG_REQUIRED if not (og.get(k) or "").strip()]
            if missing:
                yield Finding(page.url, ", ".join(missing), {"missing": missing})


@register
class TwitterCardInvalid(PageCheck):
    id = "twitter_card_invalid"
    title = Text("Unknown twitter:card type", "Type twitter:card inconnu")
    severity = "notice"
    category = "structured_data"
    why = Text("X (Twitter) ignores a card whose type is not summary, summary_large_image, app or player.",
            "X (Twitter) ignore une carte dont le type n'est pas summary, summary_large_image, app ou player.")
    fix = Text("Use one of the documented twitter:card values.", "Utilisez une des valeurs documentées de twitter:card.")
    reads = ("facts.twitter",)

    def check(self, page, ctx, th):
        card = {k.lower(): v for k, v in page.facts.twitter.items()}.get("twitter:card")
        if card is not None and card.strip().lower() not in ("summary", "summary_large_image", "app", "player"):
            yield Finding(page.url, card)
