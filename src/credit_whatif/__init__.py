"""credit-whatif: a what-if explorer for the layered risk control of consumer credit lines.

The public API is re-exported lazily so that ``import credit_whatif`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_EXPORTS = {
    "Scenario": "credit_whatif.domain",
    "Evaluation": "credit_whatif.domain",
    "PolicyTable": "credit_whatif.domain",
    "evaluate": "credit_whatif.api",
    "InputError": "credit_whatif.files.errors",
    "Preset": "credit_whatif.files.presets",
    "PresetError": "credit_whatif.files.errors",
    "PolicyError": "credit_whatif.files.errors",
    "load_preset": "credit_whatif.files.presets",
    "resolve_preset": "credit_whatif.files.presets",
    "save_preset": "credit_whatif.files.presets",
    "load_policy": "credit_whatif.files.policies",
    "resolve_policy": "credit_whatif.files.policies",
    "default_policy": "credit_whatif.files.policies",
}

if TYPE_CHECKING:
    from .api import evaluate
    from .domain import Evaluation, PolicyTable, Scenario
    from .files.errors import InputError, PolicyError, PresetError
    from .files.policies import default_policy, load_policy, resolve_policy
    from .files.presets import Preset, load_preset, resolve_preset, save_preset

__all__ = [
    "Evaluation",
    "InputError",
    "PolicyError",
    "PolicyTable",
    "Preset",
    "PresetError",
    "Scenario",
    "default_policy",
    "evaluate",
    "load_policy",
    "load_preset",
    "resolve_policy",
    "resolve_preset",
    "save_preset",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'credit_whatif' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
