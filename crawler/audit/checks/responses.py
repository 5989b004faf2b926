"""Response codes and redirects: judged on every internal URL the crawl fetched."""

from __future__ import annotations

from collections.abc import Iterator

from crawler.audit.base import Check, Finding, PageCheck, Text
from crawler.audit.context import AuditContext, UrlRow, _origin_host
from crawler.audit.registry import register


def internal_fetched(ctx: AuditContext) -> Iterator[UrlRow]:
    for row in ctx.urls.values():
        if row.kind == "page" and (row.status is not None or row.state == "error"):
            yield row


@register
class Status4xx(Check):
    id = "status_4xx"
    title = Text("Internal URL answers 4xx", "URL interne en erreur 4xx")
    severity = "error"
    category = "responses"
    why = Text("Visitors and search engines reach a dead end; links to it waste crawl budget and link equity.",
            "Les visiteurs et les moteurs tombent sur une impasse ; les liens vers cette URL gaspillent budget de crawl et popularité.")
    fix = Text("Restore the page, or 301-redirect it to the closest live page and update the links pointing to it.",
            "Rétablissez la page, ou redirigez-la en 301 vers la page vivante la plus proche et corrigez les liens qui y mènent.")
    reads = ("urls.status",)

    def run(self, ctx, th):
        for row in internal_fetched(ctx):
            if row.status is not None and 400 <= row.status < 500:
                yield Finding(row.url, f"HTTP {row.status}", {"status": row.status})


@register
class Status5xx(Check):
    id = "status_5xx"
    title = Text("Internal URL answers 5xx", "URL interne en erreur serveur 5xx")
    severity = "error"
    category = "responses"
    why = Text("Server errors stop indexing; repeated 5xx make search engines slow down crawling the whole site.",
            "Les erreurs serveur bloquent l'indexation ; répétées, elles font ralentir l'exploration de tout le site.")
    fix = Text("Check the server and application logs for this URL and fix the error.",
            "Consultez les journaux du serveur et de l'application pour cette URL et corrigez l'erreur.")
    reads = ("urls.status",)

    def run(self, ctx, th):
        for row in internal_fetched(ctx):
            if row.status is not None and row.status >= 500:
                yield Finding(row.url, f"HTTP {row.status}", {"status": row.status})


@register
class FetchError(Check):
    id = "fetch_error"
    title = Text("Internal URL could not be fetched", "URL interne impossible à récupérer")
    severity = "error"
    category = "responses"
    why = Text("A timeout, a reset connection or an oversized body means search engines may not get the page either.",
            "Un délai dépassé, une connexion coupée ou une réponse démesurée : les moteurs risquent de ne pas obtenir la page non plus.")
    fix = Text("Reproduce the request, then fix the server (timeouts, limits, TLS) for this URL.",
            "Reproduisez la requête puis corrigez le serveur (délais, limites, TLS) pour cette URL.")
    reads = ("urls.error", "urls.status")

    def run(self, ctx, th):
        for row in ctx.urls.values():
            if row.kind == "page" and row.error and row.status is None and row.skip_reason is None:
                yield Finding(row.url, row.error)


@register
class RedirectChain(Check):
    id = "redirect_chain"
    title = Text("Redirect chain (more hops than {max_hops})", "Chaîne de redirections (plus de sauts que {max_hops})")
    severity = "warning"
    category = "responses"
    why = Text("Every hop adds latency and loses a little link equity; Googlebot gives up after 10 hops.",
            "Chaque saut ajoute de la latence et perd un peu de popularité ; Googlebot abandonne après 10 sauts.")
    fix = Text("Redirect the first URL straight to the final one, and link to the final URL directly. Threshold: max_hops "
            "(hops allowed, default 1).",
            "Redirigez la première URL directement vers la destination finale et faites pointer les liens vers celle-ci. "
            "Seuil : max_hops (sauts permis, 1 par défaut).")
    reads = ("urls.redirect_hops", "urls.redirect_chain")
    thresholds = {"max_hops": 1}

    def run(self, ctx, th):
        rows = [r for r in internal_fetched(ctx) if r.redirect_hops > th["max_hops"] and not r.redirect_loop]
        # A -> B -> C -> D is one chain, reported on A; B is only reported too when a page links to it.
        inner = {h.get("url") for r in rows for h in r.redirect_chain[1:]}
        for row in rows:
            if row.url in inner and not ctx.a_inlinks.get(row.url):
                continue
            path = " -> ".join([row.url, *[h.get("location") or "?" for h in row.redirect_chain]])
            yield Finding(row.url, Text(f"{row.redirect_hops} hops: {path}", f"{row.redirect_hops} sauts : {path}"),
                          {"hops": row.redirect_hops})


@register
class RedirectLoop(Check):
    id = "redirect_loop"
    title = Text("Redirect loop", "Boucle de redirections")
    severity = "error"
    category = "responses"
    why = Text("The URL never resolves: browsers show an error and search engines drop it.",
            "L'URL n'aboutit jamais : le navigateur affiche une erreur et les moteurs l'abandonnent.")
    fix = Text("Fix the redirect rules so this URL ends on a page answering 200.",
            "Corrigez les règles de redirection pour que cette URL aboutisse à une page en 200.")
    reads = ("urls.redirect_loop", "urls.redirect_chain")

    def run(self, ctx, th):
        for row in internal_fetched(ctx):
            if row.redirect_loop:
                hops = " -> ".join([row.url, *[h.get("location") or "?" for h in row.redirect_chain]])
                yield Finding(row.url, hops)


@register
class RedirectTemporary(Check):
    id = "redirect_temporary"
    title = Text("Temporary redirect (302/307)", "Redirection temporaire (302/307)")
    severity = "warning"
    category = "responses"
    why = Text("A temporary redirect tells search engines to keep the old URL indexed instead of the target.",
            "Une redirection temporaire demande aux moteurs de garder l'ancienne URL indexée plutôt que la cible.")
    fix = Text("Use a 301 (or 308) when the move is permanent.", "Utilisez une 301 (ou 308) quand le déplacement est définitif.")
    reads = ("urls.status",)

    def run(self, ctx, th):
        for row in internal_fetched(ctx):
            if row.status in (302, 307):
                target = row.redirect_chain[0].get("location") if row.redirect_chain else row.final_url
                yield Finding(row.url, f"HTTP {row.status} -> {target}", {"status": row.status})


@register
class RedirectBroken(Check):
    id = "redirect_broken"
    title = Text("Redirect to an error page", "Redirection vers une page en erreur")
    severity = "error"
    category = "responses"
    why = Text("The redirect lands on a 4xx/5xx page: the visitor and the link equity are lost.",
            "La redirection aboutit à une page en 4xx/5xx : le visiteur et la popularité sont perdus.")
    fix = Text("Point the redirect to a live page answering 200.", "Faites pointer la redirection vers une page vivante en 200.")
    reads = ("urls.final_status", "urls.final_url")

    def run(self, ctx, th):
        for row in internal_fetched(ctx):
            if row.is_redirect and not row.redirect_loop and row.final_status is not None and row.final_status >= 400:
                yield Finding(row.url, f"-> {row.final_url} (HTTP {row.final_status})")


@register
class RedirectExternal(Check):
    id = "redirect_external"
    title = Text("Internal URL redirects to another site", "URL interne redirigée vers un autre site")
    severity = "notice"
    category = "responses"
    why = Text("Links to this URL send visitors and link equity off the site; often a leftover of a migration.",
            "Les liens vers cette URL envoient visiteurs et popularité hors du site ; souvent un reste de migration.")
    fix = Text("Check that the redirect is intended; link to the destination directly if so.",
            "Vérifiez que la redirection est voulue ; si oui, faites pointer les liens directement vers la destination.")
    reads = ("urls.final_url",)

    def run(self, ctx, th):
        for row in internal_fetched(ctx):
            if (row.is_redirect and row.final_url and not row.redirect_loop and not ctx.same_site(row.final_url)
                    and _origin_host(row.final_url) != _origin_host(row.url)):
                yield Finding(row.url, f"-> {row.final_url}")


@register
class MetaRefresh(PageCheck):
    id = "meta_refresh"
    title = Text("Meta refresh", "Balise meta refresh")
    severity = "warning"
    category = "responses"
    why = Text("A <meta http-equiv=\"refresh\"> is a slow client-side redirect that search engines may not follow as a 301.",
            "Une balise <meta http-equiv=\"refresh\"> est une redirection lente côté navigateur que les moteurs ne traitent pas toujours comme une 301.")
    fix = Text("Replace it with a server-side 301 redirect, or remove it.", "Remplacez-la par une redirection 301 côté serveur, ou supprimez-la.")
    reads = ("facts.meta_refresh", "facts.meta_refresh_url")

    def check(self, page, ctx, th):
        if page.facts.meta_refresh is not None:
            yield Finding(page.url, page.facts.meta_refresh_url or page.facts.meta_refresh)


