"""The pure domain: scenario model, the registry (features, rules, inputs, figures of
the credit line, effects), policy tables, evaluator, explanations and sweeps.

Nothing here does I/O, imports Textual, or imports anything from outside ``domain``.
"""

from .enums import Health, Lang, Layer, Status, System, Tightening
from .evaluator import Evaluation, FeatureResult, Reason, evaluate, feature_outcome
from .features import FEATURE_IDS, FEATURES, FEATURES_BY_ID, Feature
from .keypath import get_value, with_values
from .policy import PolicyField, PolicyTable, Thresholds
from .registry import REGISTRY, Registry, build_registry
from .rule_model import Comparator, Rule
from .scenario import (
    Activity,
    Borrower,
    InvalidValueError,
    Overdue,
    PolicyLevers,
    Scenario,
    Systems,
)
from .text import LocalText

__all__ = [
    "FEATURES",
    "FEATURES_BY_ID",
    "FEATURE_IDS",
    "REGISTRY",
    "Activity",
    "Borrower",
    "Comparator",
    "Evaluation",
    "Feature",
    "FeatureResult",
    "Health",
    "InvalidValueError",
    "Lang",
    "Layer",
    "LocalText",
    "Overdue",
    "PolicyField",
    "PolicyLevers",
    "PolicyTable",
    "Reason",
    "Registry",
    "Rule",
    "Scenario",
    "Status",
    "System",
    "Systems",
    "Thresholds",
    "Tightening",
    "build_registry",
    "evaluate",
    "feature_outcome",
    "get_value",
    "with_values",
]
