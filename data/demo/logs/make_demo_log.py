"""Write data/demo/logs/access.log.gz: the demo shop's access log, 2026-09-01..2026-10-31 (combined format).

Deterministic (seeded): running it again gives the same bytes. The story follows data/demo/README.md:
visitors from Google, Bing, Qwant, Facebook, LinkedIn, e-mail and direct; landing URLs with the campaigns'
utm_campaign values and gclid / msclkid / fbclid; Googlebot (smartphone and desktop), Bingbot, GPTBot,
ClaudeBot, SEO tools and an uptime monitor; 404s (an old product URL still linked from the blog) and 301s;
CSS and images after every page.
Usage: python data/demo/logs/make_demo_log.py
"""

from __future__ import annotations

import gzip
import random
from datetime import datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "access.log.gz"
HOST = "https://www.maison-sentier.example"
START, DAYS = datetime(2026, 9, 1), 61
DST_END = datetime(2026, 10, 25, 3)      # Paris leaves summer time: +0200 before, +0100 after

PAGES = {  # path: (weight for humans, size in bytes)
    "/": (30, 28000), "/categorie/chaussures/": (14, 34000), "/categorie/sacs-a-dos/": (10, 31000),
    "/categorie/vestes/": (8, 30000), "/categorie/tentes/": (5, 29000),
    "/produit/chaussure-trail-x1/": (10, 41000), "/produit/chaussure-rando-gtx/": (8, 40000),
    "/produit/chaussure-approche-roc/": (3, 39000), "/produit/sac-30l-alpin/": (7, 38000),
    "/produit/sac-50l-trek/": (5, 38000), "/produit/veste-pluie-storm/": (6, 37000),
    "/produit/veste-doudoune-cime/": (3, 36000), "/produit/tente-2p-ultralight/": (4, 39000),
    "/blog/": (3, 22000), "/blog/preparer-sa-premiere-randonnee/": (6, 45000),
    "/blog/choisir-ses-chaussures/": (5, 43000), "/blog/bivouac-en-montagne/": (2, 44000),
    "/blog/entretenir-sa-veste-impermeable/": (2, 41000), "/contact/": (2, 15000),
    "/mentions-legales/": (1, 12000), "/panier/": (6, 18000), "/guide-des-tailles/": (2, 21000),
    "/livraison-et-retours/": (2, 17000), "/a-propos/": (1, 16000), "/promo_automne/": (4, 26000),
    "/en/": (3, 27000), "/en/category/shoes/": (2, 33000), "/en/product/trail-shoe-x1/": (2, 40000),
    "/en/about/": (1, 15000), "/en/delivery-and-returns/": (1, 16000),
}
ASSETS = {"/css/site.css": 14200, "/img/maison-sentier.png": 9800, "/favicon.ico": 1150}
PRODUCT_IMG = {p: f"/img/{p.split('/')[2]}.png" for p in PAGES if p.startswith("/produit/")}
NOT_FOUND = ["/produit/veste-ancienne-collection/", "/blog/old-post/", "/wp-login.php", "/categorie/promo-ete/"]
REDIRECTS = {"/promo/": "/promo_automne/", "/categorie/chaussures": "/categorie/chaussures/",
             "/boutique/": "/"}

BROWSERS = [
    (30, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36"),
    (22, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"),
    (18, "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36"),
    (10, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15"),
    (8, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0"),
    (6, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0"),
    (4, "Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"),
    (2, "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"),
]
GOOGLEBOT_PHONE = ("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                   "Chrome/129.0.6668.70 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
GOOGLEBOT_DESKTOP = ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; "
                     "+http://www.google.com/bot.html) Chrome/129.0.6668.70 Safari/537.36")
BOTS = [  # (hits a day, user agent, ip prefix)
    (140, GOOGLEBOT_PHONE, "66.249.66."), (35, GOOGLEBOT_DESKTOP, "66.249.68."),
    (45, "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "157.55.39."),
    (25, "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
     "20.171.207."),
    (18, "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
     "34.162.46."),
    (20, "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "54.36.148."),
    (15, "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", "85.208.96."),
    (8, "Mozilla/5.0 (compatible; Qwantbot/1.0; +https://help.qwant.com/bot/)", "194.187.171."),
]
UPTIME = "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"
SCREAMING_FROG = "Screaming Frog SEO Spider/20.4"

# Landing sources: (weight, referrer, query string or None, landing pages)
CATEGORY_PAGES = ["/categorie/chaussures/", "/categorie/sacs-a-dos/", "/produit/chaussure-trail-x1/",
                  "/produit/sac-30l-alpin/", "/produit/chaussure-rando-gtx/"]
SOURCES = [
    (34, "https://www.google.fr/", None, None),
    (5, "https://www.google.com/", None, None),
    (6, "https://www.bing.com/", None, None),
    (3, "https://www.qwant.com/", None, None),
    (1, "https://duckduckgo.com/", None, None),
    (18, "-", None, ["/", "/", "/panier/", "/categorie/chaussures/"]),
    (6, "https://www.google.fr/", "utm_source=google&utm_medium=cpc&utm_campaign=brand_fr&gclid={id}", ["/"]),
    (5, "https://www.google.fr/", "utm_source=google&utm_medium=cpc&utm_campaign=gen_chaussures&gclid={id}",
     ["/categorie/chaussures/", "/produit/chaussure-trail-x1/", "/produit/chaussure-rando-gtx/"]),
    (3, "https://www.google.fr/", "utm_source=google&utm_medium=cpc&utm_campaign=shopping_sacs&gclid={id}",
     ["/produit/sac-30l-alpin/", "/produit/sac-50l-trek/"]),
    (2, "https://www.bing.com/", "utm_source=bing&utm_medium=cpc&utm_campaign=brand_fr_bing&msclkid={id}", ["/"]),
    (4, "https://m.facebook.com/", "utm_source=facebook&utm_medium=paid_social&utm_campaign=prospection_automne"
     "&fbclid={id}", ["/promo_automne/", "/categorie/vestes/", "/produit/veste-pluie-storm/"]),
    (2, "https://l.instagram.com/", "utm_source=instagram&utm_medium=paid_social&utm_campaign=retargeting_panier"
     "&fbclid={id}", ["/panier/", "/produit/sac-30l-alpin/"]),
    (1, "https://www.linkedin.com/", "utm_source=linkedin&utm_medium=paid_social&utm_campaign=b2b_clubs",
     ["/", "/a-propos/"]),
    (3, "https://www.facebook.com/", None, ["/blog/preparer-sa-premiere-randonnee/", "/blog/bivouac-en-montagne/"]),
    (1, "https://www.linkedin.com/", None, ["/a-propos/", "/"]),
    (3, "-", "utm_source=newsletter&utm_medium=email&utm_campaign=newsletter_octobre",
     ["/promo_automne/", "/blog/entretenir-sa-veste-impermeable/"]),
    (2, "https://www.randonner-malin.example/meilleures-chaussures-trail/", None,
     ["/produit/chaussure-trail-x1/", "/blog/choisir-ses-chaussures/"]),
]


def tz(t: datetime) -> str:
    return "+0100" if t >= DST_END else "+0200"


def line(ip: str, t: datetime, method: str, path: str, status: int, size: int, ref: str, ua: str) -> str:
    stamp = t.strftime("%d/%b/%Y:%H:%M:%S")
    return f'{ip} - - [{stamp} {tz(t)}] "{method} {path} HTTP/2.0" {status} {size} "{ref}" "{ua}"\n'


def pick(rnd: random.Random, weighted: list) -> tuple:
    return rnd.choices(weighted, weights=[w[0] for w in weighted])[0]


def human_visit(rnd: random.Random, day: datetime, out: list[tuple[datetime, str]], n: int,
                today: list[tuple[str, str]]) -> None:
    hour = rnd.choices(range(24), weights=[1, 1, 1, 1, 1, 1, 2, 4, 6, 7, 7, 8, 9, 8, 7, 7, 8, 9, 10, 11, 11, 9, 5, 2])[0]
    t = day + timedelta(hours=hour, seconds=rnd.randrange(3600))
    if today and rnd.random() < 0.12:       # a visitor coming back later the same day: a second visit
        ip, ua = rnd.choice(today)
    else:
        ip = (f"{rnd.choice([78, 82, 86, 90, 92, 109, 176, 188, 193, 2])}.{rnd.randrange(256)}."
              f"{rnd.randrange(256)}.{rnd.randrange(1, 255)}")
        ua = pick(rnd, BROWSERS)[1]
        today.append((ip, ua))
    _, ref, query, landings = pick(rnd, SOURCES)
    page = rnd.choice(landings) if landings else rnd.choices(list(PAGES), weights=[v[0] for v in PAGES.values()])[0]
    if rnd.random() < 0.02:
        page = rnd.choice(list(REDIRECTS))
    target = page + ("?" + query.format(id=f"{n:x}{rnd.randrange(16**8):08x}") if query else "")
    depth = 1 if rnd.random() < 0.45 else rnd.randint(2, 7)
    prev = ref
    for i in range(depth):
        if target in REDIRECTS:
            out.append((t, line(ip, t, "GET", target, 301, 0, prev, ua)))
            target = REDIRECTS[target]
            t += timedelta(seconds=1)
        out.append((t, line(ip, t, "GET", target, 200, PAGES.get(target.split("?")[0], (0, 20000))[1]
                             + rnd.randrange(-500, 500), prev, ua)))
        page_url = HOST + target
        if i == 0 or rnd.random() < 0.1:   # assets come from the cache after the first page
            for asset, size in ASSETS.items():
                out.append((t + timedelta(seconds=1), line(ip, t + timedelta(seconds=1), "GET", asset, 200, size,
                                                           page_url, ua)))
        img = PRODUCT_IMG.get(target.split("?")[0])
        if img:
            out.append((t + timedelta(seconds=1), line(ip, t + timedelta(seconds=1), "GET", img, 200,
                                                       rnd.randrange(30000, 90000), page_url, ua)))
        if target.startswith("/blog/choisir") and rnd.random() < 0.3:   # an old link in the blog post
            out.append((t + timedelta(seconds=20), line(ip, t + timedelta(seconds=20), "GET", NOT_FOUND[0], 404,
                                                        4100, page_url, ua)))
        prev = page_url
        t += timedelta(seconds=rnd.randrange(15, 600))
        target = rnd.choices(list(PAGES), weights=[v[0] for v in PAGES.values()])[0]


def bot_hits(rnd: random.Random, day: datetime, out: list[tuple[datetime, str]]) -> None:
    crawlable = list(PAGES) + ["/robots.txt", "/sitemap.xml", "/produit/veste-ancienne-collection/",
                               "/categorie/promo-ete/", "/promo/", "/produit/sac-20l-ancien/"]
    for per_day, ua, prefix in BOTS:
        ip = prefix + str(rnd.randrange(1, 250))
        for _ in range(rnd.randint(per_day * 7 // 10, per_day * 13 // 10)):
            t = day + timedelta(seconds=rnd.randrange(86400))
            path = rnd.choice(crawlable)
            if path in REDIRECTS:
                status, size = 301, 0
            elif path in NOT_FOUND:
                status, size = 404, 4100
            elif path == "/produit/sac-20l-ancien/":
                status, size = 200, 35000            # an orphan: no link to it any more, Google still knows it
            else:
                status, size = (304, 0) if rnd.random() < 0.15 else (200, PAGES.get(path, (0, 2000))[1])
            if "Googlebot" in ua and rnd.random() < 0.1:
                path, status, size = "/css/site.css", 200, ASSETS["/css/site.css"]
            out.append((t, line(ip, t, "GET", path, status, size, "-", ua)))
    for minute in range(0, 1440, 15):
        t = day + timedelta(minutes=minute, seconds=7)
        out.append((t, line("216.144.250.150", t, "HEAD", "/", 200, 0, HOST + "/", UPTIME)))
    for _ in range(rnd.randint(0, 4)):       # vulnerability scanners
        t = day + timedelta(seconds=rnd.randrange(86400))
        out.append((t, line(f"45.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(256)}", t, "GET",
                            rnd.choice(["/wp-login.php", "/.env", "/xmlrpc.php"]), 404, 4100, "-", "-")))


def screaming_frog(day: datetime, out: list[tuple[datetime, str]]) -> None:
    t = day + timedelta(hours=14)
    for i, path in enumerate(list(PAGES) * 2):
        out.append((t + timedelta(seconds=i), line("93.184.12.40", t + timedelta(seconds=i), "GET", path, 200,
                                                   PAGES[path][1], "-", SCREAMING_FROG)))


def main() -> None:
    rnd = random.Random(20260901)
    entries: list[tuple[datetime, str]] = []
    n = 0
    for d in range(DAYS):
        day = START + timedelta(days=d)
        weekend = day.weekday() >= 5
        growth = 1 + d / 120                    # the autumn campaign lifts traffic over the period
        today: list[tuple[str, str]] = []
        for _ in range(int(rnd.randint(150, 190) * growth * (1.25 if weekend else 1))):
            n += 1
            human_visit(rnd, day, entries, n, today)
        bot_hits(rnd, day, entries)
        if d in (14, 45):
            screaming_frog(day, entries)
    entries.sort(key=lambda e: e[0])
    data = "".join(text for _, text in entries).encode()
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{OUT}: {len(entries):,} lines, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
