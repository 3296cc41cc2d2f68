"""A new rule and a new feature are declarations, nothing more: a copy of the registry
with a throwaway feature (a transfer to a wallet) and two throwaway rules runs through
the evaluator, the fast path, explanations and sweeps, and satisfies the same
invariants as the product's registry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import (
    FEATURES,
    Health,
    PolicyTable,
    Scenario,
    Status,
    System,
    Thresholds,
    Tightening,
    build_registry,
    evaluate,
    feature_outcome,
    inputs,
)
from credit_whatif.domain.effects import LIMITED, UNAVAILABLE, payout_cap, share_of_available
from credit_whatif.domain.explain import apply_changes, explain
from credit_whatif.domain.features import Base, Feature
from credit_whatif.domain.limits import SCORE_MAX
from credit_whatif.domain.policy import FieldKind, floor, maximum
from credit_whatif.domain.rules import Comparator, default_rules, rule
from credit_whatif.domain.sweep import sweep
from credit_whatif.domain.text import LocalText

from . import invariants as inv
from .strategies import DEFAULT, REGION_CODES, scenarios

TRANSFER = Feature(
    id="wallet_transfer",
    name=LocalText("Wallet transfer", "转入余额"),
    summary=LocalText("Move credit into the wallet balance.", "将额度转入钱包余额。"),
    base=Base.AVAILABLE_CREDIT,
    degraded={
        System.DISBURSEMENT: payout_cap("degraded_transfer_cap_yuan"),
        System.ACCOUNT_SERVICE: share_of_available("degraded_account_share_pct"),
    },
    payout=LocalText("transfer", "单笔转入"),
)
FEATURES_PLUS = (*FEATURES, TRANSFER)
NEW_RULES = (
    rule(
        "credit.transfer_min_score",
        inputs.SCORE,
        Comparator.AT_LEAST,
        floor("transfer_min_score"),
        {"wallet_transfer": UNAVAILABLE},
    ),
    rule(
        "credit.checks_slow_transfers",
        inputs.LIMIT_CHECKS,
        Comparator.AT_MOST,
        maximum("max_checks_for_transfer", FieldKind.COUNT),
        {"wallet_transfer": LIMITED, "limit_inquiry": LIMITED},
    ),
)
REGISTRY_PLUS = build_registry(FEATURES_PLUS, (*default_rules(FEATURES_PLUS), *NEW_RULES))

# The policy file gains the new fields; nothing else changes.
NEW_VALUES = {
    Tightening.NORMAL: {
        "transfer_min_score": 620,
        "max_checks_for_transfer": 12,
        "degraded_transfer_cap_yuan": 4_000,
    },
    Tightening.TIGHTENED: {
        "transfer_min_score": 660,
        "max_checks_for_transfer": 9,
        "degraded_transfer_cap_yuan": 3_000,
    },
    Tightening.STRICT: {
        "transfer_min_score": 700,
        "max_checks_for_transfer": 6,
        "degraded_transfer_cap_yuan": 2_000,
    },
}
TABLE_PLUS = PolicyTable(
    "Default plus transfers",
    {lvl: Thresholds({**DEFAULT[lvl].values, **NEW_VALUES[lvl]}) for lvl in Tightening},
)


def test_the_copy_declares_what_the_new_pieces_need() -> None:
    names = {f.name for f in REGISTRY_PLUS.policy_fields}
    assert {"transfer_min_score", "max_checks_for_transfer", "degraded_transfer_cap_yuan"} <= names
    assert len(REGISTRY_PLUS.features) == len(FEATURES) + 1
    # The system rules are generated from the feature registry: the new feature is gated.
    down = REGISTRY_PLUS.rule("system.disbursement_down")
    assert set(down.gates) == {"cash_withdrawal", "wallet_transfer"}


def test_the_new_rules_act_as_declared() -> None:
    low = evaluate(
        Scenario().__class__(
            borrower=Scenario().borrower.__class__(score=610, credit_limit=50_000, outstanding=0)
        ),
        TABLE_PLUS,
        REGISTRY_PLUS,
    )
    transfer = low["wallet_transfer"]
    assert transfer.status is Status.UNAVAILABLE
    assert transfer.decisive is not None
    assert transfer.decisive.rule.id == "credit.transfer_min_score"
    # It draws on the credit line, so the line's own rules cover it too.
    assert "credit.score_reduced_limit" in [r.rule.id for r in transfer.reasons]
    why = {e.feature: e for e in explain(low)}["wallet_transfer"]
    assert why.to_limited[0].changes[0].to == 620  # its own floor
    assert why.to_available[0].changes[0].to == 650  # and the full limit
    swept = sweep(low.scenario, TABLE_PLUS, registry=REGISTRY_PLUS)["wallet_transfer"]
    assert [(seg.start, seg.status) for seg in swept.segments] == [
        (350, Status.UNAVAILABLE),
        (620, Status.LIMITED),
        (650, Status.AVAILABLE),
    ]


@given(scenarios(), st.integers(1, SCORE_MAX))
def test_invariants_hold_for_the_extended_registry(s: Scenario, step: int) -> None:
    r, t = REGISTRY_PLUS, TABLE_PLUS
    inv.check_deterministic(s, t, r)
    inv.check_score_up(s, t, r, step)
    inv.check_more_activity(s, t, r, "limit_checks_30d", step % 40 + 1)
    inv.check_degraded_system(s, t, r, System.DISBURSEMENT, Health.DEGRADED)
    inv.check_tighter_level(s, t, r, Tightening.STRICT)
    inv.check_more_suspended(s, t, r, REGION_CODES[step % len(REGION_CODES)])
    inv.check_more_outstanding(s, t, r, step * 100)
    inv.check_repayment_only_stopped_by_its_systems(s, t, r)
    inv.check_disbursement_outage(s, t, r)
    inv.check_systems_not_used(s, t, r, System.PAYMENT_NETWORK, Health.DOWN)
    inv.check_amounts_within_bounds(s, t, r)
    inv.check_every_shortfall_explained(s, t, r)


@given(scenarios())
def test_fast_path_explanations_and_sweeps_follow_the_copy(s: Scenario) -> None:
    evaluation = evaluate(s, TABLE_PLUS, REGISTRY_PLUS)
    for result in evaluation.features:
        fast = feature_outcome(s, result.feature.id, TABLE_PLUS, REGISTRY_PLUS)
        assert fast == (result.status, result.amount)
    for why in explain(evaluation):
        for unlock in why.to_available:
            changed = apply_changes(s, unlock.changes)
            assert changed is not None
            assert evaluate(changed, TABLE_PLUS, REGISTRY_PLUS)[why.feature].status is unlock.status
    swept = sweep(s, TABLE_PLUS, registry=REGISTRY_PLUS)
    floors = {
        int(TABLE_PLUS[lvl][f.name])
        for lvl in Tightening
        for f in REGISTRY_PLUS.policy_fields
        if f.name.endswith("_min_score")
    }
    starts = {seg.start for seg in swept["wallet_transfer"].segments[1:]}
    assert starts <= floors
