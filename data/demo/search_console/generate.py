"""Regenerate the demo client's Search Console performance export (run from the repository root):

    .venv/bin/python data/demo/search_console/generate.py

Writes the ZIP Search Console's "Export > Download CSV" gives for the Performance report, with a French UI:
Queries.csv, Pages.csv, Countries.csv, Devices.csv, Search appearance.csv, Dates.csv and Filters.csv, French
headers, CTR as "5,51 %" and positions as "6,3". Figures are made up but consistent with each other: dates,
devices and countries each add up to the same totals; queries add up to less (Search Console leaves
anonymised queries out); pages cover the site's URLs from data/demo/README.md. Deterministic: same bytes
every run.
"""

from __future__ import annotations

import csv
import io
import math
import random
import zipfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ZIP_NAME = "maison-sentier.example-Performance-on-Search-2026-11-02.zip"
SITE = "https://www.maison-sentier.example"
START, END = date(2026, 9, 1), date(2026, 10, 31)

QUERIES = [  # query, share of clicks, CTR, position
    ("maison sentier", 0.170, 0.42, 1.2),
    ("maison sentier avis", 0.028, 0.31, 1.8),
    ("maison sentier code promo", 0.012, 0.22, 2.4),
    ("chaussure trail", 0.052, 0.031, 7.9),
    ("chaussures trail homme", 0.024, 0.028, 8.6),
    ("chaussure randonnée gore-tex", 0.041, 0.036, 6.8),
    ("chaussures de randonnée imperméables", 0.018, 0.024, 9.4),
    ("sac à dos 30l", 0.033, 0.027, 8.1),
    ("sac à dos randonnée 50l", 0.021, 0.022, 10.3),
    ("sac de trek 50 litres", 0.009, 0.019, 11.7),
    ("veste de pluie randonnée", 0.026, 0.025, 9.0),
    ("veste imperméable légère", 0.011, 0.017, 12.6),
    ("tente ultralight 2 places", 0.017, 0.021, 10.8),
    ("tente 2 places légère", 0.008, 0.015, 13.9),
    ("comment choisir ses chaussures de randonnée", 0.047, 0.058, 4.1),
    ("choisir chaussures rando", 0.015, 0.044, 5.6),
    ("préparer sa première randonnée", 0.038, 0.061, 3.7),
    ("première randonnée conseils", 0.012, 0.039, 6.2),
    ("que mettre dans son sac pour une randonnée", 0.010, 0.031, 7.4),
    ("trail shoes", 0.006, 0.012, 14.8),
    ("hiking backpack 30l", 0.003, 0.009, 18.2),
]
PAGES = [  # path, share of clicks, CTR, position
    ("/", 0.245, 0.30, 2.0),
    ("/categorie/chaussures/", 0.085, 0.034, 7.6),
    ("/categorie/sacs-a-dos/", 0.058, 0.029, 8.4),
    ("/categorie/vestes/", 0.031, 0.024, 9.8),
    ("/categorie/tentes/", 0.022, 0.020, 11.2),
    ("/produit/chaussure-trail-x1/", 0.074, 0.033, 7.2),
    ("/produit/chaussure-rando-gtx/", 0.061, 0.035, 6.9),
    ("/produit/sac-30l-alpin/", 0.043, 0.028, 8.0),
    ("/produit/sac-50l-trek/", 0.027, 0.022, 10.1),
    ("/produit/veste-pluie-storm/", 0.034, 0.026, 8.9),
    ("/produit/tente-2p-ultralight/", 0.024, 0.021, 10.6),
    ("/blog/", 0.012, 0.030, 9.5),
    ("/blog/preparer-sa-premiere-randonnee/", 0.098, 0.058, 3.9),
    ("/blog/choisir-ses-chaussures/", 0.105, 0.055, 4.3),
    ("/contact/", 0.006, 0.12, 3.1),
    ("/mentions-legales/", 0.001, 0.05, 6.0),
    ("/en/", 0.008, 0.06, 5.2),
    ("/en/category/shoes/", 0.004, 0.011, 16.4),
    ("/en/product/trail-shoe-x1/", 0.003, 0.010, 17.9),
]
COUNTRIES = [("France", 0.884, 1.0), ("Belgique", 0.052, 1.1), ("Suisse", 0.031, 1.15),
             ("Canada", 0.017, 1.4), ("Luxembourg", 0.009, 1.1), ("Royaume-Uni", 0.007, 1.8)]
DEVICES = [("Mobile", 0.63, 1.05), ("Ordinateur", 0.34, 0.93), ("Tablette", 0.03, 1.1)]
APPEARANCES = [("Extraits de produits", 0.31, 0.045, 7.1), ("Avis marchands", 0.12, 0.05, 6.4),
               ("Résultats enrichis d'articles", 0.08, 0.06, 4.2)]


def _split(total: int, shares: list[float]) -> list[int]:
    """Split an integer by shares, largest remainder first, so the parts add up exactly."""
    raw = [total * s / sum(shares) for s in shares]
    parts = [math.floor(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _ctr(clicks: int, impressions: int) -> str:
    return f"{100 * clicks / impressions:.2f} %".replace(".", ",") if impressions else "0 %"


def _pos(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _csv(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def build() -> dict[str, bytes]:
    rng = random.Random(20261102)
    days = [START + timedelta(d) for d in range((END - START).days + 1)]
    daily = []
    for i, day in enumerate(days):
        weekend = 1.18 if day.weekday() >= 5 else 1.0
        growth = 1 + 0.0045 * i  # the SEO work pays off over the two months
        clicks = round(68 * weekend * growth * rng.uniform(0.9, 1.1))
        position = 9.6 - 1.6 * i / len(days) + rng.uniform(-0.3, 0.3)
        impressions = round(clicks / (0.044 + 0.006 * i / len(days)) * rng.uniform(0.95, 1.05))
        daily.append((day, clicks, impressions, position))
    total_clicks = sum(d[1] for d in daily)
    total_impr = sum(d[2] for d in daily)
    mean_pos = sum(d[3] * d[2] for d in daily) / total_impr
    header = ["Clics", "Impressions", "CTR", "Position"]

    def breakdown(items, first: str) -> bytes:
        clicks = _split(total_clicks, [s for _, s, _ in items])
        impr = _split(total_impr, [s * f for _, s, f in items])  # worse position, more impressions per click
        rows = [[n, c, m, _ctr(c, m), _pos(mean_pos * f)] for (n, _, f), c, m in zip(items, clicks, impr,
                                                                                       strict=True)]
        rows.sort(key=lambda r: (-r[1], -r[2]))
        return _csv([first, *header], rows)

    def listing(items, first: str, share_of_total: float, key=lambda k: k) -> bytes:
        clicks = _split(round(total_clicks * share_of_total), [s for _, s, _, _ in items])
        rows = []
        for (name, _, ctr, pos), c in zip(items, clicks, strict=True):
            impressions = max(c, round(c / ctr * rng.uniform(0.93, 1.07)))
            rows.append([key(name), c, impressions, _ctr(c, impressions), _pos(pos * rng.uniform(0.97, 1.03))])
        rows.sort(key=lambda r: (-r[1], -r[2]))
        return _csv([first, *header], rows)

    return {
        "Queries.csv": listing(QUERIES, "Requêtes les plus fréquentes", 0.56),  # the rest is anonymised
        "Pages.csv": listing(PAGES, "Pages les plus populaires", 1.0, key=lambda p: SITE + p),
        "Countries.csv": breakdown(COUNTRIES, "Pays"),
        "Devices.csv": breakdown(DEVICES, "Appareil"),
        "Search appearance.csv": listing(APPEARANCES, "Apparence dans les résultats de recherche", 0.51),
        "Dates.csv": _csv(["Date", *header], [[d.isoformat(), c, m, _ctr(c, m), _pos(p)] for d, c, m, p in daily]),
        "Filters.csv": _csv(["Filtre", "Valeur"], [["Type de recherche", "Web"],
                                                   ["Date", "Du 01/09/2026 au 31/10/2026"]]),
    }


def main() -> None:
    target = HERE / ZIP_NAME
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in build().items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 2, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    tmp.replace(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
