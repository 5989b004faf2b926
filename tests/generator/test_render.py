"""Escaping: untrusted text (titles, URLs, campaign names) stays text in Markdown and in HTML."""

import markdown
from bs4 import BeautifulSoup

from generator.render import md_escape, render
from generator.report.model import Chart, Column, Detail, Link, Page, Rich, Section, Table

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "Chaussure *trail* | X1 _vite_ `code` [x](javascript:alert(3))",
    "# not a heading",
    "1. not a list",
    "&amp; &lt;b&gt; entity",
]


def to_html(md_text: str) -> BeautifulSoup:
    """Markdown -> HTML with the extensions the site uses (mkdocs.yml), parsed."""
    html = markdown.markdown(md_text, extensions=["admonition", "attr_list", "toc", "tables"])
    return BeautifulSoup(html, "lxml")


def assert_inert(soup: BeautifulSoup) -> None:
    assert soup.find("script") is None
    assert soup.find("img") is None
    assert soup.find(["em", "code", "h1", "ol"]) is None or all(
        "not a" not in t.get_text() and "trail" not in t.get_text() for t in soup.find_all(["em", "code", "h1", "ol"]))
    for a in soup.find_all("a"):
        assert not a.get("href", "").lower().startswith("javascript"), a
    for tag in soup.find_all(True):
        assert not any(k.startswith("on") for k in tag.attrs), tag


def test_md_escape_round_trips_through_markdown_as_the_same_text():
    for text in HOSTILE:
        soup = to_html(str(md_escape(text)))
        assert_inert(soup)
        assert soup.get_text().strip() == text


def test_page_with_hostile_text_everywhere_renders_as_text():
    bad = HOSTILE[0] + " " + HOSTILE[2]
    page = Page(
        filename="x.md", nav_title="x", title=HOSTILE[1], intro=bad, notice=bad,
        sections=[Section(
            title=HOSTILE[3], intro=bad, items=[bad, Rich([("Cost on ", False), (HOSTILE[0], True)])],
            tables=[Table([Column(bad), Column("n", "right")],
                          [[bad, "1"], [Link.safe("javascript:alert(4)"), Link.safe("https://ok.example/?q=<b>")]],
                          caption=bad, more=bad)],
            charts=[Chart('{"title": "</div><script>alert(5)</script>", "mark": "bar"}', bad)],
            details=[Detail(title=bad, badge=bad, severity="error\" onclick=\"x", paragraphs=[(bad, bad)],
                            table=Table([Column("u")], [[Link.safe(HOSTILE[1])]]))],
            empty=bad,
        )],
    )
    text = render("page.md.j2", page=page)
    soup = to_html(text)
    assert_inert(soup)
    body = soup.get_text()
    assert HOSTILE[0] in body and HOSTILE[1] in body and HOSTILE[2] in body
    # the chart spec survives intact in its data- attribute, as data
    chart = soup.find("div", class_="tm-chart")
    assert chart["data-spec"] == '{"title": "</div><script>alert(5)</script>", "mark": "bar"}'
    # only the http(s) URL became a link
    assert [a["href"] for a in soup.find_all("a") if a.get("href", "").startswith("http")] == [
        "https://ok.example/?q=<b>"]
    assert soup.find("em").get_text() == HOSTILE[0]


def test_table_cells_with_newlines_stay_in_one_html_block():
    table = Table([Column("a")], [["line one\n\n<script>alert(1)</script>"]])
    page = Page("x.md", "x", "x", sections=[Section(title="s", tables=[table])])
    soup = to_html(render("page.md.j2", page=page))
    assert soup.find("script") is None
    assert "<script>alert(1)</script>" in soup.find("td").get_text()
