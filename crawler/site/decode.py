"""Decode an HTML response body to text, the way a browser in a Western-European locale would.

Order (WHATWG "encoding sniffing", adapted so that a wrong declaration cannot garble a French title):

1. A byte-order mark. Browsers let a BOM override everything, including the HTTP header, because it cannot
   be there by accident.
2. The HTTP ``Content-Type`` charset.
3. A ``<meta charset>`` / ``<meta http-equiv=Content-Type>`` / XML declaration in the first bytes
   (BeautifulSoup's ``EncodingDetector.find_declared_encoding``: a tolerant regex, cheap on 8 KB).
4. Detection: valid UTF-8 is UTF-8; otherwise ``charset_normalizer`` (BeautifulSoup's ``UnicodeDammit`` uses the
   same detector) -- but its guesses among Latin-script code pages are unreliable on short French text (it says
   cp1250 / cp1257 for "Été à Noël"), so any Latin-script guess becomes windows-1252, the web's default.

Declarations are checked, not trusted blindly:
- a declared charset that cannot decode the bytes strictly (``utf-8`` on a Latin-1 page) moves on to the next step,
  except UTF-8 with a few bad bytes among many good ones (a body cut mid-character, one Latin-1 string in a
  UTF-8 template), which stays UTF-8 with U+FFFD for the bad bytes, as browsers show it;
- bytes that are valid, non-ASCII UTF-8 are decoded as UTF-8 even under a legacy declaration (``iso-8859-1`` on a
  UTF-8 page): random Latin-1 text is almost never valid UTF-8, so this only fixes mojibake;
- ``iso-8859-1``, ``latin1`` and ``us-ascii`` mean windows-1252, as in every browser; the five bytes that
  windows-1252 leaves undefined become the matching C1 characters instead of an error.

``decode`` never raises: the last resort is windows-1252, which maps every byte.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

__all__ = ["decode", "header_charset", "web_label"]

_META_SCAN_BYTES = 8192

# WHATWG labels Python does not know, or knows as a narrower code page than browsers use.
_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "iso_8859-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "ansi_x3.4-1968": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874",
    "x-user-defined": "cp1252", "x-sjis": "cp932", "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932",
    "windows-31j": "cp932", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949", "big5": "big5hkscs", "x-mac-roman": "mac-roman", "macintosh": "mac-roman",
    "unicode-1-1-utf-8": "utf-8", "utf8": "utf-8", "x-unicode20utf8": "utf-8",
    # A document read as bytes with no BOM cannot be UTF-16: browsers read such a declaration as UTF-8.
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "unicode": "utf-8",
}
# Python codecs no browser accepts as a page encoding: UTF-7 (an XSS vector, banned by WHATWG), text transforms,
# UTF-32 and the ISO-2022/HZ families (WHATWG's "replacement" encoding). A page declaring one is read as if it
# declared nothing.
_REFUSED = frozenset((
    "utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined", "utf-32", "utf-32-le",
    "utf-32-be", "hz", "iso2022_kr", "iso2022_jp_2", "iso2022_jp_1", "iso2022_jp_2004", "iso2022_jp_3",
    "iso2022_jp_ext", "unicode-internal", "mbcs", "oem",
))
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Detector answers that are Latin-script code pages: on the web these are nearly always windows-1252 text.
_LATIN_GUESSES = {
    "ascii", "cp1252", "latin_1", "iso8859_15", "cp1250", "cp1257", "cp775", "mac_latin2", "mac_roman",
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14",
    "iso8859_16", "hp_roman8", "cp850", "cp437", "cp858", "cp1254", "mac_iceland", "mac_turkish", "cp1258",
    "utf_8",
}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([^\s"';,]+)""", re.I)
_WEB_LABELS = {"utf-8": "utf-8", "utf-16-le": "utf-16le", "utf-16-be": "utf-16be", "mac-roman": "macintosh"}


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    """Bytes undefined in windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) become C1 controls, as in browsers."""
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error("tm-latin1", _latin1_fallback)


def web_label(codec: str) -> str:
    """The WHATWG-style label of a Python codec name (``cp1252`` -> ``windows-1252``)."""
    name = codecs.lookup(codec).name
    if name.startswith("cp125") and len(name) == 6:
        return "windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "iso-8859-" + name[8:]
    return _WEB_LABELS.get(name, name)


def _codec(label: str | bytes | None) -> str | None:
    """Python codec for a declared label, or None if unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = label.strip().strip("\"'").strip().lower()
    label = _ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    name = info.name
    if name in _REFUSED or not getattr(info, "_is_text_encoding", True):
        return None
    if name == "utf-8-sig":
        return "utf-8"
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    value = headers.get(name)
    if value is None:
        for key, val in headers.items():
            if key.lower() == name:
                return val
    return value


def header_charset(headers: Mapping[str, str] | None) -> str | None:
    """The charset parameter of the Content-Type header, as written, or None."""
    ctype = _header(headers, "content-type")
    if not ctype:
        return None
    m = _CHARSET_PARAM.search(ctype)
    return m.group(1) if m else None


def _strict(body: bytes, codec: str) -> str | None:
    """Decode or None; windows-1252 gets the browser's C1 mapping and so always succeeds."""
    try:
        if codec == "cp1252":
            return body.decode("cp1252", "tm-latin1")
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(body: bytes) -> str | None:
    """UTF-8 with a few bad bytes -> decoded with U+FFFD for them (what browsers show); else None.

    A body cut in the middle of a character (size limit) or a UTF-8 template with one Latin-1 string from a
    database must not be read entirely as windows-1252, which would garble every accent of the page. A real
    Latin-1 page has (almost) no valid multi-byte sequence, so "more valid non-ASCII characters than bad
    bytes" separates the two.
    """
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text)) - bad
    return text if good > bad else None


def _try_declared(body: bytes, codec: str) -> tuple[str, str] | None:
    if codec != "utf-8" and not body.isascii():
        text = _strict(body, "utf-8")
        if text is not None:  # valid non-ASCII UTF-8 under a legacy label: the label is wrong
            return text, "utf-8"
    text = _strict(body, codec)
    if text is None and codec == "utf-8":
        text = _mostly_utf8(body)
    return None if text is None else (text, codec)


_NON_LATIN_RUN = re.compile(r"[^\W\d_\x00-\x7f]{4,}")


def _non_latin_runs(text: str) -> bool:
    """True when non-ASCII letters come in runs of 4+ (Cyrillic, Greek, CJK...), unlike accented Latin words."""
    return _NON_LATIN_RUN.search(text) is not None


def _detect(body: bytes) -> tuple[str, str]:
    text = _strict(body, "utf-8")
    if text is None:
        text = _mostly_utf8(body)
    if text is not None:
        return text, "utf-8"
    latin = body.decode("cp1252", "tm-latin1")
    if not _non_latin_runs(latin):
        return latin, "cp1252"
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(body[:65536]).best()
    except Exception:  # the detector must never take the page down with it
        best = None
    if best is None or best.encoding in _LATIN_GUESSES:
        return latin, "cp1252"
    text = body.decode(best.encoding, "replace")
    return text, codecs.lookup(best.encoding).name


def _meta_charset(head: bytes) -> str | None:
    """The ``<meta>`` / XML declaration's charset. bs4 is imported here, not at module level: it costs each
    parser process ~7 MB of RSS, and most servers name the charset in the header, so it is never needed."""
    from bs4.dammit import EncodingDetector

    return EncodingDetector.find_declared_encoding(head, is_html=True, search_entire_document=True)


def decode(body: bytes, headers: Mapping[str, str] | None = None) -> tuple[str, str]:
    """Decode an HTML body; returns (text, encoding used as a web label such as ``utf-8``/``windows-1252``).

    Never raises. ``headers`` is any mapping of response headers (case-insensitive lookup of Content-Type).
    """
    if not body:
        return "", "utf-8"
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, "replace"), web_label(codec)
    header = _codec(header_charset(headers))
    if header:
        result = _try_declared(body, header)
        if result is not None:
            return result[0], web_label(result[1])
    meta = _codec(_meta_charset(body[:_META_SCAN_BYTES]))
    if meta and meta != header:
        result = _try_declared(body, meta)
        if result is not None:
            return result[0], web_label(result[1])
    text, codec = _detect(body)
    return text, web_label(codec)
