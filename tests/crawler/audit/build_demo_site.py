"""Writes data/demo/site/: the static website of the demo client, Maison Sentier (see data/demo/README.md).

French pages at the root, English ones under /en/, robots.txt, sitemap.xml and llms.txt. The site is
mostly healthy; a handful of realistic defects are seeded so the demo report has findings:

- /produit/sac-50l-trek/            title over 60 characters
- /produit/chaussure-rando-gtx/     thin content (well under 200 words)
- /produit/veste-pluie-storm/       broken image (/img/veste-storm-dos.png is missing)
- /produit/tente-2p-ultralight/     an <img> without alt
- /blog/preparer-sa-premiere-randonnee/  link to a page that no longer exists (404)
- /blog/choisir-ses-chaussures/     no meta description
- /en/product/trail-shoe-x1/        hreflang to the French page, which does not link back
- /promo_automne/                   underscore in the URL
- /panier/                          noindex (intended: the cart)

Run: ``.venv/bin/python tests/crawler/audit/build_demo_site.py``. Links are root-relative so the site works
on any host (the demo serves it on an ephemeral loopback port); the sitemap carries production URLs.
"""

from __future__ import annotations

import html
import json
import random
import shutil
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3] / "data" / "demo" / "site"
PROD = "https://www.maison-sentier.example"

FR_POOL = [
    "Chaque produit de notre catalogue est testé sur le terrain par l'équipe avant d'entrer en boutique.",
    "Nous sélectionnons des matériaux durables, réparables et fabriqués dans des ateliers que nous avons visités.",
    "Sur les sentiers des Alpes comme dans les Vosges, un équipement adapté change la journée de marche.",
    "La membrane imperméable laisse s'échapper la transpiration tout en bloquant la pluie battante.",
    "Un bon laçage maintient le talon et évite les ampoules dans les longues descentes caillouteuses.",
    "Le poids porté sur le dos se répartit mieux quand la ceinture ventrale est bien ajustée sur les hanches.",
    "Nos conseillers répondent à vos questions par téléphone du lundi au samedi, de neuf heures à dix-huit heures.",
    "La livraison est offerte dès soixante euros d'achat en France métropolitaine, en point relais ou à domicile.",
    "Vous disposez de trente jours pour changer d'avis, et le retour en magasin reste toujours gratuit.",
    "Les semelles à crampons profonds accrochent sur le rocher humide comme sur la boue des sous-bois.",
    "Une tente bien tendue résiste mieux au vent et sèche plus vite le matin après une nuit de rosée.",
    "Pensez à imperméabiliser de nouveau votre veste après plusieurs lavages pour garder son efficacité.",
    "Le dos ventilé du sac laisse circuler l'air et limite la transpiration lors des montées raides.",
    "Les coutures thermosoudées empêchent l'eau de s'infiltrer même sous une averse de plusieurs heures.",
    "Pour une première sortie, choisissez un itinéraire court avec un dénivelé raisonnable et des points d'eau.",
    "Nos fiches techniques détaillent le poids, les dimensions et la composition de chaque article.",
    "La garantie de deux ans couvre les défauts de fabrication, et notre atelier répare les fermetures éclair.",
    "Un sac de trente litres suffit pour la journée, avec une veste, de l'eau, un pique-nique et une trousse de secours.",
    "Pour un trek de plusieurs jours, comptez cinquante litres afin d'emporter le couchage et la popote.",
    "La pointure idéale laisse un doigt d'espace devant les orteils, car le pied gonfle au fil des heures.",
    "Nous recommandons d'essayer les chaussures en fin de journée, avec les chaussettes que vous porterez en marche.",
    "Les arceaux en aluminium allient légèreté et solidité, et se remplacent facilement en cas de casse.",
    "La capuche réglable suit les mouvements de la tête sans réduire le champ de vision.",
    "Le tissu ripstop stoppe la propagation d'une déchirure accidentelle contre une branche ou un rocher.",
    "Nos emballages sont en carton recyclé, sans plastique, et nos colis partent le jour même avant quinze heures.",
    "Le club de randonnée de votre région bénéficie d'une remise sur présentation de la licence fédérale.",
    "Un drap de sac en soie ajoute quelques degrés de confort et garde le duvet propre plus longtemps.",
    "La doudoune se compresse dans sa propre poche et prend à peine plus de place qu'une gourde.",
    "Les bâtons de marche soulagent les genoux de près d'un quart de la charge dans les descentes.",
    "Vérifiez la météo de montagne la veille et le matin même : les orages arrivent vite en été.",
    "Le duvet synthétique garde sa chaleur même humide, un atout lors des bivouacs en automne.",
    "Les œillets métalliques et les crochets autobloquants permettent un serrage rapide avec des gants.",
    "Nos vendeurs pratiquent eux-mêmes la randonnée, le trail et l'alpinisme toute l'année.",
    "Un système de portage bien réglé place le poids près du dos et au niveau des omoplates.",
    "La ventilation sous les bras évacue la chaleur pendant l'effort sans avoir à ouvrir la veste.",
    "Les semelles intérieures amovibles se lavent à la main et sèchent en une nuit près d'une source de chaleur.",
    "Pour le bivouac, choisissez un terrain plat, à l'abri du vent, loin des cours d'eau et des sentiers.",
    "Une lampe frontale rechargeable et une couverture de survie trouvent toujours leur place dans le sac.",
    "Nos produits reconditionnés sont contrôlés, nettoyés et vendus avec la même garantie que le neuf.",
    "Le rabat étanche protège la fermeture principale et se referme d'un simple scratch.",
    "Le tapis de sol gonflable isole du froid du sol, bien plus qu'un simple matelas en mousse.",
    "La double paroi de la tente limite la condensation et garde l'intérieur sec au réveil.",
    "Les modèles pour femmes ont un volume et une forme de talon pensés pour la morphologie du pied.",
    "Les poches latérales en filet gardent une gourde à portée de main sans retirer le sac.",
    "Notre magasin de Grenoble accueille des ateliers gratuits sur la lecture de carte et l'orientation.",
    "La coque extérieure déperlante fait perler les gouttes d'eau qui glissent sans pénétrer le tissu.",
    "Un entretien régulier au savon doux prolonge la vie du cuir et de la membrane de vos chaussures.",
    "La ceinture amovible et les bretelles ajustables s'adaptent à toutes les longueurs de dos.",
    "Une paire de guêtres évite que les graviers et la neige n'entrent dans la tige des chaussures.",
    "Nous reversons un pour cent de notre chiffre d'affaires à l'entretien des sentiers de montagne.",
    "Les tests en laboratoire mesurent la colonne d'eau, la respirabilité et la résistance à l'abrasion.",
    "Le paiement en trois fois sans frais est possible à partir de cent cinquante euros d'achat.",
    "Les randonneurs qui partent tôt profitent de la fraîcheur et de la lumière rasante sur les crêtes.",
    "Le sifflet intégré à la sangle de poitrine peut servir à signaler sa présence en cas de besoin.",
    "Le kit de réparation livré avec la tente contient des manchons, de la toile adhésive et des sardines.",
    "La tige montante protège les chevilles sur les terrains accidentés et lors du portage de charges.",
    "Nos conseils de taille s'appuient sur des milliers d'avis de clients et sur nos propres essais.",
    "Les sardines en aluminium tiennent dans les sols durs, et les sardines larges dans la neige ou le sable.",
    "La veste se range dans sa capuche et s'accroche au harnais grâce à une boucle dédiée.",
    "Une pause toutes les heures permet de boire, de manger un peu et de vérifier l'itinéraire.",
]
EN_POOL = [
    "Every product in our range is field-tested by the team before it reaches the shop.",
    "We choose durable, repairable materials made in workshops we have visited ourselves.",
    "Delivery is free from sixty euros in mainland France, to a pick-up point or to your door.",
    "You have thirty days to change your mind, and returns in store are always free.",
    "Our advisers answer your questions by phone from Monday to Saturday, nine to six.",
    "The waterproof membrane lets sweat escape while keeping driving rain out.",
    "A well-fitted hip belt carries most of the load and spares your shoulders on long days.",
    "Deep lugs grip wet rock as well as the mud of forest paths.",
    "The two-year warranty covers manufacturing defects, and our workshop repairs zips.",
    "Our packaging is recycled cardboard with no plastic, and parcels leave the same day before three.",
    "Try shoes on at the end of the day, wearing the socks you will hike in.",
    "Reproof your jacket after several washes to keep its water repellency.",
    "Our staff hike, run trails and climb all year round.",
    "Refurbished products are checked, cleaned and sold with the same warranty as new ones.",
    "We give one percent of our turnover to the upkeep of mountain trails.",
    "Lab tests measure hydrostatic head, breathability and abrasion resistance.",
    "Pay in three instalments at no extra cost from one hundred and fifty euros.",
    "Our size advice draws on thousands of customer reviews and our own trials.",
    "The Grenoble shop runs free workshops on map reading and navigation.",
    "Check the mountain forecast the day before and on the morning itself: summer storms build quickly.",
    "A rest every hour is the moment to drink, eat a little and check the route.",
    "Ripstop fabric stops an accidental tear from spreading after a brush with a branch or a rock.",
    "The adjustable hood follows your head without narrowing your field of view.",
    "Removable insoles can be hand-washed and dry overnight near a source of warmth.",
    "Trekking poles take close to a quarter of the load off your knees on the way down.",
    "Early starters enjoy cool air and low light on the ridges.",
    "Gaiters stop gravel and snow getting into your boots.",
    "Our product sheets list the weight, the dimensions and the materials of every item.",
    "A head torch and a survival blanket always find room in the pack.",
    "Hiking clubs get a discount on presentation of their federation licence.",
]

PAGES: list[dict] = []


def add(path, title, desc, h1, intro, *, lang="fr", kind="page", n=15, alternates=None, extra_body="", img=None,
        img_alt="", noindex=False, jsonld=None, title_override=None):
    PAGES.append(dict(path=path, title=title_override or title, desc=desc, h1=h1, intro=intro, lang=lang, kind=kind,
                      n=n, alternates=alternates or {}, extra_body=extra_body, img=img, img_alt=img_alt,
                      noindex=noindex, jsonld=jsonld))


def product(path, name, price, cat, intro, extra_body="", **kw):
    add(path, f"{name} | Maison Sentier", f"{name} à {price} € : {intro[:90].rstrip(' ,.')}. Livraison offerte dès 60 €.",
        name, intro, img=f"/img/{path.strip('/').split('/')[-1]}.png", img_alt=f"{name}, vue de profil",
        jsonld={"@context": "https://schema.org", "@type": "Product", "name": name, "brand": "Maison Sentier",
                "offers": {"@type": "Offer", "price": str(price), "priceCurrency": "EUR",
                           "availability": "https://schema.org/InStock"}},
        extra_body=f'<p class="prix">{price} € TTC</p><p><a href="{cat}">Retour à la catégorie</a></p>' + extra_body, **kw)


ALT_HOME = {"fr": "/", "en": "/en/", "x-default": "/"}
add("/", "Maison Sentier : équipement de randonnée et de trail",
    "Chaussures, sacs à dos, vestes et tentes pour la randonnée et le trail, testés sur le terrain. Livraison offerte dès 60 €.",
    "Équipement de randonnée et de trail",
    "Maison Sentier équipe les randonneurs depuis 1998, de la balade du dimanche au trek de plusieurs semaines.",
    alternates=ALT_HOME, n=16,
    jsonld={"@context": "https://schema.org", "@type": "Organization", "name": "Maison Sentier", "url": PROD + "/"},
    extra_body=('<p><a href="/promo_automne/">Les promotions d\'automne sur les vestes et les duvets</a></p>'
                '<ul><li><a href="/produit/chaussure-trail-x1/">Chaussure Trail X1</a></li>'
                '<li><a href="/produit/sac-30l-alpin/">Sac 30 L Alpin</a></li>'
                '<li><a href="/produit/tente-2p-ultralight/">Tente 2 places Ultralight</a></li></ul>'))
for cat, name, intro, prods, alt in [
    ("/categorie/chaussures/", "Chaussures de randonnée et de trail",
     "Chaussures basses pour le trail, tiges montantes pour la randonnée, modèles d'approche pour le rocher.",
     [("/produit/chaussure-trail-x1/", "Chaussure Trail X1"), ("/produit/chaussure-rando-gtx/", "Chaussure Rando GTX"),
      ("/produit/chaussure-approche-roc/", "Chaussure d'approche Roc")], {"fr": "/categorie/chaussures/", "en": "/en/category/shoes/", "x-default": "/categorie/chaussures/"}),
    ("/categorie/sacs-a-dos/", "Sacs à dos de randonnée",
     "Du sac de journée au sac de trek, des volumes de vingt à soixante-cinq litres pour chaque sortie.",
     [("/produit/sac-30l-alpin/", "Sac 30 L Alpin"), ("/produit/sac-50l-trek/", "Sac 50 L Trek")], None),
    ("/categorie/vestes/", "Vestes imperméables et doudounes",
     "Vestes de pluie respirantes, softshells et doudounes compressibles pour toutes les saisons.",
     [("/produit/veste-pluie-storm/", "Veste de pluie Storm"), ("/produit/veste-doudoune-cime/", "Doudoune Cime")], None),
    ("/categorie/tentes/", "Tentes de randonnée et de bivouac",
     "Tentes légères pour le bivouac, tentes dômes pour le camping en famille, abris et accessoires.",
     [("/produit/tente-2p-ultralight/", "Tente 2 places Ultralight")], None),
]:
    links = "<ul>" + "".join(f'<li><a href="{p}">{html.escape(n)}</a></li>' for p, n in prods) + "</ul>"
    add(cat, f"{name} | Maison Sentier", f"{intro.rstrip('.')}. Conseils d'experts et retours gratuits.",
        name, intro, extra_body=links, alternates=alt,
        jsonld={"@context": "https://schema.org", "@type": "CollectionPage", "name": name})

product("/produit/chaussure-trail-x1/", "Chaussure Trail X1", 129, "/categorie/chaussures/",
        "Une chaussure de trail légère et accrocheuse, pensée pour les sentiers techniques et les courses longues.")
product("/produit/chaussure-rando-gtx/", "Chaussure Rando GTX", 159, "/categorie/chaussures/",
        "Tige montante imperméable et semelle crantée pour la randonnée en montagne.", n=3)       # seeded: thin
product("/produit/chaussure-approche-roc/", "Chaussure d'approche Roc", 139, "/categorie/chaussures/",
        "Une semelle adhérente et une pointe gomme pour les marches d'approche et les passages rocheux.")
product("/produit/sac-30l-alpin/", "Sac 30 L Alpin", 89, "/categorie/sacs-a-dos/",
        "Un sac de journée de trente litres, avec dos ventilé, porte-piolet et poche hydratation.")
product("/produit/sac-50l-trek/", "Sac 50 L Trek", 169, "/categorie/sacs-a-dos/",
        "Le sac des treks de plusieurs jours : portage réglable, accès frontal et housse de pluie intégrée.",
        title_override="Sac à dos de trek 50 litres avec housse de pluie intégrée | Maison Sentier")  # seeded: long title
product("/produit/veste-pluie-storm/", "Veste de pluie Storm", 149, "/categorie/vestes/",
        "Une veste de pluie trois couches, respirante et légère, qui se range dans sa propre poche.",
        extra_body='<img src="/img/veste-storm-dos.png" alt="Veste Storm, vue de dos" width="400" height="300">')  # seeded
product("/produit/veste-doudoune-cime/", "Doudoune Cime", 179, "/categorie/vestes/",
        "Une doudoune en duvet responsable, chaude et compressible, pour les bivouacs et les soirées en refuge.")
product("/produit/tente-2p-ultralight/", "Tente 2 places Ultralight", 299, "/categorie/tentes/",
        "Une tente de bivouac pour deux personnes, d'un kilo et deux cents grammes, montée en trois minutes.",
        extra_body='<img src="/img/tente-2p-interieur.png" width="400" height="300">')  # seeded: no alt

add("/blog/", "Le blog de la randonnée | Maison Sentier",
    "Conseils de randonnée, choix du matériel, itinéraires et entretien : le blog de l'équipe Maison Sentier.",
    "Le blog de la randonnée", "Nos vendeurs partagent leurs conseils, leurs itinéraires préférés et leurs retours de tests.",
    extra_body=("<ul><li><a href=\"/blog/preparer-sa-premiere-randonnee/\">Préparer sa première randonnée</a></li>"
                "<li><a href=\"/blog/choisir-ses-chaussures/\">Bien choisir ses chaussures</a></li>"
                "<li><a href=\"/blog/bivouac-en-montagne/\">Réussir son premier bivouac</a></li>"
                "<li><a href=\"/blog/entretenir-sa-veste-impermeable/\">Entretenir sa veste imperméable</a></li></ul>"),
    jsonld={"@context": "https://schema.org", "@type": "Blog", "name": "Le blog Maison Sentier"})
for path, title, h1, intro, extra in [
    ("/blog/preparer-sa-premiere-randonnee/", "Préparer sa première randonnée", "Préparer sa première randonnée",
     "Itinéraire, météo, sac et chaussures : tout ce qu'il faut vérifier avant de partir pour la première fois.",
     '<p>Téléchargez notre <a href="/blog/check-list-randonnee/">check-list de randonnée</a> à imprimer.</p>'),  # seeded 404
    ("/blog/choisir-ses-chaussures/", "Bien choisir ses chaussures de randonnée", "Bien choisir ses chaussures",
     "Tige basse ou montante, membrane ou non, semelle souple ou rigide : nos critères pour trouver la bonne paire.",
     '<p>Voir notre <a href="/categorie/chaussures/">rayon chaussures</a>.</p>'),
    ("/blog/bivouac-en-montagne/", "Réussir son premier bivouac en montagne", "Réussir son premier bivouac",
     "Où planter sa tente, que manger, comment dormir au chaud : le guide du premier bivouac.",
     '<p>Voir nos <a href="/categorie/tentes/">tentes de bivouac</a>.</p>'),
    ("/blog/entretenir-sa-veste-impermeable/", "Entretenir sa veste imperméable", "Entretenir sa veste imperméable",
     "Lavage, séchage et réimperméabilisation : trois gestes simples pour garder une veste efficace des années.",
     '<p>Voir nos <a href="/categorie/vestes/">vestes de pluie</a>.</p>'),
]:
    add(path, f"{title} | Maison Sentier",
        None if path == "/blog/choisir-ses-chaussures/" else f"{intro[:140].rstrip('.')}.",   # seeded: no description
        h1, intro, extra_body=extra, n=18,
        jsonld={"@context": "https://schema.org", "@type": "BlogPosting", "headline": title,
                "author": {"@type": "Organization", "name": "Maison Sentier"}})
for path, title, intro, alt in [
    ("/contact/", "Contacter Maison Sentier", "Une question sur un produit, une commande ou un retour ? Notre équipe vous répond.", None),
    ("/mentions-legales/", "Mentions légales de Maison Sentier", "Éditeur du site, hébergeur, conditions générales de vente et données personnelles.", None),
    ("/a-propos/", "À propos de Maison Sentier", "Une boutique indépendante fondée à Grenoble par des randonneurs, pour des randonneurs.",
     {"fr": "/a-propos/", "en": "/en/about/", "x-default": "/a-propos/"}),
    ("/livraison-et-retours/", "Livraison et retours | Maison Sentier", "Délais, tarifs de livraison et retours gratuits sous trente jours.",
     {"fr": "/livraison-et-retours/", "en": "/en/delivery-and-returns/", "x-default": "/livraison-et-retours/"}),
    ("/guide-des-tailles/", "Guide des tailles | Maison Sentier", "Pointures, tailles de vestes et longueurs de dos : trouvez la bonne taille.", None),
    ("/promo_automne/", "Promotions d'automne | Maison Sentier", "Vestes, doudounes et duvets à prix réduits jusqu'à la fin du mois d'octobre.", None),
]:
    add(path, title, f"{intro} Maison Sentier, équipement de randonnée testé sur le terrain.", title.split(" | ")[0], intro,
        alternates=alt, jsonld={"@context": "https://schema.org", "@type": "WebPage", "name": title})
add("/panier/", "Votre panier | Maison Sentier", "Les articles de votre panier Maison Sentier, prêts à être commandés.",
    "Votre panier", "Votre panier est vide pour le moment.", n=2, noindex=True)

add("/en/", "Maison Sentier: hiking and trail running gear",
    "Shoes, backpacks, jackets and tents for hiking and trail running, tested in the field. Free delivery from 60 euros.",
    "Hiking and trail running gear", "Maison Sentier has equipped hikers since 1998, from Sunday walks to long treks.",
    lang="en", alternates=ALT_HOME, n=18, extra_body='<p><a href="/en/product/trail-shoe-x1/">Trail Shoe X1</a></p>',
    jsonld={"@context": "https://schema.org", "@type": "Organization", "name": "Maison Sentier", "url": PROD + "/en/"})
add("/en/category/shoes/", "Hiking and trail running shoes | Maison Sentier",
    "Low shoes for trail running, mid boots for hiking, approach shoes for rock: our shoe range, tested in the field.",
    "Hiking and trail running shoes", "Low cuts for trail running, mid boots for hiking and approach shoes for rock.",
    lang="en", n=16, alternates={"fr": "/categorie/chaussures/", "en": "/en/category/shoes/", "x-default": "/categorie/chaussures/"},
    extra_body='<ul><li><a href="/en/product/trail-shoe-x1/">Trail Shoe X1</a></li></ul>')
add("/en/product/trail-shoe-x1/", "Trail Shoe X1 | Maison Sentier",
    "Trail Shoe X1, 129 euros: a light, grippy trail running shoe for technical paths. Free delivery from 60 euros.",
    "Trail Shoe X1", "A light and grippy trail running shoe, designed for technical paths and long races.", lang="en", n=16,
    alternates={"fr": "/produit/chaussure-trail-x1/", "en": "/en/product/trail-shoe-x1/",
                "x-default": "/produit/chaussure-trail-x1/"},   # seeded: FR page has no return
    img="/img/chaussure-trail-x1.png", img_alt="Trail Shoe X1, side view",
    jsonld={"@context": "https://schema.org", "@type": "Product", "name": "Trail Shoe X1",
            "offers": {"@type": "Offer", "price": "129", "priceCurrency": "EUR"}})
add("/en/about/", "About Maison Sentier, the hiking shop",
    "An independent shop founded in Grenoble by hikers, for hikers. Our story, our workshop and our commitments.",
    "About Maison Sentier", "An independent shop founded in Grenoble by hikers, for hikers.", lang="en", n=16,
    alternates={"fr": "/a-propos/", "en": "/en/about/", "x-default": "/a-propos/"})
add("/en/delivery-and-returns/", "Delivery and returns | Maison Sentier",
    "Delivery times and prices, and free returns within thirty days: everything about your Maison Sentier order.",
    "Delivery and returns", "Delivery times, prices and free returns within thirty days.", lang="en", n=16,
    alternates={"fr": "/livraison-et-retours/", "en": "/en/delivery-and-returns/", "x-default": "/livraison-et-retours/"})

NAV_FR = [("/", "Accueil"), ("/categorie/chaussures/", "Chaussures"), ("/categorie/sacs-a-dos/", "Sacs à dos"),
          ("/categorie/vestes/", "Vestes"), ("/categorie/tentes/", "Tentes"), ("/blog/", "Blog"), ("/contact/", "Contact"),
          ("/panier/", "Panier"), ("/en/", "English")]
FOOT_FR = [("/a-propos/", "À propos"), ("/livraison-et-retours/", "Livraison et retours"),
           ("/guide-des-tailles/", "Guide des tailles"), ("/mentions-legales/", "Mentions légales")]
NAV_EN = [("/en/", "Home"), ("/en/category/shoes/", "Shoes"), ("/en/about/", "About"),
          ("/en/delivery-and-returns/", "Delivery and returns"), ("/", "Français")]


def text(seed: str, pool: list[str], n: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.sample(pool, min(n, len(pool))))


def render(p: dict) -> str:
    fr = p["lang"] == "fr"
    head = ['<meta charset="utf-8">', f"<title>{html.escape(p['title'])}</title>"]
    if p["desc"]:
        head.append(f'<meta name="description" content="{html.escape(p["desc"])}">')
    head.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    if p["noindex"]:
        head.append('<meta name="robots" content="noindex, follow">')
    head.append(f'<link rel="canonical" href="{p["path"]}">')
    for lang, href in p["alternates"].items():
        head.append(f'<link rel="alternate" hreflang="{lang}" href="{href}">')
    og_img = PROD + (p["img"] or "/img/maison-sentier.png")
    head += [f'<meta property="og:title" content="{html.escape(p["h1"])}">',
             f'<meta property="og:type" content="{"product" if p["jsonld"] and p["jsonld"].get("@type") == "Product" else "website"}">',
             f'<meta property="og:image" content="{og_img}">', f'<meta property="og:url" content="{PROD}{p["path"]}">',
             f'<meta property="og:locale" content="{"fr_FR" if fr else "en_GB"}">',
             '<meta name="twitter:card" content="summary_large_image">',
             '<link rel="stylesheet" href="/css/site.css">']
    if p["jsonld"]:
        head.append(f'<script type="application/ld+json">{json.dumps(p["jsonld"], ensure_ascii=False)}</script>')
    nav = NAV_FR if fr else NAV_EN
    nav_html = "<nav><ul>" + "".join(f'<li><a href="{h}">{html.escape(t)}</a></li>' for h, t in nav) + "</ul></nav>"
    foot = FOOT_FR if fr else NAV_EN[2:4]
    foot_html = "<footer><ul>" + "".join(f'<li><a href="{h}">{html.escape(t)}</a></li>' for h, t in foot) + "</ul>" + (
        "<p>Maison Sentier, 12 rue des Alpes, 38000 Grenoble.</p>" if fr else "<p>Maison Sentier, Grenoble, France.</p>") + "</footer>"
    img = (f'<img src="{p["img"]}" alt="{html.escape(p["img_alt"])}" width="400" height="300">' if p["img"] else "")
    body = (f'<header><a href="{"/" if fr else "/en/"}"><img src="/img/maison-sentier.png" alt="Maison Sentier" width="160" '
            f'height="40"></a>{nav_html}</header>\n<main>\n<h1>{html.escape(p["h1"])}</h1>\n{img}\n'
            f"<p>{html.escape(p['intro'])}</p>\n<p>{html.escape(text(p['path'], FR_POOL if fr else EN_POOL, p['n']))}</p>\n"
            f"{p['extra_body']}\n</main>\n{foot_html}")
    return (f'<!doctype html>\n<html lang="{p["lang"]}">\n<head>\n' + "\n".join(head) + f"\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def png(w: int, h: int, rgb: tuple[int, int, int]) -> bytes:
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main() -> None:
    if ROOT.exists():
        shutil.rmtree(ROOT)
    (ROOT / "img").mkdir(parents=True)
    (ROOT / "css").mkdir()
    (ROOT / "css" / "site.css").write_text("body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem}"
                                           "nav ul,footer ul{display:flex;gap:1rem;list-style:none;padding:0}\n")
    images = {"maison-sentier.png"} | {Path(p["img"]).name for p in PAGES if p["img"]} | {"tente-2p-interieur.png"}
    for i, name in enumerate(sorted(images)):
        (ROOT / "img" / name).write_bytes(png(40, 30, (60 + 20 * i % 180, 120, 90)))
    for p in PAGES:
        f = ROOT / p["path"].strip("/") / "index.html" if p["path"] != "/" else ROOT / "index.html"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(render(p), encoding="utf-8")
    listed = [p["path"] for p in PAGES if not p["noindex"]]
    (ROOT / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(f"  <url><loc>{PROD}{p}</loc><lastmod>2026-10-15</lastmod></url>\n" for p in listed) + "</urlset>\n",
        encoding="utf-8")
    (ROOT / "robots.txt").write_text(
        "User-agent: *\nDisallow: /recherche/\nDisallow: /*?tri=\nDisallow: /compte/\n\n"
        "# Pas d'entraînement de modèles d'IA sur nos contenus\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n\n"
        "# Sitemap: /sitemap.xml (found at its default place; a Sitemap: line needs an absolute URL and the demo\n"
        "# serves this site on a loopback port, so it is left out here)\n", encoding="utf-8")
    (ROOT / "llms.txt").write_text(
        "# Maison Sentier\n\n> Boutique indépendante d'équipement de randonnée et de trail, à Grenoble depuis 1998.\n\n"
        "## Rayons\n\n- [Chaussures](/categorie/chaussures/)\n- [Sacs à dos](/categorie/sacs-a-dos/)\n"
        "- [Vestes](/categorie/vestes/)\n- [Tentes](/categorie/tentes/)\n\n## Conseils\n\n- [Blog](/blog/)\n",
        encoding="utf-8")


if __name__ == "__main__":
    main()
