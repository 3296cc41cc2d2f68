"""The evaluator's invariants as plain checks on (scenario, policy, registry).

``test_invariants.py`` runs them as hypothesis properties on the product's registry
and random valid policies; ``test_registry_extension.py`` runs the same checks on a
copy of the registry with a throwaway rule and feature, to show that a new rule is
covered without touching these checks.
"""

from __future__ import annotations

from credit_whatif.domain import (
    Health,
    Layer,
    PolicyTable,
    Registry,
    Scenario,
    Status,
    System,
    Tightening,
    evaluate,
    get_value,
    with_values,
)
from credit_whatif.domain.changes import DECISIONS, Change, apply_changes
from credit_whatif.domain.effects import EffectKind
from credit_whatif.domain.explain import explain
from credit_whatif.domain.features import Base
from credit_whatif.domain.inputs import Better, Moves
from credit_whatif.domain.limits import COUNT_MAX, SCORE_MAX, YUAN_MAX
from credit_whatif.domain.scenario import Overdue

from .helpers import improved, worsened


def check_deterministic(s: Scenario, t: PolicyTable, r: Registry) -> None:
    rebuilt = with_values(s, {"borrower.score": s.borrower.score})
    assert rebuilt is not s
    assert evaluate(s, t, r) == evaluate(rebuilt, t, r)


def check_score_up(s: Scenario, t: PolicyTable, r: Registry, step: int) -> None:
    raised = with_values(s, {"borrower.score": min(SCORE_MAX, s.borrower.score + step)})
    assert worsened(evaluate(raised, t, r), evaluate(s, t, r)) == []


def check_worse_overdue(s: Scenario, t: PolicyTable, r: Registry, worse: Overdue) -> None:
    after = with_values(s, {"borrower.overdue": worse})
    assert improved(evaluate(after, t, r), evaluate(s, t, r)) == []


def check_more_activity(s: Scenario, t: PolicyTable, r: Registry, field: str, extra: int) -> None:
    current = getattr(s.borrower.activity, field)
    after = with_values(s, {f"borrower.activity.{field}": min(COUNT_MAX, current + extra)})
    assert improved(evaluate(after, t, r), evaluate(s, t, r)) == []


def check_degraded_system(
    s: Scenario, t: PolicyTable, r: Registry, system: System, health: Health
) -> None:
    before = getattr(s.system, system.value)
    if not health.no_better_than(before):
        return
    after = with_values(s, {f"system.{system.value}": health})
    assert improved(evaluate(after, t, r), evaluate(s, t, r)) == []


def check_tighter_level(s: Scenario, t: PolicyTable, r: Registry, level: Tightening) -> None:
    if level.rank < s.policy.tightening.rank:
        return
    after = with_values(s, {"policy.tightening": level})
    assert improved(evaluate(after, t, r), evaluate(s, t, r)) == []


def check_more_suspended(s: Scenario, t: PolicyTable, r: Registry, region: str) -> None:
    after = with_values(s, {"policy.suspended_regions": (*s.policy.suspended_regions, region)})
    assert improved(evaluate(after, t, r), evaluate(s, t, r)) == []


def check_more_outstanding(s: Scenario, t: PolicyTable, r: Registry, extra: int) -> None:
    """A larger balance, over the limit too, never makes a feature better (repayment
    aside, whose amount is what is owed)."""
    after = with_values(s, {"borrower.outstanding": min(YUAN_MAX, s.borrower.outstanding + extra)})
    better = improved(evaluate(after, t, r), evaluate(s, t, r))
    assert set(better) <= {f.id for f in r.features if f.base is Base.OUTSTANDING}


def check_repayment_only_stopped_by_its_systems(s: Scenario, t: PolicyTable, r: Registry) -> None:
    for feature in r.features:
        if feature.base is not Base.OUTSTANDING:
            continue
        result = evaluate(s, t, r)[feature.id]
        for reason in result.reasons:
            assert reason.rule.layer is Layer.SYSTEM
            assert reason.rule.key in {f"system.{sys.value}" for sys in feature.systems}


def check_disbursement_outage(s: Scenario, t: PolicyTable, r: Registry) -> None:
    up = evaluate(with_values(s, {"system.disbursement": Health.UP}), t, r)
    down = evaluate(with_values(s, {"system.disbursement": Health.DOWN}), t, r)
    for feature in r.features:
        if System.DISBURSEMENT in feature.systems:
            assert down[feature.id].status is Status.UNAVAILABLE
        else:
            assert down[feature.id] == up[feature.id]


def check_systems_not_used(
    s: Scenario, t: PolicyTable, r: Registry, system: System, health: Health
) -> None:
    before = evaluate(s, t, r)
    after = evaluate(with_values(s, {f"system.{system.value}": health}), t, r)
    for feature in r.features:
        if system not in feature.systems:
            assert after[feature.id] == before[feature.id]


def check_amounts_within_bounds(s: Scenario, t: PolicyTable, r: Registry) -> None:
    """Amounts stay within what can be drawn or repaid; a reduced limit never exceeds
    the granted one; limited means something is left to draw."""
    b = s.borrower
    for result in evaluate(s, t, r).features:
        if not result.feature.has_amount:
            assert result.amount is None
            continue
        assert result.amount is not None and result.available is not None
        ceiling = (
            b.outstanding
            if result.feature.base is Base.OUTSTANDING
            else max(0, b.credit_limit - b.outstanding)
        )
        assert 0 <= result.amount <= result.available <= ceiling
        if result.status is Status.UNAVAILABLE:
            assert result.amount == 0
        if result.status is Status.LIMITED and result.feature.base is Base.AVAILABLE_CREDIT:
            assert result.amount > 0
        if result.payout_cap is not None:
            assert result.amount == result.payout_cap < result.available
        for reason in result.reasons:
            if reason.effect.kind is EffectKind.REDUCED_LIMIT:
                assert reason.value is not None
                assert b.credit_limit * reason.value // 100 < b.credit_limit
            if reason.effect.kind in (EffectKind.PAYOUT_CAP, EffectKind.SHARE):
                # A cap that does not lower the amount is not a reason.
                assert reason.amount is not None and reason.before is not None
                assert reason.amount < reason.before


def check_every_shortfall_explained(s: Scenario, t: PolicyTable, r: Registry) -> None:
    evaluation = evaluate(s, t, r)
    for result in evaluation.features:
        if result.status is not Status.AVAILABLE:
            assert result.reasons, result.feature.id
            assert result.decisive is not None
            assert result.decisive.effect.status is result.status
        ranks = [reason.rule.layer.rank for reason in result.reasons]
        assert ranks == sorted(ranks)
        for reason in result.reasons:
            assert reason.rule.id.startswith(f"{reason.rule.layer.value}.")
            assert reason.observed is not None and reason.threshold is not None
    assert evaluation.usable == sum(f.status is not Status.UNAVAILABLE for f in evaluation.features)
    assert evaluation.total == len(r.features)


def check_unlocks_deliver(s: Scenario, t: PolicyTable, r: Registry) -> None:
    """Every suggested change, applied, gives the promised status and amount."""
    evaluation = evaluate(s, t, r)
    for why in explain(evaluation):
        result = evaluation[why.feature]
        if result.status is Status.AVAILABLE:
            assert why.to_available == () and why.to_limited == ()
            continue
        for unlock in why.to_available + why.to_limited:
            changed = apply_changes(s, unlock.changes)
            assert changed is not None
            after = evaluate(changed, t, r)[why.feature]
            assert (after.status, after.amount) == (unlock.status, unlock.amount)
        assert all(u.status is Status.AVAILABLE for u in why.to_available)
        for unlock in why.to_limited:
            assert unlock.status is Status.LIMITED
            assert result.status is Status.UNAVAILABLE


def step_of(r: Registry, key: str) -> int | None:
    """+1 or -1: one step of an input towards better, for inputs moved to thresholds;
    None for the rest (cleared all at once, choices, the tied overdue episode)."""
    if key in DECISIONS:
        return None  # a decision, not a number
    declared = r.input(key)
    if declared.moves is not Moves.TO_THRESHOLDS or declared.better is None:
        return None
    if key == "borrower.overdue.worst_days":
        return None  # moves with the record (count); checked through it
    return 1 if declared.better is Better.UP else -1


def check_numeric_unlocks_minimal(s: Scenario, t: PolicyTable, r: Registry) -> None:
    """One step less of a suggested numeric change does not reach the promised status."""
    evaluation = evaluate(s, t, r)
    for why in explain(evaluation):
        for unlock in why.to_available + why.to_limited:
            for index, change in enumerate(unlock.changes):
                direction = step_of(r, change.key)
                if direction is None:
                    continue
                one_less = change.to - direction
                if one_less == get_value(s, change.key):
                    continue  # one step less is no change at all
                if change.key == "borrower.overdue.count_24m" and change.to == 0:
                    # The record ageing out entirely: one less keeps one episode.
                    steps = [Change(change.key, 1), *unlock.changes[index + 2 :]]
                    others = [*unlock.changes[:index], *steps]
                else:
                    others = [
                        *unlock.changes[:index],
                        Change(change.key, one_less, change.actor),
                        *unlock.changes[index + 1 :],
                    ]
                changed = apply_changes(s, others)
                if changed is None:
                    continue
                status = evaluate(changed, t, r)[why.feature].status
                assert status < unlock.status, (why.feature, change)
