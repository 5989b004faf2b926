"""A chart is drawn only when it says something: never of one value or of equal values, never bars where
one category dwarfs the others, time ticks that never repeat a label, every mark in a legend."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from generator.charts.audit import health_trend
from generator.charts.campaigns import pacing
from generator.charts.rules import day_ticks, dominated, says_something, worth_a_bar_chart
from generator.report import build_pages, load_state


def test_rules():
    assert not says_something([1]) and not says_something([1, 1, 1]) and says_something([1, 2])
    assert dominated([121_381, 245, 80, 12]) and not dominated([50, 30, 20])
    assert worth_a_bar_chart([50, 30, 20]) and not worth_a_bar_chart([1, 1]) and not worth_a_bar_chart([99, 1])
    assert day_ticks(["2026-10-01", "2026-10-10"]).to_dict() == {"interval": "day", "step": 1}
    assert day_ticks([date(2026, 10, 1), date(2026, 10, 31)]).to_dict() == {"interval": "week", "step": 1}
    assert day_ticks(["2025-11-01", "2026-10-31"]).to_dict() == {"interval": "month", "step": 1}


def test_health_trend_ticks_are_the_crawl_dates():
    """Regression: a trend of crawls made the same day repeated "02 Dec" along its axis."""
    frame = pd.DataFrame({"date": ["2026-12-02T06:00:00", "2026-12-02T09:30:00", "2026-12-03T06:00:00"],
                          "site": "main", "score": [70, 75, 81]})
    axis = health_trend(frame, title="t", score_title="s", date_title="d").to_dict()["encoding"]["x"]["axis"]
    assert len(axis["values"]) == 3 and axis["format"] == "%d %b %H:%M"
    assert axis["values"][1] == {"year": 2026, "month": 12, "date": 2, "hours": 9, "minutes": 30}


def test_pacing_markers_are_in_the_legend():
    frame = pd.DataFrame({"scope": ["Search"], "spent": [100.0], "expected": [90.0], "budget": [120.0]})
    spec = pacing(frame, title="t", spent_title="s", budget_label="Budget", expected_label="Expected").to_dict()
    colors = [layer["encoding"].get("color") for layer in spec["layer"] if "color" in layer["encoding"]]
    assert colors and colors[0]["scale"]["domain"] == ["Expected", "Budget"] and colors[0]["legend"] is not None


def _pages(client_factory, language: str = "en") -> dict:
    client = client_factory(language=language)
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language=language, currency="EUR")
    return {p.filename: p for p in build_pages(data)}


def _charts(pages):
    for page in pages.values():
        for sec in page.sections:
            for chart in sec.charts:
                yield page.filename, sec.title, json.loads(chart.spec)


def test_no_chart_of_the_demo_draws_equal_or_dwarfed_bars(client_factory):
    client = client_factory(language="en")
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language="en", currency="EUR")
    pages = {p.filename: p for p in build_pages(data)}
    seen = 0
    for name, title, spec in _charts(pages):
        if spec.get("mark", {}).get("type") != "bar" or "datasets" not in spec:
            continue
        values = [row[f] for rows in spec["datasets"].values() for row in rows
                  for f in ("count", "hits", "visits", "visitors", "cost", "pages", "sessions") if f in row]
        assert worth_a_bar_chart(values), (name, title, values)
        seen += 1
    assert seen >= 3
    status = next(s for s in pages["traffic.md"].sections if s.title == "Status codes")
    assert not status.charts and status.tables  # 200 dwarfs the rest: a table with shares
    audit = next(s for s in pages["audit.md"].sections if s.title == "Issues")
    assert not audit.charts  # every check has one URL in the demo: a chart of equal bars says nothing


def test_traffic_page_draws_channels_over_time_and_ai_crawlers(client_factory):
    client = client_factory(language="en")
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language="en", currency="EUR")
    traffic = {p.filename: p for p in build_pages(data)}["traffic.md"]
    channels = next(s for s in traffic.sections if s.title == "Visits by channel")
    over_time = [json.loads(c.spec) for c in channels.charts if c.description == "Visits by channel per day"]
    assert over_time and over_time[0]["mark"]["type"] == "area"
    rows = next(iter(over_time[0]["datasets"].values()))
    per_day = {}
    for r in rows:
        per_day[r["date"]] = per_day.get(r["date"], 0) + r["value"]
    daily = {d["date"]: d["visits"] for d in data.traffic["daily"]}
    assert per_day == {k: v for k, v in daily.items() if v}  # the stacks add up to the day's visits
    bots = next(s for s in traffic.sections if s.title == "Bots")
    assert any(c.description == "AI crawlers per day" for c in bots.charts)


def test_probes_are_listed_apart_from_lost_pages(client_factory):
    from generator.report.googlebot import is_probe

    assert is_probe("/.env") and is_probe("/wp-login.php") and is_probe("/blog/wp-admin/") and is_probe("/db.sql")
    assert not is_probe("/environnement/") and not is_probe("/produit/sac/") and not is_probe("/blog/git-guide/")
    traffic = _pages(client_factory)["traffic.md"]
    sec = next(s for s in traffic.sections if s.title == "Pages not found (404)")
    lost, probes = sec.tables
    assert probes.caption == "Probes by robots looking for weaknesses" and probes.rows
    assert all(is_probe(r[0]) for r in probes.rows)
    assert not any(is_probe(r[0].text) for r in lost.rows)


def test_search_console_compares_with_the_previous_period_and_plots_ctr_by_position(client_factory):
    traffic = _pages(client_factory)["traffic.md"]
    sec = next(s for s in traffic.sections if s.title == "Search Console")
    cards = {f.label: f for f in sec.figures}
    assert cards["Clicks"].change.endswith(")") and "vs September 2026" in cards["Clicks"].change
    position = cards["Average position"]
    went_down = position.change.startswith("−")
    assert position.tone == ("good" if went_down else "bad") or position.tone == "neutral"  # lower is better
    scatter = [json.loads(c.spec) for c in sec.charts if c.description.startswith("CTR by average position")]
    assert scatter and scatter[0]["mark"]["type"] == "circle"


def test_devices_and_os_are_tables_compared_with_the_previous_period(client_factory):
    traffic = _pages(client_factory)["traffic.md"]
    sec = next(s for s in traffic.sections if s.title == "Referring sites and devices")
    tables = {t.caption: t for t in sec.tables}
    devices = tables["Devices"]
    assert [c.label for c in devices.columns][-2:] == ["September 2026", "Change"]
    assert {r[0] for r in devices.rows} >= {"Desktop", "Mobile"}
    assert tables["Operating systems"].rows
