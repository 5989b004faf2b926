"""The one text type: every string a person reads, in French and English.

Check titles and texts, CLI output, report labels, and the names of channels, devices, bot groups and
severities are all :class:`Text`. A text without one of its languages cannot be built, so a missing
translation fails at import time (and in the tests), never in front of a client.

    Text("Title too long", "Titre trop long").get("fr")          -> "Titre trop long"
    Text("over {n} characters", "plus de {n} caractères").format(n=65).get("en")
    catalogue("fr")("visits")                                      -> a key of a catalogue of Texts
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")


def language_of(value: object) -> Language:
    """``value`` if it is a language this product speaks, else English."""
    return "fr" if value == "fr" else "en"


@dataclass(frozen=True, slots=True)
class Text:
    """A string a person reads, in English and French (both required, neither empty)."""

    en: str
    fr: str

    def __post_init__(self) -> None:
        for lang in LANGUAGES:
            value = getattr(self, lang)
            if not isinstance(value, str) or not value.strip():
                other = self.fr if lang == "en" else self.en
                raise ValueError(f"text {other!r} has no {lang} version")

    def get(self, language: str) -> str:
        return self.fr if language == "fr" else self.en

    def format(self, **values: Any) -> Text:
        """Both languages formatted with the same values (str.format)."""
        return Text(self.en.format(**values), self.fr.format(**values))

    def __add__(self, other: Text | str) -> Text:
        if isinstance(other, Text):
            return Text(self.en + other.en, self.fr + other.fr)
        return Text(self.en + other, self.fr + other)


class Catalogue:
    """Texts by key, read in one language: ``labels("visits")`` or ``labels.visits``."""

    def __init__(self, texts: Mapping[str, Text], language: str) -> None:
        self._texts = texts
        self.language = language_of(language)

    def __call__(self, key: str, **values: object) -> str:
        text = self._texts[key]  # a missing key is a bug here, not a text to make up
        return text.get(self.language).format(**values) if values else text.get(self.language)

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return self(key)

    def __contains__(self, key: object) -> bool:
        return key in self._texts


def name_of(names: Mapping[str, Text], key: str, language: str) -> str:
    """The display name of an id (a channel, a device, a bot group): the id itself only if it has none."""
    text = names.get(key)
    return text.get(language) if text is not None else key
