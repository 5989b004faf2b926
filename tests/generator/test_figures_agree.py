"""Figures a client can check, read back from the page models the way a reader reads the page: every
printed CPA and ROAS recomputes from its row (or from its footnote, which prints the sums it used),
every pacing status agrees with its printed pace, and an overview card equals its detail page's figure.
"""

import re

import pytest

from generator.report import build_pages, load_state
from generator.report.ratios import MARKS

MONEY = re.compile(r"[−-]?[\d\s\u202f\u00a0.,]+")


def number(text: str, language: str) -> float:
    """ "8 444,49 €" / "€8,444.49" / "517,8" -> float."""
    digits = "".join(MONEY.findall(text.strip(MARKS))).strip().replace("\u202f", "").replace("\u00a0", "")
    digits = digits.replace(" ", "").replace("−", "-")
    digits = digits.replace(".", "").replace(",", ".") if language == "fr" else digits.replace(",", "")
    return float(digits)


def pages(client):
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                      currency=client.currency)
    return {p.filename: p for p in build_pages(data)}


def kpi_tables(page):
    for sec in page.sections:
        for table in sec.tables:
            labels = [c.label for c in table.columns]
            if "CPA" in labels and "ROAS" in labels:
                yield labels, table


def footnote(table, mark: str) -> str:
    return next(n for n in table.notes if n.startswith(mark + " "))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_printed_cpa_and_roas_recomputes_from_its_row(client_factory, language):
    client = client_factory(language=language)
    cost_label, conv_label = ("Coût", "Conversions") if language == "fr" else ("Cost", "Conversions")
    checked = footnoted = 0
    for labels, table in kpi_tables(pages(client)["campaigns.md"]):
        cost_i, conv_i, cpa_i = labels.index(cost_label), labels.index(conv_label), labels.index("CPA")
        for row in table.rows:
            cpa_cell = str(row[cpa_i])
            if cpa_cell == "—":
                assert number(str(row[conv_i]), language) == 0
                continue
            mark = cpa_cell[-1] if cpa_cell[-1] in MARKS else ""
            if mark:  # the footnote prints the sums: "CPA = 1 894,18 € ÷ 61 = 31,05 €"
                note = footnote(table, mark)
                top, bottom, shown = re.search(r"CPA = (.+?) ÷ (.+?) = (.+?), (?:on|sur) ", note).groups()
                assert number(shown, language) == number(cpa_cell, language)
                cost, conv = number(top, language), number(bottom, language)
                footnoted += 1
            else:
                cost, conv = number(str(row[cost_i]), language), number(str(row[conv_i]), language)
            cpa = number(cpa_cell, language)
            # printed to the cent and conversions to 2 decimals: what a reader's division can differ by
            assert abs(cost / conv - cpa) <= 0.0051 + (cpa * 0.005 + 0.005) / conv, row
            checked += 1
    assert checked >= 10 and footnoted >= 2


def test_a_ratio_on_fewer_rows_than_printed_says_so(client_factory):
    """Meta Ads has days without conversions: its CPA cell carries a mark and the note gives the sums."""
    client = client_factory(language="en")
    _, table = next(kpi_tables(pages(client)["campaigns.md"]))
    meta = next(r for r in table.rows if r[0] == "Meta Ads")
    assert meta[7][-1] in MARKS
    note = footnote(table, meta[7][-1])
    assert note.startswith(meta[7][-1] + " Meta Ads: some days report no conversions. CPA = ")
    google = next(r for r in table.rows if r[0] == "Google Ads")
    assert google[7][-1] not in MARKS  # every Google Ads row reports conversions


def test_every_pacing_status_matches_its_ratio(client_factory):
    client = client_factory(language="en")
    page = pages(client)["campaigns.md"]
    sec = next(s for s in page.sections if s.title == "Budget pacing")
    (table,) = sec.tables
    labels = [c.label for c in table.columns]
    assert labels[1] == "Month"
    for row in table.rows:
        assert row[1] == "October 2026"
        budget, spent = number(row[2], "en"), number(row[3], "en")
        pace = number(row[5], "en") / 100
        status = row[7]
        if spent > budget or pace > 1.10:
            assert status.startswith("over"), row
        elif pace < 0.90:
            assert status.startswith("under"), row
        else:
            assert status.startswith("on track"), row
    assert "±10%" in sec.intro


def test_overview_cards_equal_the_detail_pages(client_factory):
    client = client_factory(language="en")
    p = pages(client)
    cards = {f.label: f for f in p["index.md"].sections[0].figures}
    detail = {f.label: f for f in p["campaigns.md"].sections[0].figures}
    for key in ("Cost", "Conversions", "CPA", "ROAS"):
        assert cards[key].value == detail[key].value, key
    assert cards["Visits"].change.endswith("vs September 2026 (6,111)")
    assert cards["CPA"].tone == "bad" and cards["CPA"].change.startswith("+")  # CPA went up: bad
    assert "Paid Search: " in cards["CPA"].note and "target €25.00, met" in cards["CPA"].note


def test_googlebot_redirects_equal_the_3xx_rows_of_its_status_table(client_factory):
    """Regression: "Hits on redirects 0" sat next to a status table with 245 redirects (301)."""
    client = client_factory(language="en")
    traffic = pages(client)["traffic.md"]
    sec = next(s for s in traffic.sections if s.title == "Googlebot activity")
    shown = number(next(f.value for f in sec.figures if f.label == "Hits answered with a redirect (3xx)"), "en")
    status = next(t for t in sec.tables if t.caption == "Status codes")
    assert shown == sum(number(r[1], "en") for r in status.rows if str(r[0]).startswith("3"))
    assert shown > 0


def test_the_two_visitor_counts_carry_their_definitions(client_factory):
    traffic = pages(client_factory(language="en"))["traffic.md"]
    cards = {f.label: f for f in traffic.sections[0].figures}
    assert cards["Visitors"].note and cards["Unique visitors"].note
    assert number(cards["Unique visitors"].value, "en") >= number(cards["Visitors"].value, "en")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_methodology_defines_every_figure_with_this_clients_settings(client_factory, language):
    page = pages(client_factory(language=language))["methodology.md"]
    text = " ".join(s.title + " " + s.intro for s in page.sections)
    must = {"fr": ["30 minutes", "CPA = coût ÷ conversions", "ROAS = valeur de conversion ÷ coût",
                   "CTR = clics ÷ impressions", "Score = 100", "GoAccess", "90 %", "110 %",
                   "pondérée par les impressions"],
            "en": ["30 minutes", "CPA = cost ÷ conversions", "ROAS = conversion value ÷ cost",
                   "CTR = clicks ÷ impressions", "Score = 100", "GoAccess", "90%", "110%",
                   "weighted by impressions"]}[language]
    for phrase in must:
        assert phrase in text.replace("\u202f", " ").replace("\u00a0", " "), phrase
    assert not page.period  # definitions, not figures of a period


NUMBER = re.compile(r"\d[\d\u202f\u00a0 ]*(?:[,.]\d+)?(?:\u00a0?[€%])?")


def _section_text(sec) -> str:
    parts = [sec.title, sec.intro, *map(str, sec.items), *sec.notes]
    for f in sec.figures:
        parts += [f.label, f.value, f.change, f.note]
    for t in sec.tables:
        parts += [str(getattr(c, "text", c)) for row in t.rows for c in row] + [c.label for c in t.columns]
    return " ".join(parts)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_number_of_a_highlight_is_in_the_table_it_links_to(client_factory, language):
    from markdown.extensions.toc import slugify

    all_pages = pages(client_factory(language=language))
    overview = all_pages["index.md"]
    highlights = next(s for s in overview.sections if s.title in ("À retenir", "Highlights"))
    assert len(highlights.items) >= 5
    for item in highlights.items:
        href = item.link.href
        page_name, _, anchor = href.partition("#")
        page = all_pages[page_name[:-len(".html")] + ".md"]
        sections = [s for s in page.sections if not anchor or slugify(s.title, "-") == anchor]
        assert sections, href
        text = " ".join(_section_text(s) for s in sections)
        sentence = str(item)
        for token in NUMBER.findall(sentence):
            token = token.strip()
            if len(token) == 4 and token.isdigit():  # a year, in a period name
                continue
            assert token in text, (sentence, token, href)


def test_crawl_overview_distributions_add_up_to_the_pages_crawled(client_factory):
    audit = pages(client_factory(language="en"))["audit.md"]
    sec = next(s for s in audit.sections if s.title == "Crawl overview")
    fetched = number(next(f.value for f in sec.figures if f.label == "Internal URLs fetched"), "en")
    tables = {t.caption: t for t in sec.tables}
    for caption in ("Indexability", "Response time", "HTML weight"):
        assert sum(number(r[1], "en") for r in tables[caption].rows) == fetched, caption
    index = {r[0]: number(r[1], "en") for r in tables["Indexability"].rows}
    assert index["excluded by noindex"] >= 1 and index["in error (4xx, 5xx)"] >= 1  # the cart; the 404 page


def test_the_comparison_table_names_its_months_and_footnotes_its_ratios(client_factory):
    page = pages(client_factory(language="en"))["campaigns.md"]
    sec = next(s for s in page.sections if s.title == "Compared with earlier periods")
    (table,) = sec.tables
    assert [c.label for c in table.columns][1:3] == ["October 2026", "September 2026"]
    cpa = next(r for r in table.rows if r[0] == "CPA")
    assert cpa[1][-1] in MARKS  # October's CPA is on the days that report conversions
    note = footnote(table, cpa[1][-1])
    top, bottom, shown = re.search(r"CPA = (.+?) ÷ (.+?) = (.+?), (?:on|sur) ", note).groups()
    assert note.startswith(f"{cpa[1][-1]} October 2026: ")
    assert abs(number(top, "en") / number(bottom, "en") - number(shown, "en")) <= 0.006


def _last_october(client) -> None:
    """September's summaries stand in for last October's, so that a year-earlier comparison exists."""
    import json as _json
    import shutil

    periods = client.state_dir / "periods"
    shutil.copytree(periods / "2026-09", periods / "2025-10")
    record = _json.loads((periods / "2025-10" / "period.json").read_text())
    record["period"] = {"key": "2025-10", "kind": "month", "start": "2025-10-01", "end": "2025-10-31"}
    record["built"] = False
    (periods / "2025-10" / "period.json").write_text(_json.dumps(record))


def test_cards_compare_with_the_same_period_a_year_earlier_when_it_exists(client_factory):
    import json as _json

    client = client_factory(language="en")
    periods = client.state_dir / "periods"
    assert "vs October 2025" not in str([f.note for f in pages(client)["index.md"].sections[0].figures])
    _last_october(client)
    cards = {f.label: f for f in pages(client)["index.md"].sections[0].figures}
    september = _json.loads((periods / "2026-09" / "traffic.json").read_text())["human"]["visits"]
    assert cards["Visits"].note.endswith(f"vs October 2025 ({september:,})")
    assert "vs October 2025" in cards["Cost"].note and "vs September 2026" in cards["Cost"].change


def test_traffic_tables_add_the_same_period_a_year_earlier_when_it_exists(client_factory):
    import json as _json

    client = client_factory(language="en")
    tables = [t for s in pages(client)["traffic.md"].sections for t in s.tables]
    assert not any(c.label == "October 2025" for t in tables for c in t.columns)
    _last_october(client)
    september = _json.loads((client.state_dir / "periods" / "2026-09" / "traffic.json").read_text())
    page = pages(client)["traffic.md"]
    channels = next(s for s in page.sections if s.title == "Visits by channel").tables[0]
    labels = [c.label for c in channels.columns]
    assert labels[3:] == ["September 2026", "Change", "October 2025", "Change on a year"]
    organic = next(r for r in channels.rows if r[0] == "Organic Search")
    before = september["channels"]["Organic Search"]
    assert organic[5] == f"{before:,}" and organic[3] == organic[5]  # the stand-in is September's figures
    compared = [t for s in page.sections for t in s.tables if any(c.label == "October 2025" for c in t.columns)]
    assert len(compared) >= 5  # channels, landing pages, devices, OS, browsers
