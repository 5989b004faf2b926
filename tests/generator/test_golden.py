"""Golden Markdown of the demo report, FR and EN, generated from what the producers made of the demo data.

Any change to what a client reads shows up here as a diff. After an intended change, regenerate with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/generator/test_golden.py`` and read the diff before committing.
Only what varies between two runs of the same inputs is masked: the crawl's loopback port and the
response times the crawl measured.
"""

import os
import re
from pathlib import Path

import pytest

from generator.render import render
from generator.report import build_pages, load_state

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "demo"
_PORT = re.compile(r"127(&#46;|\.)0(&#46;|\.)0(&#46;|\.)1(&#58;|:)\d+")
_MS = re.compile(r'(<span class="tm-value">)[\d\u202f\u00a0,.]+(\u00a0ms</span>)')


def normalise(text: str) -> str:
    text = _PORT.sub(lambda m: f"127{m[1]}0{m[2]}0{m[3]}1{m[4]}PORT", text)
    return _MS.sub(r"\1N\2", text)


def markdown(client) -> dict[str, str]:
    data = load_state(client.state_dir, name=client.name, slug=client.slug, language=client.language,
                      currency=client.currency)
    return {p.filename: normalise(render(p.template, page=p)) for p in build_pages(data)}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_demo_markdown_is_pinned(client_factory, language):
    pages = markdown(client_factory(slug="demo", language=language))
    folder = GOLDEN / language
    if os.environ.get("UPDATE_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.rglob("*.md"):
            old.unlink()
        for name, text in pages.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
    assert written == sorted(pages), "run with UPDATE_GOLDEN=1"
    for name, text in pages.items():
        expected = (folder / name).read_text(encoding="utf-8")
        assert text == expected, f"{language}/{name} differs from tests/golden/demo (UPDATE_GOLDEN=1 to accept)"
