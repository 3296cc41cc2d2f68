"""The language a command speaks when none is given: the locale's (zh* means Chinese),
else English. No click here: the explorer's start reads it without the command line."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .domain.enums import Lang


def detect_lang(explicit: str | None = None) -> Lang:
    """``--lang``, else the locale (zh* means Chinese), else English."""
    if explicit in ("en", "zh"):
        return explicit  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
