"""What would change each result: exact counterfactuals and principal reasons.

The rules are known exactly, so the answers are exact. A feature's status, as a
function of one input, only changes where that input crosses the threshold of a
rule that gates the feature; so the smallest change that unlocks a feature is one
of those thresholds, and trying them nearest-first finds it with a handful of
single-feature evaluations.

What can change is respected, and every change says who or what brings it about:
the borrower (repaying, verifying identity, a better score), time (past overdue
episodes, limit checks and failed attempts ageing out of their windows), or the
lender (systems recovering, policy loosening, the credit limit).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

import attrs

from . import catalogue
from .effects import EffectKind
from .enums import Health, Lang, Status, Tightening
from .evaluator import Evaluation, FeatureResult, Reason, credit_line, feature_outcome
from .keypath import get_value, with_values
from .policy import PolicyField, PolicyTable
from .regions import region_name
from .registry import Registry
from .rules import Comparator, Key, Line, Rule
from .scenario import Scenario
from .wording import format_value

MAX_PRINCIPAL_REASONS = 4


class Actor(StrEnum):
    """Who or what brings a change about."""

    BORROWER = "borrower"
    TIME = "time"
    LENDER = "lender"


_ACTORS: dict[str, Actor] = {
    "borrower.score": Actor.BORROWER,
    "borrower.outstanding": Actor.BORROWER,
    "borrower.identity_verified": Actor.BORROWER,
    "borrower.overdue.current_days": Actor.BORROWER,
    "borrower.overdue.count_24m": Actor.TIME,
    "borrower.overdue.worst_days": Actor.TIME,
    "borrower.activity.limit_checks_30d": Actor.TIME,
    "borrower.activity.failed_attempts_7d": Actor.TIME,
    "borrower.credit_limit": Actor.LENDER,
}


def actor_of(key: str) -> Actor:
    """Systems, policy and the credit limit are the lender's; the rest as listed."""
    return _ACTORS.get(key, Actor.LENDER)


@attrs.frozen(cache_hash=True)  # changes key the search's memo tables
class Change:
    """Set one input, by its dotted key, to a new value."""

    key: str
    to: Any

    @property
    def actor(self) -> Actor:
        return actor_of(self.key)

    @property
    def in_borrower_control(self) -> bool:
        return self.actor is Actor.BORROWER


def describe_change(change: Change, scenario: Scenario, lang: Lang) -> str:
    """The suggestion in words: 'repay the overdue amount', 'wait until ...'."""
    text = catalogue.CHANGE_TEXT
    to = format_value(change.key, change.to, lang)
    if change.key.startswith("system."):
        system = catalogue.SYSTEM_NAMES[change.key.removeprefix("system.")](lang)
        return text[f"system.{change.to.value}"](lang).format(system=system)
    if change.key == "borrower.credit_limit" and scenario.borrower.credit_limit == 0:
        return text["borrower.credit_limit.grant"](lang)
    region = region_name(scenario.borrower.region, lang)
    return text[change.key](lang).format(to=to, region=region)


def describe_changes(changes: Sequence[Change], scenario: Scenario, lang: Lang) -> str:
    """Several changes in words; a record ageing out entirely is said once."""
    keys = {c.key: c.to for c in changes}
    whole_record = keys.get("borrower.overdue.count_24m") == 0
    words = []
    for change in changes:
        if whole_record and change.key == "borrower.overdue.worst_days":
            continue
        if whole_record and change.key == "borrower.overdue.count_24m":
            words.append(catalogue.CHANGE_TEXT["overdue_record_ages_out"](lang))
            continue
        words.append(describe_change(change, scenario, lang))
    return " + ".join(words)


@attrs.frozen
class Unlock:
    """Changes that, applied together, bring a feature to `status` (and `amount`)."""

    changes: tuple[Change, ...]
    status: Status
    amount: int | None

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Who or what acts, each once, in the order of the changes."""
        return tuple(dict.fromkeys(c.actor for c in self.changes))

    @property
    def in_borrower_control(self) -> bool:
        return self.actors == (Actor.BORROWER,)


def actors_text(actors: Iterable[Actor], lang: Lang) -> str:
    return " + ".join(catalogue.ACTORS[a.value](lang) for a in actors)


@attrs.frozen
class Explanation:
    """For one feature: what would make it available (or limited), and what holds it back."""

    feature: str
    status: Status
    to_available: tuple[Unlock, ...]
    to_limited: tuple[Unlock, ...]
    principal: tuple[Reason, ...]

    @property
    def single_change_suffices(self) -> bool:
        return any(len(u.changes) == 1 for u in self.to_available)


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
    levers = _levers(scenario, table, registry, result)
    search = _Search(
        scenario,
        table,
        registry,
        feature_id,
        result.reasons,
        {} if variants is None else variants,
    )
    to_available = _unlocks(search, levers, Status.AVAILABLE)
    to_limited: tuple[Unlock, ...] = ()
    if result.status is Status.UNAVAILABLE:
        promised = {u.changes for u in to_available}
        to_limited = tuple(
            u
            for u in _unlocks(search, levers, Status.LIMITED)
            if u.changes not in promised and u.status is Status.LIMITED
        )
    return Explanation(feature_id, result.status, to_available, to_limited, principal)


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


# --- Options for each input ---------------------------------------------------------

Option = tuple[Change, ...]


def _clearers(rule: Rule, feature_id: str, registry: Registry) -> list[str]:
    """Inputs whose change can stop `rule` firing for the feature: its own, and for a
    rule on the credit line's limit, whatever lifts a reduction of that limit."""
    keys = _keys_of(rule)
    if isinstance(rule.threshold, Line):
        for other in registry.by_feature[feature_id]:
            if other.gates[feature_id].kind is EffectKind.REDUCED_LIMIT:
                keys.extend(k for k in _keys_of(other) if k not in keys)
    return keys


def _keys_of(rule: Rule) -> list[str]:
    """Inputs whose change can stop `rule` firing: what it reads, and the policy level
    when a policy number is involved."""
    keys: list[str] = []
    if isinstance(rule.input, Key):
        # A suspended region is lifted by policy, not by moving.
        path = rule.input.path
        keys.append("policy.suspended_regions" if path == "borrower.region" else path)
    # A threshold that is another of the borrower's figures (the limit an over-limit
    # balance is compared with) is not a lever: the way out is the balance.
    if isinstance(rule.input, PolicyField) or isinstance(rule.threshold, PolicyField):
        keys.append("policy.tightening")
    if any(e.field is not None for e in rule.gates.values()):
        keys.append("policy.tightening")
    return list(dict.fromkeys(keys))


def _levers(
    scenario: Scenario, table: PolicyTable, registry: Registry, result: FeatureResult
) -> dict[str, list[Option]]:
    """For each input behind a fired reason, its possible changes, nearest first."""
    keys: list[str] = []
    for reason in result.reasons:
        keys.extend(k for k in _keys_of(reason.rule) if k not in keys)
    # Thresholds of other tightening levels matter only if policy may change too.
    levels = tuple(Tightening) if "policy.tightening" in keys else (scenario.policy.tightening,)
    levers = {
        key: _options(scenario, table, registry, key, result.feature.id, levels) for key in keys
    }
    return {key: options for key, options in levers.items() if options}


def _options(
    scenario: Scenario,
    table: PolicyTable,
    registry: Registry,
    key: str,
    feature_id: str,
    levels: Sequence[Tightening],
) -> list[Option]:
    current = get_value(scenario, key)
    overdue = scenario.borrower.overdue
    if key == "borrower.overdue.current_days":
        return [(Change(key, 0),)] if current > 0 else []
    if key == "borrower.identity_verified":
        return [] if current else [(Change(key, True),)]
    if key == "policy.suspended_regions":
        region = scenario.borrower.region
        return [(Change(key, tuple(r for r in current if r != region)),)] if current else []
    if key.startswith("system."):
        return [(Change(key, h),) for h in reversed(Health) if h < current]
    if key == "policy.tightening":
        return [(Change(key, t),) for t in reversed(Tightening) if t < current]
    options: list[Option] = []
    for value in candidate_values(scenario, table, registry, key, feature_id, levels):
        if key == "borrower.overdue.count_24m" and value == 0 and overdue.worst_days > 0:
            # The whole record ages out: no episodes means no worst episode either.
            options.append((Change(key, 0), Change("borrower.overdue.worst_days", 0)))
        else:
            options.append((Change(key, value),))
    return options


def candidate_values(
    scenario: Scenario,
    table: PolicyTable,
    registry: Registry,
    key: str,
    feature_id: str,
    levels: Sequence[Tightening],
) -> list[int]:
    """Values of `key`, in the improving direction from the current one, where a rule
    gating the feature (at one of `levels`) stops firing; nearest first."""
    current = get_value(scenario, key)
    up: set[int] = set()
    down: set[int] = set()
    for rule in registry.by_feature[feature_id]:
        if not (isinstance(rule.input, Key) and rule.input.path == key):
            continue
        if isinstance(rule.threshold, Line):
            # The line's figures move with other inputs (a better score lifts a reduced
            # limit), so every limit the feature can have is a candidate.
            for limit in _possible_limits(scenario, table, registry, feature_id, levels):
                if rule.comparator is Comparator.BELOW and limit - 1 < current:
                    down.add(max(limit - 1, 0))
            continue
        for level in levels:
            t = table[level].values
            threshold = rule.check(scenario, t, None)[1]
            if rule.comparator is Comparator.AT_LEAST and threshold > current:
                up.add(threshold)
            elif rule.comparator is Comparator.AT_MOST and threshold < current:
                down.add(max(threshold, 0))
            elif rule.comparator is Comparator.BELOW and threshold - 1 < current:
                down.add(max(threshold - 1, 0))
    return sorted(up) + sorted(down, reverse=True)


def _possible_limits(
    scenario: Scenario,
    table: PolicyTable,
    registry: Registry,
    feature_id: str,
    levels: Sequence[Tightening],
) -> set[int]:
    """The credit limit as granted, and as cut by each reduction that gates the feature."""
    limit = scenario.borrower.credit_limit
    limits = {limit, credit_line(scenario, feature_id, table, registry)[0]}
    for rule in registry.by_feature[feature_id]:
        field = rule.gates[feature_id].field
        if rule.gates[feature_id].kind is EffectKind.REDUCED_LIMIT and field is not None:
            limits.update(limit * int(table[level][field.name]) // 100 for level in levels)
    return limits


def apply_changes(scenario: Scenario, changes: Iterable[Change]) -> Scenario | None:
    """`scenario` with the changes applied together, or None if they make it invalid."""
    try:
        result: Scenario = with_values(scenario, {c.key: c.to for c in changes})
    except ValueError:
        return None
    return result


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
    search: _Search, levers: dict[str, list[Option]], target: Status
) -> tuple[Unlock, ...]:
    """Every single change that reaches `target`; else the smallest pairs; else all."""
    # Every reason worse than the target must stop firing, so a set of inputs can
    # only succeed if it touches a clearer of each: skip the sets that cannot.
    blocking = [
        frozenset(_clearers(r.rule, search.feature_id, search.registry))
        for r in search.reasons
        if r.effect.status < target
    ]

    def may_work(keys: set[str]) -> bool:
        return all(clearers & keys for clearers in blocking)

    singles = []
    for key, options in levers.items():
        found = _first(search, (), options, target) if may_work({key}) else None
        if found is not None:
            singles.append(found)
    if singles:
        return tuple(singles)
    pairs = []
    for (key_a, first), (key_b, second) in itertools.combinations(levers.items(), 2):
        if not may_work({key_a, key_b}):
            continue
        found = _smallest_together(search, [first, second], target)
        if found is not None:
            pairs.append(found)
    if pairs or len(levers) <= 2:
        return tuple(pairs)
    # Three or more inputs: each may also stay as it is, so none is changed needlessly.
    found = _smallest_together(search, [[(), *options] for options in levers.values()], target)
    return (found,) if found is not None else ()


def _first(
    search: _Search, held: Option, options: Sequence[Option], target: Status
) -> Unlock | None:
    for option in options:
        status, amount = search.reach(held + option)
        if status >= target:
            return Unlock(held + option, status, amount)
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
    changes = _joined(chosen)
    status, amount = search.reach(changes)
    return Unlock(changes, status, amount)


def _joined(options: Sequence[Option]) -> Option:
    return tuple(itertools.chain.from_iterable(options))
