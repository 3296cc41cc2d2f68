"""What would change each result: exact counterfactuals and principal reasons.

The rules are known exactly, so the answers are exact. A feature's status, as a
function of one input, only changes where that input crosses the threshold of a
rule that gates the feature; so the smallest change that unlocks a feature is one
of those thresholds, and trying them nearest-first finds it with a handful of
single-feature evaluations. The evaluator's monotonicity (tested as properties)
is what makes "nearest first" minimal.

What can change is respected: a current overdue is cleared by repaying (to 0
days), past overdue episodes only age out of their 24-month window (never while
one is still running), activity ages out of its 30- or 7-day window, systems
recover and policy loosens outside the borrower's control.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from .. import i18n
from .enums import Health, Lang, Status, Tightening
from .evaluator import (
    RULES_BY_FEATURE,
    Evaluation,
    FeatureResult,
    Reason,
    feature_outcome,
    format_value,
)
from .policy import POLICY_TABLE
from .regions import region_name
from .rules import Comparator
from .scenario import Scenario, get_value, with_values

MAX_PRINCIPAL_REASONS = 4

# Inputs the borrower can act on (by repaying, verifying, or waiting for records
# to age out); systems and policy change only on the lender's side.
BORROWER_KEYS = frozenset(
    {
        "borrower.score",
        "borrower.outstanding",
        "borrower.identity_verified",
        "borrower.overdue.count_24m",
        "borrower.overdue.worst_days",
        "borrower.overdue.current_days",
        "borrower.activity.limit_checks_30d",
        "borrower.activity.failed_attempts_7d",
    }
)


@attrs.frozen(cache_hash=True)  # changes key the search's memo tables
class Change:
    """Set one input, by its dotted key, to a new value."""

    key: str
    to: Any

    @property
    def in_borrower_control(self) -> bool:
        return self.key in BORROWER_KEYS


def describe_change(change: Change, scenario: Scenario, lang: Lang) -> str:
    """The suggestion in words: 'repay the overdue amount', 'ages out of ...'."""
    to = format_value(change.key, change.to, lang)
    if change.key.startswith("system."):
        system = i18n.SYSTEM_NAMES[change.key.removeprefix("system.")](lang)
        return i18n.CHANGE_TEXT["system"](lang).format(system=system, to=to)
    region = region_name(scenario.borrower.region, lang)
    return i18n.CHANGE_TEXT[change.key](lang).format(to=to, region=region)


def describe_changes(changes: Sequence[Change], scenario: Scenario, lang: Lang) -> str:
    """Several changes in words; a record ageing out entirely is said once."""
    keys = {c.key: c.to for c in changes}
    whole_record = keys.get("borrower.overdue.count_24m") == 0
    words = []
    for change in changes:
        if whole_record and change.key == "borrower.overdue.worst_days":
            continue
        if whole_record and change.key == "borrower.overdue.count_24m":
            words.append(i18n.CHANGE_TEXT["overdue_record_ages_out"](lang))
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
    def in_borrower_control(self) -> bool:
        return all(c.in_borrower_control for c in self.changes)


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
    return tuple(explain_feature(evaluation.scenario, r, variants) for r in evaluation.features)


def explain_feature(
    scenario: Scenario,
    result: FeatureResult,
    variants: dict[Option, Scenario | None] | None = None,
) -> Explanation:
    """What would change one feature's outcome; `variants` caches changed scenarios
    across the features of one scenario."""
    feature_id = result.feature.id
    principal = principal_reasons(result)
    if result.status is Status.AVAILABLE:
        return Explanation(feature_id, result.status, (), (), principal)
    levers = _levers(scenario, result)
    search = _Search(scenario, feature_id, result.reasons, {} if variants is None else variants)
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
    base = result.feature.has_amount

    def weight(reason: Reason) -> tuple[int, int]:
        if reason.effect.status is Status.UNAVAILABLE or not base:
            held_back = 0
        else:
            held_back = -(reason.cap_amount if reason.cap_amount is not None else 1 << 62)
        return reason.effect.status.rank, -held_back

    ranked = sorted(result.reasons, key=weight)  # stable: layer order breaks ties
    return tuple(ranked[:MAX_PRINCIPAL_REASONS])


# --- Options for each input ---------------------------------------------------------

Option = tuple[Change, ...]


def _lever_key(reason: Reason) -> str:
    """The input to change to clear `reason` (a suspended region is lifted by policy)."""
    return "policy.suspended_regions" if reason.rule.key == "borrower.region" else reason.rule.key


def _clearers(reason: Reason) -> frozenset[str]:
    """Inputs whose change can stop `reason` firing: its own, or the policy level
    when its threshold comes from the policy table."""
    keys = {_lever_key(reason)}
    if reason.rule.threshold_field is not None:
        keys.add("policy.tightening")
    return frozenset(keys)


def _levers(scenario: Scenario, result: FeatureResult) -> dict[str, list[Option]]:
    """For each input behind a fired reason, its possible changes, nearest first."""
    keys: list[str] = []
    for reason in result.reasons:
        key = _lever_key(reason)
        if key not in keys:
            keys.append(key)
    # Thresholds of other tightening levels matter only if policy may change too.
    levels = tuple(Tightening) if "policy.tightening" in keys else (scenario.policy.tightening,)
    levers = {key: _options(scenario, key, result.feature.id, levels) for key in keys}
    return {key: options for key, options in levers.items() if options}


def _options(
    scenario: Scenario, key: str, feature_id: str, levels: Sequence[Tightening]
) -> list[Option]:
    current = get_value(scenario, key)
    overdue = scenario.borrower.overdue
    if key == "borrower.overdue.current_days":
        return [(Change(key, 0),)] if current > 0 else []
    if key == "borrower.identity_verified":
        return [] if current else [(Change(key, True),)]
    if key == "policy.suspended_regions":
        region = scenario.borrower.region
        return [(Change(key, tuple(r for r in current if r != region)),)]
    if key.startswith("system."):
        return [(Change(key, h),) for h in reversed(Health) if h < current]
    if key == "policy.tightening":
        return [(Change(key, t),) for t in reversed(Tightening) if t < current]
    options: list[Option] = []
    for value in _thresholds(scenario, key, feature_id, levels):
        if key == "borrower.overdue.count_24m" and value == 0 and overdue.worst_days > 0:
            # The whole record ages out: no episodes means no worst episode either.
            # (While an episode is still running this is invalid on its own, and
            # only works together with repaying it.)
            options.append((Change(key, 0), Change("borrower.overdue.worst_days", 0)))
        else:
            options.append((Change(key, value),))
    return options


def _thresholds(
    scenario: Scenario, key: str, feature_id: str, levels: Sequence[Tightening]
) -> list[int]:
    """Thresholds (at the given tightening levels) of the rules on `key` that gate
    the feature, in the improving direction from the current value, nearest first."""
    current = get_value(scenario, key)
    up: set[int] = set()
    down: set[int] = set()
    for rule in RULES_BY_FEATURE[feature_id]:
        if rule.key != key:
            continue
        for level in levels:
            threshold = rule.check(scenario, POLICY_TABLE[level])[1]
            if rule.comparator is Comparator.AT_LEAST and threshold > current:
                up.add(threshold)
            elif rule.comparator is Comparator.AT_MOST and threshold < current:
                down.add(max(threshold, 0))
    return sorted(up) + sorted(down, reverse=True)


def apply_changes(scenario: Scenario, changes: Iterable[Change]) -> Scenario | None:
    """`scenario` with the changes applied together, or None if they make it invalid."""
    try:
        return with_values(scenario, {c.key: c.to for c in changes})
    except ValueError:
        return None


_Outcome = tuple[Status, int | None]


@attrs.define
class _Search:
    """Questions about one feature of one scenario: 'what if these changes?'.

    The searches ask the same question more than once (to_limited repeats part
    of to_available), so answers are memoised for the life of one explanation.
    """

    scenario: Scenario
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
                found = feature_outcome(changed, self.feature_id)
            self.memo[changes] = found
        return found


def _unlocks(
    search: _Search, levers: dict[str, list[Option]], target: Status
) -> tuple[Unlock, ...]:
    """Every single change that reaches `target`; else the smallest pairs; else all."""
    # Every reason worse than the target must stop firing, so a set of inputs can
    # only succeed if it touches a clearer of each: skip the sets that cannot.
    blocking = [_clearers(r) for r in search.reasons if r.effect.status < target]

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
