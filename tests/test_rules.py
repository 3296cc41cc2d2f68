"""The registries (rules, features, policy fields), the message catalogue, the rule
table, and the model a credit practitioner would sign off (issue 9)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from credit_whatif.domain import (
    FEATURE_IDS,
    REGISTRY,
    Comparator,
    Health,
    Layer,
    PolicyTable,
    Scenario,
    Status,
    Tightening,
    catalogue,
    evaluate,
    with_values,
)
from credit_whatif.domain.effects import EffectKind
from credit_whatif.domain.features import DRAWDOWN_IDS
from credit_whatif.domain.inputs import Input
from credit_whatif.domain.policy import PolicyField
from credit_whatif.domain.scenario import Overdue
from credit_whatif.ruletable import rule_table_markdown

from .strategies import DEFAULT, policies, scenarios

ROOT = Path(__file__).resolve().parents[1]
RULES = REGISTRY.rules
LATIN = re.compile(r"[A-Za-z]")
WINDOWS = re.compile(r"(in|last|than) \d+ (days|months)|近 ?\d+ ?(天|个月)|\d+ 个月")


def at(**values: object) -> Scenario:
    """A healthy scenario with some dotted keys set (``borrower__score=590``)."""
    return with_values(Scenario(), {k.replace("__", "."): v for k, v in values.items()})


def test_rule_ids_are_unique_and_prefixed_by_their_layer() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.id.split(".")[0] == rule.layer.value
        assert set(rule.gates) <= set(FEATURE_IDS), rule.id


def test_every_rule_has_both_tiers_of_text_in_both_languages() -> None:
    assert set(catalogue.RULE_TEXTS) == {r.id for r in RULES}
    for rule in RULES:
        text = catalogue.RULE_TEXTS[rule.id]
        assert text.title.en and text.title.zh
        assert text.detail.en and text.detail.zh
        # Every effect the rule can have has a customer sentence.
        for effect in rule.gates.values():
            variant = effect.status.value if effect.kind is EffectKind.BLOCK else effect.kind.value
            assert variant in text.messages or "*" in text.messages, (rule.id, variant)
    for field in REGISTRY.policy_fields:
        assert field.name in catalogue.POLICY_FIELD_LABELS, field.name


def test_system_rules_gate_exactly_the_features_that_use_the_system() -> None:
    for rule in (r for r in RULES if r.layer is Layer.SYSTEM):
        system = rule.key.removeprefix("system.")
        users = {f.id for f in REGISTRY.features if system in {s.value for s in f.systems}}
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
    assert (
        DEFAULT[Tightening.TIGHTENED]["withdrawal_min_score"]
        > DEFAULT[Tightening.NORMAL]["withdrawal_min_score"]
    )


def _set(scenario: Scenario, key: str, value: int) -> Scenario:
    """Set a numeric input, moving the overdue fields tied to it so the scenario stays valid."""
    if key.startswith("borrower.overdue."):
        overdue = attrs.asdict(scenario.borrower.overdue)
        overdue[key.rsplit(".", 1)[1]] = value
        overdue["worst_days"] = max(overdue["worst_days"], overdue["current_days"])
        if overdue["worst_days"] > 0:
            overdue["count_24m"] = max(overdue["count_24m"], 1)
        return with_values(scenario, {"borrower.overdue": Overdue(**overdue)})
    return with_values(scenario, {key: value})


THRESHOLD_RULES = [
    r
    for r in RULES
    if isinstance(r.threshold, PolicyField)
    and isinstance(r.input, Input)
    and r.comparator in (Comparator.AT_LEAST, Comparator.AT_MOST)
]


@pytest.mark.parametrize("level", list(Tightening))
@pytest.mark.parametrize("rule", THRESHOLD_RULES, ids=lambda r: r.id)
def test_numeric_rules_fire_exactly_past_their_threshold(rule, level: Tightening) -> None:  # type: ignore[no-untyped-def]
    base = with_values(Scenario(), {"policy.tightening": level, "borrower.outstanding": 10_000})
    threshold = DEFAULT[level][rule.threshold.name]
    step = -1 if rule.comparator is Comparator.AT_LEAST else 1
    fired_at = {
        r.rule.id
        for f in evaluate(_set(base, rule.key, threshold), DEFAULT).features
        for r in f.reasons
    }
    past = evaluate(_set(base, rule.key, threshold + step), DEFAULT)
    assert rule.id not in fired_at
    reasons = [r for f in past.features for r in f.reasons if r.rule.id == rule.id]
    assert reasons, rule.id
    assert reasons[0].observed == threshold + step
    assert reasons[0].threshold == threshold
    assert reasons[0].margin == 1


def test_degraded_and_down_systems_each_give_one_reason() -> None:
    for health, suffix in ((Health.DEGRADED, "_degraded"), (Health.DOWN, "_down")):
        evaluation = evaluate(at(system__risk_engine=health), DEFAULT)
        reasons = [r.rule.id for r in evaluation["cash_withdrawal"].reasons]
        assert reasons == [f"system.risk_engine{suffix}"]


def test_rule_table_document_is_current() -> None:
    document = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    expected = rule_table_markdown(DEFAULT)
    assert document == expected, "run: credit-whatif rules --markdown > docs/rules.md"


def test_rule_table_lists_every_rule_feature_and_field() -> None:
    table = rule_table_markdown(DEFAULT)
    for rule in RULES:
        assert f"`{rule.id}`" in table
    for feature in REGISTRY.features:
        assert f"`{feature.id}`" in table
    for field in REGISTRY.policy_fields:
        assert f"`{field.name}`" in table


# --- What a lender would ship (issue 9) ------------------------------------------------


def test_no_credit_line_is_its_own_situation_with_the_lender_as_the_way_out() -> None:
    from credit_whatif.domain.explain import explain

    evaluation = evaluate(at(borrower__credit_limit=0, borrower__outstanding=0), DEFAULT)
    assert {"cash_withdrawal", "installment_purchase", "in_limit_spending"} <= set(DRAWDOWN_IDS)
    for fid in (*DRAWDOWN_IDS, "limit_increase"):
        result = evaluation[fid]
        assert result.status is Status.UNAVAILABLE
        assert [r.rule.id for r in result.reasons] == ["credit.no_credit_line"], fid
    assert "-1" not in str([r.message for f in evaluation.features for r in f.reasons])
    why = {e.feature: e for e in explain(evaluation)}["cash_withdrawal"]
    assert why.to_available, "a limit change by the lender is the way out"
    change = why.to_available[0].changes[0]
    assert change.key == "borrower.credit_limit" and change.actor.value == "lender"


def test_an_over_limit_balance_is_valid_and_stops_drawdowns_only() -> None:
    scenario = at(borrower__credit_limit=30_000, borrower__outstanding=36_000)
    evaluation = evaluate(scenario, DEFAULT)
    for fid in DRAWDOWN_IDS:
        assert evaluation[fid].status is Status.UNAVAILABLE
        assert evaluation[fid].decisive is not None
        assert evaluation[fid].decisive.rule.id == "credit.over_limit"
        assert evaluation[fid].amount == 0
    assert evaluation["repayment"].status is Status.AVAILABLE
    assert evaluation["repayment"].amount == 36_000
    assert evaluation["limit_inquiry"].status is Status.AVAILABLE


def test_a_reduced_limit_cuts_the_granted_limit_not_the_available_credit() -> None:
    # Score 590 is below 650 and 620, the first two bands of the cut: the deeper one
    # counts, and the 50,000 limit becomes 25,000; 12,000 owed.
    evaluation = evaluate(at(borrower__score=590, borrower__outstanding=12_000), DEFAULT)
    spending = evaluation["in_limit_spending"]
    assert spending.status is Status.LIMITED
    assert spending.amount == 25_000 - 12_000
    # Owing more than the reduced limit leaves nothing to draw.
    evaluation = evaluate(at(borrower__score=590, borrower__outstanding=30_000), DEFAULT)
    assert evaluation["in_limit_spending"].status is Status.UNAVAILABLE
    rules = [r.rule.id for r in evaluation["in_limit_spending"].reasons]
    assert rules == ["credit.no_available_credit", "credit.score_deeper_cut"]


def test_the_limit_is_cut_in_bands_and_only_the_deepest_cut_counts() -> None:
    """Graduated, not a cliff: 649 keeps 70% of the limit, 619 half, 579 30%; a
    shallower band that also applies is no reason of its own."""
    normal = DEFAULT[Tightening.NORMAL]
    bands = [
        (normal["full_limit_min_score"], normal["reduced_limit_pct"], "credit.score_reduced_limit"),
        (normal["deeper_cut_min_score"], normal["deeper_cut_pct"], "credit.score_deeper_cut"),
        (normal["deepest_cut_min_score"], normal["deepest_cut_pct"], "credit.score_deepest_cut"),
    ]
    kept = []
    for floor, pct, rule_id in bands:
        spending = evaluate(at(borrower__score=floor - 1, borrower__outstanding=0), DEFAULT)[
            "in_limit_spending"
        ]
        assert spending.amount == 50_000 * pct // 100
        assert [r.rule.id for r in spending.reasons] == [rule_id]
        kept.append(spending.amount)
        at_floor = evaluate(at(borrower__score=floor, borrower__outstanding=0), DEFAULT)
        assert at_floor["in_limit_spending"].amount > spending.amount
    assert kept == sorted(kept, reverse=True) and len(set(kept)) == 3


def test_a_cap_that_does_not_bind_does_not_limit() -> None:
    # Tightened: 20,000 per withdrawal; 1,000 available is below the cap.
    scenario = at(
        policy__tightening=Tightening.TIGHTENED,
        borrower__score=950,
        borrower__outstanding=49_000,
    )
    withdrawal = evaluate(scenario, DEFAULT)["cash_withdrawal"]
    assert (withdrawal.status, withdrawal.amount, withdrawal.reasons) == (
        Status.AVAILABLE,
        1_000,
        (),
    )
    # With 50,000 available the cap binds, per withdrawal.
    rich = evaluate(with_values(scenario, {"borrower.outstanding": 0}), DEFAULT)["cash_withdrawal"]
    assert (rich.status, rich.amount, rich.payout_cap, rich.available) == (
        Status.LIMITED,
        20_000,
        20_000,
        50_000,
    )


def test_a_borrower_overdue_now_gets_no_new_drawdown_of_any_kind() -> None:
    evaluation = evaluate(
        at(borrower__overdue=Overdue(count_24m=1, worst_days=12, current_days=12)), DEFAULT
    )
    for fid in ("cash_withdrawal", "installment_purchase", "in_limit_spending", "limit_increase"):
        assert evaluation[fid].status is Status.UNAVAILABLE, fid
    assert evaluation["repayment"].status is Status.AVAILABLE
    assert evaluation["limit_inquiry"].status is Status.AVAILABLE


def test_a_reason_speaks_only_of_its_own_cause() -> None:
    scenario = at(
        borrower__region="CN-HA",
        policy__suspended_regions=("CN-HA",),
        system__payment_network=Health.DOWN,
    )
    evaluation = evaluate(scenario, DEFAULT)
    region = evaluation["cash_withdrawal"].reasons[0]
    assert region.rule.id == "policy.region_suspended"
    for text in (region.message.en, region.message.zh):
        assert "not affected" not in text and "不受影响" not in text
    assert evaluation["repayment"].status is Status.UNAVAILABLE
    # Installments are borrowing too: no sentence says borrowing as a whole is paused.
    checks = evaluate(at(borrower__activity__limit_checks_30d=12), DEFAULT)
    assert checks["installment_purchase"].status is Status.AVAILABLE
    for result in checks.features:
        for reason in result.reasons:
            assert "paused borrowing" not in reason.message.en
            assert "暂停借款" not in reason.message.zh


@given(scenarios(), policies())
def test_customer_messages_hide_cut_offs_codes_and_systems(s: Scenario, t: PolicyTable) -> None:
    system_words = [w(lang) for w in catalogue.SYSTEM_NAMES.values() for lang in ("en", "zh")]
    for result in evaluate(s, t).features:
        for reason in result.reasons:
            message = reason.message
            assert not LATIN.search(message.zh), message.zh
            assert "-" not in re.sub(r"[A-Za-z]-[A-Za-z]", "", message.en), message.en
            assert reason.rule.id not in message.en
            assert not re.search(r"CN-[A-Z]{2}", message.en)
            for word in system_words:
                assert word not in message.en and word not in message.zh
            if isinstance(reason.rule.threshold, PolicyField) and not isinstance(
                reason.threshold, bool
            ):
                number = f"{reason.threshold:,}"
                for sentence in (message.en, message.zh):
                    text = WINDOWS.sub("", sentence)  # "in 30 days" is a window, not a cut-off
                    assert not re.search(rf"(?<![\d,]){re.escape(number)}(?![\d,])", text), (
                        reason.rule.id,
                        text,
                    )


@given(scenarios(), policies())
def test_no_sentence_shows_a_negative_amount_or_raw_placeholder(
    s: Scenario, t: PolicyTable
) -> None:
    evaluation = evaluate(s, t)
    texts = [evaluation.headline.en, evaluation.headline.zh]
    for result in evaluation.features:
        for reason in result.reasons:
            texts += [reason.message.en, reason.message.zh, reason.detail.en, reason.detail.zh]
    for text in texts:
        assert "{" not in text and "}" not in text, text
        assert not re.search(r"(?<![\w])-\d", text), text
        assert " 1 times" not in text and " 1 days" not in text and "at most 0" not in text


def test_english_plurals_and_the_headline_count() -> None:
    evaluation = evaluate(
        at(
            system__payment_network=Health.DOWN,
            system__disbursement=Health.DOWN,
            system__risk_engine=Health.DOWN,
        ),
        DEFAULT,
    )
    assert evaluation.usable == 1
    assert f"1 of {len(REGISTRY.features)} features still works" in evaluation.headline.en
    one = evaluate(
        at(borrower__overdue=Overdue(count_24m=1, worst_days=1, current_days=1)), DEFAULT
    )
    messages = [r.message.en for r in one["cash_withdrawal"].reasons]
    assert any("1 day overdue" in m for m in messages), messages
