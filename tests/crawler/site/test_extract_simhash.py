"""Near-duplicate fingerprint and exact content hash produced by extraction."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from crawler.site.extract import extract_page
from crawler.site.simhash import hamming, simhash

ROOT = Path(__file__).resolve().parents[3]
VOCAB = ["robe", "lin", "coton", "été", "livraison", "offerte", "retour", "gratuit", "taille", "motif", "fleuri", "collection", "veste", "pantalon", "chemise", "élégante", "qualité", "atelier", "couleur", "bleu", "marine", "rouge", "saison", "matière", "douce", "entretien", "facile", "lavable", "machine", "fabriqué", "délai", "expédition", "paiement", "sécurisé", "découvrez", "sélection", "pièces"]
MENU = "<nav>" + "".join(f'<a href="/c/{w}">{w} {w} {w}</a>' for w in VOCAB * 3) + "</nav>"
FOOTER = "<footer>" + "".join(f'<a href="/i/{w}">{w} mentions</a>' for w in VOCAB) + "</footer>"


def article(seed: int, n: int = 400) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCAB) for _ in range(n)]


def page(words: list[str], menu: str = MENU, footer: str = FOOTER) -> bytes:
    return f"<html><body>{menu}<main><h1>Titre</h1><p>{' '.join(words)}</p></main>{footer}</body></html>".encode()


def facts(body: bytes):
    return extract_page(body, "https://shop.example/p", {})


def test_near_identical_pages_are_close():
    words = article(1)
    edited = list(words)
    edited[200:203] = ["promotion", "exceptionnelle", "aujourd'hui"]
    a, b = facts(page(words)), facts(page(edited))
    assert a.content_hash != b.content_hash
    assert hamming(a.simhash, b.simhash) <= 6


def test_different_pages_sharing_menu_and_footer_are_far():
    a, b = facts(page(article(1))), facts(page(article(2)))
    # menu + footer are half the words, but they are not the content area
    assert hamming(a.simhash, b.simhash) >= 16


def test_same_content_different_boilerplate_is_an_exact_duplicate():
    words = article(3)
    a = facts(page(words))
    b = facts(page(words, menu="<nav><a href='/x'>Autre menu</a></nav>", footer="<footer>© 2026</footer>"))
    assert a.content_hash == b.content_hash
    assert a.simhash == b.simhash
    assert a.word_count > b.word_count  # word_count is all visible text, boilerplate included


def test_page_with_only_boilerplate_falls_back_to_whole_text():
    a = facts(f"<body>{MENU}{FOOTER}</body>".encode())
    b = facts("<body><nav>Autre chose entièrement différente ici</nav></body>".encode())
    assert a.content_hash and b.content_hash
    assert a.content_hash != b.content_hash


def test_simhash_fits_sqlite_integer_and_is_zero_without_words():
    values = [simhash(" ".join(article(s))) for s in range(20)]
    assert all(-(2 ** 63) <= v < 2 ** 63 for v in values)
    assert any(v < 0 for v in values)  # signed storage is really exercised
    assert simhash("") == 0 and simhash(" – | ") == 0


def test_simhash_is_stable_across_processes():
    text = " ".join(article(5))
    code = f"from crawler.site.simhash import simhash; print(simhash({text!r}))"
    outs = {
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout.strip()
        for seed in ("1", "2")
    }
    assert outs == {str(simhash(text))}


def test_hamming():
    assert hamming(0, -1) == 64
    assert hamming(5, 4) == 1


def test_simhash_values_are_pinned():
    """Fingerprints stored by earlier crawls stay comparable: these values come from the first (numpy)
    implementation; the integer-packed one must give the same bits, short texts (fewer words than a
    shingle) and pages past 65,535 shingles (the counters' bit-by-bit fallback) included."""
    rng = random.Random(7)
    vocab = ["robe", "lin", "coton", "été", "livraison", "offerte", "retour", "gratuit", "taille", "motif"]
    big = " ".join(f"w{i % 5000} {rng.choice(vocab)}" for i in range(40000))
    assert simhash("robe") == -4996902797300410259
    assert simhash("robe lin") == 730824767652806700
    assert simhash("Robe en lin bleu marine") == -5709611193006499520
    assert simhash("offerte coton retour robe lin taille lin offerte motif robe ") == 741265803269147558
    assert simhash(big) == 4323504075835469813


def test_simhash_does_not_import_numpy():
    """Each parser process would pay ~12 MB of RSS for numpy alone."""
    code = "import sys, crawler.site.extract, crawler.site.parse; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
