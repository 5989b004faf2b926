"""The check model: metadata (FR + EN) next to the logic, like Lighthouse audits.

A check is a class with class attributes (id, title, severity, category, scope, why, fix, reads,
thresholds) and a ``run(ctx, th)`` generator yielding :class:`Finding`. Page checks subclass
:class:`PageCheck` and implement ``check(page, ctx, th)``; it is only called for crawled HTML pages
that answered 2xx. Site checks (``scope = "site"``) need the whole crawl: when the crawl was cut
short the audit reports them as *inconclusive* instead of running them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from crawler.common.text import Text

if TYPE_CHECKING:
    from crawler.audit.context import AuditContext, Page

Severity = Literal["error", "warning", "notice"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "notice")
SEVERITY_RANK = {"error": 3, "warning": 2, "notice": 1}
SEVERITY_NAMES: dict[str, Text] = {
    "error": Text("error", "erreur"),
    "warning": Text("warning", "avertissement"),
    "notice": Text("notice", "remarque"),
}


CATEGORIES: dict[str, Text] = {
    "responses": Text("Response codes and redirects", "Codes de réponse et redirections"),
    "indexability": Text("Indexability and directives", "Indexabilité et directives"),
    "canonicals": Text("Canonicals", "Balises canoniques"),
    "titles": Text("Titles, descriptions and headings", "Titres, descriptions et intertitres"),
    "content": Text("Content", "Contenu"),
    "images": Text("Images", "Images"),
    "links": Text("Links and architecture", "Liens et architecture"),
    "hreflang": Text("Hreflang", "Hreflang"),
    "sitemaps": Text("Sitemaps", "Sitemaps"),
    "structured_data": Text("Structured data and social tags", "Données structurées et balises sociales"),
    "security": Text("Security", "Sécurité"),
    "performance": Text("Performance", "Performance"),
    "urls": Text("URL hygiene", "Hygiène des URL"),
    "ai_crawlers": Text("AI crawlers", "Robots d'IA"),
}


@dataclass(slots=True)
class Finding:
    """One problem found by a check on one URL. ``detail`` is a :class:`Text` or a plain string."""

    url: str
    detail: Text | str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def detail_text(self, language: str) -> str:
        return self.detail.get(language) if isinstance(self.detail, Text) else str(self.detail)


def format_threshold(value: float) -> str:
    """A threshold as written in a title: 65, not 65.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


_DEFAULT = re.compile(r"default (\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)([^,()]*?) par défaut")


def _value_in_force(inner: str, shown: str) -> str:
    """"default 60" -> "60"; "200 mots visibles par défaut" -> "200 mots visibles" (first number only)."""
    return _DEFAULT.sub(lambda m: shown if m.group(1) else shown + m.group(3), inner, count=1)


def _with_values(text: str, values: Mapping[str, float]) -> str:
    """Replace each threshold key of a fix text by its value in force (see Check.fix_for)."""
    for key, value in values.items():
        shown = format_threshold(value)
        # "min_words words (default 50)" -> "50 words"
        text = re.sub(rf"\b{key} (\w+) \((?:default [\d.]+|[\d.]+ par défaut)\)", rf"{shown} \1", text)
        # "max_length (default 60)" / "min_words (200 mots visibles par défaut)" -> the parenthesis, with the value
        text = re.sub(rf"\b{key} \(([^()]*)\)", lambda m, v=shown: _value_in_force(m.group(1), v), text)
        text = re.sub(rf"\b{key}\b", shown, text)
    return text


class Check:
    """Base class. Subclasses set the metadata and implement :meth:`run`."""

    id: ClassVar[str]
    title: ClassVar[Text]
    severity: ClassVar[Severity] = "warning"
    category: ClassVar[str]
    scope: ClassVar[Literal["page", "site"]] = "page"
    why: ClassVar[Text]
    fix: ClassVar[Text]
    reads: ClassVar[tuple[str, ...]] = ()
    thresholds: ClassVar[Mapping[str, float]] = {}
    # Site checks need every page of the site; a few (robots.txt, llms.txt) do not.
    needs_complete_crawl: ClassVar[bool | None] = None
    # Its fix is "let search engines index this page": never said of a page excluded on purpose.
    advises_indexing: ClassVar[bool] = False

    @classmethod
    def requires_complete(cls) -> bool:
        if cls.needs_complete_crawl is not None:
            return cls.needs_complete_crawl
        return cls.scope == "site"

    def run(self, ctx: AuditContext, th: Mapping[str, float]) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def fix_for(cls, thresholds: Mapping[str, float] | None = None) -> Text:
        """How to fix, with the thresholds in force instead of their config keys: "Threshold: max_length
        (default 60)" reads "Threshold: 65" when client.yml sets 65, and "Threshold: 60" otherwise."""
        values = {**cls.thresholds, **(thresholds or {})}
        if not values:
            return cls.fix
        return Text(_with_values(cls.fix.en, values), _with_values(cls.fix.fr, values))

    @classmethod
    def title_for(cls, thresholds: Mapping[str, float] | None = None) -> Text:
        """The title with the thresholds in force ("over 65 characters" when client.yml sets 65)."""
        values = {**cls.thresholds, **(thresholds or {})}
        return cls.title.format(**{k: format_threshold(v) for k, v in values.items()}) if values else cls.title

    @classmethod
    def describe(cls, language: str = "en", thresholds: Mapping[str, float] | None = None) -> dict[str, Any]:
        """Metadata as plain data (for `traffic checks`, exports and the report)."""
        return {
            "id": cls.id, "title": cls.title_for(thresholds).get(language), "severity": cls.severity,
            "category": cls.category, "category_title": CATEGORIES[cls.category].get(language),
            "scope": cls.scope, "why": cls.why.get(language), "fix": cls.fix_for(thresholds).get(language),
            "reads": list(cls.reads), "thresholds": {**cls.thresholds, **(thresholds or {})},
        }


class PageCheck(Check):
    """A check judged one crawled HTML 2xx page at a time."""

    scope = "page"

    def run(self, ctx: AuditContext, th: Mapping[str, float]) -> Iterator[Finding]:
        for page in ctx.iter_full_pages():
            yield from self.check(page, ctx, th)

    def check(self, page: Page, ctx: AuditContext, th: Mapping[str, float]) -> Iterable[Finding]:
        raise NotImplementedError


def short_list(items: Iterable[str], limit: int = 5) -> str:
    """``a, b, c (+4 more)`` -- keeps details readable on pages with many offenders."""
    items = list(items)
    head = ", ".join(items[:limit])
    return head + (f" (+{len(items) - limit})" if len(items) > limit else "")
