"""The pure domain: scenario model, feature registry, policy table, rules, evaluator.

Nothing here does I/O or imports Textual.
"""

from .enums import Health, Lang, Layer, Status, System, Tightening
from .evaluator import Evaluation, FeatureResult, Reason, evaluate
from .features import FEATURE_IDS, FEATURES, FEATURES_BY_ID, Feature
from .policy import POLICY_TABLE, Thresholds
from .rules import RULES, RULES_BY_ID, Comparator, Rule
from .scenario import (
    Activity,
    Borrower,
    InvalidValueError,
    Overdue,
    Policy,
    Scenario,
    Systems,
    get_value,
    with_value,
    with_values,
)
from .text import LocalText

__all__ = [
    "FEATURES",
    "FEATURES_BY_ID",
    "FEATURE_IDS",
    "POLICY_TABLE",
    "RULES",
    "RULES_BY_ID",
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
    "Policy",
    "Reason",
    "Rule",
    "Scenario",
    "Status",
    "System",
    "Systems",
    "Thresholds",
    "Tightening",
    "evaluate",
    "get_value",
    "with_value",
    "with_values",
]
