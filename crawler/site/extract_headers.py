"""Facts that come from HTTP response headers: X-Robots-Tag and the ``Link`` header (canonical, hreflang).

Headers arrive as any mapping: a plain dict (lower- or mixed-case names), requests' CaseInsensitiveDict where
repeated headers are comma-joined, or a multi-dict with ``getlist``/``get_all`` (urllib3, http.client, email).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["header_values", "parse_link_header"]


def header_values(headers: Mapping[str, str] | Any, name: str) -> list[str]:
    """Every value of header ``name`` (case-insensitive), one per header line when the mapping keeps them apart.

    A comma-joined value (requests joins repeated headers) stays one string: X-Robots-Tag values contain
    commas themselves (``noindex, nofollow``), so splitting would be guesswork; checks read the tokens.
    """
    if headers is None:
        return []
    for getter in ("getlist", "get_all"):
        fn = getattr(headers, getter, None)
        if fn is not None:
            try:
                values = fn(name) or []
            except Exception:  # a mapping with an unexpected signature: fall back to plain lookup
                break
            return [str(v).strip() for v in values if str(v).strip()]
    lname = name.lower()
    out: list[str] = []
    for key, value in headers.items():
        if str(key).lower() == lname and value is not None:
            if isinstance(value, (list, tuple)):
                out.extend(str(v).strip() for v in value)
            else:
                out.append(str(value).strip())
    return [v for v in out if v]


def _split_outside(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside <...> and "..." (URLs and quoted params may hold commas and semicolons)."""
    parts: list[str] = []
    buf: list[str] = []
    in_angle = in_quote = False
    for ch in text:
        if ch == '"' and not in_angle:
            in_quote = not in_quote
        elif ch == "<" and not in_quote:
            in_angle = True
        elif ch == ">" and not in_quote:
            in_angle = False
        elif ch == sep and not in_angle and not in_quote:
            parts.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    parts.append("".join(buf))
    return parts


def parse_link_header(value: str) -> list[tuple[str, dict[str, str]]]:
    """Parse an RFC 8288 ``Link`` header into (target as written, {param: value}) pairs.

    Param names are lower-cased; ``rel`` values are lower-cased too (relation types are case-insensitive).
    Malformed entries are skipped, never raised on.
    """
    out: list[tuple[str, dict[str, str]]] = []
    for entry in _split_outside(value or "", ","):
        entry = entry.strip()
        if not entry.startswith("<") or ">" not in entry:
            continue
        end = entry.index(">")
        target = entry[1:end].strip()
        params: dict[str, str] = {}
        for part in _split_outside(entry[end + 1:], ";"):
            if "=" not in part:
                continue
            key, _, val = part.partition("=")
            key = key.strip().lower().rstrip("*")
            val = val.strip()
            if len(val) >= 2 and val[0] == val[-1] == '"':
                val = val[1:-1]
            if key and key not in params:
                params[key] = val.lower() if key == "rel" else val
        out.append((target, params))
    return out
