"""Images: alt text, broken sources, dimensions, weight."""

from __future__ import annotations

from crawler.audit.base import Finding, PageCheck, Text, short_list
from crawler.audit.registry import register


@register
class ImageAltMissing(PageCheck):
    id = "image_alt_missing"
    title = Text("Image without alt attribute", "Image sans attribut alt")
    severity = "warning"
    category = "images"
    why = Text("Screen readers and image search rely on alt text. alt=\"\" is correct for decorative images; a missing alt is not.",
            "Les lecteurs d'écran et la recherche d'images s'appuient sur le texte alt. alt=\"\" convient aux images décoratives ; l'absence d'alt, non.")
    fix = Text("Add an alt describing the image, or alt=\"\" if it is purely decorative.",
            "Ajoutez un alt qui décrit l'image, ou alt=\"\" si elle est purement décorative.")
    reads = ("facts.images",)

    def check(self, page, ctx, th):
        missing = list(dict.fromkeys(i.src for i in page.facts.images if i.alt is None))
        if missing:
            yield Finding(page.url, short_list(missing), {"images": missing})


@register
class ImageBroken(PageCheck):
    id = "image_broken"
    title = Text("Broken image", "Image cassée")
    severity = "error"
    category = "images"
    why = Text("The image answers 4xx/5xx: visitors see a broken icon and the image cannot rank in image search.",
            "L'image répond en 4xx/5xx : le visiteur voit une icône cassée et l'image ne peut pas sortir en recherche d'images.")
    fix = Text("Fix the image URL or upload the missing file.", "Corrigez l'URL de l'image ou remettez le fichier manquant.")
    reads = ("facts.images", "urls.status")

    def check(self, page, ctx, th):
        broken = []
        for img in dict.fromkeys(i.src for i in page.facts.images):
            status, _ = ctx.resolve(img)
            if status is not None and status >= 400:
                broken.append(f"{img} ({status})")
        if broken:
            yield Finding(page.url, short_list(broken), {"images": broken})


@register
class ImageDimensionsMissing(PageCheck):
    id = "image_dimensions_missing"
    title = Text("Image without width and height", "Image sans largeur ni hauteur")
    severity = "notice"
    category = "images"
    why = Text("Without width and height the layout jumps when the image loads (Cumulative Layout Shift, a Core Web Vital).",
            "Sans largeur et hauteur, la mise en page saute au chargement de l'image (CLS, un Core Web Vital).")
    fix = Text("Set width and height attributes (or CSS aspect-ratio) on every <img>.",
            "Indiquez les attributs width et height (ou aspect-ratio en CSS) sur chaque <img>.")
    reads = ("facts.images",)

    def check(self, page, ctx, th):
        missing = list(dict.fromkeys(i.src for i in page.facts.images if not i.width or not i.height))
        if missing:
            yield Finding(page.url, short_list(missing), {"images": missing})


@register
class ImageAltTooLong(PageCheck):
    id = "image_alt_too_long"
    title = Text("Alt text too long (over {max_length} characters)", "Texte alt trop long (plus de {max_length} caractères)")
    severity = "notice"
    category = "images"
    why = Text("Screen readers cut long alt texts; a long alt often means keyword stuffing.",
            "Les lecteurs d'écran coupent les alt trop longs ; un alt long trahit souvent un bourrage de mots-clés.")
    fix = Text("Describe the image in one short sentence. Threshold: max_length (default 125).",
            "Décrivez l'image en une phrase courte. Seuil : max_length (125 par défaut).")
    reads = ("facts.images",)
    thresholds = {"max_length": 125}

    def check(self, page, ctx, th):
        long = [i.src for i in page.facts.images if i.alt and len(" ".join(i.alt.split())) > th["max_length"]]
        if long:
            yield Finding(page.url, short_list(long), {"images": long})


@register
class ImageTooHeavy(PageCheck):
    id = "image_too_heavy"
    title = Text("Heavy image (over {max_kb} KB)", "Image lourde (plus de {max_kb} Ko)")
    severity = "warning"
    category = "images"
    why = Text("Heavy images slow the page down, above all on mobile networks (Largest Contentful Paint).",
            "Les images lourdes ralentissent la page, surtout sur mobile (Largest Contentful Paint).")
    fix = Text("Resize and compress the image (WebP/AVIF). Threshold: max_kb (default 300).",
            "Redimensionnez et compressez l'image (WebP/AVIF). Seuil : max_kb (300 par défaut).")
    reads = ("facts.images", "urls.size")
    thresholds = {"max_kb": 300}

    def check(self, page, ctx, th):
        heavy = []
        for src in dict.fromkeys(i.src for i in page.facts.images):
            row = ctx.urls.get(src)
            if row is not None and row.size and row.size > th["max_kb"] * 1024:
                heavy.append(f"{src} ({row.size // 1024} KB)")
        if heavy:
            yield Finding(page.url, short_list(heavy), {"images": heavy})
