"""Sitemaps: what the XML sitemaps list against what the crawl found."""

from __future__ import annotations

from collections.abc import Iterator

from crawler.audit.base import Check, Finding, Text
from crawler.audit.context import AuditContext, UrlRow
from crawler.audit.registry import register


def sitemap_rows(ctx: AuditContext) -> Iterator[UrlRow]:
    """Sitemap URLs in the crawl's scope (another host's URLs in the sitemap are not judged)."""
    for url in ctx.sitemap_members:
        row = ctx.urls.get(url)
        if row is not None and row.kind == "page" and row.skip_reason != "out_of_scope":
            yield row


def _listed_in(ctx: AuditContext, url: str) -> dict:
    return {"sitemaps": [s for s in ctx.sitemap_members.get(url, []) if s]}


@register
class SitemapNoindex(Check):
    id = "sitemap_noindex"
    title = Text("Noindex URL in the sitemap", "URL en noindex dans le sitemap")
    severity = "warning"
    category = "sitemaps"
    scope = "site"
    why = Text("A sitemap should list only pages you want indexed; a noindex URL sends a contradictory signal.",
            "Un sitemap ne doit lister que les pages à indexer ; une URL en noindex envoie un signal contradictoire.")
    fix = Text("Remove the URL from the sitemap, or remove its noindex.", "Retirez l'URL du sitemap, ou retirez son noindex.")
    reads = ("sitemap_urls", "facts.meta_robots")

    def run(self, ctx, th):
        for row in sitemap_rows(ctx):
            page = ctx.page(row.url)
            if page is not None and page.noindex:
                yield Finding(row.url, "noindex", _listed_in(ctx, row.url))


@register
class SitemapNon200(Check):
    id = "sitemap_non_200"
    title = Text("Sitemap URL not answering 200", "URL du sitemap qui ne répond pas en 200")
    severity = "warning"
    category = "sitemaps"
    scope = "site"
    why = Text("Redirects and errors in the sitemap waste crawl budget and make search engines trust the sitemap less.",
            "Redirections et erreurs dans le sitemap gaspillent le budget de crawl et font perdre confiance dans le sitemap.")
    fix = Text("List only final URLs answering 200.", "Ne listez que des URL finales qui répondent en 200.")
    reads = ("sitemap_urls", "urls.status")

    def run(self, ctx, th):
        for row in sitemap_rows(ctx):
            if row.status is not None and row.status != 200:
                yield Finding(row.url, f"HTTP {row.status}", {"status": row.status, **_listed_in(ctx, row.url)})
            elif row.status is None and row.error and not row.robots_blocked:
                yield Finding(row.url, row.error, _listed_in(ctx, row.url))


@register
class SitemapOrphan(Check):
    id = "sitemap_orphan"
    title = Text("Orphan page (in the sitemap, linked from nowhere)", "Page orpheline (dans le sitemap, sans lien)")
    severity = "warning"
    category = "sitemaps"
    scope = "site"
    why = Text("No crawled page links to it: it gets no internal link equity and visitors cannot reach it.",
            "Aucune page explorée ne pointe vers elle : elle ne reçoit aucune popularité interne et les visiteurs ne peuvent pas l'atteindre.")
    fix = Text("Link to the page from the relevant category or pages, or remove it from the sitemap if it is obsolete.",
            "Faites des liens vers la page depuis la catégorie ou les pages concernées, ou retirez-la du sitemap si elle est obsolète.")
    reads = ("sitemap_urls", "links")

    def run(self, ctx, th):
        for row in sitemap_rows(ctx):
            if row.url == ctx.start_url or row.status is None or not 200 <= row.status < 300:
                continue
            if not ctx.a_inlinks.get(row.url):
                yield Finding(row.url, Text("no internal link points here", "aucun lien interne ne pointe ici"),
                              _listed_in(ctx, row.url))


@register
class SitemapCanonicalised(Check):
    id = "sitemap_canonicalised"
    title = Text("Canonicalised URL in the sitemap", "URL canonisée dans le sitemap")
    severity = "warning"
    category = "sitemaps"
    scope = "site"
    why = Text("The sitemap lists a URL whose canonical is another page: list the canonical URL instead.",
            "Le sitemap liste une URL dont la canonique est une autre page : listez plutôt l'URL canonique.")
    fix = Text("Replace the URL in the sitemap with its canonical.", "Remplacez l'URL du sitemap par sa canonique.")
    reads = ("sitemap_urls", "facts.canonicals")

    def run(self, ctx, th):
        for row in sitemap_rows(ctx):
            page = ctx.page(row.url)
            if page is not None and page.canonicalised:
                yield Finding(row.url, f"canonical -> {page.canonical}", _listed_in(ctx, row.url))


@register
class SitemapBlocked(Check):
    id = "sitemap_blocked"
    title = Text("Sitemap URL blocked by robots.txt", "URL du sitemap bloquée par robots.txt")
    severity = "warning"
    category = "sitemaps"
    scope = "site"
    needs_complete_crawl = False
    why = Text("The sitemap asks search engines to index a URL that robots.txt forbids them to read.",
            "Le sitemap demande d'indexer une URL que robots.txt interdit de lire.")
    fix = Text("Remove the URL from the sitemap or allow it in robots.txt.", "Retirez l'URL du sitemap ou autorisez-la dans robots.txt.")
    reads = ("sitemap_urls", "urls.robots_blocked")

    def run(self, ctx, th):
        for row in sitemap_rows(ctx):
            if row.robots_blocked:
                yield Finding(row.url, "Disallow", _listed_in(ctx, row.url))


@register
class SitemapMissing(Check):
    id = "sitemap_missing"
    title = Text("No XML sitemap found", "Aucun sitemap XML trouvé")
    severity = "notice"
    category = "sitemaps"
    scope = "site"
    needs_complete_crawl = False
    why = Text("A sitemap helps search engines find every page, especially new and deep ones.",
            "Un sitemap aide les moteurs à trouver toutes les pages, surtout les nouvelles et les profondes.")
    fix = Text("Publish /sitemap.xml and declare it in robots.txt with a Sitemap: line.",
            "Publiez /sitemap.xml et déclarez-le dans robots.txt avec une ligne Sitemap:.")
    reads = ("sitemaps",)

    def run(self, ctx, th):
        ok = [s for s in ctx.sitemaps if s.get("status") == 200 and not s.get("error")]
        if not ok and ctx.start_url:
            yield Finding(ctx.start_url, Text("no sitemap answered 200", "aucun sitemap n'a répondu en 200"))


@register
class SitemapError(Check):
    id = "sitemap_error"
    title = Text("Sitemap file unreadable", "Fichier sitemap illisible")
    severity = "error"
    category = "sitemaps"
    scope = "site"
    needs_complete_crawl = False
    why = Text("A sitemap declared in robots.txt or a sitemap index that fails to load or parse is useless to search engines.",
            "Un sitemap déclaré dans robots.txt ou un index qui ne se charge pas ou ne s'analyse pas est inutile aux moteurs.")
    fix = Text("Make the sitemap answer 200 with valid XML (or gzip / text) within 50,000 URLs and 50 MB.",
            "Faites répondre le sitemap en 200 avec un XML valide (ou gzip / texte), dans la limite de 50 000 URL et 50 Mo.")
    reads = ("sitemaps",)

    def run(self, ctx, th):
        for s in ctx.sitemaps:
            if s.get("found_via") == "default" and s.get("status") == 404:
                continue   # the guessed /sitemap.xml not existing is sitemap_missing's business
            if s.get("error") or (s.get("status") is not None and s["status"] != 200):
                yield Finding(s["url"], s.get("error") or f"HTTP {s['status']}")


@register
class IndexableNotInSitemap(Check):
    id = "indexable_not_in_sitemap"
    advises_indexing = True
    title = Text("Indexable page missing from the sitemap", "Page indexable absente du sitemap")
    severity = "notice"
    category = "sitemaps"
    scope = "site"
    why = Text("The sitemap should list every page you want indexed; missing pages are found later, if at all.",
            "Le sitemap doit lister toutes les pages à indexer ; celles qui manquent sont découvertes plus tard, voire jamais.")
    fix = Text("Add the page to the sitemap (generate the sitemap from the CMS).", "Ajoutez la page au sitemap (générez-le depuis le CMS).")
    reads = ("sitemap_urls", "facts.canonicals", "facts.meta_robots")

    def run(self, ctx, th):
        if not any(ctx.is_internal(u) for u in ctx.sitemap_members):
            return   # no sitemap listing this site's URLs: sitemap_missing says it once
        for page in ctx.pages:
            if page.indexable and page.url not in ctx.sitemap_members:
                yield Finding(page.url, Text("not listed in any sitemap", "absente de tous les sitemaps"))
