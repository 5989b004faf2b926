"""Anomalies: robust z-score spikes/drops, spend stopping, spend without conversions, FR/EN sentences."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd

from crawler.campaigns.anomalies import detect, robust_z

START = date(2026, 2, 20)


def frame(costs: list[float], campaign: str = "Brand FR", clicks=None, conversions=None) -> pd.DataFrame:
    rows = []
    for i, c in enumerate(costs):
        rows.append({"date": START + timedelta(days=i), "platform": "google_ads", "campaign": campaign, "cost": c,
                     "clicks": (clicks[i] if clicks else 100.0), "conversions": (conversions[i] if conversions else None)})  # fmt: skip
    df = pd.DataFrame(rows)
    df["conversions"] = df["conversions"].astype("float64")
    return df


def steady(n: int, level: float = 100.0, seed: int = 1) -> list[float]:
    rnd = random.Random(seed)
    return [round(level * rnd.uniform(0.9, 1.1), 2) for _ in range(n)]


def test_robust_z():
    z, med = robust_z(340.0, [100.0, 95.0, 105.0, 98.0, 102.0, 100.0, 101.0])
    assert med == 100.0 and z > 3.5
    assert robust_z(100.0, [100.0] * 7) == (0.0, 100.0)


def test_spike_sentence_en_fr():
    costs = steady(20)
    costs[-1] = 340.0  # 12 March
    df = frame(costs)
    end = START + timedelta(days=19)
    assert end == date(2026, 3, 11)
    found = [a for a in detect(df, end=end, currency="EUR", language="fr") if a["type"] == "spike" and a["metric"] == "cost"]
    assert len(found) == 1
    a = found[0]
    pct = round(a["change"] * 100)
    assert a["sentences"]["en"] == f"Cost on *Brand FR* jumped {pct}% on {end.day} March"
    assert a["sentences"]["fr"] == f"Le coût de *Brand FR* a bondi de {pct}\u00a0% le {end.day} mars"
    assert a["sentence"] == a["sentences"]["fr"]
    assert a["template"].startswith("Le coût de {campaign} a bondi")


def test_steady_noise_is_not_an_anomaly():
    assert detect(frame(steady(40, seed=7)), end=START + timedelta(days=39), currency="EUR") == []


def test_drop_and_cpc_spike():
    costs = steady(20)
    clicks = [100.0] * 20
    clicks[-1] = 25.0  # same spend, a quarter of the clicks: CPC x4
    found = detect(frame(costs, clicks=clicks), end=START + timedelta(days=19), currency="EUR")
    assert any(a["metric"] == "cpc" and a["type"] == "spike" for a in found)
    costs2 = steady(20)
    costs2[-1] = 20.0
    found = detect(frame(costs2), end=START + timedelta(days=19), currency="EUR")
    (drop,) = [a for a in found if a["metric"] == "cost"]
    assert drop["type"] == "drop" and "dropped" in drop["sentences"]["en"] and "a chuté" in drop["sentences"]["fr"]


def test_spend_stopping():
    costs = steady(20) + [0.0] * 5
    found = detect(frame(costs), end=START + timedelta(days=24), currency="EUR")
    (stop,) = [a for a in found if a["type"] == "stopped"]
    assert stop["date"] == (START + timedelta(days=20)).isoformat() and stop["days_without_spend"] == 5
    assert stop["resumed"] is None
    assert stop["sentences"]["en"] == "Spend on *Brand FR* stopped on 12 March (no spend for 5 days)"
    # A gap that resumes is reported with its range; missing rows count as zero spend.
    df = frame(steady(20) + [50.0] * 5)
    df = df[~df["date"].between(START + timedelta(days=12), START + timedelta(days=15))]
    df = pd.concat([df, frame(steady(25, seed=3), campaign="Other")])  # the platform still has rows then
    (gap,) = [a for a in detect(df, end=START + timedelta(days=24), currency="EUR")
              if a["type"] == "stopped" and a["campaign"] == "Brand FR"]  # fmt: skip
    assert gap["resumed"] == (START + timedelta(days=16)).isoformat()


def test_spend_with_zero_conversions():
    costs = steady(21)
    conv = [3.0] * 14 + [0.0] * 7
    found = detect(frame(costs, conversions=conv), end=START + timedelta(days=20), currency="EUR")
    (nc,) = [a for a in found if a["type"] == "no_conversions"]
    assert "with zero conversions" in nc["sentences"]["en"] and "sans aucune conversion" in nc["sentences"]["fr"]
    # Not flagged when the platform does not report conversions at all.
    assert not [a for a in detect(frame(costs), end=START + timedelta(days=20), currency="EUR") if a["type"] == "no_conversions"]


def test_campaign_names_stay_raw():
    costs = steady(20) + [0.0] * 3
    name = "<script>alert(1)</script> *x*"
    (stop,) = [a for a in detect(frame(costs, campaign=name), end=START + timedelta(days=22), currency="EUR")
               if a["type"] == "stopped"]  # fmt: skip
    assert stop["campaign"] == name and name in stop["sentence"]
    assert "{campaign}" in stop["template"] and "<script>" not in stop["template"]


def test_an_export_that_ends_earlier_is_not_a_stop():
    df = pd.concat([frame(steady(20), campaign="A"), frame(steady(25), campaign="B")])
    df.loc[df["campaign"] == "A", "platform"] = "linkedin_ads"
    found = detect(df, end=START + timedelta(days=24), currency="EUR")
    assert not [a for a in found if a["type"] == "stopped"]


def test_a_gap_in_the_exports_is_not_a_stop():
    from crawler.campaigns.anomalies import data_gaps

    df = pd.concat([frame(steady(30), campaign="A"), frame(steady(30, seed=2), campaign="B")])
    df = df[~df["date"].between(START + timedelta(days=12), START + timedelta(days=16))]  # no rows at all
    assert not [a for a in detect(df, end=START + timedelta(days=29), currency="EUR") if a["type"] == "stopped"]
    (gap,) = data_gaps(df)
    assert gap["platform"] == "google_ads" and gap["days"] == 5
    assert gap["start"] == (START + timedelta(days=12)).isoformat()
