"""New rules, a new figure, a new input and a seventh feature are declarations, nothing
more: a copy of the registry and of the default policy gains

- a seventh feature (a transfer to a wallet) that draws on the credit line;
- a threshold rule on a new policy field (the transfer's own score floor);
- a rule on a new figure of the credit line (the share of the granted limit in use);
- a new input with its portfolio column (password resets in 30 days) and a rule on it;

and the scalar evaluator, the portfolio kernel (row by row), explanations (sound,
minimal, "repay until the balance is at most N"), sweeps and the rule table all work
on them, with the same invariants as the product's registry. Only the sentences are
added here by hand, as a translator adds them to the message files."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credit_whatif import i18n, ruletable
from credit_whatif.domain import (
    FEATURES,
    Activity,
    Borrower,
    Health,
    PolicyTable,
    Scenario,
    Status,
    System,
    Thresholds,
    Tightening,
    build_registry,
    catalogue,
    evaluate,
    feature_outcome,
    inputs,
    with_values,
)
from credit_whatif.domain.catalogue import FeatureText, RuleText
from credit_whatif.domain.changes import describe_changes
from credit_whatif.domain.effects import LIMITED, UNAVAILABLE, payout_cap, share_of_available
from credit_whatif.domain.explain import explain
from credit_whatif.domain.features import Base, Feature
from credit_whatif.domain.figures import Figure
from credit_whatif.domain.inputs import Actor, Better, Input, InputKind
from credit_whatif.domain.limits import SCORE_MAX
from credit_whatif.domain.policy import FieldKind, floor, maximum
from credit_whatif.domain.rule_model import Comparator, rule
from credit_whatif.domain.rules import default_rules
from credit_whatif.domain.scenario import int_field
from credit_whatif.domain.sweep import sweep
from credit_whatif.domain.text import LocalText

from . import invariants as inv
from .portfolio.helpers import assert_rows_match
from .strategies import DEFAULT, REGION_CODES, borrowers, scenarios

T = LocalText

# --- The declarations ----------------------------------------------------------------

TRANSFER = Feature(
    id="wallet_transfer",
    base=Base.AVAILABLE_CREDIT,
    degraded={
        System.DISBURSEMENT: payout_cap("degraded_transfer_cap_yuan"),
        System.ACCOUNT_SERVICE: share_of_available("degraded_account_share_pct"),
    },
)

GRANTED_IN_USE = Figure(
    "line.granted_in_use_pct",
    InputKind.PERCENT,
    # The share of the limit as granted (before any cut) in use, rounded up, so "at
    # most 90%" means what it says; a line with no limit is full.
    lambda line, ops: ops.where(
        line.credit_limit > 0,
        -(line.outstanding * -100 // ops.largest(line.credit_limit, 1)),
        100,
    ),
    levers=("borrower.outstanding",),
)

PASSWORD_RESETS = Input(
    "borrower.activity.password_resets_30d",
    InputKind.COUNT,
    Actor.TIME,
    better=Better.DOWN,
    column="password_resets_30d",
    sweepable=True,
)


@attrs.frozen
class ActivityPlus(Activity):
    """The model gains the field, with its range from the declaration."""

    password_resets_30d: int = int_field(PASSWORD_RESETS, 0)


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
    rule(
        "credit.high_use_of_granted",
        GRANTED_IN_USE,
        Comparator.AT_MOST,
        maximum("max_granted_in_use_pct", FieldKind.PERCENT),
        {"wallet_transfer": UNAVAILABLE},
    ),
    rule(
        "credit.password_resets",
        PASSWORD_RESETS,
        Comparator.AT_MOST,
        maximum("max_password_resets_30d", FieldKind.COUNT),
        {"cash_withdrawal": UNAVAILABLE, "wallet_transfer": UNAVAILABLE},
    ),
)
FEATURES_PLUS = (*FEATURES, TRANSFER)
REGISTRY_PLUS = build_registry(
    FEATURES_PLUS,
    (*default_rules(FEATURES_PLUS), *NEW_RULES),
    (*inputs.INPUTS, PASSWORD_RESETS),
)

# The policy file gains the new fields; nothing else changes.
NEW_VALUES = {
    Tightening.NORMAL: (620, 12, 4_000, 90, 3),
    Tightening.TIGHTENED: (660, 9, 3_000, 85, 2),
    Tightening.STRICT: (700, 6, 2_000, 80, 1),
}
NEW_FIELDS = (
    "transfer_min_score",
    "max_checks_for_transfer",
    "degraded_transfer_cap_yuan",
    "max_granted_in_use_pct",
    "max_password_resets_30d",
)
TABLE_PLUS = PolicyTable(
    "Default plus transfers",
    {
        level: Thresholds({**DEFAULT[level].values, **dict(zip(NEW_FIELDS, values, strict=True))})
        for level, values in NEW_VALUES.items()
    },
)


# --- The sentences, as a translator adds them to en.toml and zh.toml ------------------

TEXTS = {
    "credit.transfer_min_score": RuleText(
        T("Score below the transfer minimum", "评分低于转入门槛"),
        {"*": T("Wallet transfer is not available at the moment.", "暂时无法转入余额。")},
        T("Score {observed} is below {threshold}.", "评分{observed},低于{threshold}。"),
    ),
    "credit.checks_slow_transfers": RuleText(
        T("Many limit checks slow transfers", "频繁查询额度,转入受限"),
        {"*": T("{Feature} is limited for now.", "{feature}暂时受限。")},
        T("{observed} in 30 days, above {threshold}.", "30天内{observed},超过{threshold}。"),
    ),
    "credit.high_use_of_granted": RuleText(
        T("Credit line mostly used", "额度使用率过高"),
        {"*": T("Please repay part of your balance first.", "请先归还部分欠款。")},
        T(
            "{observed} of the line is used, above {threshold}.",
            "额度已使用{observed},超过{threshold}。",
        ),
    ),
    "credit.password_resets": RuleText(
        T("Many password resets", "频繁重置密码"),
        {"*": T("{Feature} is not available at the moment.", "{feature}暂时无法使用。")},
        T(
            "{observed} password resets, above {threshold}.",
            "重置密码{observed}次,超过{threshold}。",
        ),
    ),
}


@pytest.fixture(autouse=True)
def sentences(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(
        catalogue.FEATURE_TEXTS,
        TRANSFER.id,
        FeatureText(
            T("Wallet transfer", "转入余额"),
            T("Move credit into the wallet balance.", "将额度转入钱包余额。"),
            T("transfer", "单笔转入"),
        ),
    )
    for rule_id, text in TEXTS.items():
        monkeypatch.setitem(catalogue.RULE_TEXTS, rule_id, text)
    monkeypatch.setitem(
        catalogue.CHANGE_TEXT,
        PASSWORD_RESETS.key,
        T(
            "wait until the last 30 days hold at most {to} password resets",
            "等待30天内重置密码不超过{to}次",
        ),
    )
    monkeypatch.setitem(i18n.UI, PASSWORD_RESETS.key, T("Password resets (30 d)", "重置密码(30天)"))
    yield


def plus(s: Scenario, resets: int = 0) -> Scenario:
    """`s` in the extended model, with `resets` password resets."""
    fields = attrs.asdict(s.borrower.activity)
    return with_values(s, {"borrower.activity": ActivityPlus(**fields, password_resets_30d=resets)})


scenarios_plus = st.builds(plus, scenarios(), st.integers(0, 6))


def at(resets: int = 0, **borrower: object) -> Scenario:
    return plus(Scenario(borrower=Borrower(**borrower)), resets)  # type: ignore[arg-type]


# --- The tests -----------------------------------------------------------------------


def test_the_copy_declares_what_the_new_pieces_need() -> None:
    names = {f.name for f in REGISTRY_PLUS.policy_fields}
    assert set(NEW_FIELDS) <= names
    assert len(REGISTRY_PLUS.features) == len(FEATURES) + 1
    assert GRANTED_IN_USE in REGISTRY_PLUS.figures
    assert REGISTRY_PLUS.input(PASSWORD_RESETS.key) is PASSWORD_RESETS
    assert PASSWORD_RESETS in REGISTRY_PLUS.columns
    assert PASSWORD_RESETS.key in REGISTRY_PLUS.sweep_keys
    # The system rules are generated from the feature registry: the new feature is gated.
    down = REGISTRY_PLUS.rule("system.disbursement_down")
    assert set(down.gates) == {"cash_withdrawal", "wallet_transfer"}
    # The credit line's own rules cover every feature that draws on it.
    assert "wallet_transfer" in REGISTRY_PLUS.rule("credit.no_available_credit").gates


def test_the_new_rules_act_as_declared() -> None:
    low = evaluate(at(score=610, credit_limit=50_000, outstanding=0), TABLE_PLUS, REGISTRY_PLUS)
    transfer = low["wallet_transfer"]
    assert transfer.status is Status.UNAVAILABLE
    assert transfer.decisive is not None
    assert transfer.decisive.rule.id == "credit.transfer_min_score"
    assert "credit.score_deeper_cut" in [r.rule.id for r in transfer.reasons]
    why = {e.feature: e for e in explain(low)}["wallet_transfer"]
    assert why.to_limited[0].changes[0].to == 620  # its own floor
    assert why.to_available[0].changes[0].to == 650  # and the full limit
    swept = sweep(low.scenario, TABLE_PLUS, registry=REGISTRY_PLUS)["wallet_transfer"]
    assert [(seg.start, seg.status) for seg in swept.segments] == [
        (350, Status.UNAVAILABLE),
        (620, Status.LIMITED),
        (650, Status.AVAILABLE),
    ]


def test_a_rule_on_the_new_figure_is_explained_by_repaying() -> None:
    s = at(credit_limit=50_000, outstanding=47_000)  # 94% used; the maximum is 90%
    evaluation = evaluate(s, TABLE_PLUS, REGISTRY_PLUS)
    transfer = evaluation["wallet_transfer"]
    assert transfer.status is Status.UNAVAILABLE
    reason = transfer.decisive
    assert reason is not None and reason.rule.id == "credit.high_use_of_granted"
    assert (reason.observed, reason.threshold, reason.margin) == (94, 90, 4)
    assert reason.detail.en.startswith("94% of the line is used, above 90%.")
    cash = evaluation["cash_withdrawal"]  # not gated by it: the 3,000 yuan left
    assert (cash.status, cash.amount) == (Status.AVAILABLE, 3_000)
    why = {e.feature: e for e in explain(evaluation)}["wallet_transfer"]
    repay = [u for u in why.to_available if u.changes[0].key == "borrower.outstanding"]
    assert [u.changes[0].to for u in repay] == [45_000]  # 90% of 50,000, no less
    words = describe_changes(repay[0].changes, s, "en")
    assert words == "repay until the balance is at most 45,000 yuan"
    assert "45,000" in describe_changes(repay[0].changes, s, "zh")
    # The figure is of the limit as granted: a cut of the limit (score below the
    # full-limit floor) leaves the balance to repay down to where it was.
    reduced = evaluate(with_values(s, {"borrower.score": 640}), TABLE_PLUS, REGISTRY_PLUS)
    assert "credit.high_use_of_granted" in [r.rule.id for r in reduced["wallet_transfer"].reasons]
    why = {e.feature: e for e in explain(reduced)}["wallet_transfer"]
    targets = {c.to for u in why.to_available + why.to_limited for c in u.changes}
    assert 45_000 in targets


def test_a_rule_on_the_new_input_is_evaluated_explained_and_swept() -> None:
    s = at(resets=5)
    evaluation = evaluate(s, TABLE_PLUS, REGISTRY_PLUS)
    for fid in ("cash_withdrawal", "wallet_transfer"):
        result = evaluation[fid]
        assert result.status is Status.UNAVAILABLE
        assert result.decisive is not None and result.decisive.rule.id == "credit.password_resets"
    why = {e.feature: e for e in explain(evaluation)}["cash_withdrawal"]
    (unlock,) = why.to_available
    assert [(c.key, c.to, c.actor) for c in unlock.changes] == [
        (PASSWORD_RESETS.key, 3, Actor.TIME)
    ]
    assert describe_changes(unlock.changes, s, "en").endswith("at most 3 password resets")
    swept = sweep(s, TABLE_PLUS, PASSWORD_RESETS.key, range(0, 10), REGISTRY_PLUS)
    segments = swept["cash_withdrawal"].segments
    assert [(seg.start, seg.end, seg.status) for seg in segments] == [
        (0, 3, Status.AVAILABLE),
        (4, 9, Status.UNAVAILABLE),
    ]
    assert swept["installment_purchase"].segments[0].end == 9  # not gated by it


def test_the_rule_table_lists_the_new_rules() -> None:
    rows = {row[0]: row for row in ruletable.rows(TABLE_PLUS, REGISTRY_PLUS)}
    assert set(TEXTS) <= set(rows)
    in_use = " ".join(rows["credit.high_use_of_granted"])
    assert "line.granted_in_use_pct <= max_granted_in_use_pct" in in_use
    assert "90 / 85 / 80" in in_use
    assert "borrower.activity.password_resets_30d" in " ".join(rows["credit.password_resets"])


@given(scenarios_plus, st.integers(1, SCORE_MAX))
def test_invariants_hold_for_the_extended_registry(s: Scenario, step: int) -> None:
    r, t = REGISTRY_PLUS, TABLE_PLUS
    inv.check_deterministic(s, t, r)
    inv.check_score_up(s, t, r, step)
    inv.check_more_activity(s, t, r, "limit_checks_30d", step % 40 + 1)
    inv.check_more_activity(s, t, r, "password_resets_30d", step % 5 + 1)
    inv.check_degraded_system(s, t, r, System.DISBURSEMENT, Health.DEGRADED)
    inv.check_tighter_level(s, t, r, Tightening.STRICT)
    inv.check_more_suspended(s, t, r, REGION_CODES[step % len(REGION_CODES)])
    inv.check_more_outstanding(s, t, r, step * 100)
    inv.check_repayment_only_stopped_by_its_systems(s, t, r)
    inv.check_disbursement_outage(s, t, r)
    inv.check_systems_not_used(s, t, r, System.PAYMENT_NETWORK, Health.DOWN)
    inv.check_amounts_within_bounds(s, t, r)
    inv.check_every_shortfall_explained(s, t, r)


@given(scenarios_plus)
def test_explanations_are_sound_and_minimal_on_the_copy(s: Scenario) -> None:
    inv.check_unlocks_deliver(s, TABLE_PLUS, REGISTRY_PLUS)
    inv.check_numeric_unlocks_minimal(s, TABLE_PLUS, REGISTRY_PLUS)


@given(scenarios_plus)
def test_the_fast_path_follows_the_copy(s: Scenario) -> None:
    evaluation = evaluate(s, TABLE_PLUS, REGISTRY_PLUS)
    for result in evaluation.features:
        fast = feature_outcome(s, result.feature.id, TABLE_PLUS, REGISTRY_PLUS)
        assert fast == (result.status, result.amount)


@st.composite
def borrowers_plus(draw: st.DrawFn) -> Borrower:
    borrower = draw(borrowers())
    fields = attrs.asdict(borrower.activity)
    activity = ActivityPlus(**fields, password_resets_30d=draw(st.integers(0, 6)))
    return attrs.evolve(borrower, activity=activity)


# A third of the profile's examples: the product's kernel property covers the fold.
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(st.lists(borrowers_plus(), min_size=1, max_size=10), scenarios())
def test_the_kernel_follows_the_copy_row_by_row(rows: list[Borrower], levers: Scenario) -> None:
    assert_rows_match(rows, levers, TABLE_PLUS, REGISTRY_PLUS)
