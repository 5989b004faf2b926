"""Per-element helpers of the extract stage: text, meta tags, forms, images, JSON-LD, meta refresh."""

from __future__ import annotations

import json
import re
from typing import Any

from crawler.site.extract_urls import ASCII_WS, Resolver
from crawler.site.facts import Form, JsonLd, Link, PageFacts

_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original")
_REFRESH_PREFIX = re.compile(r"\s*[0-9.]*\s*[;,]?\s*")
_REFRESH_URL = re.compile(r"url\s*=\s*", re.I)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([^\s"';,]+)""", re.I)


def collapse(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def text_of(el: Any) -> str:
    """Collapsed text content of an element; the no-children case (most links) skips the iterator."""
    if len(el) == 0:
        return collapse(el.text)
    return collapse("".join(el.itertext()))


def refresh_target(content: str) -> str | None:
    """The URL of a meta refresh ``content`` ("5; url='/next'"), following the HTML algorithm loosely."""
    rest = content[_REFRESH_PREFIX.match(content).end():]
    m = _REFRESH_URL.match(rest)
    if m:
        rest = rest[m.end():]
    rest = rest.strip()
    if rest[:1] in ("'", '"'):
        quote, rest = rest[0], rest[1:]
        end = rest.find(quote)
        if end >= 0:
            rest = rest[:end]
    return rest.strip() or None


def _jsonld_types(node: Any, out: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _jsonld_types(item, out)
    elif isinstance(node, dict):
        t = node.get("@type")
        for v in t if isinstance(t, list) else [t]:
            if isinstance(v, str) and v not in out:
                out.append(v)
        if "@graph" in node:
            _jsonld_types(node["@graph"], out)


def jsonld(text: str | None) -> JsonLd:
    src = (text or "").strip()
    if not src:
        return JsonLd(ok=False, error="empty JSON-LD block")
    try:
        data = json.loads(src)
    except json.JSONDecodeError as exc:
        return JsonLd(ok=False, error=f"{exc.msg} at line {exc.lineno} column {exc.colno}")
    except (ValueError, RecursionError) as exc:
        return JsonLd(ok=False, error=str(exc) or type(exc).__name__)
    types: list[str] = []
    _jsonld_types(data, types)
    return JsonLd(ok=True, types=types)


def image_src(el: Any) -> str | None:
    src = el.get("src")
    if src is not None and src.strip(ASCII_WS) and src.lstrip(ASCII_WS)[:5].lower() != "data:":
        return src
    for attr in _LAZY_ATTRS:
        lazy = el.get(attr)
        if lazy and lazy.strip():
            return lazy
    srcset = el.get("srcset") or el.get("data-srcset")
    if srcset and srcset.strip():
        return srcset.strip().split(",")[0].split()[0]
    return src


def inside(el: Any, tag: str) -> bool:
    return next(el.iterancestors(tag), None) is not None


def meta(facts: PageFacts, el: Any, og: dict[str, str], twitter: dict[str, str], resolve: Resolver) -> None:
    content = el.get("content")
    name = el.get("name")
    if name is not None:
        key = name.strip().lower()
        if key == "description":
            facts.meta_descriptions.append(collapse(content))
        elif key == "robots":
            facts.meta_robots.append((content or "").strip())
        elif key == "googlebot":
            facts.meta_googlebot.append((content or "").strip())
        elif key == "viewport":
            if facts.viewport is None:
                facts.viewport = (content or "").strip()
        elif key.startswith("twitter:"):
            twitter.setdefault(key, (content or "").strip())
        elif key.startswith("og:"):
            og.setdefault(key, (content or "").strip())
    prop = el.get("property")
    if prop is not None:
        key = prop.strip().lower()
        if key.startswith("og:"):
            og.setdefault(key, (content or "").strip())
        elif key.startswith("twitter:"):
            twitter.setdefault(key, (content or "").strip())
    charset = el.get("charset")
    if charset is not None and facts.charset is None:
        facts.charset = charset.strip()
    equiv = el.get("http-equiv")
    if equiv is not None:
        key = equiv.strip().lower()
        if key == "refresh" and facts.meta_refresh is None:
            facts.meta_refresh = (content or "").strip()
            target = refresh_target(facts.meta_refresh)
            if target:
                facts.meta_refresh_url = resolve(target)[0]
        elif key == "content-type" and facts.charset is None and content:
            m = _CHARSET_PARAM.search(content)
            if m:
                facts.charset = m.group(1)


def form(facts: PageFacts, el: Any, resolve: Resolver) -> None:
    action = el.get("action")
    target = ""
    if action is not None and action.strip(ASCII_WS):
        target, raw = resolve(action)
        facts.links.append(Link(target, "form", "", "", raw))
    method = (el.get("method") or "").strip().lower() or "get"
    has_password = any((i.get("type") or "").strip().lower() == "password" for i in el.iter("input"))
    facts.forms.append(Form(target, method, has_password))
