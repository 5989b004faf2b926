"""Chart builders: pure DataFrame -> alt.Chart functions whose specs render (checked with vl-convert)."""

import json

import pandas as pd
import pytest
import vl_convert

from generator.charts import to_spec
from generator.charts.audit import health_trend, issues_by_check, issues_by_severity
from generator.charts.campaigns import cost_by_group, daily_cost, pacing
from generator.charts.traffic import bars, daily_bars, daily_lines

SEV = {"error": "Erreur", "warning": "Avertissement", "notice": "Remarque"}
DAYS = ["2026-09-01", "2026-09-02", "2026-09-03"]

CHARTS = {
    "issues_by_check": lambda: issues_by_check(
        pd.DataFrame({"check": ["<script>x</script>", "b"], "severity": ["error", "notice"], "count": [3, 1]}),
        title="t", count_title="n", severity_labels=SEV),
    "issues_by_severity": lambda: issues_by_severity(
        pd.DataFrame({"severity": ["error", "warning", "notice"], "count": [1, 0, 2]}),
        title="t", count_title="n", severity_labels=SEV),
    "health_trend": lambda: health_trend(
        pd.DataFrame({"date": ["2026-10-01T06:00:00", "2026-11-01T06:00:00"], "site": ["main", "main"],
                      "score": [78, 83.5]}), title="t", score_title="s", date_title="d"),
    "bars": lambda: bars(pd.DataFrame({"channel": ["Organic Search", "Direct"], "visits": [10, 5]}),
                         category="channel", value="visits", title="t", value_title="v"),
    "daily_lines": lambda: daily_lines(pd.DataFrame({"date": DAYS * 2, "series": ["a"] * 3 + ["b"] * 3,
                                                     "value": [1, 2, 3, 3, 2, 1]}),
                                       title="t", value_title="v", date_title="d"),
    "daily_bars": lambda: daily_bars(pd.DataFrame({"date": DAYS, "value": [4, 5, 6]}),
                                     title="t", value_title="v", date_title="d"),
    "cost_by_group": lambda: cost_by_group(pd.DataFrame({"platform": ["Google Ads"], "cost": [12.5],
                                                         "conversions": [1.0]}),
                                           group="platform", title="t", cost_title="c"),
    "daily_cost": lambda: daily_cost(pd.DataFrame({"date": DAYS, "platform": ["g", "g", "m"], "cost": [1.0, 2, 3]}),
                                     title="t", cost_title="c", date_title="d"),
    "pacing": lambda: pacing(pd.DataFrame({"scope": ["Paid Search"], "spent": [5100.0], "expected": [5800.0],
                                           "budget": [6000.0]}),
                             title="t", spent_title="s", budget_label="b", expected_label="e"),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_spec_renders_offline(name):
    spec = json.loads(to_spec(CHARTS[name](), "fr"))
    assert "$schema" not in spec  # no URL to another host in the page
    assert spec["usermeta"]["embedOptions"]["formatLocale"]["decimal"] == ","
    assert spec["usermeta"]["embedOptions"]["actions"] is False
    render = dict(spec)
    render.pop("usermeta")
    svg = vl_convert.vegalite_to_svg(render)
    assert svg.startswith("<svg") and ("<path" in svg or "<line" in svg)


def test_builders_do_not_change_their_input():
    frame = pd.DataFrame({"check": ["a"], "severity": ["error"], "count": [1]})
    before = frame.copy()
    issues_by_check(frame, title="t", count_title="n", severity_labels=SEV)
    pd.testing.assert_frame_equal(frame, before)


def test_currency_symbol_follows_the_client():
    chart = CHARTS["bars"]()
    assert json.loads(to_spec(chart, "en", "USD"))["usermeta"]["embedOptions"]["formatLocale"]["currency"] == ["$", ""]
    assert json.loads(to_spec(chart, "fr", "EUR"))["usermeta"]["embedOptions"]["formatLocale"]["currency"] == [
        "", "\u00a0€"]
