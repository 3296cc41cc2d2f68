"""The evaluator's invariants, each a hypothesis property over random scenarios and
random valid policies (the bundled ones among them)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import (
    REGISTRY,
    Health,
    Overdue,
    PolicyTable,
    Scenario,
    Status,
    System,
    Tightening,
    evaluate,
)
from credit_whatif.domain.keypath import with_values
from credit_whatif.domain.limits import COUNT_MAX, DAYS_MAX, SCORE_MAX
from credit_whatif.domain.policy import Stricter
from credit_whatif.files.presets import list_presets

from . import invariants as inv
from .helpers import improved
from .strategies import DEFAULT, REGION_CODES, policies, scenarios

R = REGISTRY


@given(scenarios(), policies())
def test_deterministic(s: Scenario, t: PolicyTable) -> None:
    inv.check_deterministic(s, t, R)


@given(scenarios(), policies(), st.integers(1, SCORE_MAX))
def test_raising_the_score_never_makes_a_feature_worse(
    s: Scenario, t: PolicyTable, step: int
) -> None:
    inv.check_score_up(s, t, R, step)


@st.composite
def worse_overdue(draw: st.DrawFn, base: Overdue) -> Overdue:
    current = min(DAYS_MAX, base.current_days + draw(st.integers(0, 60)))
    worst = min(DAYS_MAX, max(current, base.worst_days + draw(st.integers(0, 90))))
    count = min(COUNT_MAX, base.count_24m + draw(st.integers(0, 4)))
    if worst > 0:
        count = max(count, 1)
    return Overdue(count_24m=count, worst_days=worst, current_days=current)


@given(st.data(), scenarios(), policies())
def test_worse_overdue_history_never_makes_a_feature_better(
    data: st.DataObject, s: Scenario, t: PolicyTable
) -> None:
    inv.check_worse_overdue(s, t, R, data.draw(worse_overdue(s.borrower.overdue)))


@given(
    scenarios(),
    policies(),
    st.sampled_from(["limit_checks_30d", "failed_attempts_7d"]),
    st.integers(1, 50),
)
def test_more_activity_never_makes_a_feature_better(
    s: Scenario, t: PolicyTable, field: str, extra: int
) -> None:
    inv.check_more_activity(s, t, R, field, extra)


# Each system with each health it can have (only the disbursement channel is "delayed").
SYSTEM_HEALTHS = st.sampled_from(
    [(sys, h) for sys in System for h in Health if R.input(f"system.{sys.value}").allows(h)]
)


@given(scenarios(), policies(), SYSTEM_HEALTHS)
def test_degrading_a_system_never_makes_a_feature_better(
    s: Scenario, t: PolicyTable, pair: tuple[System, Health]
) -> None:
    inv.check_degraded_system(s, t, R, *pair)


def test_a_delayed_and_a_degraded_channel_are_each_better_for_someone() -> None:
    """Why their order is partial: a small withdrawal is better off degraded (under the
    cap, paid at once), a large one delayed (paid in full, late)."""
    def withdrawal(available: int, health: Health) -> tuple[int, int | None]:
        s = with_values(
            Scenario(),
            {"borrower.outstanding": 50_000 - available, "system.disbursement": health},
        )
        result = evaluate(s, DEFAULT)["cash_withdrawal"]
        return result.status.rank, result.amount

    small, large = 1_000, 40_000  # under and over the degraded channel's 5,000 cap
    assert withdrawal(small, Health.DEGRADED) > withdrawal(small, Health.DELAYED)
    assert withdrawal(large, Health.DELAYED)[1] > withdrawal(large, Health.DEGRADED)[1]
    assert not Health.DEGRADED.no_better_than(Health.DELAYED)
    assert not Health.DELAYED.no_better_than(Health.DEGRADED)
    assert all(Health.DOWN.no_better_than(h) and h.no_better_than(Health.UP) for h in Health)


@given(scenarios(), policies(), st.sampled_from(list(Tightening)))
def test_tighter_level_never_makes_a_feature_better(
    s: Scenario, t: PolicyTable, level: Tightening
) -> None:
    inv.check_tighter_level(s, t, R, level)


@given(scenarios(), policies(), st.sampled_from(REGION_CODES))
def test_one_more_suspended_region_never_makes_a_feature_better(
    s: Scenario, t: PolicyTable, region: str
) -> None:
    inv.check_more_suspended(s, t, R, region)


@given(scenarios(), policies(), st.integers(1, 200_000))
def test_a_larger_balance_even_over_the_limit_never_makes_a_feature_better(
    s: Scenario, t: PolicyTable, extra: int
) -> None:
    inv.check_more_outstanding(s, t, R, extra)


@given(scenarios(), policies())
def test_repayment_is_only_ever_stopped_by_the_systems_it_uses(s: Scenario, t: PolicyTable) -> None:
    inv.check_repayment_only_stopped_by_its_systems(s, t, R)


@given(scenarios(), policies())
def test_disbursement_outage_stops_withdrawal_and_nothing_else(s: Scenario, t: PolicyTable) -> None:
    inv.check_disbursement_outage(s, t, R)


@given(scenarios(), policies(), SYSTEM_HEALTHS)
def test_a_feature_ignores_systems_it_does_not_use(
    s: Scenario, t: PolicyTable, pair: tuple[System, Health]
) -> None:
    inv.check_systems_not_used(s, t, R, *pair)


@given(scenarios(), policies())
def test_amounts_stay_within_what_can_be_drawn_or_repaid(s: Scenario, t: PolicyTable) -> None:
    inv.check_amounts_within_bounds(s, t, R)


@given(scenarios(), policies())
def test_every_shortfall_is_explained(s: Scenario, t: PolicyTable) -> None:
    inv.check_every_shortfall_explained(s, t, R)


@st.composite
def stricter_policy(draw: st.DrawFn, table: PolicyTable) -> PolicyTable:
    """`table` with one field moved stricter at one level (and the levels above it kept
    at least as strict, so the policy stays valid)."""
    field = draw(st.sampled_from(R.policy_fields))
    level = draw(st.sampled_from(list(Tightening)))
    current = table[level][field.name]
    if field.is_switch:
        moved: int | bool = False
    else:
        lo, hi = field.range
        step = draw(st.integers(1, 200))
        moved = (
            min(hi, current + step)
            if field.stricter is Stricter.HIGHER
            else max(lo, current - step)
        )
    result = table
    for other in Tightening:
        if other.rank >= level.rank:
            value = field.stricter_of(result[other][field.name], moved)
            result = result.with_value(other, field.name, value)
    return result


@given(st.data(), scenarios(), policies())
def test_a_stricter_threshold_never_makes_a_feature_better(
    data: st.DataObject, s: Scenario, t: PolicyTable
) -> None:
    """Moving any floor up, or any maximum, share, cap or switch down, at any level."""
    stricter = data.draw(stricter_policy(t))
    assert improved(evaluate(s, stricter), evaluate(s, t)) == []


def test_interrupted_yet_usable_is_reachable_from_the_presets() -> None:
    hits = []
    for entry in list_presets():
        assert entry.preset is not None
        evaluation = evaluate(entry.preset.scenario, DEFAULT)
        if (
            evaluation["cash_withdrawal"].status is Status.UNAVAILABLE
            and evaluation["in_limit_spending"].status is not Status.UNAVAILABLE
        ):
            hits.append(entry.slug)
    assert "disbursement-outage" in hits
    assert len(hits) >= 3
