"""One registry of features, rules, inputs and figures, checked once and indexed for
every consumer.

:data:`REGISTRY` is the product's registry. Tests build others (a copy with a
throwaway rule or feature) with :func:`build_registry` and run the same invariants
on them; every consumer (evaluator, explanations, sweeps, rule table, portfolio
kernel) takes the registry it works on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType

import attrs

from .enums import Layer
from .features import FEATURES, Feature
from .figures import FIGURES, Figure
from .inputs import INPUTS, Input
from .policy import FieldKind, PolicyField
from .rule_model import Rule
from .rules import default_rules

_KIND_ORDER = list(FieldKind)


class RegistryError(ValueError):
    """A registry whose declarations contradict each other."""


class Theme(StrEnum):
    """What a policy field is about, as a risk committee groups a policy change."""

    SCORE = "score"  # score floors and the score's cut of the limit
    DELINQUENCY = "delinquency"  # overdue now and in the record
    ACTIVITY = "activity"  # limit checks, failed attempts
    INCIDENT = "incident"  # what a degraded or down system is held to
    LIMITS = "limits"  # payouts, the line's use, what is open at all


@attrs.frozen(eq=False)
class Registry:
    features: tuple[Feature, ...]
    rules: tuple[Rule, ...]  # system, policy, credit; declaration order within a layer
    policy_fields: tuple[PolicyField, ...]
    by_feature: Mapping[str, tuple[Rule, ...]]  # the rules that gate each feature
    order: Mapping[str, int]  # rule id -> position in ``rules``
    inputs: tuple[Input, ...]  # in the order of the preset format
    figures: tuple[Figure, ...]
    by_key: Mapping[str, Input | Figure]  # key path or figure id -> its declaration
    themes: Mapping[str, Theme]  # policy field -> what it is about

    @property
    def feature_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.features)

    def feature(self, feature_id: str) -> Feature:
        for feature in self.features:
            if feature.id == feature_id:
                return feature
        raise KeyError(feature_id)

    def rule(self, rule_id: str) -> Rule:
        return self.rules[self.order[rule_id]]

    def field(self, name: str) -> PolicyField:
        for field in self.policy_fields:
            if field.name == name:
                return field
        raise KeyError(name)

    def rules_reading(self, key: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.key == key)

    def input(self, key: str) -> Input:
        found = self.by_key.get(key)
        if not isinstance(found, Input):
            raise KeyError(key)
        return found

    @property
    def sweep_keys(self) -> tuple[str, ...]:
        """Inputs a sweep can run over."""
        return tuple(i.key for i in self.inputs if i.sweepable)

    @property
    def columns(self) -> tuple[Input, ...]:
        """Inputs a portfolio holds, in column order."""
        return tuple(i for i in self.inputs if i.column is not None)


def _collect_fields(rules: Iterable[Rule], features: Iterable[Feature]) -> tuple[PolicyField, ...]:
    seen: dict[str, PolicyField] = {}
    declared = [f for rule in rules for f in rule.fields]
    declared += [
        e.field
        for feature in features
        for e in (*feature.degraded.values(), *feature.down.values())
        if e.field
    ]
    for field in declared:
        other = seen.setdefault(field.name, field)
        if other != field:
            raise RegistryError(f"policy field {field.name!r} is declared as {other} and {field}")
    # Grouped by kind (scores, days, counts, percentages, yuan, switches) for reading.
    ordered = sorted(seen.values(), key=lambda f: _KIND_ORDER.index(f.kind))
    return tuple(ordered)


def _index(inputs: Sequence[Input], rules: Sequence[Rule]) -> dict[str, Input | Figure]:
    by_key: dict[str, Input | Figure] = {}
    declared: list[Input | Figure] = [*inputs, *FIGURES, *(f for r in rules for f in r.figures)]
    for item in declared:
        if by_key.setdefault(item.key, item) is not item:
            raise RegistryError(f"{item.key} is declared twice")
    columns = [i.column for i in inputs if i.column is not None]
    if len(set(columns)) != len(columns):
        raise RegistryError("portfolio columns must be unique")
    for rule in rules:
        for operand in rule.inputs:
            if by_key.get(operand.key) is not operand:
                raise RegistryError(f"{rule.id} reads {operand.key}, which is not a declared input")
    for item in by_key.values():
        named = (
            item.levers if isinstance(item, Figure) else (*item.ties, *filter(None, [item.through]))
        )
        unknown = [k for k in named if not isinstance(by_key.get(k), Input)]
        if unknown:
            raise RegistryError(f"{item.key} names undeclared inputs {unknown}")
    return by_key


_THEMES_BY_GROUP = {
    "borrower.overdue": Theme.DELINQUENCY,
    "borrower.activity": Theme.ACTIVITY,
    "funding": Theme.INCIDENT,  # the lender's own funding, like its systems
}


def _themes(rules: Iterable[Rule], features: Iterable[Feature]) -> dict[str, Theme]:
    """Each field's theme, from where it is used: a system's effect is an incident
    cap; a rule's field takes the theme of what the rule reads."""
    themes: dict[str, Theme] = {}
    for feature in features:
        for effect in (
            *feature.degraded.values(),
            *feature.down.values(),
            *feature.delayed.values(),
        ):
            if effect.field is not None:
                themes[effect.field.name] = Theme.INCIDENT
    for rule in rules:
        if rule.key == "borrower.score":
            theme = Theme.SCORE
        else:
            theme = _THEMES_BY_GROUP.get(rule.key.rpartition(".")[0], Theme.LIMITS)
        for field in rule.fields:
            themes.setdefault(field.name, theme)
    return themes


def build_registry(
    features: Sequence[Feature], rules: Sequence[Rule], inputs: Sequence[Input] = INPUTS
) -> Registry:
    """Check the declarations against each other and index them."""
    feature_ids = [f.id for f in features]
    if len(set(feature_ids)) != len(feature_ids):
        raise RegistryError("feature ids must be unique")
    for feature in features:
        if not set(feature.down) <= set(feature.degraded):
            raise RegistryError(f"{feature.id}: a system down must be one it uses (degraded)")
        if not set(feature.delayed) <= set(feature.degraded):
            raise RegistryError(f"{feature.id}: a system delayed must be one it uses (degraded)")
    ordered = sorted(rules, key=lambda r: Layer(r.id.split(".", 1)[0]).rank)
    ids = [r.id for r in ordered]
    if len(set(ids)) != len(ids):
        raise RegistryError("rule ids must be unique")
    position = {rule_id: index for index, rule_id in enumerate(ids)}
    for rule in ordered:
        unknown = set(rule.gates) - set(feature_ids)
        if unknown:
            raise RegistryError(f"{rule.id} gates unknown features {sorted(unknown)}")
        for other_id in rule.unless:
            if position.get(other_id, len(ids)) >= position[rule.id]:
                raise RegistryError(f"{rule.id}: 'unless' must name an earlier rule: {other_id}")
            other = ordered[position[other_id]]
            for feature_id, effect in rule.gates.items():
                # The rule that speaks instead must say at least as much.
                stronger = other.gates.get(feature_id)
                if stronger is None or stronger.status > effect.status:
                    raise RegistryError(f"{other_id} does not cover {rule.id} on {feature_id}")
    by_feature = {fid: tuple(r for r in ordered if fid in r.gates) for fid in feature_ids}
    by_key = _index(inputs, ordered)
    return Registry(
        features=tuple(features),
        rules=tuple(ordered),
        policy_fields=_collect_fields(ordered, features),
        by_feature=MappingProxyType(by_feature),
        order=MappingProxyType(position),
        inputs=tuple(inputs),
        figures=tuple(f for f in by_key.values() if isinstance(f, Figure)),
        by_key=MappingProxyType(by_key),
        themes=MappingProxyType(_themes(ordered, features)),
    )


REGISTRY = build_registry(FEATURES, default_rules(FEATURES))
