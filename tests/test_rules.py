"""The registries: rules, features, the policy table and the generated rule table."""

from __future__ import annotations

import itertools
from pathlib import Path

import attrs
import pytest

from credit_whatif import i18n
from credit_whatif.domain import (
    FEATURE_IDS,
    FEATURES,
    POLICY_TABLE,
    RULES,
    Comparator,
    Health,
    Layer,
    Overdue,
    Scenario,
    Status,
    Thresholds,
    Tightening,
    evaluate,
    with_value,
)
from credit_whatif.ruletable import rule_table_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_rule_ids_are_unique_and_prefixed_by_their_layer() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.id.split(".")[0] == rule.layer.value
        assert set(rule.gates) <= set(FEATURE_IDS), rule.id


def test_every_rule_has_a_title_and_message_in_both_languages() -> None:
    for rule in RULES:
        assert i18n.RULE_TITLES[rule.id].en and i18n.RULE_TITLES[rule.id].zh
        # A customer is told both what was observed and what the rule requires.
        for text in (i18n.RULE_MESSAGES[rule.id].en, i18n.RULE_MESSAGES[rule.id].zh):
            assert "{observed}" in text and "{threshold}" in text, rule.id
    assert set(i18n.RULE_TITLES) == set(i18n.RULE_MESSAGES) == {r.id for r in RULES}


def test_system_rules_gate_exactly_the_features_that_use_the_system() -> None:
    for rule in (r for r in RULES if r.layer is Layer.SYSTEM):
        system = rule.key.removeprefix("system.")
        users = {f.id for f in FEATURES if system in {s.value for s in f.systems}}
        assert set(rule.gates) == users, rule.id


def test_no_policy_or_credit_rule_gates_repayment() -> None:
    for rule in RULES:
        if rule.layer is not Layer.SYSTEM:
            assert "repayment" not in rule.gates, rule.id


def test_every_cause_in_the_seed_article_has_a_rule() -> None:
    ids = {r.id for r in RULES}
    for cause in (
        "system.disbursement_down",
        "system.risk_engine_degraded",
        "system.risk_engine_down",
        "policy.region_suspended",
        "credit.min_score",
        "credit.score_reduced_limit",
        "credit.current_overdue",
        "credit.past_overdue_count",
        "credit.past_overdue_severity",
        "credit.frequent_limit_checks",
        "credit.failed_attempts",
        "policy.identity_unverified",
    ):
        assert cause in ids
    # Tightening raises at least one threshold that a borrower can fall under.
    normal, tightened = POLICY_TABLE[Tightening.NORMAL], POLICY_TABLE[Tightening.TIGHTENED]
    assert tightened.withdrawal_min_score > normal.withdrawal_min_score


MIN_FIELDS = {f.name for f in attrs.fields(Thresholds) if f.name.endswith("_min_score")}
MAX_FIELDS = {f.name for f in attrs.fields(Thresholds) if f.name.startswith("max_")}
CAP_FIELDS = {
    f.name for f in attrs.fields(Thresholds) if "_cap_" in f.name or f.name.endswith("_pct")
}


def test_policy_table_never_loosens_as_policy_tightens() -> None:
    levels = list(Tightening)
    for looser, tighter in itertools.pairwise(levels):
        a, b = POLICY_TABLE[looser], POLICY_TABLE[tighter]
        for name in MIN_FIELDS:
            assert getattr(b, name) >= getattr(a, name), name
        for name in MAX_FIELDS:
            assert getattr(b, name) <= getattr(a, name), name
        for name in CAP_FIELDS:
            va, vb = getattr(a, name), getattr(b, name)
            if va is not None and vb is not None:
                assert vb <= va, name
    assert {f.name for f in attrs.fields(Thresholds)} == MIN_FIELDS | MAX_FIELDS | CAP_FIELDS


def _set(scenario: Scenario, key: str, value: int) -> Scenario:
    """Set a numeric input, moving the overdue fields it is tied to so the scenario stays valid."""
    if key.startswith("borrower.overdue."):
        field = key.rsplit(".", 1)[1]
        overdue = attrs.asdict(scenario.borrower.overdue)
        overdue[field] = value
        overdue["worst_days"] = max(overdue["worst_days"], overdue["current_days"])
        if overdue["worst_days"] > 0:
            overdue["count_24m"] = max(overdue["count_24m"], 1)
        return with_value(scenario, "borrower.overdue", Overdue(**overdue))
    return with_value(scenario, key, value)


THRESHOLD_RULES = [
    r
    for r in RULES
    if r.threshold_field
    and r.comparator in (Comparator.AT_LEAST, Comparator.AT_MOST)
    and r.key.startswith("borrower.")
]


@pytest.mark.parametrize("level", list(Tightening))
@pytest.mark.parametrize("rule", THRESHOLD_RULES, ids=lambda r: r.id)
def test_numeric_rules_fire_exactly_past_their_threshold(rule, level: Tightening) -> None:  # type: ignore[no-untyped-def]
    base = Scenario(policy=attrs.evolve(Scenario().policy, tightening=level))
    base = with_value(base, "borrower.outstanding", 10_000)
    threshold = getattr(POLICY_TABLE[level], rule.threshold_field)
    step = -1 if rule.comparator is Comparator.AT_LEAST else 1
    at = _set(base, rule.key, threshold)
    past = _set(base, rule.key, threshold + step)
    fired_at = {r.rule.id for f in evaluate(at).features for r in f.reasons}
    fired_past = {r.rule.id for f in evaluate(past).features for r in f.reasons}
    assert rule.id not in fired_at
    assert rule.id in fired_past
    reason = next(r for f in evaluate(past).features for r in f.reasons if r.rule.id == rule.id)
    assert reason.observed == threshold + step
    assert reason.threshold == threshold
    assert str(threshold) in reason.message.en.replace(",", "")


def test_degraded_and_down_systems_each_give_one_reason() -> None:
    for health, suffix in ((Health.DEGRADED, "_degraded"), (Health.DOWN, "_down")):
        evaluation = evaluate(with_value(Scenario(), "system.risk_engine", health))
        reasons = [r.rule.id for r in evaluation["cash_withdrawal"].reasons]
        assert reasons == [f"system.risk_engine{suffix}"]


def test_caps_limit_the_amount_and_the_tightest_cap_is_decisive() -> None:
    scenario = Scenario()
    scenario = with_value(scenario, "borrower.score", 630)  # below full-limit 650: 50% cap
    scenario = with_value(scenario, "system.disbursement", Health.DEGRADED)  # 5,000 yuan cap
    withdrawal = evaluate(scenario)["cash_withdrawal"]
    assert withdrawal.status is Status.LIMITED
    assert withdrawal.amount == 5_000
    assert withdrawal.decisive is not None
    assert withdrawal.decisive.rule.id == "system.disbursement_degraded"
    installments = evaluate(scenario)["installment_purchase"]
    assert installments.amount == 25_000  # 50% of 50,000 available


def test_region_suspension_names_the_region_in_both_languages() -> None:
    scenario = with_value(Scenario(), "policy.suspended_regions", ("CN-ZJ",))
    reason = evaluate(scenario)["cash_withdrawal"].reasons[0]
    assert reason.rule.id == "policy.region_suspended"
    assert "Zhejiang" in reason.message.en
    assert "浙江" in reason.message.zh


def test_rule_table_document_is_current() -> None:
    document = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert document == rule_table_markdown(), "run: credit-whatif rules --markdown > docs/rules.md"


def test_rule_table_lists_every_rule_and_feature() -> None:
    table = rule_table_markdown()
    for rule in RULES:
        assert f"`{rule.id}`" in table
    for feature in FEATURES:
        assert f"`{feature.id}`" in table
