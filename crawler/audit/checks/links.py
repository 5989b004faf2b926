"""Links and architecture: broken and redirected links, nofollow, depth, anchors."""

from __future__ import annotations

from crawler.audit.base import Finding, PageCheck, Text, short_list
from crawler.audit.registry import register


def _a_links(page, ctx):
    return ctx.a_links_of(page)


def _internal(lk, ctx) -> bool:
    return lk.internal or ctx.is_internal(lk.to_url)


@register
class BrokenInternalLink(PageCheck):
    id = "broken_internal_link"
    title = Text("Link to a broken internal URL", "Lien vers une URL interne cassée")
    severity = "error"
    category = "links"
    why = Text("The page links to an internal URL answering 4xx/5xx: a dead end for visitors and wasted crawl budget.",
            "La page fait un lien vers une URL interne en 4xx/5xx : une impasse pour le visiteur et du budget de crawl gaspillé.")
    fix = Text("Update or remove the link, or restore the target page.", "Corrigez ou supprimez le lien, ou rétablissez la page cible.")
    reads = ("links", "urls.status")

    def check(self, page, ctx, th):
        broken = {}
        for lk in _a_links(page, ctx):
            row = ctx.urls.get(lk.to_url)
            if row is not None and row.kind == "page" and row.status is not None and row.status >= 400 and _internal(lk, ctx):
                broken[lk.to_url] = row.status
        if broken:
            yield Finding(page.url, short_list(f"{u} ({s})" for u, s in broken.items()), {"targets": list(broken)})


@register
class LinkToRedirect(PageCheck):
    id = "link_to_redirect"
    title = Text("Internal link to a redirect", "Lien interne vers une redirection")
    severity = "notice"
    category = "links"
    why = Text("Linking to a redirecting URL adds a hop for every visitor and bot.",
            "Un lien vers une URL redirigée ajoute un saut pour chaque visiteur et robot.")
    fix = Text("Link straight to the final URL.", "Faites pointer le lien directement vers l'URL finale.")
    reads = ("links", "urls.status")

    def check(self, page, ctx, th):
        targets = sorted({lk.to_url for lk in _a_links(page, ctx)
                          if (r := ctx.urls.get(lk.to_url)) is not None and r.kind == "page" and r.is_redirect})
        if targets:
            yield Finding(page.url, short_list(targets), {"targets": targets})


@register
class BrokenExternalLink(PageCheck):
    id = "broken_external_link"
    title = Text("Link to a broken external URL", "Lien vers une URL externe cassée")
    severity = "warning"
    category = "links"
    why = Text("Dead outbound links frustrate visitors and signal a poorly maintained page.",
            "Les liens sortants morts frustrent les visiteurs et signalent une page mal entretenue.")
    fix = Text("Update the link to a live page or remove it.", "Remplacez le lien par une page vivante ou supprimez-le.")
    reads = ("links", "urls.status")

    def check(self, page, ctx, th):
        broken = {}
        for lk in _a_links(page, ctx):
            row = ctx.urls.get(lk.to_url)
            if row is not None and row.kind == "external":
                status, _ = ctx.resolve(lk.to_url)
                if status is not None and status >= 400:
                    broken[lk.to_url] = status
        if broken:
            yield Finding(page.url, short_list(f"{u} ({s})" for u, s in broken.items()), {"targets": list(broken)})


@register
class ResourceBroken(PageCheck):
    id = "resource_broken"
    title = Text("Broken CSS or JavaScript file", "Fichier CSS ou JavaScript cassé")
    severity = "error"
    category = "links"
    why = Text("A stylesheet or script answering 4xx/5xx breaks the page's look or behaviour, for visitors and for Google's renderer.",
            "Une feuille de style ou un script en 4xx/5xx casse l'apparence ou le fonctionnement de la page, pour les visiteurs comme pour Google.")
    fix = Text("Fix the file URL or deploy the missing file.", "Corrigez l'URL du fichier ou déployez le fichier manquant.")
    reads = ("links.kind", "urls.status")

    def check(self, page, ctx, th):
        broken = {}
        for lk in ctx.outlinks_of(page):
            if lk.kind == "script" or (lk.kind == "link" and "stylesheet" in lk.rel.split()):
                status, _ = ctx.resolve(lk.to_url)
                if status is not None and status >= 400:
                    broken[lk.to_url] = status
        if broken:
            yield Finding(page.url, short_list(f"{u} ({s})" for u, s in broken.items()), {"targets": list(broken)})


@register
class InternalNofollow(PageCheck):
    id = "internal_nofollow"
    title = Text("Nofollow link to an internal page", "Lien interne en nofollow")
    severity = "warning"
    category = "links"
    why = Text("rel=\"nofollow\" on an internal link stops link equity from reaching your own page (external nofollow is fine).",
            "rel=\"nofollow\" sur un lien interne empêche la popularité d'atteindre votre propre page (sur un lien externe, c'est normal).")
    fix = Text("Remove rel=\"nofollow\" from internal links; use noindex on the target if it must stay out of search.",
            "Retirez rel=\"nofollow\" des liens internes ; mettez la cible en noindex si elle doit rester hors des résultats.")
    reads = ("links.rel", "links.internal")

    def check(self, page, ctx, th):
        targets = sorted({lk.to_url for lk in _a_links(page, ctx)
                          if lk.nofollow and lk.to_url.startswith(("http://", "https://")) and _internal(lk, ctx)})
        if targets:
            yield Finding(page.url, short_list(targets), {"targets": targets})


@register
class DepthTooDeep(PageCheck):
    id = "depth_too_deep"
    title = Text("Page too deep (more than {max_depth} clicks)", "Page trop profonde (plus de {max_depth} clics)")
    severity = "notice"
    category = "links"
    why = Text("Pages far from the home page get crawled less often and receive less internal link equity.",
            "Les pages éloignées de l'accueil sont moins souvent explorées et reçoivent moins de popularité interne.")
    fix = Text("Link to the page from a category, the menu or related pages. Threshold: max_depth (default 4 clicks "
            "from the start URL).",
            "Faites des liens vers la page depuis une catégorie, le menu ou des pages proches. Seuil : max_depth (4 clics "
            "depuis l'URL de départ par défaut).")
    reads = ("urls.depth",)
    thresholds = {"max_depth": 4}

    def check(self, page, ctx, th):
        d = page.row.depth
        if d is not None and d > th["max_depth"]:
            yield Finding(page.url, Text(f"{d} clicks", f"{d} clics"), {"depth": d})


@register
class NoInternalLinks(PageCheck):
    id = "page_no_internal_links"
    title = Text("Dead-end page (no internal links)", "Page cul-de-sac (aucun lien interne)")
    severity = "notice"
    category = "links"
    why = Text("A page without links to the rest of the site stops visitors and crawlers.",
            "Une page sans lien vers le reste du site arrête visiteurs et robots.")
    fix = Text("Add navigation or links to related pages.", "Ajoutez une navigation ou des liens vers des pages proches.")
    reads = ("links",)

    def check(self, page, ctx, th):
        if not any(_internal(lk, ctx) and lk.to_url.startswith(("http://", "https://")) for lk in _a_links(page, ctx)):
            yield Finding(page.url, Text("no internal <a href>", "aucun lien <a href> interne"))


_GENERIC = {"click here", "here", "read more", "more", "learn more", "link", "this page", "cliquez ici", "ici",
            "en savoir plus", "lire la suite", "plus", "voir plus", "suite", "lien", "cette page"}


@register
class AnchorGeneric(PageCheck):
    id = "anchor_text_generic"
    title = Text("Generic anchor text", "Texte d'ancre générique")
    severity = "notice"
    category = "links"
    why = Text("'Click here' tells neither visitors nor search engines what the target is about.",
            "« Cliquez ici » n'indique ni aux visiteurs ni aux moteurs le sujet de la page cible.")
    fix = Text("Use descriptive anchors, e.g. 'our trail shoes' instead of 'read more'.",
            "Utilisez des ancres descriptives, par exemple « nos chaussures de trail » plutôt que « en savoir plus ».")
    reads = ("links.anchor",)

    def check(self, page, ctx, th):
        hits = sorted({lk.anchor for lk in _a_links(page, ctx)
                       if len(lk.anchor) < 30 and " ".join(lk.anchor.lower().split()).rstrip(" .!…»›>") in _GENERIC
                       and _internal(lk, ctx)})
        if hits:
            yield Finding(page.url, short_list(hits))


@register
class AnchorEmpty(PageCheck):
    id = "anchor_text_empty"
    title = Text("Internal link without anchor text", "Lien interne sans texte d'ancre")
    severity = "notice"
    category = "links"
    why = Text("A link with no text (and no image alt) is announced as just 'link' and gives search engines no context.",
            "Un lien sans texte (ni alt d'image) est annoncé comme « lien » et ne donne aucun contexte aux moteurs.")
    fix = Text("Put text in the link, or an alt on the image it wraps.", "Mettez du texte dans le lien, ou un alt sur l'image qu'il contient.")
    reads = ("links.anchor",)

    def check(self, page, ctx, th):
        empty = sorted({lk.to_url for lk in _a_links(page, ctx)
                        if _internal(lk, ctx) and not lk.anchor.strip() and lk.to_url.startswith(("http://", "https://"))})
        if empty:
            yield Finding(page.url, short_list(empty), {"targets": empty})


@register
class TooManyLinks(PageCheck):
    id = "too_many_links"
    title = Text("Too many links on the page (over {max_links})", "Trop de liens sur la page (plus de {max_links})")
    severity = "notice"
    category = "links"
    why = Text("Hundreds of links dilute the equity each one passes and drown the important ones.",
            "Des centaines de liens diluent la popularité transmise par chacun et noient les liens importants.")
    fix = Text("Trim the mega-menu and footer; link to what matters. Threshold: max_links (default 500).",
            "Allégez le méga-menu et le pied de page ; liez l'essentiel. Seuil : max_links (500 par défaut).")
    reads = ("links",)
    thresholds = {"max_links": 500}

    def check(self, page, ctx, th):
        n = len(_a_links(page, ctx))
        if n > th["max_links"]:
            yield Finding(page.url, Text(f"{n} links", f"{n} liens"), {"links": n})


@register
class JavascriptLink(PageCheck):
    id = "link_javascript"
    title = Text("javascript: link", "Lien javascript:")
    severity = "notice"
    category = "links"
    why = Text("Search engines do not follow href=\"javascript:...\": the target cannot be discovered through it.",
            "Les moteurs ne suivent pas href=\"javascript:...\" : la cible ne peut pas être découverte par ce lien.")
    fix = Text("Use a real URL in href and attach the script behaviour on top.", "Mettez une vraie URL dans href et ajoutez le script par-dessus.")
    reads = ("links",)

    def check(self, page, ctx, th):
        js = [lk.to_url for lk in _a_links(page, ctx) if not lk.to_url.startswith("http") and lk.to_url.strip().lower().startswith("javascript:")]
        if js:
            yield Finding(page.url, short_list(js), {"links": js})
