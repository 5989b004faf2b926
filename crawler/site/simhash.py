"""64-bit simhash (Charikar) of a text, over 3-word shingles, for near-duplicate detection.

Why this shape: a Python loop over 64 bits per shingle costs ~5 ms on a 1,500-word page, more than parsing it,
and numpy (the previous vectorised version) cost each parser process ~10 MB of RSS just to import. Here each
distinct word is hashed once (blake2b, stable across processes and runs, unlike ``hash()``; cached), and the
whole page is then handled as *one* Python integer holding every shingle in its own 128-bit slot: each
multiply, xor-shift and mask of the 64-bit mixing runs once over all slots in C (a 64x64-bit product fits its
slot, so slots never carry into each other), and the vote of bit ``b`` is ``((x >> b) & ones).bit_count()``.
Same fingerprints as the numpy version, bit for bit. Measured (busy 2-core box): about twice numpy's time
on the function alone (0.37 vs 0.19 ms for 300 words, 1.8 vs 0.8 ms for 1,500), and within 1% of
``extract_page``'s rate on bench_parse's pages (A/B, CPU time), where only the content area is fingerprinted.

The result is a signed int64 so SQLite stores it as an INTEGER. Compare with :func:`hamming`: near-identical
pages differ by a few bits (typically < 10 of 64), unrelated pages by ~32.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["hamming", "simhash", "tokens"]

_TOKEN = re.compile(r"\w+")
_WORD_CACHE: dict[str, bytes] = {}
_WORD_CACHE_MAX = 100_000  # ~12 MB; a site's vocabulary fits
_P = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
_M1, _M2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
_SLOT = 128                       # bits per shingle in the packed integer
_PAD = bytes(8)
_ONE = b"\x01" + bytes(_SLOT // 8 - 1)


def tokens(text: str) -> list[str]:
    """Lower-cased whitespace-separated tokens (punctuation stays attached: ``str.split`` is 5x faster than a
    ``\\w+`` regex, and a fingerprint only needs the same text to give the same tokens)."""
    return text.lower().split()


def _word_slot(word: str) -> bytes:
    """The word's 64-bit hash, little-endian, padded to one 128-bit slot."""
    return hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest() + _PAD


def _packed(words: list[str]) -> int:
    """All word hashes as one integer, word ``i`` in bits ``[128 i, 128 i + 64)``."""
    cache = _WORD_CACHE
    try:
        parts = [cache[w] for w in words]
    except KeyError:
        if len(cache) > _WORD_CACHE_MAX:
            cache.clear()
        parts = []
        for w in words:  # .get, not [...]: another thread may clear the cache meanwhile
            v = cache.get(w)
            if v is None:
                v = cache[w] = _word_slot(w)
            parts.append(v)
    return int.from_bytes(b"".join(parts), "little")


def _fold(y: int, n: int) -> int:
    """Sum of the ``n`` 128-bit slots of ``y`` (fields never overflow: see :func:`_bit_counts`)."""
    while n > 1:
        half = n // 2
        y = (y & ((1 << (_SLOT * half)) - 1)) + (y >> (_SLOT * half))
        n -= half
    return y


def _bit_counts(x: int, ones: int, n: int) -> list[int]:
    """How many of the ``n`` slots of ``x`` have bit ``b`` set, for b in 0..63.

    Bits ``g, g+16, g+32, g+48`` of each slot go to 16-bit counters in the slot's low half and bits
    ``g+8, ...`` to its high half; summing the slots (a halving fold, all in C) counts eight bit positions
    at once, so 8 passes instead of 64. 16-bit counters hold up to 65,535 shingles; beyond, bit by bit."""
    if n >= 1 << 16:
        return [((x >> b) & ones).bit_count() for b in range(64)]
    spread = ones * 0x0001000100010001
    counts = [0] * 64
    for g in range(8):
        y = _fold(((x >> g) & spread) | (((x >> (g + 8)) & spread) << 64), n)
        for f in range(4):
            counts[g + 16 * f] = (y >> (16 * f)) & 0xFFFF
            counts[g + 8 + 16 * f] = (y >> (64 + 16 * f)) & 0xFFFF
    return counts


def simhash(text: str, shingle: int = 3) -> int:
    """Signed 64-bit simhash of ``text``; 0 for a text without words."""
    if _TOKEN.search(text) is None:
        return 0
    words = tokens(text)
    h = _packed(words)
    n = len(words) - shingle + 1 if len(words) >= shingle else len(words)
    ones = int.from_bytes(_ONE * n, "little")                  # bit 0 of every slot
    low = ones * 0xFFFFFFFFFFFFFFFF                                               # the low 64 bits of every slot
    if len(words) >= shingle:
        x = ((h & low) * _P[0]) & low
        for k in range(1, shingle):   # each term masked first: three 128-bit products would carry over
            x += (((h >> (_SLOT * k)) & low) * _P[k % 3]) & low
        x &= low
    else:
        x = (h * _P[0]) & low
    # splitmix64 finaliser: spreads the combined value over all 64 bits
    x ^= x >> 30
    x = ((x & low) * _M1) & low
    x ^= x >> 27
    x = ((x & low) * _M2) & low
    x ^= (x >> 31) & low
    value = 0
    for b, count in enumerate(_bit_counts(x, ones, n)):
        if count * 2 > n:
            value |= 1 << b
    return value - (1 << 64) if value >= (1 << 63) else value


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two simhashes (signed or unsigned)."""
    return ((a ^ b) & 0xFFFFFFFFFFFFFFFF).bit_count()
