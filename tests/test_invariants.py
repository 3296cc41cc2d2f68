"""The evaluator's invariants (issue 2), each a hypothesis property."""

from __future__ import annotations

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from credit_whatif.domain import (
    FEATURES,
    Health,
    Layer,
    Overdue,
    Scenario,
    Status,
    System,
    Tightening,
    evaluate,
    with_value,
)
from credit_whatif.domain.scenario import COUNT_MAX, DAYS_MAX, SCORE_MAX
from credit_whatif.presets import list_presets

from .helpers import improved, worsened
from .strategies import REGION_CODES, scenarios


@given(scenarios())
def test_deterministic(scenario: Scenario) -> None:
    rebuilt = with_value(scenario, "borrower.score", scenario.borrower.score)
    assert rebuilt is not scenario
    assert evaluate(scenario) == evaluate(rebuilt)


@given(scenarios(), st.integers(1, SCORE_MAX))
def test_raising_the_score_never_makes_a_feature_worse(scenario: Scenario, step: int) -> None:
    higher = min(SCORE_MAX, scenario.borrower.score + step)
    raised = with_value(scenario, "borrower.score", higher)
    assert worsened(evaluate(raised), evaluate(scenario)) == []


@st.composite
def worse_overdue(draw: st.DrawFn, base: Overdue) -> Overdue:
    current = min(DAYS_MAX, base.current_days + draw(st.integers(0, 60)))
    worst = min(DAYS_MAX, max(current, base.worst_days + draw(st.integers(0, 90))))
    count = min(COUNT_MAX, base.count_24m + draw(st.integers(0, 4)))
    if worst > 0:
        count = max(count, 1)
    return Overdue(count_24m=count, worst_days=worst, current_days=current)


@given(st.data(), scenarios())
def test_worse_overdue_history_never_makes_a_feature_better(
    data: st.DataObject, scenario: Scenario
) -> None:
    base = scenario.borrower.overdue
    worse = data.draw(worse_overdue(base))
    after = with_value(scenario, "borrower.overdue", worse)
    assert improved(evaluate(after), evaluate(scenario)) == []


@given(
    scenarios(),
    st.sampled_from(["limit_checks_30d", "failed_attempts_7d"]),
    st.integers(1, 50),
)
def test_more_activity_never_makes_a_feature_better(
    scenario: Scenario, field: str, extra: int
) -> None:
    key = f"borrower.activity.{field}"
    current = getattr(scenario.borrower.activity, field)
    assume(current + extra <= COUNT_MAX)
    after = with_value(scenario, key, current + extra)
    assert improved(evaluate(after), evaluate(scenario)) == []


@given(scenarios(), st.sampled_from(list(System)), st.sampled_from(list(Health)))
def test_degrading_a_system_never_makes_a_feature_better(
    scenario: Scenario, system: System, health: Health
) -> None:
    key = f"system.{system.value}"
    before = getattr(scenario.system, system.value)
    assume(health.rank >= before.rank)
    after = with_value(scenario, key, health)
    assert improved(evaluate(after), evaluate(scenario)) == []


@given(scenarios(), st.sampled_from(list(Tightening)))
def test_tighter_policy_never_makes_a_feature_better(scenario: Scenario, level: Tightening) -> None:
    assume(level.rank >= scenario.policy.tightening.rank)
    after = with_value(scenario, "policy.tightening", level)
    assert improved(evaluate(after), evaluate(scenario)) == []


@given(scenarios(), st.sampled_from(REGION_CODES))
def test_one_more_suspended_region_never_makes_a_feature_better(
    scenario: Scenario, region: str
) -> None:
    regions = (*scenario.policy.suspended_regions, region)
    after = with_value(scenario, "policy.suspended_regions", regions)
    assert improved(evaluate(after), evaluate(scenario)) == []


@given(scenarios())
def test_repayment_is_only_ever_stopped_by_the_systems_it_uses(scenario: Scenario) -> None:
    repayment = evaluate(scenario)["repayment"]
    for reason in repayment.reasons:
        assert reason.rule.layer is Layer.SYSTEM
        assert reason.rule.key == "system.payment_network"
    expected = {
        Health.UP: Status.AVAILABLE,
        Health.DEGRADED: Status.LIMITED,
        Health.DOWN: Status.UNAVAILABLE,
    }[scenario.system.payment_network]
    assert repayment.status is expected


@given(scenarios())
def test_disbursement_outage_stops_withdrawal_and_nothing_else(scenario: Scenario) -> None:
    up = evaluate(with_value(scenario, "system.disbursement", Health.UP))
    down = evaluate(with_value(scenario, "system.disbursement", Health.DOWN))
    assert down["cash_withdrawal"].status is Status.UNAVAILABLE
    for feature_id in ("installment_purchase", "in_limit_spending", "repayment"):
        assert down[feature_id] == up[feature_id]


@given(scenarios(), st.sampled_from(list(System)), st.sampled_from(list(Health)))
def test_a_feature_ignores_systems_it_does_not_use(
    scenario: Scenario, system: System, health: Health
) -> None:
    before = evaluate(scenario)
    after = evaluate(with_value(scenario, f"system.{system.value}", health))
    for feature in FEATURES:
        if system not in feature.systems:
            assert after[feature.id] == before[feature.id]


@given(scenarios())
def test_amounts_stay_within_what_can_be_borrowed_or_repaid(scenario: Scenario) -> None:
    borrower = scenario.borrower
    for result in evaluate(scenario).features:
        if not result.feature.has_amount:
            assert result.amount is None
            continue
        assert result.amount is not None
        ceiling = (
            borrower.outstanding
            if result.feature.id == "repayment"
            else borrower.credit_limit - borrower.outstanding
        )
        assert 0 <= result.amount <= ceiling
        if result.status is Status.UNAVAILABLE:
            assert result.amount == 0


@given(scenarios())
def test_every_shortfall_is_explained(scenario: Scenario) -> None:
    for result in evaluate(scenario).features:
        if result.status is not Status.AVAILABLE:
            assert result.reasons, result.feature.id
            assert result.decisive is not None
            assert result.decisive.effect.status is result.status
        for reason in result.reasons:
            assert reason.rule.id.startswith(f"{reason.rule.layer.value}.")
            assert reason.message.en and reason.message.zh
            assert reason.observed is not None
            assert reason.threshold is not None
            assert "{" not in reason.message.en + reason.message.zh


@given(scenarios())
def test_reasons_are_ordered_system_policy_credit(scenario: Scenario) -> None:
    for result in evaluate(scenario).features:
        ranks = [r.rule.layer.rank for r in result.reasons]
        assert ranks == sorted(ranks)


@given(scenarios())
def test_usable_count_and_headline_agree(scenario: Scenario) -> None:
    evaluation = evaluate(scenario)
    usable = sum(r.status is not Status.UNAVAILABLE for r in evaluation.features)
    assert evaluation.usable == usable
    assert evaluation.total == 6
    headline = evaluation.headline
    if usable not in {6, 0}:
        assert f"{usable} of 6" in headline.en
        assert f"仍有 {usable} 项" in headline.zh or f"{usable} 项可用" in headline.zh


def test_interrupted_yet_usable_is_reachable_from_the_presets() -> None:
    hits = []
    for entry in list_presets():
        assert entry.preset is not None
        evaluation = evaluate(entry.preset.scenario)
        if (
            evaluation["cash_withdrawal"].status is Status.UNAVAILABLE
            and evaluation["in_limit_spending"].status is Status.AVAILABLE
        ):
            hits.append(entry.slug)
    assert "disbursement-outage" in hits
    assert len(hits) >= 3


@given(scenarios())
def test_evolve_keeps_validation(scenario: Scenario) -> None:
    """What-if variants are validated values: an impossible edit is refused."""
    limit = scenario.borrower.credit_limit
    try:
        attrs.evolve(scenario.borrower, outstanding=limit + 1)
    except ValueError as exc:
        assert "outstanding" in str(exc)
    else:
        raise AssertionError("outstanding above the limit was accepted")
