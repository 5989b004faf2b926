"""Page-model building blocks: what templates receive. Every value is already computed and formatted.

Cells hold plain (untrusted) text; the renderer escapes them. Only ``Link.href`` is checked here: a link
is kept only for http(s) URLs, anything else (``javascript:``, ``data:``) is shown as text.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

Align = Literal["left", "right"]


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None = None
    local: bool = False  # a page of this site (href built from trusted names only), opened in place

    @classmethod
    def to_page(cls, text: str, from_file: str, to_file: str, section: str = "") -> Link:
        """A link between two pages of the report, relative (the site also works opened from disk), to a
        section when given (its heading's anchor, as the Markdown toc extension makes it)."""
        target = posixpath.relpath(_html(to_file), posixpath.dirname(_html(from_file)) or ".")
        if section:
            from markdown.extensions.toc import slugify

            target += "#" + slugify(section, "-")
        return cls(text, target, local=True)

    @classmethod
    def safe(cls, url: object, text: object | None = None) -> Link:
        """A link to ``url`` only if it is http(s); otherwise plain text."""
        url_s = "" if url is None else str(url)
        label = url_s if text is None else str(text)
        try:
            scheme = urlsplit(url_s.strip()).scheme.lower()
        except ValueError:
            scheme = ""
        return cls(label, url_s.strip() if scheme in ("http", "https") else None)


def _html(md_file: str) -> str:
    return md_file[:-3] + ".html" if md_file.endswith(".md") else md_file


Cell = str | Link


@dataclass(frozen=True)
class Rich:
    """Text made of (text, emphasised) parts, e.g. an anomaly sentence with the campaign name in italics."""

    parts: list[tuple[str, bool]]
    link: Link | None = None  # where the sentence's figures are (a table of a detail page)

    def __str__(self) -> str:
        return "".join(text for text, _ in self.parts)


@dataclass
class Column:
    label: str
    align: Align = "left"


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""
    more: str = ""  # e.g. "and 42 more"; shown under the table
    notes: list[str] = field(default_factory=list)  # footnotes, each starting with its mark ("¹ …")

    def __bool__(self) -> bool:
        return bool(self.rows)


@dataclass
class Chart:
    """A Vega-Lite spec (JSON text) and a short accessible description."""

    spec: str
    description: str = ""


@dataclass
class Figure:
    """A key figure: label, formatted value, optional change and its tone (good / bad / neutral)."""

    label: str
    value: str
    change: str = ""
    tone: Literal["good", "bad", "neutral"] = "neutral"
    note: str = ""


@dataclass
class Detail:
    """A collapsible block: title, paragraphs and an optional table (a check with its URLs)."""

    title: str
    badge: str = ""
    severity: str = ""
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (label, text)
    table: Table | None = None


@dataclass(frozen=True)
class Download:
    """A file offered for download: copied from ``source`` to ``target`` (relative to the docs folder)."""

    label: str
    target: str  # e.g. downloads/main-issues.xlsx (built from trusted names only)
    source: Path


@dataclass
class Section:
    """A titled part of a page. A section with ``empty`` set says why there is nothing to show."""

    title: str
    intro: str = ""
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    items: list[str | Rich] = field(default_factory=list)  # bullet list (plain text)
    details: list[Detail] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # footnotes of the figures ("¹ …"), under them
    empty: str = ""
    level: int = 2


@dataclass
class Page:
    """One Markdown page of the report."""

    filename: str  # index.md, audit.md, ...
    nav_title: str
    title: str
    period: str = ""  # the period the page reports on, with its dates
    intro: str = ""
    notice: str = ""  # shown as a warning admonition (missing data, incomplete crawl)
    sections: list[Section] = field(default_factory=list)
    template: str = "page.md.j2"
    in_nav: bool = True  # check pages are reached from the action plan and the audit page, not the tabs
