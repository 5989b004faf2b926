"""Generate the scale benchmark's site: 100,000 light pages (~6 KB, ~55 links each), every one reachable.

The 3,000-page shop (generate.py) measures parsing cost; this one measures what grows with a crawl's
size: the frontier, the seen-set, caches, the database. Page ``i`` links to its ``FANOUT`` children
(``i*FANOUT+1 ..``), so the link tree reaches every page within 4 clicks and the frontier holds tens of
thousands of queued URLs at once; 15 "related" links to random pages make most links point at URLs
already seen (the seen-set lookups of a real site), plus a menu, a footer, an image and a mailto.
Deterministic (seeded). Files go under ``p/<i // 1000>/<i>.html``.

    python tests/bench/crawl_site/scale.py OUT_DIR [N_PAGES]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = ["robe", "été", "légère", "coton", "bio", "livraison", "offerte", "retour", "gratuit", "taille", "ajustée",
         "motif", "fleuri", "collection", "nouvelle", "soldes", "veste", "pantalon", "chemise", "lin", "élégante",
         "confortable", "qualité", "française", "atelier", "couleur", "bleu", "marine", "écru", "rouge", "brique",
         "découvrez", "sélection", "pièces", "essentielles", "garde-robe", "saison", "matière", "douce", "entretien",
         "facile", "lavable", "machine", "fabriqué", "portugal", "délai", "expédition", "heures", "paiement"]
FANOUT = 25
RELATED = 15
N_IMAGES = 50
AIDE = ("livraison", "retours", "contact", "cgv", "mentions-legales", "plan-du-site")


def path_of(i: int) -> str:
    return "/" if i == 0 else f"/p/{i // 1000}/{i}.html"


def generate(out: Path, n_pages: int = 100_000) -> int:
    """Write the site into ``out``; returns the number of HTML pages."""
    rng = random.Random(20261128)
    paras = [" ".join(rng.choice(WORDS) for _ in range(130)) for _ in range(997)]
    names = [" ".join(rng.choice(WORDS) for _ in range(3)) for _ in range(991)]
    menu = "<nav>" + "".join(f'<a href="{path_of(k)}">Rayon {k}</a>' for k in range(1, 11)) + "</nav>"
    footer = ("<footer>" + " · ".join(f'<a href="/aide/{w}.html">{w}</a>' for w in AIDE)
              + ' · <a href="mailto:service@boutique.example">Écrivez-nous</a></footer>')
    made_dirs: set[Path] = set()
    count = 0

    def write(path: str, html: str) -> None:
        nonlocal count
        f = out / (path.lstrip("/") or "index.html")
        if f.parent not in made_dirs:
            f.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(f.parent)
        f.write_text(html, encoding="utf-8")
        count += 1

    def page(path: str, title: str, body: str) -> str:
        return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} | Boutique</title>'
                f'<meta name="description" content="{title} : livraison offerte, retours gratuits.">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<link rel="canonical" href="{path}"><meta property="og:title" content="{title}"></head>'
                f'<body><header><a href="/">Boutique</a>{menu}</header><main><h1>{title}</h1>{body}</main>'
                f'{footer}</body></html>')

    for i in range(n_pages):
        kids = range(i * FANOUT + 1, min((i + 1) * FANOUT + 1, n_pages))
        related = [rng.randrange(n_pages) for _ in range(RELATED)]
        title = f"{names[i % 991].capitalize()} réf. {i}"
        body = (f'<img src="/img/{i % N_IMAGES}.jpg" alt="{names[(i * 7) % 991]}" width="400" height="300">'
                f"<p>{paras[i % 997]} réf-{i}</p><p>{paras[(i * 31 + 5) % 997]}</p>"
                '<h2>Rayons</h2><ul class="kids">'
                + "".join(f'<li><a href="{path_of(k)}">{names[k % 991]}</a></li>' for k in kids)
                + '</ul><h2>Vous aimerez aussi</h2><ul class="related">'
                + "".join(f'<li><a href="{path_of(k)}">{names[k % 991]}</a></li>' for k in related) + "</ul>")
        write(path_of(i), page(path_of(i), title, body))
    for w in AIDE:
        write(f"/aide/{w}.html", page(f"/aide/{w}.html", w.capitalize(), f"<p>{paras[len(w)]}</p>"))
    (out / "img").mkdir(parents=True, exist_ok=True)
    for k in range(N_IMAGES):
        (out / "img" / f"{k}.jpg").write_bytes(b"\xff\xd8\xff" + bytes(2000))
    (out / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    return count


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100_000))
