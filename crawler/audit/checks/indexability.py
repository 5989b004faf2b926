"""Indexability and directives: noindex, robots.txt, nofollow."""

from __future__ import annotations

from crawler.audit import robots_txt as robots
from crawler.audit.base import Check, Finding, PageCheck, Text, short_list
from crawler.audit.context import origin, robots_directives
from crawler.audit.registry import register


@register
class Noindex(PageCheck):
    id = "noindex"
    advises_indexing = True
    title = Text("Page excluded by noindex", "Page exclue par noindex")
    severity = "warning"
    category = "indexability"
    why = Text("A noindex directive (meta robots, meta googlebot or X-Robots-Tag) keeps the page out of search results.",
            "Une directive noindex (meta robots, meta googlebot ou en-tête X-Robots-Tag) exclut la page des résultats de recherche.")
    fix = Text("Remove the noindex if the page should rank; otherwise stop linking to it from the sitemap and menus.",
            "Retirez le noindex si la page doit être trouvée ; sinon retirez-la du sitemap et des menus.")
    reads = ("facts.meta_robots", "facts.meta_googlebot", "facts.x_robots_tag")

    def check(self, page, ctx, th):
        if page.noindex:
            sources = [name for name, vals, hdr in (("meta robots", page.facts.meta_robots, False),
                                                   ("meta googlebot", page.facts.meta_googlebot, False),
                                                   ("X-Robots-Tag", page.facts.x_robots_tag, True))
                       if "noindex" in _d(vals, hdr)]
            yield Finding(page.url, Text("noindex in " + ", ".join(sources), "noindex dans " + ", ".join(sources)))


def _d(values: list[str], header: bool) -> set[str]:
    return robots_directives(values, header=header)


@register
class NofollowMeta(PageCheck):
    id = "nofollow_meta"
    title = Text("Page-level nofollow", "Nofollow sur toute la page")
    severity = "warning"
    category = "indexability"
    why = Text("A nofollow robots directive tells search engines not to follow any link of the page, cutting the pages below it off.",
            "Une directive robots nofollow interdit aux moteurs de suivre les liens de la page et isole les pages en dessous.")
    fix = Text("Remove nofollow from the meta robots / X-Robots-Tag unless the page's links must really be ignored.",
            "Retirez nofollow de la meta robots / X-Robots-Tag, sauf si les liens de la page doivent vraiment être ignorés.")
    reads = ("facts.meta_robots", "facts.meta_googlebot", "facts.x_robots_tag")

    def check(self, page, ctx, th):
        if "nofollow" in page.directives:
            yield Finding(page.url, "nofollow")


@register
class BlockedByRobots(Check):
    id = "blocked_by_robots"
    advises_indexing = True
    title = Text("URL blocked by robots.txt", "URL bloquée par robots.txt")
    severity = "warning"
    category = "indexability"
    why = Text("Search engines cannot read a disallowed URL: its content is not indexed, though the bare URL may still appear.",
            "Les moteurs ne peuvent pas lire une URL interdite : son contenu n'est pas indexé, même si l'URL seule peut apparaître.")
    fix = Text("If the page should rank, remove or narrow the Disallow rule; if not, stop linking to it.",
            "Si la page doit être trouvée, retirez ou restreignez la règle Disallow ; sinon, ne faites plus de liens vers elle.")
    reads = ("urls.robots_blocked", "host_files.robots.txt")

    def run(self, ctx, th):
        if not ctx.ignore_robots:
            for row in ctx.urls.values():
                if row.kind == "page" and row.robots_blocked:
                    yield Finding(row.url, "Disallow")
            return
        # --ignore-robots fetched everything: judge each internal URL against the stored robots.txt instead.
        agent = ctx.meta.get("user_agent") or "*"
        parsed: dict[str, object] = {}
        for row in ctx.urls.values():
            if row.kind != "page" or row.skip_reason == "out_of_scope" or not row.url.startswith("http"):
                continue
            host = origin(row.url)
            if host not in parsed:
                parsed[host] = robots.parse(ctx.robots_file(row.url))
            rp = parsed[host]
            if rp is not None and not rp.can_fetch(row.url, agent):
                yield Finding(row.url, Text("Disallow (crawled anyway: --ignore-robots)",
                                         "Disallow (exploré quand même : --ignore-robots)"))


@register
class BlockedResource(PageCheck):
    id = "blocked_resource"
    title = Text("Page resource blocked by robots.txt", "Ressource bloquée par robots.txt")
    severity = "warning"
    category = "indexability"
    why = Text("Google renders pages with their CSS and JavaScript; blocked resources can make the page look broken or empty to it.",
            "Google affiche les pages avec leurs CSS et JavaScript ; des ressources bloquées peuvent lui faire voir une page cassée ou vide.")
    fix = Text("Allow CSS, JavaScript and images in robots.txt.", "Autorisez CSS, JavaScript et images dans robots.txt.")
    reads = ("urls.robots_blocked", "links.kind")

    def check(self, page, ctx, th):
        blocked = sorted({lk.to_url for lk in ctx.outlinks_of(page)
                          if lk.kind in ("img", "script", "link") and (r := ctx.urls.get(lk.to_url)) is not None
                          and r.robots_blocked and r.kind == "resource" and ctx.same_site(lk.to_url)})
        if blocked:
            yield Finding(page.url, short_list(blocked), {"resources": blocked})


@register
class RobotsTxtMissing(Check):
    id = "robots_txt_missing"
    title = Text("No robots.txt", "Pas de fichier robots.txt")
    severity = "notice"
    category = "indexability"
    scope = "site"
    needs_complete_crawl = False
    why = Text("Without robots.txt everything may be crawled (fine) but there is no place to declare the sitemap or keep bots out of faceted URLs.",
            "Sans robots.txt tout peut être exploré (c'est permis) mais rien n'annonce le sitemap ni n'écarte les URL à facettes.")
    fix = Text("Publish /robots.txt with at least a Sitemap: line.", "Publiez /robots.txt avec au moins une ligne Sitemap:.")
    reads = ("host_files.robots.txt",)

    def run(self, ctx, th):
        f = ctx.robots_file()
        if f is not None and f.get("status") is not None and 400 <= int(f["status"]) < 500:
            yield Finding(f"{f['host']}/robots.txt", f"HTTP {f['status']}")


@register
class RobotsTxtUnreachable(Check):
    id = "robots_txt_unreachable"
    title = Text("robots.txt unreachable (5xx or error)", "robots.txt inaccessible (5xx ou erreur)")
    severity = "error"
    category = "indexability"
    scope = "site"
    needs_complete_crawl = False
    why = Text("When robots.txt answers 5xx or times out, search engines treat the whole site as disallowed and stop crawling it.",
            "Quand robots.txt répond en 5xx ou ne répond pas, les moteurs considèrent tout le site comme interdit et cessent de l'explorer.")
    fix = Text("Make /robots.txt answer 200 (or 404 if you want no rules) reliably.",
            "Faites répondre /robots.txt en 200 (ou 404 si vous ne voulez aucune règle), de façon fiable.")
    reads = ("host_files.robots.txt",)

    def run(self, ctx, th):
        f = ctx.robots_file()
        if f is None:
            return
        status = f.get("status")
        if (status is not None and int(status) >= 500) or (status is None and f.get("error")):
            yield Finding(f"{f['host']}/robots.txt", f"HTTP {status}" if status else str(f.get("error")))


@register
class RobotsBlocksSearchEngines(Check):
    id = "robots_blocks_search_engines"
    title = Text("robots.txt blocks Googlebot or Bingbot from the home page", "robots.txt interdit la page d'accueil à Googlebot ou Bingbot")
    severity = "error"
    category = "indexability"
    scope = "site"
    needs_complete_crawl = False
    why = Text("The start page is disallowed for a major search engine: the site will drop out of its results.",
            "La page d'accueil est interdite à un grand moteur : le site va disparaître de ses résultats.")
    fix = Text("Remove the Disallow rule that matches these bots (often a leftover from a staging site).",
            "Retirez la règle Disallow qui vise ces robots (souvent un reste de préproduction).")
    reads = ("host_files.robots.txt",)

    def run(self, ctx, th):
        f = ctx.robots_file()
        blocked = robots.blocked_agents(robots.parse(f), ctx.start_url, ["Googlebot", "Bingbot"])
        if blocked and f is not None:
            yield Finding(f"{f['host']}/robots.txt", ", ".join(blocked))


@register
class CanonicalNoindexConflict(PageCheck):
    id = "noindex_canonical_conflict"
    title = Text("noindex combined with a canonical to another page", "noindex combiné à une canonique vers une autre page")
    severity = "notice"
    category = "indexability"
    why = Text("noindex says 'drop this page', the canonical says 'merge it into that one': Google may carry the noindex over to the target.",
            "noindex dit « retirez cette page », la canonique dit « fusionnez-la avec l'autre » : Google peut appliquer le noindex à la cible.")
    fix = Text("Keep one signal: the canonical for duplicates, noindex for pages that must not rank.",
            "Gardez un seul signal : la canonique pour les doublons, noindex pour les pages qui ne doivent pas sortir.")
    reads = ("facts.meta_robots", "facts.canonicals")

    def check(self, page, ctx, th):
        if page.noindex and page.canonicalised:
            yield Finding(page.url, f"canonical -> {page.canonical}")
