"""Canonicals: where each page says its preferred URL is, and whether that target can be indexed."""

from __future__ import annotations

from crawler.audit.base import Finding, PageCheck, Text
from crawler.audit.context import _origin_host
from crawler.audit.registry import register


@register
class Canonicalised(PageCheck):
    id = "canonicalised"
    title = Text("Page canonicalised to another URL", "Page canonisée vers une autre URL")
    severity = "notice"
    category = "canonicals"
    why = Text("Search engines will usually index the canonical target instead of this page; fine for duplicates, a loss for a page that should rank.",
            "Les moteurs indexeront en général la cible canonique à la place de cette page : normal pour un doublon, une perte pour une page qui doit se positionner.")
    fix = Text("Check the canonical is intended; a page that should rank must point its canonical to itself.",
            "Vérifiez que la canonique est voulue ; une page qui doit se positionner doit avoir une canonique vers elle-même.")
    reads = ("facts.canonicals", "facts.canonical_headers")

    def check(self, page, ctx, th):
        if page.canonicalised:
            yield Finding(page.url, f"-> {page.canonical}", {"canonical": page.canonical})


@register
class CanonicalToNonIndexable(PageCheck):
    id = "canonical_to_non_indexable"
    title = Text("Canonical points to a non-indexable URL", "Canonique vers une URL non indexable")
    severity = "error"
    category = "canonicals"
    why = Text("The canonical target answers an error, redirects, or is noindex: search engines ignore the hint or drop both pages.",
            "La cible canonique est en erreur, redirige ou est en noindex : les moteurs ignorent l'indication ou écartent les deux pages.")
    fix = Text("Point the canonical to the final, indexable URL answering 200.",
            "Faites pointer la canonique vers l'URL finale, indexable et en 200.")
    reads = ("facts.canonicals", "urls.status", "facts.meta_robots")

    def check(self, page, ctx, th):
        if not page.canonicalised:
            return
        target = page.canonical
        row = ctx.urls.get(target)
        if row is None or row.status is None:
            return   # out of scope, blocked or not fetched: nothing to judge on
        if row.redirect_loop or row.is_redirect:
            yield Finding(page.url, Text(f"{target} redirects (HTTP {row.status})", f"{target} redirige (HTTP {row.status})"))
        elif not 200 <= row.status < 300:
            yield Finding(page.url, f"{target}: HTTP {row.status}")
        else:
            tp = ctx.page(target)
            if tp is not None and tp.noindex:
                yield Finding(page.url, f"{target}: noindex")


@register
class CanonicalMultiple(PageCheck):
    id = "canonical_multiple"
    title = Text("Conflicting canonicals", "Canoniques contradictoires")
    severity = "warning"
    category = "canonicals"
    why = Text("With several different canonicals (HTML tags or Link header), search engines ignore them all.",
            "Avec plusieurs canoniques différentes (balises HTML ou en-tête Link), les moteurs les ignorent toutes.")
    fix = Text("Declare a single canonical URL, in the HTML or in the Link header, not conflicting ones.",
            "Déclarez une seule URL canonique, dans le HTML ou l'en-tête Link, sans contradiction.")
    reads = ("facts.canonicals", "facts.canonical_headers")

    def check(self, page, ctx, th):
        values = sorted({c for c in [*page.facts.canonicals, *page.facts.canonical_headers] if c})
        if len(values) > 1:
            yield Finding(page.url, " | ".join(values))


@register
class CanonicalExternal(PageCheck):
    id = "canonical_external"
    title = Text("Canonical points to another host", "Canonique vers un autre domaine")
    severity = "notice"
    category = "canonicals"
    why = Text("The page hands its ranking to another site; right for syndicated content, a disaster when it is a staging or old domain.",
            "La page cède son positionnement à un autre site : normal pour un contenu syndiqué, désastreux si c'est un domaine de préproduction ou ancien.")
    fix = Text("Make sure the canonical host is the production domain.", "Vérifiez que le domaine de la canonique est bien celui de production.")
    reads = ("facts.canonicals",)

    def check(self, page, ctx, th):
        c = page.canonical
        if c and c.startswith(("http://", "https://")) and _origin_host(c) != _origin_host(page.url) and not ctx.same_site(c):
            yield Finding(page.url, f"-> {c}")


@register
class CanonicalInsecure(PageCheck):
    id = "canonical_insecure"
    title = Text("HTTPS page with an HTTP canonical", "Page HTTPS avec une canonique en HTTP")
    severity = "warning"
    category = "canonicals"
    why = Text("The canonical asks search engines to index the insecure version of the page.",
            "La canonique demande aux moteurs d'indexer la version non sécurisée de la page.")
    fix = Text("Use the https:// URL in the canonical.", "Utilisez l'URL en https:// dans la canonique.")
    reads = ("facts.canonicals",)

    def check(self, page, ctx, th):
        c = page.canonical
        if page.url.startswith("https://") and c and c.startswith("http://"):
            yield Finding(page.url, f"-> {c}")
