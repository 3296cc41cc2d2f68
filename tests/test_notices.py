"""The one notice a customer is told per feature, and the account's state.

Properties over random scenarios and policies: every feature that is not available
has exactly one notice, from a reason that sets its status, chosen by topic; what the
notice asks the borrower to do is a change the advice lists; it promises nothing and
gives away no cut-off; a frozen or closed account stops every drawdown.
"""

from __future__ import annotations

import re

from hypothesis import given

from credit_whatif.domain import REGISTRY, Health, PolicyTable, Scenario, Status, evaluate
from credit_whatif.domain.candidates import keys_of
from credit_whatif.domain.changes import Change, apply_changes
from credit_whatif.domain.enums import AccountState, NoticeTopic
from credit_whatif.domain.explain import explain
from credit_whatif.domain.inputs import Actor, Better, Input, Moves
from credit_whatif.domain.keypath import get_value
from credit_whatif.domain.regions import REGIONS, region_name
from credit_whatif.domain.wording import format_yuan, with_unit
from credit_whatif.files.presets import resolve_preset

from .strategies import DEFAULT, policies, scenarios

# What a notice must never say: it promises that one action restores a feature.
PROMISES = ("即可恢复", "自动恢复", "可恢复", "will be restored", "on its own", "restore")

# What a notice asks the borrower to do, by the input it changes: words that must be
# in the sentence (English, Chinese).
ASKS: dict[str, tuple[str, str]] = {
    "borrower.overdue.current_days": ("repay", "还清"),
    "borrower.outstanding": ("repay", "还款"),
    "borrower.identity_verified": ("verif", "认证"),
}

DRAWDOWNS = [f.id for f in REGISTRY.features if f.draws_credit]


def _asked(s: Scenario, rule_keys: tuple[str, ...]) -> list[str]:
    """The inputs among those that clear the rule that the borrower can change today,
    and has something to change of (a balance to repay, days overdue to clear)."""
    asked = []
    for key in rule_keys:
        declared = REGISTRY.by_key.get(key)
        if not isinstance(declared, Input) or declared.actor is not Actor.BORROWER:
            continue
        value = get_value(s, key)
        if declared.moves is Moves.CLEARED:
            if value != declared.cleared:
                asked.append(key)
        elif declared.better is Better.DOWN and value > declared.range[0]:
            asked.append(key)
    return asked


@given(scenarios(), policies())
def test_every_feature_not_available_has_one_notice_by_precedence(
    s: Scenario, t: PolicyTable
) -> None:
    for result in evaluate(s, t).features:
        notice = result.notice
        if result.status is Status.AVAILABLE:
            assert notice is None
            continue
        assert notice is not None
        assert notice.effect.status is result.status
        setting = [r for r in result.reasons if r.effect.status is result.status]
        first_topic = min(r.rule.notice_topic.rank for r in setting)
        assert notice.rule.notice_topic.rank == first_topic
        same_topic = [r for r in setting if r.rule.notice_topic.rank == first_topic]
        # Among limits on one topic, the one that leaves least is the one felt.
        assert (notice.amount or 0) == min(r.amount or 0 for r in same_topic)


@given(scenarios(), policies())
def test_a_notice_promises_nothing_and_hides_every_cut_off(s: Scenario, t: PolicyTable) -> None:
    borrower = s.borrower
    regions = {
        name
        for code in REGIONS
        for name in (code, *(region_name(code, lang) for lang in ("en", "zh")))
    }
    for result in evaluate(s, t).features:
        notice = result.notice
        if notice is None:
            continue
        for lang in ("en", "zh"):
            text = notice.message(lang)
            assert not any(p in text.lower() for p in PROMISES), text
            assert not any(name in text for name in regions), text
            # The customer's own figures may be quoted; no other number may be.
            own = [
                format_yuan(borrower.outstanding, lang),
                format_yuan(borrower.credit_limit, lang),
            ]
            if notice.value is not None:
                own.append(format_yuan(borrower.credit_limit * notice.value // 100, lang))
            own.append(with_unit("days", borrower.overdue.current_days, lang))
            stripped = text
            for figure in sorted(own, key=len, reverse=True):
                stripped = stripped.replace(figure, "")
            assert not re.search(r"\d", stripped), (lang, text)


@given(scenarios(), policies())
def test_what_a_notice_asks_is_a_change_the_advice_lists(s: Scenario, t: PolicyTable) -> None:
    """A notice about the account, an overdue payment, the line or a policy step the
    borrower can take asks for that step in words; the step clears the very rule the
    notice comes from; and when every way out the advice lists is the borrower's
    alone, the step is among them."""
    evaluation = evaluate(s, t)
    for why in explain(evaluation):
        notice = evaluation[why.feature].notice
        if notice is None or notice.rule.notice_topic is NoticeTopic.CREDIT:
            continue  # a credit decision asks nothing (the test below)
        asked = _asked(s, keys_of(notice.rule))
        texts = {lang: notice.message(lang).lower() for lang in ("en", "zh")}
        for key in asked:
            en, zh = ASKS[key]
            assert en in texts["en"] and zh in texts["zh"], (notice.rule.id, texts)
            declared = REGISTRY.input(key)
            best = declared.cleared if declared.moves is Moves.CLEARED else declared.range[0]
            if notice.rule.reads_line:
                continue  # a figure's rule: cleared by repaying down to a value, not to 0
            changed = apply_changes(s, [Change(key, best)])
            assert changed is not None
            after = evaluate(changed, t)[why.feature]
            assert notice.rule.id not in {r.rule.id for r in after.reasons}, (key, notice.rule.id)
        unlocks = why.to_available + why.to_limited
        if asked and unlocks and all(u.in_borrower_control for u in unlocks):
            listed = {c.key for unlock in unlocks for c in unlock.changes}
            assert listed & set(asked), (why.feature, notice.rule.id, listed)


@given(scenarios(), policies())
def test_a_credit_decision_asks_nothing_of_the_borrower(s: Scenario, t: PolicyTable) -> None:
    """A notice whose rule only the borrower's conduct over time, time or the lender
    can clear asks them to repay or verify nothing."""
    for result in evaluate(s, t).features:
        notice = result.notice
        if notice is None or result.feature.id == "repayment":
            continue
        if _asked(s, keys_of(notice.rule)):
            continue
        en, zh = notice.message("en").lower(), notice.message("zh")
        assert "please repay" not in en and "verif" not in en, en
        assert "请尽快还清" not in zh and "认证" not in zh, zh


@given(scenarios(), policies())
def test_a_frozen_or_closed_account_stops_every_drawdown_whatever_the_policy(
    s: Scenario, t: PolicyTable
) -> None:
    evaluation = evaluate(s, t)
    account = evaluation.account
    if account.state is AccountState.ACTIVE:
        assert account.rule is None
        return
    assert account.rule is not None and account.rule.state is account.state
    for feature_id in (*DRAWDOWNS, "limit_increase"):
        assert evaluation[feature_id].status is Status.UNAVAILABLE, feature_id
    # Repaying what is owed is never stopped by the account's state.
    assert all(r.rule.state is None for r in evaluation["repayment"].reasons)


@given(scenarios(), policies())
def test_repaying_during_the_lenders_payment_outage_is_never_suggested_alone(
    s: Scenario, t: PolicyTable
) -> None:
    evaluation = evaluate(s, t)
    if s.system.payment_network is not Health.DOWN:
        return
    for why in explain(evaluation):
        for unlock in why.to_available + why.to_limited:
            keys = {c.key: c.to for c in unlock.changes}
            repays = any(REGISTRY.input(k).through for k in keys if k in REGISTRY.by_key)
            if repays:
                assert keys.get("system.payment_network", Health.DOWN) is not Health.DOWN


def test_a_frozen_account_thaws_only_with_the_lender() -> None:
    preset = resolve_preset("frozen-account")
    evaluation = evaluate(preset.scenario, DEFAULT)
    assert evaluation.account.state is AccountState.FROZEN
    for why in explain(evaluation):
        if why.feature in DRAWDOWNS:
            for unlock in why.to_available + why.to_limited:
                assert "account.reinstated" in {c.key for c in unlock.changes}
                assert Actor.LENDER in unlock.actors


def test_a_closed_line_with_a_balance_says_so() -> None:
    preset = resolve_preset("closed-with-balance")
    evaluation = evaluate(preset.scenario, DEFAULT)
    assert evaluation.account.state is AccountState.CLOSED
    notice = evaluation["cash_withdrawal"].notice
    assert notice is not None
    assert notice.message("zh") == "您的额度已关闭，待还款项请按期归还。"
    assert "closed" in notice.message("en")
    assert evaluation["repayment"].status is Status.AVAILABLE
    assert get_value(preset.scenario, "borrower.outstanding") > 0


def test_enums_sharing_a_value_keep_their_own_ranks() -> None:
    """'policy' is a layer and a notice topic: equal as strings, ranked apart (a
    shared table once gave the topic the layer's rank, depending on which was asked
    first)."""
    from credit_whatif.domain.enums import Layer

    assert [t.rank for t in NoticeTopic] == list(range(len(NoticeTopic)))
    assert [layer.rank for layer in Layer] == list(range(len(Layer)))
    assert NoticeTopic.POLICY.rank != Layer.POLICY.rank
