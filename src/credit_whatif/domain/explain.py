"""What would change each result: exact counterfactuals and principal reasons.

The rules are known exactly, so the answers are exact. A feature's status, as a
function of one input, only changes where that input crosses the threshold of a
rule that gates the feature; so the smallest change that unlocks a feature is one
of those thresholds, and trying them nearest-first finds it with a handful of
single-feature evaluations.

What can change is respected, and every change says who or what brings it about:
the borrower (repaying, verifying identity, a better score), time (past overdue
episodes, limit checks and failed attempts ageing out of their windows), or the
lender (systems recovering, policy loosening, the credit limit), as each input
declares (:mod:`.inputs`). The changes worth trying come from :mod:`.candidates`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from .candidates import Option, clearers, levers, nearest_passing
from .changes import Actor, Change, apply_changes
from .enums import Status
from .evaluator import Evaluation, FeatureResult, Reason, feature_outcome
from .inputs import Input, Moves
from .keypath import get_value
from .policy import PolicyTable
from .registry import Registry
from .scenario import Scenario

MAX_PRINCIPAL_REASONS = 4


@attrs.frozen
class Unlock:
    """Changes that, applied together, bring a feature to `status` (and `amount`)."""

    changes: tuple[Change, ...]
    status: Status
    amount: int | None

    @property
    def moves(self) -> tuple[Change, ...]:
        """The steps: every change but those that only follow the one before it."""
        return tuple(c for c in self.changes if not c.tied)

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Who or what acts, each once, in the order of the changes."""
        return tuple(dict.fromkeys(c.actor for c in self.changes))

    @property
    def in_borrower_control(self) -> bool:
        return self.actors == (Actor.BORROWER,)


@attrs.frozen
class Explanation:
    """For one feature: what would make it available (or limited), and what holds it back."""

    feature: str
    status: Status
    to_available: tuple[Unlock, ...]
    to_limited: tuple[Unlock, ...]
    principal: tuple[Reason, ...]
    # No input can move at all towards lifting it (a regulatory maximum), as against
    # no change of one or two inputs being enough.
    fixed: bool = False

    @property
    def single_change_suffices(self) -> bool:
        return any(len(u.moves) == 1 for u in self.to_available)


def explain(evaluation: Evaluation) -> tuple[Explanation, ...]:
    """An explanation for every feature of `evaluation`, in feature order."""
    # Features share candidate changes (a score floor gates several), so the
    # changed scenarios are built once for all of them.
    variants: dict[Option, Scenario | None] = {}
    return tuple(explain_feature(evaluation, r, variants) for r in evaluation.features)


def explain_feature(
    evaluation: Evaluation,
    result: FeatureResult,
    variants: dict[Option, Scenario | None] | None = None,
) -> Explanation:
    """What would change one feature's outcome; `variants` caches changed scenarios
    across the features of one scenario."""
    feature_id = result.feature.id
    principal = principal_reasons(result)
    if result.status is Status.AVAILABLE:
        return Explanation(feature_id, result.status, (), (), principal)
    scenario, table, registry = evaluation.scenario, evaluation.table, evaluation.registry
    found = levers(scenario, table, registry, result)
    search = _Search(
        scenario,
        table,
        registry,
        feature_id,
        result.reasons,
        {} if variants is None else variants,
    )
    to_available = _unlocks(search, found, Status.AVAILABLE)
    to_limited: tuple[Unlock, ...] = ()
    if result.status is Status.UNAVAILABLE:
        promised = {u.changes for u in to_available}
        to_limited = tuple(
            u
            for u in _unlocks(search, found, Status.LIMITED)
            if u.changes not in promised and u.status is Status.LIMITED
        )
    return Explanation(
        feature_id, result.status, to_available, to_limited, principal, fixed=not found
    )


def principal_reasons(result: FeatureResult) -> tuple[Reason, ...]:
    """At most four reasons, ranked by how much each one alone holds the feature back."""
    has_amount = result.feature.has_amount

    def weight(reason: Reason) -> tuple[int, int]:
        if reason.effect.status is Status.UNAVAILABLE or not has_amount:
            held_back = 0
        else:
            held_back = -(reason.amount if reason.amount is not None else 1 << 62)
        return reason.effect.status.rank, -held_back

    ranked = sorted(result.reasons, key=weight)  # stable: layer order breaks ties
    return tuple(ranked[:MAX_PRINCIPAL_REASONS])


_Outcome = tuple[Status, int | None]


@attrs.define
class _Search:
    """Questions about one feature of one scenario: 'what if these changes?'.

    The searches ask the same question more than once (to_limited repeats part
    of to_available), so answers are memoised for the life of one explanation.
    """

    scenario: Scenario
    table: PolicyTable
    registry: Registry
    feature_id: str
    reasons: tuple[Reason, ...]
    variants: dict[Option, Scenario | None]
    memo: dict[Option, _Outcome] = attrs.field(factory=dict)

    def reach(self, changes: Option) -> _Outcome:
        found = self.memo.get(changes)
        if found is None:
            if changes in self.variants:
                changed = self.variants[changes]
            else:
                changed = self.variants[changes] = apply_changes(self.scenario, changes)
            if changed is None:
                found = (Status.UNAVAILABLE, None)
            else:
                found = feature_outcome(changed, self.feature_id, self.table, self.registry)
            self.memo[changes] = found
        return found


def _unlocks(
    search: _Search, choices: dict[str, list[Option]], target: Status
) -> tuple[Unlock, ...]:
    """Every single change that reaches `target`; else the smallest pairs; else all."""
    # Every reason worse than the target must stop firing, so a set of inputs can
    # only succeed if it touches a clearer of each: skip the sets that cannot.
    blocking = [
        clearers(r.rule, search.feature_id, search.registry)
        for r in search.reasons
        if r.effect.status < target
    ]

    def may_work(keys: set[str]) -> bool:
        return all(clearers & keys for clearers in blocking)

    singles = []
    for key, options in choices.items():
        found = _first(search, (), options, target) if may_work({key}) else None
        if found is not None:
            singles.append(found)
    if singles:
        return tuple(singles)
    pairs = []
    for (key_a, first), (key_b, second) in itertools.combinations(choices.items(), 2):
        if not may_work({key_a, key_b}):
            continue
        found = _smallest_together(search, [first, second], target)
        if found is not None:
            pairs.append(found)
    if pairs or len(choices) <= 2:
        return tuple(pairs)
    # Three or more inputs: each may also stay as it is, so none is changed needlessly.
    found = _smallest_together(search, [[(), *options] for options in choices.values()], target)
    return (found,) if found is not None else ()


def _first(
    search: _Search, held: Option, options: Sequence[Option], target: Status
) -> Unlock | None:
    for option in options:
        status, _amount = search.reach(held + option)
        if status >= target:
            changes = _tightened(search, held + option, target)
            return Unlock(changes, *search.reach(changes))
    return None


def _smallest_together(
    search: _Search, groups: Sequence[Sequence[Option]], target: Status
) -> Unlock | None:
    """The nearest option of each input such that all together reach `target`."""
    chosen = [options[-1] for options in groups]  # the furthest change of each input
    if search.reach(_joined(chosen))[0] < target:
        return None
    for index, options in enumerate(groups):
        for option in options:
            trial = [*chosen[:index], option, *chosen[index + 1 :]]
            if search.reach(_joined(trial))[0] >= target:
                chosen[index] = option
                break
    changes = _tightened(search, _joined(chosen), target)
    status, amount = search.reach(changes)
    return Unlock(changes, status, amount)


def _tightened(search: _Search, changes: Option, target: Status) -> Option:
    """Each number of the changes moved back towards where it is now, as far as they
    still reach `target` together. A number's candidates are where a rule stops firing
    in the scenario as it is; a smaller step can be enough for a lesser target (a
    stated income that lets some of the line be used) or beside another change of the
    set (a raised limit). One probe shows a value is already the least (the usual
    case); otherwise the search the candidates use (the rules are monotone)."""
    for index, change in enumerate(changes):
        declared = search.registry.by_key.get(change.key)  # not a decision (reinstated)
        if not isinstance(declared, Input) or change.tied or declared.ties:
            continue
        if declared.better is None:
            continue
        if declared.moves is not Moves.TO_THRESHOLDS:
            continue
        current = get_value(search.scenario, change.key)
        if not isinstance(current, int) or not isinstance(change.to, int):
            continue

        step = 1 if change.to > current else -1
        one_less = _with_value(changes, index, change.to - step)
        if change.to - step == current or search.reach(one_less)[0] < target:
            continue

        def reaches(value: int, index: int = index, changes: Option = changes) -> bool:
            return search.reach(_with_value(changes, index, value))[0] >= target

        least = nearest_passing(reaches, current, declared)
        if least is not None:
            changes = _with_value(changes, index, least)
    return changes


def _with_value(changes: Option, index: int, value: int) -> Option:
    moved = attrs.evolve(changes[index], to=value)
    return (*changes[:index], moved, *changes[index + 1 :])


def _joined(options: Sequence[Option]) -> Option:
    """The changes of several options together, each input set once: a record ageing
    out sets its worst episode to 0, which that input's own option may set again."""
    joined: dict[str, Change] = {}
    for change in itertools.chain.from_iterable(options):
        joined.setdefault(change.key, change)
    return tuple(joined.values())
