"""Counterfactuals are exact: sound (they deliver what they promise) and minimal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import (
    FEATURE_IDS,
    Health,
    Scenario,
    Status,
    evaluate,
    get_value,
)
from credit_whatif.domain.evaluator import feature_outcome
from credit_whatif.domain.explain import (
    MAX_PRINCIPAL_REASONS,
    Change,
    apply_changes,
    describe_changes,
    explain,
)
from credit_whatif.domain.sweep import set_swept
from credit_whatif.presets import list_presets

from .strategies import scenarios

# Inputs changed by a number of steps. A current overdue is not: it is cleared by
# repaying (to 0 days), never shortened, so it has no "one step less".
NUMERIC_KEYS = {
    "borrower.score": +1,
    "borrower.outstanding": -1,
    "borrower.overdue.count_24m": -1,
    "borrower.overdue.worst_days": -1,
    "borrower.activity.limit_checks_30d": -1,
    "borrower.activity.failed_attempts_7d": -1,
}


@given(scenarios(), st.sampled_from(FEATURE_IDS))
def test_fast_feature_outcome_agrees_with_evaluate(scenario: Scenario, feature_id: str) -> None:
    result = evaluate(scenario)[feature_id]
    assert feature_outcome(scenario, feature_id) == (result.status, result.amount)


@given(scenarios())
def test_every_unlock_delivers_the_promised_status(scenario: Scenario) -> None:
    evaluation = evaluate(scenario)
    for why in explain(evaluation):
        result = evaluation[why.feature]
        if result.status is Status.AVAILABLE:
            assert why.to_available == () and why.to_limited == ()
            continue
        for unlock in why.to_available + why.to_limited:
            changed = apply_changes(scenario, unlock.changes)
            assert changed is not None
            after = evaluate(changed)[why.feature]
            assert after.status is unlock.status
            assert after.amount == unlock.amount
        for unlock in why.to_available:
            assert unlock.status is Status.AVAILABLE
        for unlock in why.to_limited:
            assert unlock.status is Status.LIMITED
            assert result.status is Status.UNAVAILABLE


@given(scenarios())
def test_numeric_unlocks_are_minimal(scenario: Scenario) -> None:
    """One step less of a suggested numeric change does not reach the promised status."""
    evaluation = evaluate(scenario)
    for why in explain(evaluation):
        for unlock in why.to_available + why.to_limited:
            for index, change in enumerate(unlock.changes):
                direction = NUMERIC_KEYS.get(change.key)
                if direction is None or change.key == "borrower.overdue.worst_days":
                    continue
                one_less = change.to - direction
                if one_less == get_value(scenario, change.key):
                    continue  # one step less is no change at all
                if change.key == "borrower.overdue.count_24m" and change.to == 0:
                    # The record ageing out entirely: one less keeps one episode.
                    steps = [Change(change.key, 1), *unlock.changes[index + 2 :]]
                    others = [*unlock.changes[:index], *steps]
                else:
                    others = [
                        *unlock.changes[:index],
                        Change(change.key, one_less),
                        *unlock.changes[index + 1 :],
                    ]
                changed = apply_changes(scenario, others)
                if changed is None:
                    continue
                status = evaluate(changed)[why.feature].status
                assert status < unlock.status, (why.feature, change)


@given(scenarios())
def test_a_single_change_is_offered_whenever_one_suffices(scenario: Scenario) -> None:
    """Completeness: if the best value of one borrower input, system or the policy
    alone makes a feature available, a single change is offered."""
    evaluation = evaluate(scenario)
    best: list[Change] = [
        Change("borrower.score", 950),
        Change("borrower.overdue.current_days", 0),
        Change("borrower.activity.limit_checks_30d", 0),
        Change("borrower.activity.failed_attempts_7d", 0),
        Change("borrower.identity_verified", True),
        *(
            Change(f"system.{name}", Health.UP)
            for name in ("disbursement", "risk_engine", "payment_network", "account_service")
        ),
    ]
    for why in explain(evaluation):
        if why.status is Status.AVAILABLE:
            continue
        for change in best:
            changed = apply_changes(scenario, [change])
            if changed is None or evaluate(changed)[why.feature].status is not Status.AVAILABLE:
                continue
            assert why.single_change_suffices, (why.feature, change)
            assert any(
                len(u.changes) == 1 and u.changes[0].key == change.key for u in why.to_available
            ), (why.feature, change)


@given(scenarios())
def test_principal_reasons_rank_the_worst_first(scenario: Scenario) -> None:
    evaluation = evaluate(scenario)
    for why in explain(evaluation):
        result = evaluation[why.feature]
        assert len(why.principal) == min(MAX_PRINCIPAL_REASONS, len(result.reasons))
        assert set(why.principal) <= set(result.reasons)
        if why.principal:
            assert why.principal[0].effect.status is result.status


@given(scenarios())
def test_reason_margins_measure_the_distance_to_the_threshold(scenario: Scenario) -> None:
    for result in evaluate(scenario).features:
        for reason in result.reasons:
            if isinstance(reason.observed, int) and not isinstance(reason.observed, bool):
                assert reason.margin is not None and reason.margin > 0
                # Moving the input by the margin clears this rule.
                direction = 1 if reason.rule.comparator.value == ">=" else -1
                moved = set_swept_or_none(
                    scenario, reason.rule.key, reason.observed + direction * reason.margin
                )
                if moved is not None:
                    fired = {r.rule.id for r in evaluate(moved)[result.feature.id].reasons}
                    assert reason.rule.id not in fired


def set_swept_or_none(scenario: Scenario, key: str, value: int) -> Scenario | None:
    if key == "borrower.outstanding":
        return apply_changes(scenario, [Change(key, value)])
    return set_swept(scenario, key, value)


def test_every_non_available_feature_of_every_preset_has_a_suggestion() -> None:
    for entry in list_presets():
        assert entry.preset is not None
        scenario = entry.preset.scenario
        evaluation = evaluate(scenario)
        for why in explain(evaluation):
            if why.status is not Status.AVAILABLE:
                assert why.to_available, (entry.slug, why.feature)
                for unlock in why.to_available:
                    assert describe_changes(unlock.changes, scenario, "en")
                    assert describe_changes(unlock.changes, scenario, "zh")


def test_suggestions_say_how_history_changes() -> None:
    by_slug = {e.slug: e.preset for e in list_presets()}
    checks = by_slug["frequent-checks"]
    assert checks is not None
    why = next(w for w in explain(evaluate(checks.scenario)) if w.feature == "cash_withdrawal")
    assert not why.single_change_suffices  # both the checks and the failures must age out
    words = describe_changes(why.to_available[0].changes, checks.scenario, "en")
    assert "at most 10 limit checks in 30 days" in words
    assert "age out of the 30-day window" in words
    assert "7-day window" in words
    overdue = by_slug["recent-overdue"]
    assert overdue is not None
    why = next(w for w in explain(evaluate(overdue.scenario)) if w.feature == "cash_withdrawal")
    assert describe_changes(why.to_available[0].changes, overdue.scenario, "en") == (
        "repay the overdue amount (current_days = 0)"
    )
    assert why.to_available[0].in_borrower_control
    outage = by_slug["disbursement-outage"]
    assert outage is not None
    why = next(w for w in explain(evaluate(outage.scenario)) if w.feature == "cash_withdrawal")
    assert not why.to_available[0].in_borrower_control
    assert describe_changes(why.to_available[0].changes, outage.scenario, "en") == (
        "disbursement channel back up"
    )
    assert [c.to for u in why.to_limited for c in u.changes] == [Health.DEGRADED]


def test_past_overdue_ages_out_rather_than_being_rewritten() -> None:
    preset = next(e.preset for e in list_presets() if e.slug == "past-overdue-repaid")
    assert preset is not None
    why = next(w for w in explain(evaluate(preset.scenario)) if w.feature == "limit_increase")
    text = describe_changes(why.to_available[0].changes, preset.scenario, "en")
    assert text == "wait until the whole overdue record ages out of the 24-month window"
