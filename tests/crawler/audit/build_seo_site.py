"""Writes tests/fixtures/seo_site/: one quirk per page, every seeded defect of the audit's anchor table,
mixed with correct-but-unusual pages. Run it after editing: ``.venv/bin/python tests/crawler/audit/build_seo_site.py``.

Special responses (redirects, 5xx, headers, a Latin-1 page) are described in routes.json and served by
tests/crawler/audit/site_server.py. ``{{EXTERNAL}}`` in a page becomes ``http://localhost:PORT``: the
same server under another host name, so the crawl has real external links without the internet.
"""

from __future__ import annotations

import html
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "seo_site"
SYLLABLES = ["ka", "mi", "ro", "sel", "tan", "vo", "lu", "ber", "fin", "gra", "pel", "nor", "ni", "sa", "qua",
             "tre", "mon", "zel", "pu", "ri", "bal", "cor", "dim", "fas", "gol", "hul", "jer", "kip", "lam", "nev"]
_rng = random.Random(42)
VOCAB = sorted({"".join(_rng.choice(SYLLABLES) for _ in range(_rng.randint(2, 3))) for _ in range(700)})


def words(seed: str, n: int = 260) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        w = rng.choice(VOCAB)
        out.append(w.capitalize() if i % 12 == 0 else w)
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out) + "."


CLEAN_TITLE = "{name} | Fixture Outdoor Shop"


def page(path: str, name: str, *, title: str | None = "", extra_head: str = "", body: str | None = None,
         desc: str | None = "", h1: str | None = "", canonical: str | None = "", lang: str | None = "en",
         viewport: bool = True, og: bool = True, jsonld: str | None = "", text_seed: str | None = None,
         n_words: int = 260, links: str = "", head_title_raw: bool = False) -> str:
    """A clean page unless told otherwise ('' = default value, None = leave the element out)."""
    url = path
    if title == "":
        title = CLEAN_TITLE.format(name=name)
    if desc == "":
        desc = f"{name}: a page of the fixture outdoor shop with its own text, written so that no check fires on it."
    if h1 == "":
        h1 = name
    if canonical == "":
        canonical = "{{BASE}}" + url
    if jsonld == "":
        jsonld = json.dumps({"@context": "https://schema.org", "@type": "WebPage", "name": name})
    head = ['<meta charset="utf-8">']
    if title is not None:
        head.append(f"<title>{title if head_title_raw else html.escape(title)}</title>")
    if desc is not None:
        head.append(f'<meta name="description" content="{desc if head_title_raw else html.escape(desc)}">')
    if viewport:
        head.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    if canonical is not None:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if og:
        head += [f'<meta property="og:title" content="{html.escape(name)}">', '<meta property="og:type" content="website">',
                 '<meta property="og:image" content="{{BASE}}/img/photo.png">', f'<meta property="og:url" content="{{{{BASE}}}}{url}">']
    if jsonld is not None:
        head.append(f'<script type="application/ld+json">{jsonld}</script>')
    head.append(extra_head)
    if body is None:
        body = (f"<h1>{html.escape(h1)}</h1>\n" if h1 is not None else "") + f"<p>{words(text_seed or path, n_words)}</p>"
    lang_attr = f' lang="{lang}"' if lang is not None else ""
    return (f"<!doctype html>\n<html{lang_attr}>\n<head>\n" + "\n".join(h for h in head if h) + "\n</head>\n<body>\n"
            f'<nav><a href="/">Home page of the shop</a></nav>\n<main>\n{body}\n{links}\n'
            '<img src="/img/photo.png" alt="A tent pitched by a lake" width="40" height="30">\n</main>\n</body>\n</html>\n')


def a(href: str, text: str, rel: str = "") -> str:
    r = f' rel="{rel}"' if rel else ""
    return f'<p><a href="{href}"{r}>{text}</a></p>'


PAGES: dict[str, str] = {}
ROUTES: dict[str, dict] = {}


def add(path: str, html_text: str) -> None:
    PAGES[path] = html_text


# ----------------------------------------------------------------------------- clean and unusual pages
add("/docs/guide/", page("/docs/guide/", "Trail running guide"))
add("/base-href/", page("/base-href/", "Base href with relative links", extra_head='<base href="/docs/">',
                        links=a("guide/", "The trail running guide (relative to base)")))
add("/entities/", page("/entities/", "Entities", head_title_raw=True,
                       title="Caf&eacute; &amp; Th&eacute; &mdash; D&eacute;gustations &eacute;t&eacute;",
                       desc="Caf&eacute;s, th&eacute;s &amp; infusions : notre s&eacute;lection pour les randonn&eacute;es "
                            "d&rsquo;&eacute;t&eacute;, les bivouacs d&rsquo;automne et les &eacute;tapes "
                            "enneig&eacute;es du Jura &agrave; la cr&ecirc;te.",
                       lang="fr"))
add("/alt-empty/", page("/alt-empty/", "Decorative image with empty alt",
                        links='<img src="/img/photo.png" alt="" width="40" height="30">'))
add("/external-nofollow/", page("/external-nofollow/", "External nofollow link",
                                links=a("{{EXTERNAL}}/ext/partner/", "Our partner's site", rel="nofollow sponsored")))
add("/private/public-page/", page("/private/public-page/", "Allowed by a longer Allow rule"))
add("/catalog/", page("/catalog/", "Catalog with sortable lists", links=a("/catalog/?sort=price", "Sort by price")))
add("/relative-canonical/", page("/relative-canonical/", "Relative self canonical", canonical="./"))
add("/fragment/", page("/fragment/", "Fragment links", links=a("#section", "Jump to the section")
                       + a("/docs/guide/#intro", "Guide introduction") + '<h2 id="section">Section</h2>'))
add("/whitespace-href/", page("/whitespace-href/", "Whitespace inside href",
                              links='<p><a href="  /docs/guide/\n  ">The guide, href with spaces</a></p>'))
add("/hreflang-fr/", page("/hreflang-fr/", "Page francaise avec hreflang", lang="fr", extra_head=(
    '<link rel="alternate" hreflang="fr" href="{{BASE}}/hreflang-fr/">\n'
    '<link rel="alternate" hreflang="en-GB" href="{{BASE}}/hreflang-en/">\n'
    '<link rel="alternate" hreflang="x-default" href="{{BASE}}/hreflang-fr/">'), links=a("/hreflang-en/", "English version")))
add("/hreflang-en/", page("/hreflang-en/", "English page with hreflang", extra_head=(
    '<link rel="alternate" hreflang="fr" href="{{BASE}}/hreflang-fr/">\n'
    '<link rel="alternate" hreflang="en-gb" href="{{BASE}}/hreflang-en/">\n'
    '<link rel="alternate" hreflang="x-default" href="{{BASE}}/hreflang-fr/">'), links=a("/hreflang-fr/", "Version française")))
add("/x-robots-otherbot/", page("/x-robots-otherbot/", "X-Robots-Tag for another bot only"))
ROUTES["/x-robots-otherbot/"] = {"file": "x-robots-otherbot/index.html", "headers": {"X-Robots-Tag": "otherbot: noindex, nofollow"}}
add("/index-follow/", page("/index-follow/", "Explicit index, follow", head_title_raw=True,
                           title="\n    Explicit   index and follow,\n   a title with spaces   \n",
                           extra_head='<meta name="robots" content="index, follow, max-image-preview:large">'))
ROUTES["/index-follow/"] = {"file": "index-follow/index.html",
                            "headers": {"X-Robots-Tag": "unavailable_after: 25 Jun 2030 15:00:00 GMT"}}
add("/deep/1/", page("/deep/1/", "Deep level one", links=a("/deep/2/", "Level two")))
add("/deep/2/", page("/deep/2/", "Deep level two", links=a("/deep/3/", "Level three")))
add("/deep/3/", page("/deep/3/", "Deep level three", links=a("/deep/4/", "Level four")))
add("/deep/4/", page("/deep/4/", "Deep level four, still fine", links=a("/deep/5/", "Level five")))
add("/Latin1/", "")   # placeholder, replaced below (Latin-1 bytes)
del PAGES["/Latin1/"]

# ----------------------------------------------------------------------------- seeded defects
add("/deep/5/", page("/deep/5/", "Deep level five, too deep"))
add("/broken-link/", page("/broken-link/", "Links to broken internal pages",
                          links=a("/gone/", "A page that is gone") + a("/server-error/", "A page that fails")))
ROUTES["/server-error/"] = {"status": 500, "body": "<h1>Internal Server Error</h1>"}
add("/redirects-hub/", page("/redirects-hub/", "Links to redirecting URLs", links=(
    a("/redirect-chain/", "Chain") + a("/redirect-loop/", "Loop") + a("/redirect-302/", "Found")
    + a("/redirect-307/", "Temporary"))))
ROUTES["/redirect-chain/"] = {"status": 301, "headers": {"Location": "/redirect-chain-2/"}}
ROUTES["/redirect-chain-2/"] = {"status": 301, "headers": {"Location": "/docs/guide/"}}
ROUTES["/redirect-loop/"] = {"status": 301, "headers": {"Location": "/redirect-loop/"}}
ROUTES["/redirect-302/"] = {"status": 302, "headers": {"Location": "/docs/guide/"}}
ROUTES["/redirect-307/"] = {"status": 307, "headers": {"Location": "/docs/guide/"}}
add("/meta-refresh/", page("/meta-refresh/", "Meta refresh page", extra_head='<meta http-equiv="refresh" content="5; url=/docs/guide/">'))
add("/noindex-meta/", page("/noindex-meta/", "Noindex in meta robots", extra_head='<meta name="ROBOTS" content="NoIndex, Follow">'))
add("/noindex-googlebot/", page("/noindex-googlebot/", "Noindex in meta googlebot", extra_head='<meta name="googlebot" content="noindex">'))
add("/noindex-header/", page("/noindex-header/", "Noindex in X-Robots-Tag"))
ROUTES["/noindex-header/"] = {"file": "noindex-header/index.html", "headers": {"X-Robots-Tag": "NOINDEX"}}
add("/sitemap-noindex/", page("/sitemap-noindex/", "Noindex page listed in the sitemap", extra_head='<meta name="robots" content="noindex">'))
add("/private/secret/", page("/private/secret/", "Disallowed by robots.txt"))
add("/canonicalised/", page("/canonicalised/", "Canonical to another page", canonical="{{BASE}}/docs/guide/"))
add("/canonical-to-404/", page("/canonical-to-404/", "Canonical to a 404", canonical="/gone/"))
add("/canonical-to-redirect/", page("/canonical-to-redirect/", "Canonical to a redirect", canonical="/redirect-302/"))
add("/canonical-to-noindex/", page("/canonical-to-noindex/", "Canonical to a noindex page", canonical="/noindex-meta/"))
add("/title-missing/", page("/title-missing/", "No title element", title=None))
add("/title-dup-a/", page("/title-dup-a/", "Duplicate title A", title="Same title on two pages of the shop"))
add("/title-dup-b/", page("/title-dup-b/", "Duplicate title B", title="Same title on two pages of the shop"))
add("/title-long/", page("/title-long/", "Long title", title="A title that goes on and on about tents, bags, shoes and jackets"))
add("/title-short/", page("/title-short/", "Short title", title="Tents"))
add("/title-multiple/", page("/title-multiple/", "Two title elements", extra_head="<title>A second title element here</title>"))
add("/desc-missing/", page("/desc-missing/", "No meta description", desc=None))
add("/desc-dup-a/", page("/desc-dup-a/", "Duplicate description A", desc="This description is used on two different pages of the fixture shop."))
add("/desc-dup-b/", page("/desc-dup-b/", "Duplicate description B", desc="This description is used on two different pages of the fixture shop."))
add("/desc-long/", page("/desc-long/", "Long description", desc="A meta description that is far too long: " + "tents, bags, shoes, jackets and stoves for every season, " * 3))
add("/h1-missing/", page("/h1-missing/", "No H1 heading", h1=None))
add("/h1-multiple/", page("/h1-multiple/", "Two H1 headings", links="<h1>A second main heading</h1>"))
add("/thin/", page("/thin/", "Thin content", n_words=60))
add("/dup-content-a/", page("/dup-content-a/", "Duplicate content A", body="<h1>Identical body</h1><p>" + words("dup") + "</p>"))
add("/dup-content-b/", page("/dup-content-b/", "Duplicate content B", body="<h1>Identical body</h1><p>" + words("dup") + "</p>"))
add("/img-alt-missing/", page("/img-alt-missing/", "Image without alt", links='<img src="/img/photo.png" width="40" height="30">'))
add("/img-broken/", page("/img-broken/", "Broken image", links='<img src="/img/missing.png" alt="Missing" width="40" height="30">'))
add("/internal-nofollow/", page("/internal-nofollow/", "Internal nofollow link", links=a("/docs/guide/", "The guide", rel="nofollow")))
add("/hreflang-no-return/", page("/hreflang-no-return/", "Hreflang without return link", extra_head=(
    '<link rel="alternate" hreflang="en" href="{{BASE}}/hreflang-no-return/">\n'
    '<link rel="alternate" hreflang="de" href="{{BASE}}/docs/guide/">\n'
    '<link rel="alternate" hreflang="x-default" href="{{BASE}}/hreflang-no-return/">')))
add("/hreflang-invalid/", page("/hreflang-invalid/", "Invalid hreflang code", extra_head=(
    '<link rel="alternate" hreflang="en-UK" href="{{BASE}}/hreflang-invalid/">\n'
    '<link rel="alternate" hreflang="x-default" href="{{BASE}}/hreflang-invalid/">')))
add("/orphan/", page("/orphan/", "Orphan page only in the sitemap"))
add("/no-viewport/", page("/no-viewport/", "No viewport", viewport=False))
add("/no-lang/", page("/no-lang/", "No html lang", lang=None))
add("/bad-jsonld/", page("/bad-jsonld/", "Invalid JSON-LD", jsonld='{"@context": "https://schema.org", "@type": "Product", "name": "Tent",}'))
add("/no-og/", page("/no-og/", "No Open Graph", og=False))
add("/Upper-Case/", page("/Upper-Case/", "Uppercase URL"))
add("/under_score/", page("/under_score/", "Underscore URL"))
add("/external-broken/", page("/external-broken/", "Broken external link", links=a("{{EXTERNAL}}/ext/missing/", "A dead partner page")))
ROUTES["/ext/partner/"] = {"status": 200, "body": "<html><head><title>Partner</title></head><body>partner</body></html>"}

NOT_LINKED = {"/orphan/", "/deep/2/", "/deep/3/", "/deep/4/", "/deep/5/", "/docs/guide/", "/hreflang-en/"}
NOT_IN_SITEMAP = {"/noindex-meta/", "/noindex-googlebot/", "/noindex-header/", "/private/secret/", "/canonicalised/",
                  "/canonical-to-404/", "/canonical-to-redirect/", "/canonical-to-noindex/"}
SITEMAP_EXTRA = ["/sitemap-gone/"]

LATIN1_TITLE = "Crème brûlée à la française, été"
LATIN1_BODY = ("<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"iso-8859-1\">\n"
               f"<title>{LATIN1_TITLE}</title>\n"
               "<meta name=\"description\" content=\"Pâtisseries, crèmes et goûters de randonnée : des recettes "
               "françaises à emporter en été comme en hiver.\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<link rel=\"canonical\" href=\"{{BASE}}/latin1/\">\n"
               "<meta property=\"og:title\" content=\"Crème brûlée\"><meta property=\"og:type\" content=\"article\">"
               "<meta property=\"og:image\" content=\"{{BASE}}/img/photo.png\"><meta property=\"og:url\" content=\"{{BASE}}/latin1/\">\n"
               "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"Recipe\", \"name\": \"Crème brûlée\"}</script>\n"
               "</head>\n<body>\n<nav><a href=\"/\">Accueil de la boutique</a></nav>\n<main>\n<h1>Crème brûlée à emporter</h1>\n"
               f"<p>Été, forêt, crème, brûlée, château, garçon. {words('latin1', 250)}</p>\n"
               "<img src=\"/img/photo.png\" alt=\"Une crème brûlée\" width=\"40\" height=\"30\">\n</main>\n</body>\n</html>\n")


def main() -> None:
    if ROOT.exists():
        shutil.rmtree(ROOT)
    ROOT.mkdir(parents=True)
    (ROOT / "img").mkdir()
    shutil.copy(Path(__file__).with_name("photo.png"), ROOT / "img" / "photo.png")
    linked = sorted(p for p in [*PAGES, "/latin1/", "/sitemap-noindex/"] if p not in NOT_LINKED)
    linked = list(dict.fromkeys(linked))
    home_links = "\n".join(f'<li><a href="{p}">{p.strip("/").replace("/", " ").replace("-", " ") or "home"} page</a></li>'
                           for p in linked)
    PAGES["/"] = page("/", "Fixture Outdoor Shop home", title="Fixture Outdoor Shop: tents, bags and shoes",
                      links=f"<ul>\n{home_links}\n</ul>", canonical="{{BASE}}/")
    for path, text in PAGES.items():
        f = ROOT / path.strip("/") / "index.html" if path != "/" else ROOT / "index.html"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    (ROOT / "latin1").mkdir()
    (ROOT / "latin1" / "index.html").write_bytes(LATIN1_BODY.encode("iso-8859-1"))
    ROUTES["/latin1/"] = {"file": "latin1/index.html", "content_type": "text/html; charset=iso-8859-1"}
    sitemap_urls = [p for p in [*PAGES, "/latin1/"] if p not in NOT_IN_SITEMAP] + SITEMAP_EXTRA
    (ROOT / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(f"  <url><loc>{{{{BASE}}}}{p}</loc></url>\n" for p in sorted(sitemap_urls)) + "</urlset>\n",
        encoding="utf-8")
    (ROOT / "robots.txt").write_text(
        "# RFC 9309: the longest match wins, so the Allow below outranks the shorter Disallow.\n"
        "User-agent: *\nDisallow: /private/\nAllow: /private/public-page/\nDisallow: /*?sort=\nDisallow: /*.pdf$\n\n"
        "User-agent: GPTBot\nDisallow: /\n\nSitemap: {{BASE}}/sitemap.xml\n", encoding="utf-8")
    (ROOT / "llms.txt").write_text("# Fixture Outdoor Shop\n\n> Tents, bags and shoes.\n\n## Pages\n\n- [Guide]({{BASE}}/docs/guide/)\n",
                                   encoding="utf-8")
    (ROOT / "routes.json").write_text(json.dumps(ROUTES, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
