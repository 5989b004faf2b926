"""Generate the crawl benchmark's site: a shop of 3,000+ pages of realistic weight.

Every page carries what a real shop template carries, because tiny pages hide the cost of parsing:
- inline CSS (~25 KB) and inline JS (~15 KB, a tag-manager data layer), JSON-LD;
- a mega-menu (8 departments x 10 categories x 2 sub-links, with images): ~250 links;
- a product grid of 24 cards (image with srcset, name, price), breadcrumbs, pagination;
- a footer of ~40 links (help, legal, social, mailto:, tel:).
About 90 KB of HTML and 300+ links per page. Every internal link points to a page that exists, so a
crawler discovers the whole site from the home page. Deterministic (seeded).

    python tests/bench/crawl_site/generate.py OUT_DIR [N_PRODUCTS]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

WORDS = ["robe", "été", "légère", "coton", "bio", "livraison", "offerte", "retour", "gratuit", "taille", "ajustée", "motif", "fleuri", "collection", "nouvelle", "soldes", "veste", "pantalon", "chemise", "lin", "élégante", "confortable", "qualité", "française", "atelier", "couleur", "bleu", "marine", "écru", "rouge", "brique", "découvrez", "sélection", "pièces", "essentielles", "garde-robe", "saison", "matière", "douce", "entretien", "facile", "lavable", "machine", "fabriqué", "portugal", "délai", "expédition", "heures", "paiement", "sécurisé"]
DEPTS = ["femme", "homme", "enfant", "maison", "beaute", "chaussures", "accessoires", "soldes"]
CATS = ["robes", "jupes", "tops", "pantalons", "vestes", "manteaux", "pulls", "jeans", "lingerie", "sport"]
PER_PAGE = 24
N_IMAGES = 60          # product photos are shared: the benchmark measures page crawling, not image checks


def _w(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _css() -> str:
    return "".join(f".c{k}{{margin:{k % 7}px {k % 5}px;padding:0 {k % 3}em;color:#{k * 2654435761 % 0xFFFFFF:06x};"
                   f"font:400 {12 + k % 6}px/1.4 system-ui}}\n" for k in range(400))


def _js(i: int) -> str:
    return "".join(f"window.dataLayer=window.dataLayer||[];dataLayer.push({{event:'view_{k}',item:'sku-{i}-{k}',"
                   f"value:{k * 1.5:.2f}}});function f{k}(a){{return a&&a.length>{k}?a.slice(0,{k}):a}}\n"
                   for k in range(110))


def _menu() -> str:
    out = ['<nav class="mega" aria-label="Menu"><ul>']
    for d in DEPTS:
        cols = []
        for c in CATS:
            cols.append(f'<li class="col"><a href="/c/{d}/{c}/">{c.capitalize()}</a><ul>'
                        f'<li><a href="/c/{d}/{c}/page-2.html" class="menu-link">{c} page 2</a></li>'
                        f'<li><a href="/c/{d}/{c}/?sort=price" class="menu-link">{c} par prix</a></li></ul></li>')
        out.append(f'<li class="top"><a href="/c/{d}/">{d.capitalize()}</a><div class="panel"><ul>{"".join(cols)}'
                   f'</ul><img src="/img/menu/{d}.jpg" alt="{d}" width="300" height="200" loading="lazy"></div></li>')
    out.append("</ul></nav>")
    return "".join(out)


def _footer() -> str:
    links = [f'<a href="/aide/{w}.html">{w}</a>' for w in ("livraison", "retours", "tailles", "contact", "faq",
                                                            "cgv", "mentions-legales", "cookies", "magasins",
                                                            "carte-cadeau", "fidelite", "presse", "recrutement",
                                                            "engagements", "blog", "plan-du-site")]
    links += ['<a href="mailto:service@boutique.example">Écrivez-nous</a>', '<a href="tel:+33100000000">Appelez</a>']
    links += [f'<a href="https://{s}.example/boutique" rel="nofollow noopener">{s}</a>'
              for s in ("facebook", "instagram", "pinterest", "youtube")]
    return f'<footer class="site-footer">{" · ".join(links)}<p>{"© Boutique — " * 20}</p></footer>'


def _card(rng: random.Random, pid: int) -> str:
    img = pid % N_IMAGES
    return (f'<article class="product c{pid % 300}"><a href="/p/{pid}.html"><picture>'
            f'<source type="image/webp" srcset="/img/p/{img}-400.webp 400w, /img/p/{img}-800.webp 800w">'
            f'<img src="/img/p/{img}.jpg" alt="{_w(rng, 4)}" width="400" height="533"></picture></a>'
            f'<h3 class="name"><a href="/p/{pid}.html">{_w(rng, 5).capitalize()}</a></h3>'
            f'<p class="price"><span class="amount">{rng.randint(9, 199)},99&nbsp;€</span></p>'
            f'<p class="desc">{_w(rng, 40)}</p></article>')


def _page(title: str, canonical: str, crumbs: list[tuple[str, str]], body: str, i: int, menu: str, footer: str,
          css: str) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": k + 1, "name": n, "item": u} for k, (n, u) in enumerate(crumbs)]})
    crumb_html = " › ".join(f'<a href="{u}">{n}</a>' for n, u in crumbs)
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} | Boutique</title>'
            f'<meta name="description" content="{title} : livraison offerte, retours gratuits.">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="canonical" href="{canonical}"><link rel="stylesheet" href="/static/site.css">'
            f'<meta property="og:title" content="{title}"><style>{css}</style>'
            f'<script type="application/ld+json">{ld}</script><script>{_js(i)}</script></head>'
            f'<body><header><a href="/" class="logo">Boutique</a>{menu}</header>'
            f'<main><nav class="crumbs">{crumb_html}</nav><h1>{title}</h1>{body}</main>{footer}'
            f'<script src="/static/app.js" defer></script></body></html>')


def generate(out: Path, n_products: int = 3000) -> int:
    """Write the site into ``out``; returns the number of HTML pages."""
    rng = random.Random(20261128)
    menu, footer, css = _menu(), _footer(), _css()
    out.mkdir(parents=True, exist_ok=True)
    cats = [(d, c) for d in DEPTS for c in CATS]
    per_cat = -(-n_products // len(cats))
    count = 0

    def write(path: str, html: str) -> None:
        nonlocal count
        f = out / path.lstrip("/")
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(html, encoding="utf-8")
        count += 1

    grid = lambda ids: '<section class="grid">' + "".join(_card(rng, p) for p in ids) + "</section>"  # noqa: E731
    write("/index.html", _page("Boutique de mode", "/", [("Accueil", "/")],
                               grid(range(min(PER_PAGE, n_products))) + f"<p>{_w(rng, 300)}</p>", 0, menu, footer, css))
    for d in DEPTS:
        write(f"/c/{d}/index.html", _page(d.capitalize(), f"/c/{d}/", [("Accueil", "/"), (d, f"/c/{d}/")],
                                           grid(rng.sample(range(n_products), PER_PAGE)), 1, menu, footer, css))
    for k, (d, c) in enumerate(cats):
        ids = [p for p in range(k * per_cat, min((k + 1) * per_cat, n_products))]
        pages = [ids[j:j + PER_PAGE] for j in range(0, len(ids), PER_PAGE)] or [[]]
        while len(pages) < 2:
            pages.append(rng.sample(range(n_products), PER_PAGE))
        for j, chunk in enumerate(pages, 1):
            path = f"/c/{d}/{c}/" if j == 1 else f"/c/{d}/{c}/page-{j}.html"
            pager = " ".join(f'<a href="/c/{d}/{c}/{"" if q == 1 else f"page-{q}.html"}">{q}</a>'
                             for q in range(1, len(pages) + 1))
            write(path + ("index.html" if path.endswith("/") else ""),
                  _page(f"{c.capitalize()} {d}", path, [("Accueil", "/"), (d, f"/c/{d}/"), (c, f"/c/{d}/{c}/")],
                        grid(chunk) + f'<nav class="pager">{pager}</nav>', j, menu, footer, css))
    for p in range(n_products):
        k = min(p // per_cat, len(cats) - 1)
        d, c = cats[k]
        body = (f'<div class="product-page"><img src="/img/p/{p % N_IMAGES}.jpg" alt="{_w(rng, 5)}" width="800" '
                f'height="1066"><p>{_w(rng, 250)}</p></div><h2>Vous aimerez aussi</h2>'
                + grid(rng.sample(range(n_products), 12)))
        write(f"/p/{p}.html", _page(_w(rng, 5).capitalize(), f"/p/{p}.html",
                                    [("Accueil", "/"), (d, f"/c/{d}/"), (c, f"/c/{d}/{c}/")], body, p, menu, footer,
                                    css))
    for w in ("livraison", "retours", "tailles", "contact", "faq", "cgv", "mentions-legales", "cookies", "magasins",
              "carte-cadeau", "fidelite", "presse", "recrutement", "engagements", "blog", "plan-du-site"):
        write(f"/aide/{w}.html", _page(w.capitalize(), f"/aide/{w}.html", [("Accueil", "/")], f"<p>{_w(rng, 400)}</p>",
                                       2, menu, footer, css))
    # static files: images, css, js (small), robots.txt
    for sub in ("img/p", "img/menu", "static"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    for i in range(N_IMAGES):
        for name in (f"{i}.jpg", f"{i}-400.webp", f"{i}-800.webp"):
            (out / "img/p" / name).write_bytes(b"\xff\xd8\xff" + bytes(2000))
    for d in DEPTS:
        (out / "img/menu" / f"{d}.jpg").write_bytes(b"\xff\xd8\xff" + bytes(2000))
    (out / "static/site.css").write_text(css)
    (out / "static/app.js").write_text("console.log('app');\n")
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /panier/\n")
    return count


if __name__ == "__main__":
    n = generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3000)
    print(f"{n} pages written to {sys.argv[1]}")
