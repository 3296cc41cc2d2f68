"""Catalogue look-ups for the explorer: every visible word comes from ``i18n``."""

from __future__ import annotations

from typing import Any

from ..domain.enums import Lang
from ..i18n import UI


def ui(key: str, lang: Lang, **fields: Any) -> str:
    """The catalogue label `key` in `lang`, with ``{fields}`` filled in."""
    text = UI[key](lang)
    return text.format(**fields) if fields else text
