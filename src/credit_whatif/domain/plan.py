"""The plan: the registry unpacked once for the evaluator's hot loop.

Per feature, the rules that gate it as :class:`Gate` objects (the rule's compiled
check, its effect and the policy field of its number, read as slots), split into the
rules on the scenario's inputs and those on the credit line's figures; and every input
rule once, with the features it gates, so that :func:`.evaluator.evaluate` checks
each rule once per scenario. Built once per registry (cached).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs

from .effects import Effect, EffectKind
from .features import Base, Feature
from .registry import Registry
from .rule_model import Rule

Hit = tuple[Any, Any]


@attrs.frozen
class Gate:
    """One rule as it gates one feature, unpacked once for the fold (slots: reading
    a field is as quick as indexing a tuple)."""

    rule: Rule
    effect: Effect
    kind: EffectKind
    rank: int  # the effect's status rank
    field: str | None  # the policy field holding the effect's number, if any
    unless: frozenset[str]
    check: Any  # (scenario, thresholds, line) -> (observed, threshold)
    passes: Any  # (observed, threshold) -> True when the rule does not fire


Fired = list[tuple[Gate, Hit]]


@attrs.frozen
class FeaturePlan:
    index: int
    feature: Feature
    base: Base
    inputs: tuple[Gate, ...]  # rules on the scenario's inputs
    line: tuple[Gate, ...]  # rules on the credit line's figures
    tracks_unless: bool  # some rule gating it says 'unless'
    order: Mapping[str, int]  # rule id -> registry position, to list reasons in order


@attrs.frozen
class Plan:
    # Every input rule once, with the features it gates: (check, passes, [(index, gate)]).
    phase_a: tuple[tuple[Any, Any, tuple[tuple[int, Gate], ...]], ...]
    features: tuple[FeaturePlan, ...]
    by_id: Mapping[str, FeaturePlan]
    order: Mapping[str, int]


def _gate(rule: Rule, feature_id: str) -> Gate:
    effect = rule.gates[feature_id]
    return Gate(
        rule,
        effect,
        effect.kind,
        effect.status.rank,
        effect.field_name,
        rule.unless,
        rule.check,
        rule.passes,
    )


@functools.cache
def plan_for(registry: Registry) -> Plan:
    features = []
    for index, feature in enumerate(registry.features):
        rules = registry.by_feature[feature.id]
        features.append(
            FeaturePlan(
                index,
                feature,
                feature.base,
                tuple(_gate(r, feature.id) for r in rules if not r.reads_line),
                tuple(_gate(r, feature.id) for r in rules if r.reads_line),
                any(r.unless for r in rules),
                registry.order,
            )
        )
    positions = {plan.feature.id: plan.index for plan in features}
    phase_a = tuple(
        (
            rule.check,
            rule.passes,
            tuple((positions[fid], _gate(rule, fid)) for fid in rule.gates),
        )
        for rule in registry.rules
        if not rule.reads_line
    )
    return Plan(
        phase_a=phase_a,
        features=tuple(features),
        by_id={p.feature.id: p for p in features},
        order=registry.order,
    )
