"""extract_page must never raise, whatever the bytes: seeded mutations of a rich real-shaped page."""

from __future__ import annotations

import json
import random
from pathlib import Path

from crawler.site.extract import extract_page
from crawler.site.facts import PageFacts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "html"
NASTY = [b"<", b">", b"&", b"&#", b"&#x110000;", b"\x00", b"\xff", b"\xc3", b"<!--", b"]]>", b"<![CDATA[", b"'", b'"',
         b"<script>", b"</title>", b"<base href='javascript:x'>", b"<a href='http://[::1'>", b"\r\n", b"\t",
         b"<svg><title>", b"<meta http-equiv=refresh content='0;url=", b"<html lang=", b"\xef\xbb\xbf", b"%"]


def mutations(seed: int, body: bytes, n: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        b = bytearray(body)
        for _ in range(rng.randint(1, 8)):
            op = rng.random()
            pos = rng.randrange(len(b) + 1)
            if op < 0.3:
                b[pos:pos] = rng.choice(NASTY)
            elif op < 0.5 and b:
                del b[pos:pos + rng.randint(1, 40)]
            elif op < 0.7 and pos < len(b):
                b[pos] = rng.randrange(256)
            else:
                b = b[:pos]  # truncated body
        out.append(bytes(b))
    return out


def test_mutated_pages_never_raise_and_stay_storable():
    body = (FIXTURES / "shop_product.html").read_bytes()
    seen_errors = 0
    for i, mutated in enumerate(mutations(20261128, body, 300)):
        facts = extract_page(mutated, "https://boutique.example/catalogue/p.html",
                             {"content-type": "text/html; charset=utf-8" if i % 2 else "text/html"})
        assert isinstance(facts, PageFacts)
        data = json.loads(facts.to_json())
        assert data["url"] == "https://boutique.example/catalogue/p.html"
        assert -(2 ** 63) <= facts.simhash < 2 ** 63
        seen_errors += facts.parse_error is not None
    # parse errors are for documents that could not be read at all, not for ordinary damage
    assert seen_errors == 0
