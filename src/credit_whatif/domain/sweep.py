"""``sweep(scenario, key, values)``: every feature across a range of one input.

Exact threshold analysis: a feature's status and amount only change where the
swept input (or a field tied to it) crosses a rule's threshold, so the range is
cut at those points and each piece is evaluated once, instead of every value.
A property test checks the result against evaluating every point.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .clock import settled_with
from .enums import Status
from .evaluator import feature_outcome
from .inputs import InputKind
from .keypath import get_value
from .policy import PolicyTable
from .registry import REGISTRY, Registry
from .rule_model import Comparator
from .scenario import Scenario, settled

# Inputs a sweep can run over (declared sweepable: each leaves the base amounts
# untouched, so outcomes are constant between thresholds).
SWEEP_KEYS: tuple[str, ...] = REGISTRY.sweep_keys


@attrs.frozen
class Segment:
    """Values ``start..end`` (inclusive) where a feature has one status and amount."""

    start: int
    end: int
    status: Status
    amount: int | None


@attrs.frozen
class FeatureSweep:
    feature: str
    segments: tuple[Segment, ...]

    def at(self, value: int) -> Segment:
        for segment in self.segments:
            if segment.start <= value <= segment.end:
                return segment
        raise ValueError(f"{value} is outside the sweep")


@attrs.frozen
class TiedMove:
    """Where the swept input is ``start..end``, the tied input `key` is moved from the
    scenario's value (to ``first..last``) so the scenario stays valid (the worst
    overdue episode covers the current one)."""

    key: str
    start: int
    end: int
    first: int
    last: int


@attrs.frozen
class Sweep:
    key: str
    start: int
    end: int
    current: int
    features: tuple[FeatureSweep, ...]
    tied: tuple[TiedMove, ...] = ()

    @property
    def breakpoints(self) -> tuple[int, ...]:
        """Values where at least one feature's status or amount changes."""
        points = {s.start for f in self.features for s in f.segments} - {self.start}
        return tuple(sorted(points))

    def __getitem__(self, feature_id: str) -> FeatureSweep:
        for feature in self.features:
            if feature.feature == feature_id:
                return feature
        raise KeyError(feature_id)


def default_range(
    scenario: Scenario, key: str, table: PolicyTable, registry: Registry = REGISTRY
) -> range:
    """The input's whole range for the score; around the thresholds for counts and days."""
    lo, hi = registry.input(key).range
    if registry.input(key).kind is InputKind.SCORE:
        return range(lo, hi + 1)
    top = max([t for t, _ in _threshold_points(scenario, key, table, registry)] + [0]) * 2 + 2
    return range(lo, min(hi, max(top, get_value(scenario, key) + 5)) + 1)


def sweep(
    scenario: Scenario,
    table: PolicyTable,
    key: str = "borrower.score",
    values: range | None = None,
    registry: Registry = REGISTRY,
) -> Sweep:
    """Each feature's status and amount for every value of `key` in `values`."""
    if key not in registry.sweep_keys:
        keys = ", ".join(registry.sweep_keys)
        raise ValueError(f"cannot sweep {key!r}; expected one of {keys}")
    values = values if values is not None else default_range(scenario, key, table, registry)
    lo, hi = registry.input(key).range
    if values.step != 1 or not values or values.start < lo or values[-1] > hi:
        raise ValueError(f"expected a range of consecutive values within {lo}..{hi}")
    start, end = values.start, values[-1]
    points = _candidate_cuts(scenario, key, table, registry)
    cuts = sorted({start} | {p for p in points if start < p <= end})
    features = []
    ids = registry.feature_ids
    outcomes = [
        [feature_outcome(set_swept(scenario, key, cut), fid, table, registry) for fid in ids]
        for cut in cuts
    ]
    for index, feature in enumerate(registry.features):
        segments: list[Segment] = []
        for position, cut in enumerate(cuts):
            status, amount = outcomes[position][index]
            last = cuts[position + 1] - 1 if position + 1 < len(cuts) else end
            if segments and (segments[-1].status, segments[-1].amount) == (status, amount):
                segments[-1] = attrs.evolve(segments[-1], end=last)
            else:
                segments.append(Segment(cut, last, status, amount))
        features.append(FeatureSweep(feature.id, tuple(segments)))
    tied = _tied_moves(scenario, key, cuts, end, registry)
    return Sweep(key, start, end, get_value(scenario, key), tuple(features), tied)


def _tied_moves(
    scenario: Scenario, key: str, cuts: list[int], end: int, registry: Registry
) -> tuple[TiedMove, ...]:
    """The stretches of the range where an input tied to `key` leaves its value. A tied
    value is constant or follows the swept one between cuts (the tied inputs' values
    are cuts), so the ends of each piece tell it."""
    moves = []
    for tied in registry.input(key).ties:
        original = get_value(scenario, tied)
        stretch: list[tuple[int, int]] = []  # (swept, tied) at the ends of moved pieces
        for position, cut in enumerate(cuts):
            last = cuts[position + 1] - 1 if position + 1 < len(cuts) else end
            ends = [(v, settled(scenario, key, v).get(tied, original)) for v in (cut, last)]
            if all(value == original for _, value in ends):
                if stretch:
                    moves.append(_move(tied, stretch))
                    stretch = []
                continue
            stretch.extend(ends)
        if stretch:
            moves.append(_move(tied, stretch))
    return tuple(moves)


def _move(tied: str, stretch: list[tuple[int, int]]) -> TiedMove:
    return TiedMove(tied, stretch[0][0], stretch[-1][0], stretch[0][1], stretch[-1][1])


def set_swept(scenario: Scenario, key: str, value: int) -> Scenario:
    """Set the swept input; inputs tied to it follow so the scenario stays valid."""
    return settled_with(scenario, key, value)


def _candidate_cuts(
    scenario: Scenario, key: str, table: PolicyTable, registry: Registry
) -> set[int]:
    """Every value where some rule on the swept input, or on an overdue field tied
    to it, can start or stop firing."""
    keys = {key, *registry.input(key).ties}
    cuts: set[int] = {1}
    for key_ in keys:
        for threshold, comparator in _threshold_points(scenario, key_, table, registry):
            cuts.add(threshold if comparator is Comparator.AT_LEAST else threshold + 1)
        original = get_value(scenario, key_)
        cuts.update({original, original + 1})
    return cuts


def _threshold_points(
    scenario: Scenario, key: str, table: PolicyTable, registry: Registry
) -> Iterable[tuple[int, Comparator]]:
    """(threshold, comparator) of every rule on `key`, at every level of `table`."""
    sample = scenario
    for rule in registry.rules:
        if rule.key != key or rule.reads_line:
            continue
        for thresholds in table.levels.values():
            yield rule.check(sample, thresholds.values, None)[1], rule.comparator


def field_range(key: str, registry: Registry = REGISTRY) -> tuple[int, int]:
    """The valid range of a number input."""
    return registry.input(key).range
