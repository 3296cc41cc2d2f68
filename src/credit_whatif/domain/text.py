"""A piece of text in both supported languages."""

from __future__ import annotations

import attrs

from .enums import Lang


@attrs.frozen
class LocalText:
    en: str
    zh: str

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

    def __add__(self, other: LocalText) -> LocalText:
        """Both languages joined: a phrase and its note."""
        return LocalText(self.en + other.en, self.zh + other.zh)
