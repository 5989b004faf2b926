"""Performance: slow responses, heavy and truncated pages, too many render-blocking files."""

from __future__ import annotations

from crawler.audit.base import Finding, PageCheck, Text
from crawler.audit.registry import register


@register
class SlowResponse(PageCheck):
    id = "slow_response"
    title = Text("Slow response (over {max_ms} ms)", "Réponse lente (plus de {max_ms} ms)")
    severity = "warning"
    category = "performance"
    why = Text("A slow server delays everything else (Largest Contentful Paint) and makes search engines crawl less.",
            "Un serveur lent retarde tout le reste (Largest Contentful Paint) et fait explorer moins de pages par les moteurs.")
    fix = Text("Cache the page, speed up the database queries or the hosting. Threshold: max_ms (default 1000 ms for the "
            "full response, measured by the crawler).",
            "Mettez la page en cache, accélérez les requêtes ou l'hébergement. Seuil : max_ms (1000 ms par défaut pour la "
            "réponse complète, mesurée par le robot).")
    reads = ("urls.response_ms",)
    thresholds = {"max_ms": 1000}

    def check(self, page, ctx, th):
        ms = page.row.response_ms
        if ms is not None and ms > th["max_ms"]:
            yield Finding(page.url, f"{ms:.0f} ms", {"ms": ms})


@register
class PageTooHeavy(PageCheck):
    id = "page_too_heavy"
    title = Text("Heavy HTML page (over {max_kb} KB)", "Page HTML lourde (plus de {max_kb} Ko)")
    severity = "warning"
    category = "performance"
    why = Text("A huge HTML document is slow to download and parse, above all on mobile.",
            "Un document HTML énorme est long à télécharger et à analyser, surtout sur mobile.")
    fix = Text("Move inline data, SVG and scripts out of the HTML; paginate long lists. Threshold: max_kb (default 1024, "
            "uncompressed HTML).",
            "Sortez du HTML les données, SVG et scripts en ligne ; paginez les longues listes. Seuil : max_kb (1024 par "
            "défaut, HTML décompressé).")
    reads = ("urls.size",)
    thresholds = {"max_kb": 1024}

    def check(self, page, ctx, th):
        size = page.row.size
        if size is not None and size > th["max_kb"] * 1024:
            yield Finding(page.url, f"{size // 1024} KB", {"bytes": size})


@register
class PageTruncated(PageCheck):
    id = "page_truncated"
    title = Text("Page body truncated by the crawler", "Page tronquée par le robot")
    severity = "warning"
    category = "performance"
    why = Text("The page exceeds the crawler's body limit (search engines stop at 15 MB): content past it is not seen.",
            "La page dépasse la limite du robot (les moteurs s'arrêtent à 15 Mo) : le contenu au-delà n'est pas vu.")
    fix = Text("Reduce the page size.", "Réduisez la taille de la page.")
    reads = ("urls.truncated",)

    def check(self, page, ctx, th):
        if page.row.truncated:
            yield Finding(page.url, f"{(page.row.size or 0) // 1024} KB")


@register
class TooManyResources(PageCheck):
    id = "too_many_resources"
    title = Text("Too many scripts and stylesheets (over {max_files})", "Trop de scripts et feuilles de style (plus de {max_files})")
    severity = "notice"
    category = "performance"
    why = Text("Each file is a request; dozens of them slow the first render.",
            "Chaque fichier est une requête ; des dizaines ralentissent le premier affichage.")
    fix = Text("Bundle and defer scripts and styles. Threshold: max_files (default 50).",
            "Regroupez et différez scripts et styles. Seuil : max_files (50 par défaut).")
    reads = ("links.kind",)
    thresholds = {"max_files": 50}

    def check(self, page, ctx, th):
        n = sum(1 for lk in ctx.outlinks_of(page)
                if lk.kind == "script" or (lk.kind == "link" and "stylesheet" in lk.rel.split()))
        if n > th["max_files"]:
            yield Finding(page.url, Text(f"{n} files", f"{n} fichiers"), {"files": n})
