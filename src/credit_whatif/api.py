"""The library's front door: evaluate a scenario under the default policy or another."""

from __future__ import annotations

from .domain.evaluator import Evaluation
from .domain.evaluator import evaluate as evaluate_under
from .domain.policy import PolicyTable
from .domain.scenario import Scenario
from .files.policies import default_policy


def evaluate(scenario: Scenario, policy: PolicyTable | None = None) -> Evaluation:
    """Every feature's outcome for `scenario` under `policy` (default: the bundled one)."""
    return evaluate_under(scenario, policy if policy is not None else default_policy())
