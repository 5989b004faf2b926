"""Security: pages over HTTP, mixed content, HSTS, insecure forms.

Loopback hosts (127.0.0.1, localhost) are development servers: HTTPS is not expected there, so the
HTTP-only checks skip them (the demo and the tests crawl such servers).
"""

from __future__ import annotations

from crawler.audit.base import Check, Finding, PageCheck, Text, short_list
from crawler.audit.context import is_loopback, origin
from crawler.audit.registry import register


@register
class HttpPage(Check):
    id = "http_page"
    title = Text("Page served over HTTP", "Page servie en HTTP")
    severity = "error"
    category = "security"
    why = Text("Browsers flag HTTP pages as 'Not secure' and Google prefers HTTPS; data sent from the page can be read in transit.",
            "Les navigateurs marquent les pages HTTP « Non sécurisé » et Google préfère HTTPS ; les données envoyées peuvent être lues en chemin.")
    fix = Text("Serve the site over HTTPS and 301-redirect every http:// URL to its https:// twin. A site served "
            "entirely over HTTP is reported once, on its start URL.",
            "Servez le site en HTTPS et redirigez en 301 chaque URL http:// vers son équivalent https://. Un site "
            "entièrement en HTTP est signalé une seule fois, sur son URL de départ.")
    reads = ("urls.url",)

    def run(self, ctx, th):
        http = [p.url for p in ctx.pages if p.url.startswith("http://") and not is_loopback(p.url)]
        if not http:
            return
        if ctx.start_url.startswith("http://") and not any(p.url.startswith("https://") for p in ctx.pages):
            yield Finding(ctx.start_url, Text(f"the whole site is served over HTTP ({len(http)} pages)",
                                           f"tout le site est servi en HTTP ({len(http)} pages)"), {"pages": len(http)})
            return
        for url in http:
            yield Finding(url, "http://")


@register
class MixedContent(PageCheck):
    id = "mixed_content"
    title = Text("Mixed content (HTTP resources on an HTTPS page)", "Contenu mixte (ressources HTTP sur une page HTTPS)")
    severity = "error"
    category = "security"
    why = Text("Browsers block or warn about http:// scripts, styles and images on HTTPS pages: broken display, lost padlock.",
            "Les navigateurs bloquent ou signalent les scripts, styles et images en http:// sur une page HTTPS : affichage cassé, cadenas perdu.")
    fix = Text("Load every resource over https:// (or protocol-relative from an HTTPS host).",
            "Chargez toutes les ressources en https://.")
    reads = ("facts.mixed_content",)

    def check(self, page, ctx, th):
        if page.url.startswith("https://") and page.facts.mixed_content:
            yield Finding(page.url, short_list(page.facts.mixed_content), {"resources": page.facts.mixed_content})


@register
class HstsMissing(Check):
    id = "hsts_missing"
    title = Text("No HSTS header", "Pas d'en-tête HSTS")
    severity = "notice"
    category = "security"
    why = Text("Without Strict-Transport-Security, a first visit typed as http:// can be intercepted before the redirect to HTTPS.",
            "Sans Strict-Transport-Security, une première visite tapée en http:// peut être interceptée avant la redirection vers HTTPS.")
    fix = Text("Send Strict-Transport-Security: max-age=31536000; includeSubDomains on HTTPS responses.",
            "Envoyez Strict-Transport-Security: max-age=31536000; includeSubDomains sur les réponses HTTPS.")
    reads = ("urls.headers",)

    def run(self, ctx, th):
        seen: set[str] = set()   # HSTS is per host: report it once, on the first page of each host
        pages = sorted(ctx.pages, key=lambda p: (p.url != ctx.start_url, p.row.id))
        for page in pages:
            host = origin(page.url)
            if page.url.startswith("https://") and host not in seen:
                seen.add(host)
                if "strict-transport-security" not in page.row.headers:
                    yield Finding(page.url, host)


@register
class FormInsecure(PageCheck):
    id = "form_insecure"
    title = Text("Form posting over HTTP", "Formulaire envoyé en HTTP")
    severity = "error"
    category = "security"
    why = Text("A form that sends data (above all a password) over http:// exposes it; browsers warn visitors.",
            "Un formulaire qui envoie des données (surtout un mot de passe) en http:// les expose ; les navigateurs avertissent les visiteurs.")
    fix = Text("Serve the page and the form action over HTTPS.", "Servez la page et l'action du formulaire en HTTPS.")
    reads = ("facts.forms",)

    def check(self, page, ctx, th):
        bad = []
        for form in page.facts.forms:
            target = form.action or page.url
            if target.startswith("http://") and not is_loopback(target) and (page.url.startswith("https://") or form.has_password):
                bad.append(target)
        if bad:
            yield Finding(page.url, short_list(dict.fromkeys(bad)), {"actions": bad})


@register
class InternalHttpLink(PageCheck):
    id = "internal_http_link"
    title = Text("HTTPS page linking to internal HTTP URLs", "Page HTTPS avec des liens internes en HTTP")
    severity = "warning"
    category = "security"
    why = Text("Each click goes through an extra redirect (or lands on an insecure page).",
            "Chaque clic passe par une redirection de plus (ou arrive sur une page non sécurisée).")
    fix = Text("Update internal links to https://.", "Passez les liens internes en https://.")
    reads = ("links",)

    def check(self, page, ctx, th):
        if not page.url.startswith("https://"):
            return
        bad = sorted({lk.to_url for lk in ctx.outlinks_of(page)
                      if lk.kind == "a" and lk.to_url.startswith("http://") and ctx.same_site(lk.to_url)})
        if bad:
            yield Finding(page.url, short_list(bad), {"targets": bad})
