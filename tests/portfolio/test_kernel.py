"""The columnar kernel is the scalar evaluator, row for row: status, amount and the
rules acting on every feature, for random portfolios, levers and valid policies; and
a rule added to a copy of the registry flows through without touching the kernel."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credit_whatif.domain import (
    FEATURES,
    REGISTRY,
    Borrower,
    Health,
    Overdue,
    PolicyLevers,
    Scenario,
    Systems,
    Tightening,
    build_registry,
    inputs,
)
from credit_whatif.domain.effects import LIMITED, UNAVAILABLE, share_of_available
from credit_whatif.domain.inputs import Actor, Input, InputKind
from credit_whatif.domain.registry import RegistryError
from credit_whatif.domain.rule_model import Comparator, Const, rule
from credit_whatif.portfolio.kernel import STATUSES, KernelError, Levers, Side, row_outcomes

from ..strategies import DEFAULT, borrowers, policies, scenarios
from .helpers import assert_rows_match, typed

PORTFOLIOS = st.lists(borrowers(), min_size=1, max_size=10)


@given(PORTFOLIOS, scenarios(), policies())
def test_columnar_equals_evaluate_row_for_row(
    rows: list[Borrower], levers: Scenario, table: object
) -> None:
    assert_rows_match(rows, levers, table)


def test_every_scenario_input_of_a_borrower_is_a_column() -> None:
    for registry_rule in REGISTRY.rules:
        for operand in registry_rule.inputs:
            if operand.key.startswith("borrower."):
                assert operand.column is not None, operand.key


# --- A throwaway registry: two new rules, no change to the kernel ---------------------

THIN_FILE = rule(
    "credit.thin_file",
    inputs.CREDIT_LIMIT,
    Comparator.AT_LEAST,
    Const(1_000),
    {"installment_purchase": LIMITED, "limit_increase": UNAVAILABLE},
    unless=("credit.no_credit_line",),
)
RECENT_FAILURES = rule(
    "credit.recent_failures_share",
    inputs.FAILED_ATTEMPTS,
    Comparator.BELOW,
    Const(1),
    {"in_limit_spending": share_of_available("degraded_account_share_pct")},
)
WIDER = build_registry(FEATURES, (*REGISTRY.rules, THIN_FILE, RECENT_FAILURES))


# A third of the profile's examples: the property above already covers the fold.
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(PORTFOLIOS, scenarios(), policies(WIDER))
def test_a_rule_added_to_a_registry_copy_goes_through_the_kernel(
    rows: list[Borrower], levers: Scenario, table: object
) -> None:
    assert_rows_match(rows, levers, table, WIDER)


def test_the_added_rules_change_outcomes() -> None:
    thin = Borrower(credit_limit=800, outstanding=0)
    failing = Borrower(
        credit_limit=40_000,
        outstanding=0,
        activity=attrs.evolve(Borrower().activity, failed_attempts_7d=2),
    )
    none = Borrower(credit_limit=0, outstanding=0)
    out = assert_rows_match([thin, failing, none], Scenario(), DEFAULT, WIDER)
    assert out["installment_purchase.credit.thin_file"].to_list() == [True, False, False]
    # With no line at all, 'no credit line' speaks instead ('unless').
    assert out["limit_increase.credit.no_credit_line"][2]
    assert out["in_limit_spending.credit.recent_failures_share"].to_list() == [False, True, False]
    assert STATUSES[out["in_limit_spending.status"][1]].value == "limited"
    assert out["in_limit_spending.amount"][1] == 20_000
    plain = row_outcomes(typed([thin, failing, none]), Side(Levers(), DEFAULT))
    assert STATUSES[plain["installment_purchase.status"][0]].value == "available"
    assert "installment_purchase.credit.thin_file" not in plain.columns


NICKNAME = Input("borrower.nickname", InputKind.COUNT, Actor.BORROWER)


def test_a_rule_on_an_undeclared_input_is_refused() -> None:
    stray = rule(
        "credit.stray", NICKNAME, Comparator.EQUAL, Const(1), {"limit_increase": UNAVAILABLE}
    )
    with pytest.raises(RegistryError, match=r"borrower\.nickname"):
        build_registry(FEATURES, (*REGISTRY.rules, stray))


def test_a_rule_on_an_input_that_is_no_column_is_refused() -> None:
    stray = rule(
        "credit.stray", NICKNAME, Comparator.EQUAL, Const(1), {"limit_increase": UNAVAILABLE}
    )
    registry = build_registry(FEATURES, (*REGISTRY.rules, stray), (*REGISTRY.inputs, NICKNAME))
    try:
        row_outcomes(typed([Borrower()]), Side(Levers(), DEFAULT), registry)
    except KernelError as exc:
        assert "borrower.nickname" in str(exc)
    else:
        raise AssertionError("a rule on an unknown input went through")


def test_system_levers_fold_to_constants() -> None:
    """A system down makes its features unavailable on every row, whatever the
    borrower: the rule became a literal, not a column."""
    borrowers = [Borrower(score=s, credit_limit=10_000) for s in (400, 700, 900)]
    levers = Scenario(
        system=Systems(disbursement=Health.DOWN),
        policy=PolicyLevers(tightening=Tightening.STRICT),
    )
    out = assert_rows_match(borrowers, levers, DEFAULT)
    assert out["cash_withdrawal.status"].to_list() == [0, 0, 0]
    assert out["cash_withdrawal.system.disbursement_down"].all()
    assert out["in_limit_spending.status"].to_list() != [0, 0, 0]


def test_overdue_rows_match() -> None:
    overdue = Overdue(count_24m=3, worst_days=45, current_days=5)
    borrowers = [Borrower(overdue=overdue), Borrower(overdue=Overdue(1, 10, 0))]
    assert_rows_match(borrowers, Scenario(), DEFAULT)
