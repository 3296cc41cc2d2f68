"""Counterfactuals are exact: sound (they deliver what they promise), minimal, and
each says who or what brings it about."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import (
    FEATURE_IDS,
    REGISTRY,
    Health,
    PolicyTable,
    Scenario,
    Status,
    evaluate,
)
from credit_whatif.domain.changes import (
    Actor,
    Change,
    actor_of,
    apply_changes,
    describe_changes,
)
from credit_whatif.domain.enums import AccountState
from credit_whatif.domain.evaluator import Evaluation, feature_outcome
from credit_whatif.domain.explain import MAX_PRINCIPAL_REASONS, explain
from credit_whatif.domain.keypath import get_value
from credit_whatif.domain.sweep import set_swept
from credit_whatif.files.presets import list_presets, resolve_preset

from . import invariants as inv
from .strategies import DEFAULT, policies, scenarios


@given(scenarios(), policies(), st.sampled_from(FEATURE_IDS))
def test_fast_feature_outcome_agrees_with_evaluate(
    s: Scenario, t: PolicyTable, feature_id: str
) -> None:
    result = evaluate(s, t)[feature_id]
    assert feature_outcome(s, feature_id, t) == (result.status, result.amount)


@given(scenarios(), policies())
def test_every_unlock_delivers_the_promised_status(s: Scenario, t: PolicyTable) -> None:
    inv.check_unlocks_deliver(s, t, REGISTRY)


@given(scenarios(), policies())
def test_numeric_unlocks_are_minimal(s: Scenario, t: PolicyTable) -> None:
    inv.check_numeric_unlocks_minimal(s, t, REGISTRY)


def _can_act_alone(evaluation: Evaluation, change: Change) -> bool:
    """Whether the change is one step on its own: not a repayment while the lender's
    payment network is down, nor the repayment that thaws a frozen account (the lender
    reinstates it too)."""
    through = REGISTRY.input(change.key).through
    if through is not None and get_value(evaluation.scenario, through) is Health.DOWN:
        return False
    account = evaluation.account
    return not (
        account.state is AccountState.FROZEN and account.rule and account.rule.key == change.key
    )


@given(scenarios(), policies())
def test_a_single_change_is_offered_whenever_one_suffices(s: Scenario, t: PolicyTable) -> None:
    """Completeness: if the best value of one borrower input, system or the policy
    alone makes a feature available, a single change is offered."""
    evaluation = evaluate(s, t)
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
            changed = apply_changes(s, [change])
            if changed is None or evaluate(changed, t)[why.feature].status is not Status.AVAILABLE:
                continue
            if not _can_act_alone(evaluation, change):
                continue
            assert why.single_change_suffices, (why.feature, change)
            assert any(
                len(u.changes) == 1 and u.changes[0].key == change.key for u in why.to_available
            ), (why.feature, change)


@given(scenarios(), policies())
def test_every_suggestion_says_who_or_what_brings_it_about(s: Scenario, t: PolicyTable) -> None:
    for why in explain(evaluate(s, t)):
        for unlock in why.to_available + why.to_limited:
            for change in unlock.changes:
                assert change.actor is actor_of(change.key)
                assert change.in_borrower_control == (change.actor is Actor.BORROWER)
                if change.key.startswith(("system.", "policy.")) or change.key.endswith("limit"):
                    assert change.actor is Actor.LENDER
                if ".overdue.count" in change.key or ".activity." in change.key:
                    assert change.actor is Actor.TIME
            for lang in ("en", "zh"):
                words = describe_changes(unlock.changes, s, lang)  # type: ignore[arg-type]
                assert words and "{" not in words and "_" not in words


@given(scenarios(), policies())
def test_principal_reasons_rank_the_worst_first(s: Scenario, t: PolicyTable) -> None:
    evaluation = evaluate(s, t)
    for why in explain(evaluation):
        result = evaluation[why.feature]
        assert len(why.principal) == min(MAX_PRINCIPAL_REASONS, len(result.reasons))
        assert set(why.principal) <= set(result.reasons)
        if why.principal:
            assert why.principal[0].effect.status is result.status


@given(scenarios())
def test_reason_margins_measure_the_distance_to_the_threshold(s: Scenario) -> None:
    for result in evaluate(s, DEFAULT).features:
        for reason in result.reasons:
            if reason.margin is None or not isinstance(reason.observed, int):
                continue
            if isinstance(reason.observed, bool) or not reason.rule.key.startswith("borrower."):
                continue
            assert reason.margin > 0
            # Moving the input by the margin clears this rule.
            direction = 1 if reason.rule.comparator.value == ">=" else -1
            moved = _moved(s, reason.rule.key, reason.observed + direction * reason.margin)
            if moved is not None:
                fired = {r.rule.id for r in evaluate(moved, DEFAULT)[result.feature.id].reasons}
                assert reason.rule.id not in fired


def _moved(scenario: Scenario, key: str, value: int) -> Scenario | None:
    if key in ("borrower.outstanding", "borrower.credit_limit"):
        return apply_changes(scenario, [Change(key, value)])
    return set_swept(scenario, key, value)


# A regulatory maximum is lifted by nobody: not the borrower, not the lender's staff.
NO_WAY_BACK = frozenset({"policy.max_unsecured_limit", "policy.limit_at_regulatory_max"})


def test_every_non_available_feature_of_every_preset_has_a_suggestion() -> None:
    for entry in list_presets():
        assert entry.preset is not None
        scenario = entry.preset.scenario
        evaluation = evaluate(scenario, DEFAULT)
        for why in explain(evaluation):
            if why.status is Status.AVAILABLE:
                continue
            held_by = {r.rule.id for r in evaluation[why.feature].reasons}
            if held_by <= NO_WAY_BACK:
                assert not why.to_available and why.fixed, (entry.slug, why.feature)
            else:
                assert why.to_available, (entry.slug, why.feature)


def _why(slug: str, feature: str) -> tuple[Scenario, object]:
    scenario = resolve_preset(slug).scenario
    why = next(w for w in explain(evaluate(scenario, DEFAULT)) if w.feature == feature)
    return scenario, why


def test_suggestions_say_how_history_changes_and_how_long_it_takes() -> None:
    scenario, why = _why("frequent-checks", "cash_withdrawal")
    assert not why.single_change_suffices  # type: ignore[attr-defined]
    unlock = why.to_available[0]  # type: ignore[attr-defined]
    words = describe_changes(unlock.changes, scenario, "en")
    # Dated events give the day each record ages out.
    assert "wait until 10 Dec 2026, when the last 30 days hold at most 10 limit checks" in words
    assert "wait until 30 Nov 2026, when the last 7 days hold at most 4 failed attempts" in words
    # The same counts without dates can only say how long at most.
    counted = resolve_preset("frequent-checks").scenario
    counted = attrs.evolve(counted, borrower=attrs.evolve(counted.borrower, events=()), as_of=None)
    undated = describe_changes(unlock.changes, counted, "en")
    assert "at most 10 limit checks" in undated and "up to 30 days" in undated
    assert "at most 4 failed attempts" in undated and "up to 7 days" in undated
    assert unlock.actors == (Actor.TIME,)
    assert not unlock.in_borrower_control

    scenario, why = _why("recent-overdue", "cash_withdrawal")
    unlock = why.to_available[0]  # type: ignore[attr-defined]
    assert describe_changes(unlock.changes, scenario, "en") == "repay the overdue amount"
    assert describe_changes(unlock.changes, scenario, "zh") == "还清逾期款项"
    assert unlock.in_borrower_control

    scenario, why = _why("disbursement-outage", "cash_withdrawal")
    unlock = why.to_available[0]  # type: ignore[attr-defined]
    assert unlock.actors == (Actor.LENDER,)
    assert describe_changes(unlock.changes, scenario, "en") == (
        "the disbursement channel recovers fully"
    )
    partial = why.to_limited[0]  # type: ignore[attr-defined]
    assert describe_changes(partial.changes, scenario, "zh") == "放款通道由中断恢复为降级运行"


def test_a_record_ageing_out_is_time_and_says_how_long() -> None:
    scenario, why = _why("past-overdue-repaid", "limit_increase")
    unlock = why.to_available[0]  # type: ignore[attr-defined]
    text = describe_changes(unlock.changes, scenario, "en")
    assert text == (
        "wait until 25 Jan 2027, when the whole overdue record has aged out of the 24-month window"
    )
    assert describe_changes(unlock.changes, scenario, "zh") == (
        "等到2027年1月25日，届时全部逾期记录移出近 24 个月的统计范围"
    )
    counted = attrs.evolve(
        scenario, borrower=attrs.evolve(scenario.borrower, events=()), as_of=None
    )
    assert describe_changes(unlock.changes, counted, "en") == (
        "wait for the whole overdue record to age out of the 24-month window (up to 24 months)"
    )
    assert unlock.actors == (Actor.TIME,)
    assert not unlock.in_borrower_control
