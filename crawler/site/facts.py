"""Page facts: everything the SEO checks need to know about one HTML page, extracted once.

This module is the contract between the parse stage (``crawler.site.extract``), the store
(``crawler.site.store``, which keeps a JSON copy per page plus relational tables for links and
hreflang) and the checks (``crawler.audit``), which never re-parse HTML.

Conventions:
- URLs in facts are absolute and normalised (``crawler.site.urls.normalize``) unless the field says "raw".
- Text is decoded and whitespace-collapsed (titles: ``" ".join(text.split())``), entities resolved.
- ``None`` means "absent"; an empty string means "present but empty" (e.g. ``alt=""``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Link:
    url: str                      # absolute, normalised; for non-HTTP links the raw href (mailto:…)
    kind: str = "a"               # a | img | link | script | iframe | form
    anchor: str = ""              # visible text (for <a>), alt text for a linked image, else ""
    rel: str = ""                 # lower-cased rel attribute, space separated
    raw: str = ""                 # the attribute value as written (stripped)

    @property
    def nofollow(self) -> bool:
        return "nofollow" in self.rel.split()


@dataclass(slots=True)
class Image:
    src: str                      # absolute, normalised
    alt: str | None = None        # None: no alt attribute; "": alt="" (decorative, correct)
    width: str | None = None
    height: str | None = None


@dataclass(slots=True)
class Hreflang:
    lang: str                     # as written, stripped (validation is a check's job)
    url: str                      # absolute, normalised
    source: str = "html"          # html | header | sitemap


@dataclass(slots=True)
class Form:
    action: str                   # absolute URL the form posts to ("" = the page itself)
    method: str = "get"
    has_password: bool = False


@dataclass(slots=True)
class JsonLd:
    ok: bool                      # parsed as JSON
    types: list[str] = field(default_factory=list)   # @type values found (top level and @graph)
    error: str | None = None      # parse error message when not ok


@dataclass(slots=True)
class PageFacts:
    url: str
    # -- head
    titles: list[str] = field(default_factory=list)
    meta_descriptions: list[str] = field(default_factory=list)
    meta_robots: list[str] = field(default_factory=list)       # content of every <meta name=robots>
    meta_googlebot: list[str] = field(default_factory=list)    # content of every <meta name=googlebot>
    x_robots_tag: list[str] = field(default_factory=list)      # every X-Robots-Tag header value
    canonicals: list[str] = field(default_factory=list)        # <link rel=canonical>, resolved
    canonical_headers: list[str] = field(default_factory=list) # Link: <…>; rel="canonical"
    hreflang: list[Hreflang] = field(default_factory=list)     # HTML and Link header
    html_lang: str | None = None
    viewport: str | None = None
    charset: str | None = None           # declared <meta charset> / http-equiv, as written
    encoding: str | None = None          # the encoding actually used to decode
    base_href: str | None = None         # resolved <base href>, if any
    og: dict[str, str] = field(default_factory=dict)           # og:title -> content
    twitter: dict[str, str] = field(default_factory=dict)      # twitter:card -> content
    meta_refresh: str | None = None      # content of <meta http-equiv=refresh>
    meta_refresh_url: str | None = None  # its target, resolved, if any
    # -- body
    headings: dict[str, list[str]] = field(default_factory=dict)  # "h1" -> texts, … "h6"
    word_count: int = 0                  # visible body words (no script/style/template/noscript)
    content_hash: str = ""               # exact duplicate detection (sha1 of normalised text)
    simhash: int = 0                     # 64-bit near-duplicate fingerprint of the visible text
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    mixed_content: list[str] = field(default_factory=list)    # http:// resources on an https page
    jsonld: list[JsonLd] = field(default_factory=list)
    parse_error: str | None = None       # set when the document could not be parsed at all

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> PageFacts:
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PageFacts:
        d = dict(d)
        d["links"] = [Link(**x) for x in d.get("links", [])]
        d["images"] = [Image(**x) for x in d.get("images", [])]
        d["hreflang"] = [Hreflang(**x) for x in d.get("hreflang", [])]
        d["forms"] = [Form(**x) for x in d.get("forms", [])]
        d["jsonld"] = [JsonLd(**x) for x in d.get("jsonld", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})
