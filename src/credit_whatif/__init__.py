"""credit-whatif: a what-if explorer for the layered risk control of consumer credit lines.

The public API is re-exported lazily so that ``import credit_whatif`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Scenario": "credit_whatif.domain",
    "Evaluation": "credit_whatif.domain",
    "evaluate": "credit_whatif.domain",
    "Preset": "credit_whatif.presets",
    "PresetError": "credit_whatif.presets",
    "load_preset": "credit_whatif.presets",
    "resolve_preset": "credit_whatif.presets",
    "save_preset": "credit_whatif.presets",
}

if TYPE_CHECKING:
    from .domain import Evaluation, Scenario, evaluate
    from .presets import Preset, PresetError, load_preset, resolve_preset, save_preset

__all__ = [
    "Evaluation",
    "Preset",
    "PresetError",
    "Scenario",
    "evaluate",
    "load_preset",
    "resolve_preset",
    "save_preset",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'credit_whatif' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
