"""Write the demo client's ad-platform exports for 2026-09-01..2026-10-31 (deterministic: fixed seed).

Run from the repo root: `.venv/bin/python data/demo/campaigns/make_demo_exports.py`. The outputs are
committed; re-running rewrites them byte for byte. The story (data/demo/README.md): Maison Sentier, EUR,
Paid Search budget 6,000 EUR/month (Google + Microsoft), Paid Social 2,500 EUR/month (Meta + LinkedIn).

Files, each in its platform's own download layout:
- google_ads_campagnes_2026-09_2026-10.csv  Google Ads, French UI, "Excel CSV" (UTF-16LE + BOM, tabs),
  title + date-range lines, "Total : …" rows, narrow no-break spaces in numbers, `--` where not reported.
- microsoft_ads_campaigns_2026-09_2026-10.csv  Microsoft Advertising, English UI: "Report Name:" … "Rows:"
  block, M/D/YYYY dates, a "Total" row and the copyright footer.
- meta_ads_campagnes_2026-09_2026-10.csv  Meta Ads Manager, French, daily breakdown, currency in the headers.
- linkedin_ads_campaigns_2026-09_2026-10.csv  LinkedIn Campaign Manager, English, preamble, M/D/YYYY dates.

What the report should find (seeded on purpose):
- a spike: "Générique - Chaussures" spends about 3.6x its usual day on 2026-10-12 (a broad-match keyword
  ran wild), with a CPC jump;
- a stop: "Retargeting Panier" stops delivering after 2026-10-19 (payment method declined), so Meta writes no
  rows for it from 2026-10-20;
- LinkedIn "B2B Clubs Rando" spends with almost no conversions.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal as D
from pathlib import Path

HERE = Path(__file__).resolve().parent
START, END = date(2026, 9, 1), date(2026, 10, 31)
DAYS = [START + timedelta(days=i) for i in range((END - START).days + 1)]
NBSP, NNBSP = "\u00a0", "\u202f"
SPIKE_DAY = date(2026, 10, 12)
STOP_AFTER = date(2026, 10, 19)
CENT = D("0.01")


def money(x: float) -> D:
    return D(str(x)).quantize(CENT, rounding=ROUND_HALF_UP)


def weekday_factor(d: date, weekend: float) -> float:
    return weekend if d.weekday() >= 5 else 1.0


def simulate(rnd: random.Random, d: date, *, budget: float, cpc: float, ctr: float, cr: float, aov: float,
             weekend: float = 1.0, fractional_conv: bool = False) -> dict:  # fmt: skip
    """One campaign-day: spend near the daily budget, then clicks, impressions, conversions, value."""
    cost = budget * weekday_factor(d, weekend) * rnd.uniform(0.85, 1.15)
    day_cpc = cpc * rnd.uniform(0.9, 1.1)
    clicks = max(1, round(cost / day_cpc))
    impressions = max(clicks, round(clicks / (ctr * rnd.uniform(0.9, 1.1))))
    expected = clicks * cr * rnd.uniform(0.7, 1.3)
    conv = round(expected, 2) if fractional_conv else float(round(expected))
    value = conv * aov * rnd.uniform(0.85, 1.15)
    return {"impressions": impressions, "clicks": clicks, "cost": money(cost), "conversions": D(str(conv)),
            "value": money(value)}  # fmt: skip


def fr_num(x: D | int | None, places: int, space: str = NNBSP) -> str:
    if x is None:
        return "--"
    return f"{x:,.{places}f}".replace(",", "\x00").replace(".", ",").replace("\x00", space)


def en_num(x: D | int | None, places: int) -> str:
    return "--" if x is None else f"{x:,.{places}f}"


def to_bytes(lines: list[list[str]], *, delimiter: str = ",", quoting: int = csv.QUOTE_MINIMAL,
             newline: str = "\r\n") -> str:  # fmt: skip
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    for line in lines:
        w.writerow(line)
    return buf.getvalue()


def total(rows: list[dict], key: str) -> D | int:
    return sum((r[key] for r in rows), D(0) if key != "impressions" and key != "clicks" else 0)


# ---------------------------------------------------------------- Google Ads (FR, Excel CSV)

GOOGLE = [
    # name, id, daily budget, cpc, ctr, conversion rate, average order value
    ("Brand FR", "21034567801", 40.0, 0.42, 0.16, 0.085, 84.0),
    ("Générique - Chaussures", "21034567802", 85.0, 1.05, 0.032, 0.026, 96.0),
    ("Shopping - Sacs", "21034567803", 42.0, 0.58, 0.012, 0.021, 74.0),
]


def google(rnd: random.Random) -> Path:
    rows = []
    for d in DAYS:
        for name, cid, budget, cpc, ctr, cr, aov in GOOGLE:
            r = simulate(rnd, d, budget=budget, cpc=cpc, ctr=ctr, cr=cr, aov=aov, weekend=1.15, fractional_conv=True)
            if name.startswith("Générique") and d == SPIKE_DAY:
                r = simulate(rnd, d, budget=budget * 3.6, cpc=cpc * 2.1, ctr=ctr, cr=cr * 0.5, aov=aov,
                             fractional_conv=True)  # fmt: skip
            rows.append({"day": d, "campaign": name, "id": cid, **r})
    head = ["Jour", "Campagne", "ID de la campagne", "Code de la devise", "Impr.", "Clics", "CTR", "CPC moy.",
            "Coût", "Conversions", "Valeur de conv.", "Coût/conv."]  # fmt: skip

    def line(label: list[str], r: dict) -> list[str]:
        ctr = f"{D(r['clicks']) / D(r['impressions']) * 100:.2f}".replace(".", ",") + f"{NBSP}%"
        cpc = (r["cost"] / D(r["clicks"])).quantize(CENT)
        cpa = (r["cost"] / r["conversions"]).quantize(CENT) if r["conversions"] else None
        return [*label, "EUR", fr_num(r["impressions"], 0), fr_num(r["clicks"], 0), ctr, fr_num(cpc, 2),
                fr_num(r["cost"], 2), fr_num(r["conversions"], 2), fr_num(r["value"], 2), fr_num(cpa, 2)]  # fmt: skip

    out = [["Rapport sur les campagnes"], ["1 septembre 2026 - 31 octobre 2026"], head]
    out += [line([r["day"].isoformat(), r["campaign"], r["id"]], r) for r in rows]
    tot = {k: total(rows, k) for k in ("impressions", "clicks", "cost", "conversions", "value")}
    out.append(line(["Total : compte", "", ""], tot))
    out.append(line(["Total : Réseau de Recherche", "", ""], tot))
    out.append(line(["Total : campagnes", "", ""], tot))
    path = HERE / "google_ads_campagnes_2026-09_2026-10.csv"
    path.write_bytes(b"\xff\xfe" + to_bytes(out, delimiter="\t").encode("utf-16-le"))
    return path


# ---------------------------------------------------------------- Microsoft Advertising (EN UI)


def microsoft(rnd: random.Random) -> Path:
    rows = []
    for d in DAYS:
        r = simulate(rnd, d, budget=15.0, cpc=0.38, ctr=0.11, cr=0.07, aov=82.0, weekend=1.1)
        rows.append({"day": d, **r})
    head = ["Date", "Account name", "Campaign name", "Campaign ID", "Currency code", "Impressions", "Clicks", "CTR",
            "Avg. CPC", "Spend", "Conversions", "Revenue"]  # fmt: skip

    def line(label: list[str], r: dict) -> list[str]:
        ctr = f"{D(r['clicks']) / D(r['impressions']) * 100:.2f}%"
        cpc = (r["cost"] / D(r["clicks"])).quantize(CENT)
        return [*label, "EUR", en_num(r["impressions"], 0), en_num(r["clicks"], 0), ctr, en_num(cpc, 2),
                en_num(r["cost"], 2), f"{r['conversions']:.0f}", en_num(r["value"], 2)]  # fmt: skip

    us = lambda d: f"{d.month}/{d.day}/{d.year}"  # noqa: E731
    out = [
        ["Report Name: Campaign performance - Maison Sentier"],
        [f"Report Time: {us(START)} - {us(END)}"],
        ["Time Zone: (GMT+01:00) Brussels, Copenhagen, Madrid, Paris"],
        ["Last Completed Available Day: 11/1/2026 5:40:00 AM (GMT+01:00) Brussels, Copenhagen, Madrid, Paris"],
        ["Potential Incomplete Data: false"],
        [f"Rows: {len(rows)}"],
        [],
        head,
    ]
    out += [line([us(r["day"]), "Maison Sentier", "Brand FR - Bing", "412345678"], r) for r in rows]
    tot = {k: total(rows, k) for k in ("impressions", "clicks", "cost", "conversions", "value")}
    out.append(line(["Total", "", "", ""], tot))
    out.append([])
    out.append(["©2026 Microsoft Corporation. All rights reserved. "])
    path = HERE / "microsoft_ads_campaigns_2026-09_2026-10.csv"
    path.write_bytes(b"\xef\xbb\xbf" + to_bytes(out, quoting=csv.QUOTE_ALL).encode("utf-8"))
    return path


# ---------------------------------------------------------------- Meta Ads Manager (FR)


def meta(rnd: random.Random) -> Path:
    head = ["Début des rapports", "Fin des rapports", "Jour", "Nom de la campagne", "Diffusion de la campagne",
            "Indicateur de résultats", "Résultats", "Coût par résultat", "Couverture", "Répétition", "Impressions",
            "Montant dépensé (EUR)", "Clics sur un lien", "Clics (tous)", "CPC (coût par clic sur un lien) (EUR)",
            "Achats", "Valeur de conversion des achats"]  # fmt: skip
    out = [head]
    campaigns = [
        # name, id, daily budget, cpm, link ctr, conversion rate, aov, result indicator
        ("Prospection Automne", 48.0, 7.5, 0.0095, 0.011, 92.0, "actions:link_click"),
        ("Retargeting Panier", 22.0, 12.0, 0.016, 0.055, 96.0, "actions:offsite_conversion.fb_pixel_purchase"),
    ]
    for d in DAYS:
        for name, budget, cpm, ctr, cr, aov, indicator in campaigns:
            if name == "Retargeting Panier" and d > STOP_AFTER:
                continue  # no delivery, no row
            cost = money(budget * weekday_factor(d, 1.2) * rnd.uniform(0.85, 1.15))
            impressions = round(float(cost) / (cpm * rnd.uniform(0.9, 1.1)) * 1000)
            clicks = max(1, round(impressions * ctr * rnd.uniform(0.85, 1.15)))
            clicks_all = round(clicks * rnd.uniform(1.8, 2.6))
            reach = round(impressions / rnd.uniform(1.15, 1.6 if name.startswith("Retarg") else 1.3))
            purchases = round(clicks * cr * rnd.uniform(0.6, 1.4))
            value = money(purchases * aov * rnd.uniform(0.85, 1.15))
            results = clicks if indicator == "actions:link_click" else purchases
            per_result = f"{cost / results:.2f}".replace(".", ",") if results else ""
            out.append([
                START.isoformat(), END.isoformat(), d.isoformat(), name, "active" if d <= STOP_AFTER else "inactive",
                indicator, str(results), per_result, str(reach), f"{impressions / reach:.6f}".replace(".", ","),
                str(impressions), f"{cost:.2f}".replace(".", ","), str(clicks), str(clicks_all),
                f"{cost / clicks:.6f}".replace(".", ","), str(purchases) if purchases else "",
                f"{value:.2f}".replace(".", ",") if purchases else "",
            ])  # fmt: skip
    path = HERE / "meta_ads_campagnes_2026-09_2026-10.csv"
    path.write_bytes(b"\xef\xbb\xbf" + to_bytes(out, quoting=csv.QUOTE_ALL, newline="\n").encode("utf-8"))
    return path


# ---------------------------------------------------------------- LinkedIn Campaign Manager (EN)


def linkedin(rnd: random.Random) -> Path:
    head = ["Start Date (in UTC)", "Account Name", "Campaign Group Name", "Campaign Name", "Campaign ID",
            "Campaign Type", "Campaign Status", "Currency", "Total Spent", "Impressions", "Clicks",
            "Click Through Rate", "Average CPM", "Average CPC", "Conversions", "Total Conversion Value"]  # fmt: skip
    us = lambda d: f"{d.month}/{d.day}/{d.year}"  # noqa: E731
    out = [
        ["Campaign Performance Report (in UTC)"],
        [f"Report Start: {us(START)}, 12:00 AM"],
        [f"Report End: {us(END)}, 11:59 PM"],
        ["Date Generated: 11/1/2026, 9:12 AM"],
        ["Account Name: Maison Sentier"],
        ["Account ID: 508123456"],
        ["Time Granularity: Daily"],
        [],
        head,
    ]
    for d in DAYS:
        if d.weekday() >= 5:
            continue  # the campaign is scheduled on weekdays only
        cost = money(14.0 * rnd.uniform(0.8, 1.2))
        impressions = round(float(cost) / (32.0 * rnd.uniform(0.9, 1.1)) * 1000)
        clicks = max(1, round(impressions * 0.0055 * rnd.uniform(0.7, 1.3)))
        conv = 1 if d < date(2026, 10, 1) and rnd.random() < 0.12 else 0
        value = D("240.00") if conv else D("0.00")
        out.append([us(d), "Maison Sentier", "Clubs & associations", "B2B Clubs Rando", "612345001",
                    "Sponsored Content", "ACTIVE", "EUR", f"{cost:.2f}", str(impressions), str(clicks),
                    f"{clicks / impressions:.6f}", f"{float(cost) / impressions * 1000:.2f}",
                    f"{float(cost) / clicks:.2f}", str(conv), f"{value:.2f}"])  # fmt: skip
    path = HERE / "linkedin_ads_campaigns_2026-09_2026-10.csv"
    path.write_bytes(to_bytes(out).encode("utf-8"))
    return path


def main() -> list[Path]:
    rnd = random.Random(20260901)
    return [google(rnd), microsoft(rnd), meta(rnd), linkedin(rnd)]


if __name__ == "__main__":
    for p in main():
        print(p.relative_to(Path.cwd()) if p.is_relative_to(Path.cwd()) else p)
