"""The policy table as data: every threshold and cap, per tightening level.

A :class:`PolicyField` is declared where a rule or a feature uses it (in
:mod:`.rules` and :mod:`.features`), with its kind (which fixes its range) and the
direction that tightens it. A :class:`PolicyTable` holds a value for every field at
every level; policy files are read into one by :mod:`credit_whatif.policies`.

Tighter levels never loosen a field (:func:`monotone_violations`), which is what
makes the evaluator monotone in the level.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import attrs

from .enums import Tightening
from .limits import RANGES


class Driver(StrEnum):
    """What a policy answers to."""

    MARKET = "market"  # the economy, competitors, funding costs
    REGULATORY = "regulatory"  # a rule the lender must follow
    INCIDENT = "incident"  # an outage, fraud wave or loss event
    GROWTH = "growth"  # the lender's own plan to lend more


class FieldKind(StrEnum):
    """What a policy number measures; the kind fixes its unit and range."""

    SCORE = "score"
    DAYS = "days"
    HOURS = "hours"
    MONTHS = "months"
    COUNT = "count"
    PERCENT = "percent"
    YUAN = "yuan"
    SWITCH = "switch"


class Stricter(StrEnum):
    """Which way a field moves when policy tightens."""

    HIGHER = "higher"  # a floor: a higher value is stricter
    LOWER = "lower"  # a maximum, a share or an open/closed switch: lower is stricter


@attrs.frozen
class PolicyField:
    """One number (or switch) of the policy, declared by the rule that reads it."""

    name: str
    kind: FieldKind
    stricter: Stricter
    least: int | None = None  # a floor of its own, where the kind's would be nonsense
    # For a field added after policy files were first written: the value (at every
    # level) a file without it is read with, so a user's saved policy still loads.
    default: int | None = None

    @property
    def is_switch(self) -> bool:
        return self.kind is FieldKind.SWITCH

    @property
    def range(self) -> tuple[int, int]:
        """Inclusive bounds of an integer field (a switch is 0..1)."""
        lo, hi = RANGES.get(self.kind.value, (0, 1))
        return (lo if self.least is None else self.least), hi

    def stricter_than(self, a: int | bool, b: int | bool) -> bool:
        """True if value `a` is stricter than value `b`."""
        return a > b if self.stricter is Stricter.HIGHER else a < b

    def stricter_of(self, a: int | bool, b: int | bool) -> int | bool:
        return a if self.stricter_than(a, b) else b


def floor(name: str) -> PolicyField:
    """A minimum credit score."""
    return PolicyField(name, FieldKind.SCORE, Stricter.HIGHER)


def minimum(name: str, kind: FieldKind) -> PolicyField:
    """A least-allowed number of yuan (or days, times): a higher value is stricter."""
    return PolicyField(name, kind, Stricter.HIGHER)


def maximum(
    name: str, kind: FieldKind, least: int | None = None, default: int | None = None
) -> PolicyField:
    """A most-allowed number of days, times, percent or yuan (at least `least`)."""
    return PolicyField(name, kind, Stricter.LOWER, least, default)


def switch(name: str) -> PolicyField:
    """Something the policy turns on (true, looser) or off (false, stricter)."""
    return PolicyField(name, FieldKind.SWITCH, Stricter.LOWER)


Value = int | bool


def _frozen_values(values: Mapping[str, Value]) -> Mapping[str, Value]:
    return MappingProxyType(dict(values))


def _frozen_levels(levels: Mapping[Tightening, Thresholds]) -> Mapping[Tightening, Thresholds]:
    return MappingProxyType(dict(levels))


@attrs.frozen(hash=False)
class Thresholds:
    """The values of one tightening level, by field name.

    ``values`` is read-only; rules read it with ``values[name]``.
    """

    values: Mapping[str, Value] = attrs.field(converter=_frozen_values)

    def __getitem__(self, name: str) -> Value:
        return self.values[name]

    def with_value(self, name: str, value: Value) -> Thresholds:
        return Thresholds({**self.values, name: value})


@attrs.frozen(hash=False)
class PolicyTable:
    """A named policy: thresholds for each tightening level, and why and since when it
    applies (policies change "with the market and with regulation")."""

    name: str
    levels: Mapping[Tightening, Thresholds] = attrs.field(converter=_frozen_levels)
    description: str = ""
    name_zh: str = ""
    description_zh: str = ""
    driver: Driver | None = None
    effective: dt.date | None = None

    def __getitem__(self, level: Tightening) -> Thresholds:
        return self.levels[level]

    def display_name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" and self.name_zh else self.name

    def display_description(self, lang: str) -> str:
        return self.description_zh if lang == "zh" and self.description_zh else self.description

    def with_value(self, level: Tightening, name: str, value: Value) -> PolicyTable:
        """A copy with one field of one level changed (not checked for monotonicity)."""
        levels = dict(self.levels)
        levels[level] = levels[level].with_value(name, value)
        return attrs.evolve(self, levels=levels)

    @property
    def digest(self) -> str:
        """sha256 of the canonical form of the thresholds (not the name or the
        descriptions): equal thresholds give equal digests."""
        import hashlib  # imported when first needed: most runs never show a digest

        return hashlib.sha256(canonical_levels(self).encode("utf-8")).hexdigest()

    def same_thresholds(self, other: PolicyTable) -> bool:
        return canonical_levels(self) == canonical_levels(other)


def _toml_value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def canonical_levels(table: PolicyTable) -> str:
    """The level tables as TOML, levels and fields in a fixed order."""
    lines: list[str] = []
    for level in Tightening:
        values = table.levels[level].values
        lines.append(f"[{level.value}]")
        lines.extend(f"{name} = {_toml_value(values[name])}" for name in sorted(values))
        lines.append("")
    return "\n".join(lines)


@attrs.frozen
class MonotoneViolation:
    """A tighter level that is looser than the level below it, for one field."""

    field: PolicyField
    looser_level: Tightening  # the lower level, e.g. normal
    tighter_level: Tightening  # the level that should be at least as strict
    looser_value: Value
    tighter_value: Value


def monotone_violations(
    levels: Mapping[Tightening, Mapping[str, Any]], fields: Iterable[PolicyField]
) -> list[MonotoneViolation]:
    """Every field where a tighter level is looser than the one before it."""
    order = list(Tightening)
    found = []
    for field in fields:
        for lower, higher in itertools.pairwise(order):
            a, b = levels[lower][field.name], levels[higher][field.name]
            if field.stricter_than(a, b):
                found.append(MonotoneViolation(field, lower, higher, a, b))
    return found


@attrs.frozen
class ThresholdRefusal:
    """Why one value cannot be set for one field at one level."""

    field: PolicyField
    level: Tightening
    value: Any
    violation: MonotoneViolation | None = None  # None: the wrong type or out of range


def refuse_threshold(
    table: PolicyTable, level: Tightening, field: PolicyField, value: Any
) -> ThresholdRefusal | None:
    """None if `value` can be set for `field` at `level` (in range, and no level
    becoming looser than the one below it); else why not."""
    if field.is_switch:
        if type(value) is not bool:
            return ThresholdRefusal(field, level, value)
    else:
        lo, hi = field.range
        if type(value) is not int or not lo <= value <= hi:
            return ThresholdRefusal(field, level, value)
    levels = {lvl: table[lvl].values for lvl in Tightening}
    levels[level] = {**levels[level], field.name: value}
    found = monotone_violations(levels, [field])
    return ThresholdRefusal(field, level, value, found[0]) if found else None
