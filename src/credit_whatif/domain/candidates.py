"""The changes the counterfactual search may try, derived from the registry.

A feature's outcome, as a function of one input, only changes where that input
crosses the threshold of a rule gating the feature; so the candidate values of an
input are those thresholds, on the side its declaration says is better. How an input
may move at all is declared with it (:class:`.inputs.Moves`): to the thresholds, only
all the way (repaying clears days overdue), to a better choice (a system recovers),
or not at all (the borrower's region; its suspension is lifted by policy instead).

A rule on a figure of the credit line (available credit, a utilisation) is cleared
by moving the figure's levers: the value is found by bisection on the rule itself,
for each limit the feature can have (as granted, or as each reduction cuts it), so a
rule on utilisation yields "repay until the balance is at most N" with no code here
that knows utilisation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from .changes import REINSTATED, Change, apply_changes
from .effects import STAGES, EffectKind, Stage
from .enums import AccountState, Health, Tightening
from .evaluator import FeatureResult, open_line
from .figures import Figure
from .inputs import TIGHTENING, Better, Input, Moves
from .keypath import get_value
from .measures import Measure
from .policy import PolicyField, PolicyTable
from .registry import Registry
from .rule_model import Comparator, Rule
from .scenario import Scenario, settled

Option = tuple[Change, ...]


@functools.cache  # a rule is a declaration: its levers never change
def keys_of(rule: Rule) -> tuple[str, ...]:
    """Inputs whose change can stop `rule` firing: what it reads (if it can move), a
    threshold that is itself a lever, a figure's levers, and the policy level when a
    policy number is involved."""
    keys: list[str] = []
    for operand in (rule.input, rule.threshold):
        if isinstance(operand, Figure):
            keys.extend(operand.levers)
        elif isinstance(operand, Measure):
            if operand.input.moves is not Moves.FIXED:
                keys.append(operand.input.key)
            keys.append(TIGHTENING.key)
        elif isinstance(operand, Input):
            # A threshold that is another of the borrower's figures (the limit an
            # over-limit balance is compared with) is not a lever: the way out is the
            # balance. A suspended region is lifted by policy, not by moving.
            lever = operand.lifted_as_threshold if operand is rule.threshold else True
            if lever and operand.moves is not Moves.FIXED:
                keys.append(operand.key)
    if isinstance(rule.input, PolicyField) or isinstance(rule.threshold, PolicyField):
        keys.append(TIGHTENING.key)
    if any(e.field is not None for e in rule.gates.values()):
        keys.append(TIGHTENING.key)
    return tuple(dict.fromkeys(keys))


@functools.cache
def clearers(rule: Rule, feature_id: str, registry: Registry) -> frozenset[str]:
    """Inputs whose change can stop `rule` firing for the feature: its own, and for a
    rule on the credit line, what its figures move with and whatever lifts a reduction
    of the limit."""
    keys = set(keys_of(rule))
    if rule.reads_line:
        keys.update(key for figure in rule.figures for key in figure.moves_with)
        for other in registry.by_feature[feature_id]:
            if _cuts_limit(other.gates[feature_id].kind):
                keys.update(keys_of(other))
    return frozenset(keys)


def levers(
    scenario: Scenario, table: PolicyTable, registry: Registry, result: FeatureResult
) -> dict[str, list[Option]]:
    """For each input behind a fired reason, its possible changes, nearest first."""
    keys: list[str] = []
    for reason in result.reasons:
        keys.extend(k for k in keys_of(reason.rule) if k not in keys)
    # Thresholds of other tightening levels matter only if policy may change too.
    levels = tuple(Tightening) if TIGHTENING.key in keys else (scenario.policy.tightening,)
    fired = frozenset(reason.rule.id for reason in result.reasons)
    found = {
        key: options(scenario, table, registry, key, result.feature.id, levels, fired)
        for key in keys
    }
    # A frozen account thaws only when the lender reinstates it: whatever clears the
    # rule that froze it (repaying) comes with that decision.
    for reason in result.reasons:
        if reason.rule.state is AccountState.FROZEN and reason.rule.key in found:
            key = reason.rule.key
            found[key] = [(*option, REINSTATED) for option in found[key]]
    return {key: found_options for key, found_options in found.items() if found_options}


def options(
    scenario: Scenario,
    table: PolicyTable,
    registry: Registry,
    key: str,
    feature_id: str,
    levels: Sequence[Tightening],
    fired: frozenset[str] | None = None,
) -> list[Option]:
    """The changes of one input worth trying for a feature, nearest first (`fired`:
    the rules that fired for it, when known)."""
    declared = registry.input(key)
    found = _moves(scenario, table, registry, declared, feature_id, levels, fired)
    through = declared.through
    if through is not None and get_value(scenario, through) is Health.DOWN:
        # The lender's outage is not the borrower's task: the change waits for it.
        back = Change(through, Health.DEGRADED, registry.input(through).actor)
        return [(back, *option) for option in found]
    return found


def _moves(
    scenario: Scenario,
    table: PolicyTable,
    registry: Registry,
    declared: Input,
    feature_id: str,
    levels: Sequence[Tightening],
    fired: frozenset[str] | None,
) -> list[Option]:
    key = declared.key
    current = get_value(scenario, key)
    moves = declared.moves
    if moves is Moves.FIXED:
        return []
    if moves is Moves.CLEARED:
        return [] if current == declared.cleared else [(_change(declared, declared.cleared),)]
    if moves is Moves.LIFT_OWN_REGION:
        region = scenario.borrower.region
        if region not in current:
            return []
        return [(_change(declared, tuple(r for r in current if r != region)),)]
    if moves is Moves.BETTER_CHOICE:
        better = [c for c in type(current) if c < current and declared.allows(c)]
        return [(_change(declared, choice),) for choice in reversed(better)]
    return [
        _with_ties(scenario, registry, declared, value)
        for value in candidate_values(scenario, table, registry, key, feature_id, levels, fired)
    ]


def _change(declared: Input, value: Any) -> Change:
    return Change(declared.key, value, declared.actor)


def _with_ties(scenario: Scenario, registry: Registry, declared: Input, value: Any) -> Option:
    """The change, and the tied inputs that must move with it and are moved by the
    same actor (a record ageing out takes its worst episode with it; time never
    repays an overdue amount)."""
    moved = settled(scenario, declared.key, value)
    return tuple(
        Change(key, to, registry.input(key).actor, tied=key != declared.key)
        for key, to in moved.items()
        if key == declared.key or registry.input(key).actor is declared.actor
    )


def candidate_values(
    scenario: Scenario,
    table: PolicyTable,
    registry: Registry,
    key: str,
    feature_id: str,
    levels: Sequence[Tightening],
    fired: frozenset[str] | None = None,
) -> list[int]:
    """Values of `key`, on its better side of the current one, where a rule gating the
    feature (at one of `levels`) stops firing; nearest first.

    A rule that passes now keeps passing as an input moves its better way (the rules
    are monotone), so when `fired` is given only those rules are searched on the
    credit line, where a value costs a bisection."""
    declared = registry.input(key)
    current = get_value(scenario, key)
    found: set[int] = set()
    for rule in registry.by_feature[feature_id]:
        if rule.reads_line:
            # A rule that another fired rule speaks for ('unless') may fire too.
            if fired is not None and rule.id not in fired and not (rule.unless & fired):
                continue
            if rule.input is declared or any(key in f.moves_with for f in rule.figures):
                found.update(
                    _line_values(scenario, table, registry, rule, declared, feature_id, levels)
                )
            continue
        if any(m.input is declared for m in rule.measures):
            found.update(_measure_values(scenario, table, rule, declared, levels))
            continue
        if rule.input is not declared:
            continue
        for level in levels:
            threshold = rule.check(scenario, table[level].values, None)[1]
            if threshold is None:  # a measure of what the borrower has not stated
                continue
            value = _passing_side(rule.comparator, threshold)
            if value is not None:
                found.add(max(value, declared.range[0]))
    up = sorted(v for v in found if v > current)
    down = sorted((v for v in found if v < current), reverse=True)
    if declared.better is Better.UP:
        return up
    if declared.better is Better.DOWN:
        return down
    return up + down


def _measure_values(
    scenario: Scenario,
    table: PolicyTable,
    rule: Rule,
    declared: Input,
    levels: Sequence[Tightening],
) -> set[int]:
    """Values of an input a measure is made of (a stated income), nearest the current
    one on its better side, where the rule stops firing: by bisection on the rule."""
    if declared.better is None or get_value(scenario, declared.key) is None:
        return set()
    found = set()
    for level in levels:
        values = table[level].values

        def passes(value: int, values: Any = values) -> bool:
            changed = apply_changes(scenario, [Change(declared.key, value, declared.actor)])
            if changed is None:
                return False
            return bool(rule.passes(*rule.check(changed, values, None)))

        value = nearest_passing(passes, get_value(scenario, declared.key), declared)
        if value is not None:
            found.add(value)
    return found


def _passing_side(comparator: Comparator, threshold: Any) -> int | None:
    """The value nearest the threshold on the side that passes."""
    if comparator is Comparator.AT_LEAST or comparator is Comparator.AT_MOST:
        return int(threshold)
    if comparator is Comparator.BELOW:
        return int(threshold) - 1
    return None


def _line_values(
    scenario: Scenario,
    table: PolicyTable,
    registry: Registry,
    rule: Rule,
    declared: Input,
    feature_id: str,
    levels: Sequence[Tightening],
) -> set[int]:
    """Values of `declared` nearest the current one, on its better side, where a rule
    on the credit line stops firing: for every limit the feature can have (as granted,
    or cut by a reduction at one of `levels`), by bisection on the rule itself."""
    if declared.better is None:
        return set()
    # Each level with the cuts of that level (a level's threshold never meets another
    # level's cut); a rule whose threshold is the same at every level, once per cut.
    cutting = [
        other
        for other in registry.by_feature[feature_id]
        if _cuts_limit(other.gates[feature_id].kind)
    ]
    pairs: set[tuple[Tightening, tuple[tuple[EffectKind, int], ...]]] = set()
    for level in levels:
        at = level if rule.fields else levels[0]
        pairs.add((at, ()))
        for other in cutting:
            found_cut = _cut(scenario, table, other, feature_id, level)
            if found_cut is not None:
                pairs.add((at, (found_cut,)))
    cuts = {cut for _, cut in pairs}
    threshold = rule.threshold
    if (
        rule.input is declared
        and isinstance(threshold, Figure)
        and declared.key not in threshold.moves_with
    ):
        return _beside_fixed_figure(scenario, rule, threshold, declared, cuts)
    changed_at: dict[int, Scenario | None] = {}  # the probes repeat across levels and cuts
    found = set()
    for level, cut in sorted(pairs):
        values = table[level].values

        def passes(
            value: int, cut: tuple[tuple[EffectKind, int], ...] = cut, values: Any = values
        ) -> bool:
            if value not in changed_at:
                change = Change(declared.key, value, declared.actor)
                changed_at[value] = apply_changes(scenario, [change])
            changed = changed_at[value]
            if changed is None:
                return False
            b = changed.borrower
            observed, threshold = rule.check(
                changed, values, open_line(b.credit_limit, b.outstanding, cut)
            )
            return bool(rule.passes(observed, threshold))

        value = nearest_passing(passes, get_value(scenario, declared.key), declared)
        if value is not None:
            found.add(value)
    return found


def _cuts_limit(kind: EffectKind) -> bool:
    return STAGES.get(kind) is Stage.LIMIT


def _cut(
    scenario: Scenario, table: PolicyTable, rule: Rule, feature_id: str, level: Tightening
) -> tuple[EffectKind, int] | None:
    """What `rule` cuts the limit to at `level`: a reduction's percentage, or a limit
    cap's yuan (its threshold; None when it has none, as for an income not stated)."""
    effect = rule.gates[feature_id]
    values = table[level].values
    if effect.field is None:  # a limit cap: its number is the rule's threshold
        threshold = rule.check(scenario, values, None)[1]
        return None if threshold is None else (effect.kind, int(threshold))
    return effect.kind, int(values[effect.field.name])


def _beside_fixed_figure(
    scenario: Scenario,
    rule: Rule,
    figure: Figure,
    declared: Input,
    cuts: set[tuple[tuple[EffectKind, int], ...]],
) -> set[int]:
    """The input's values where a rule comparing it with a figure that does not move
    with it stops firing: the figure is read once for each limit, no search."""
    b = scenario.borrower
    current = get_value(scenario, declared.key)
    found = set()
    for cut in cuts:
        value = _passing_side(
            rule.comparator, figure.read(open_line(b.credit_limit, b.outstanding, cut))
        )
        if value is None:
            continue
        value = max(value, declared.range[0])
        if (value < current) if declared.better is Better.DOWN else (value > current):
            found.add(value)
    return found


def nearest_passing(passes: Callable[[int], bool], current: int, declared: Input) -> int | None:
    """The value nearest `current` on the better side where `passes` holds, assuming it
    holds on the whole far side of some value (a monotone rule); None if it holds
    nowhere there (the far end is tried first). Steps double away from `current` until
    one passes, then the last step is halved: the value is usually a step or two away
    (repaying one yuan more)."""
    lo, hi = declared.range
    direction = -1 if declared.better is Better.DOWN else 1
    end = lo if direction < 0 else hi
    if current == end or not passes(end):
        return None
    failing, step = current, 1
    while True:
        probe = current + direction * step
        if (probe - end) * direction >= 0:
            probe = end
        if passes(probe):
            break
        failing, step = probe, step * 2
    passing = probe
    while abs(passing - failing) > 1:
        middle = (passing + failing) // 2
        passing, failing = (middle, failing) if passes(middle) else (passing, middle)
    return passing
