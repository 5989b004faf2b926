"""The one Jinja2 environment that turns page models into Markdown.

Every ``{{ value }}`` is escaped by default (``finalize``): for HTML (``<``, ``&``, quotes) and for Markdown
(``*``, ``_``, ``[``, ``|``, backticks, ...), by replacing each special character with its numeric character
reference. Python-Markdown leaves references alone and the browser shows the character, so a crawled title
``<script>`` or a campaign named ``[x](javascript:…)`` shows as text. Tables, figures, details and charts are
emitted as raw HTML blocks built with markupsafe, which Markdown does not parse at all. Filters that return
:class:`markupsafe.Markup` are trusted output and pass through unchanged.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.report.model import Chart, Detail, Download, Figure, Link, Rich, Table

TEMPLATES = Path(__file__).parent / "templates"

# Characters that mean something to HTML or to Markdown (incl. tables, attr_list, admonitions, toc).
_SPECIALS = "&<>\"'\\`*_{}[]()#+-.!|:~=^$@%"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIALS}
_TABLE.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " ", 0: "\ufffd"})


def md_escape(value: object) -> Markup:
    """Plain text -> text safe inline in Markdown and HTML (renders as the same characters)."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_TABLE))


def _finalize(value: object) -> object:
    if value is None:
        return ""
    return md_escape(value)


def _cell(cell: object) -> Markup:
    if isinstance(cell, Link):
        if cell.href:
            return Markup('<a href="{}" rel="nofollow noopener noreferrer" target="_blank">{}</a>').format(
                cell.href, cell.text)
        return Markup("<span class=\"tm-url\">{}</span>").format(cell.text)
    return escape("" if cell is None else str(cell))


def html_table(table: Table) -> Markup:
    """A table as one raw HTML block (no blank line inside, so Markdown keeps it whole)."""
    head = Markup("").join(
        Markup('<th class="tm-{}">{}</th>').format(c.align, c.label) for c in table.columns)
    rows = []
    for row in table.rows:
        cells = Markup("").join(
            Markup('<td class="tm-{}">{}</td>').format(col.align, _cell(value))
            for col, value in zip(table.columns, row, strict=False))
        rows.append(Markup("<tr>{}</tr>").format(cells))
    caption = Markup("<caption>{}</caption>").format(table.caption) if table.caption else Markup("")
    out = Markup('<div class="tm-table"><table>{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>').format(
        caption, head, Markup("").join(rows))
    if table.more:
        out += Markup('<p class="tm-more">{}</p>').format(table.more)
    return _one_line(out)


def _one_line(html: Markup) -> Markup:
    """No line breaks inside a raw HTML block: a blank line from data would end the block early."""
    return Markup(str(html).replace("\r", " ").replace("\n", " "))


def chart_div(chart: Chart) -> Markup:
    """The chart's spec as escaped JSON in a data- attribute; charts.js renders it (never a <script>)."""
    return Markup('<div class="tm-chart" role="img" aria-label="{}" data-spec="{}"></div>').format(
        chart.description, chart.spec)


def figures_grid(figures: list[Figure]) -> Markup:
    items = []
    for f in figures:
        change = (Markup('<span class="tm-change tm-{}">{}</span>').format(f.tone, f.change)
                  if f.change else Markup(""))
        note = Markup('<span class="tm-note">{}</span>').format(f.note) if f.note else Markup("")
        items.append(Markup('<div class="tm-figure"><span class="tm-label">{}</span>'
                            '<span class="tm-value">{}</span>{}{}</div>').format(f.label, f.value, change, note))
    return _one_line(Markup('<div class="tm-figures">{}</div>').format(Markup("").join(items)))


def details_block(detail: Detail) -> Markup:
    badge = (Markup(' <span class="tm-badge tm-{}">{}</span>').format(detail.severity, detail.badge)
             if detail.badge else Markup(""))
    body = Markup("").join(
        Markup('<p><strong>{}</strong> {}</p>').format(label, text) for label, text in detail.paragraphs)
    if detail.table is not None:
        body += html_table(detail.table)
    return _one_line(Markup('<details class="tm-details"><summary>{}{}</summary>{}</details>').format(
        detail.title, badge, body))


def rich_text(value: object) -> Markup:
    """Plain text, or a Rich text whose emphasised parts become <em> (every part escaped)."""
    if isinstance(value, Rich):
        return Markup("").join(Markup("<em>{}</em>").format(t) if em else escape(t) for t, em in value.parts)
    return escape("" if value is None else str(value))


def bullet_list(items: list[object]) -> Markup:
    return _one_line(Markup('<ul class="tm-list">{}</ul>').format(
        Markup("").join(Markup("<li>{}</li>").format(rich_text(i)) for i in items)))


def paragraph(text: str, css: str = "") -> Markup:
    cls = Markup(' class="{}"').format(css) if css else Markup("")
    return _one_line(Markup("<p{}>{}</p>").format(cls, text))


def download_links(downloads: list[Download]) -> Markup:
    """Links to files copied into the site (targets are built from slugs, never from data)."""
    return _one_line(Markup('<p class="tm-downloads">{}</p>').format(Markup(" · ").join(
        Markup('<a href="{}" download>{}</a>').format(d.target, d.label) for d in downloads)))


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # Markdown output; escaping is done by finalize + the HTML filters below
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(hashes=lambda n: Markup("#" * max(1, min(int(n), 6))), md=md_escape, table=html_table, chart=chart_div, figures=figures_grid,
                       details=details_block, downloads=download_links, bullets=bullet_list, para=paragraph)
    return env


_ENV: Environment | None = None


def render(template: str, **context: object) -> str:
    """Render one template of generator/templates with the shared environment."""
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return _ENV.get_template(template).render(**context)
