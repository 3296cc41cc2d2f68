"""Where the tool keeps things: bundled data, the user's config and cache folders."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
_CHECKOUT = Path(__file__).resolve().parents[3]


def bundled(kind: str) -> Path:
    """Bundled presets or policies: inside the installed package, else the checkout's."""
    inside = _PACKAGE / kind
    return inside if inside.is_dir() else _CHECKOUT / kind


def config_dir() -> Path:
    """The user's config folder (``CREDIT_WHATIF_CONFIG_DIR`` overrides the platform's)."""
    override = os.environ.get("CREDIT_WHATIF_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path("credit-whatif")


def user_dir(kind: str) -> Path:
    """The user's presets/ or policies/ folder."""
    return config_dir() / kind


def cache_dir() -> Path:
    """Generated data (the sample portfolio); ``CREDIT_WHATIF_CACHE_DIR`` overrides."""
    override = os.environ.get("CREDIT_WHATIF_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("credit-whatif")
