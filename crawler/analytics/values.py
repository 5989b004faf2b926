"""Cell values of analytics exports: numbers with decimal commas or thousands separators, percentages,
durations and dates, in the shapes GA4, Matomo, Plausible and Search Console write them in English and French.

Numbers and dates are read by the one cell reader shared with the campaign importer (crawler/common/cells.py);
this module adds what analytics exports need on top: their empty markers, rates, percentages and durations.
Every parser raises ``ValueError`` with what it expected; the reader turns that into an InputError naming the
file, the line and the column.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from crawler.common import cells

_EMPTY = frozenset({"", "-", "--", "—", "n/a", "(not set)", "(non défini)"})


def normalise_header(text: str) -> str:
    """Lower-case, accents and BOM removed, typographic quotes straightened, spaces collapsed."""
    text = text.replace("\ufeff", "").replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\s*([/+])\s*", r" \1 ", text)  # "Source/Support" == "Source / support"
    return " ".join(text.lower().strip().strip('"').split())


def parse_number(text: str, lang: str = "") -> float | None:
    """A number as exports write it: ``1234``, ``1,234`` (EN), ``1 234,5`` (FR), ``12.5%`` -> 12.5.

    Read by the one number reader (crawler/common/cells.py): the cell's own evidence decides the decimal
    separator (``1 234,5``, ``1,234.5``, ``7,4``); when it says nothing (``1,234``), the file's language does:
    a comma is decimal in a French file, a thousands separator otherwise. Empty -> None.
    """
    raw = text.strip()
    if raw.lower() in _EMPTY:
        return None
    s = raw.rstrip("%").strip()   # the percent sign is the caller's business (parse_rate)
    try:
        value = cells.parse_number(s, cells.decimal_evidence(s) or ("," if lang == "fr" else "."))
    except ValueError:
        raise ValueError(f"expected a number, got {raw!r}") from None
    return None if value is None else float(value)


def parse_int(text: str, lang: str = "") -> int | None:
    value = parse_number(text, lang)
    if value is None:
        return None
    if abs(value - round(value)) > 1e-9:
        raise ValueError(f"expected a whole number, got {text.strip()!r}")
    return int(round(value))


def parse_rate(text: str, lang: str = "") -> float | None:
    """A rate as a fraction 0..1: ``3.2%`` / ``3,2 %`` -> 0.032; ``0.6667`` (GA4 writes fractions) stays.

    A bare number above 1 can only be a percentage written without its sign (some Sheets re-exports), so
    it is divided by 100 too; above 100 it is an error.
    """
    value = parse_number(text, lang)
    if value is None:
        return None
    if "%" in text or value > 1:
        value = round(value / 100, 12)
    if not 0 <= value <= 1.0000001:
        raise ValueError(f"expected a rate between 0 and 100 %, got {text.strip()!r}")
    return value


def parse_percent(text: str, lang: str = "") -> float | None:
    """A percentage written as a plain number (Plausible's bounce_rate ``45``) -> 0.45."""
    value = parse_number(text, lang)
    if value is None:
        return None
    if not 0 <= value <= 100:
        raise ValueError(f"expected a percentage between 0 and 100, got {text.strip()!r}")
    return round(value / 100, 12)


_HMS = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")
_UNITS = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*min)?\s*(?:(\d+)\s*s)?$")


def parse_duration(text: str, lang: str = "") -> float | None:
    """Seconds from ``135``, ``135.4``, ``00:02:15``, ``2:15`` or Matomo's ``2 min 15s``."""
    raw = text.strip()
    if raw.lower() in _EMPTY:
        return None
    m = _HMS.match(raw)
    if m:
        return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
    m = _UNITS.match(raw.lower())
    if m and any(m.groups()):
        return int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + int(m.group(3) or 0)
    try:
        return parse_number(raw.rstrip("s"), lang)
    except ValueError:
        raise ValueError(f"expected a duration (seconds or hh:mm:ss), got {raw!r}") from None


def parse_date(text: str, lang: str = "") -> date | None:
    """``2026-09-01``, ``20260901`` (GA4), ``01/09/2026`` (FR), ``09/01/2026`` (EN), ``Sep 1, 2026``: read by
    the one date reader (crawler/common/cells.py), day first unless the file is in English."""
    raw = text.strip()
    if raw.lower() in _EMPTY:
        return None
    try:
        return cells.parse_date(raw, "mdy" if lang == "en" else "dmy")
    except ValueError:
        raise ValueError(f"expected a date (YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY), got {raw!r}") from None


def parse_text(text: str, lang: str = "") -> str:
    return text.strip()


PARSERS = {
    "text": parse_text,
    "int": parse_int,
    "float": parse_number,
    "rate": parse_rate,
    "percent": parse_percent,
    "duration": parse_duration,
    "date": parse_date,
}
