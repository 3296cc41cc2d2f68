"""Shared by the portfolio tests: portfolios built from the scenario model, and the
same comparison worked out row by row with ``evaluate()``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import polars as pl

from credit_whatif.domain import REGISTRY, Borrower, Registry, Scenario, Status, evaluate
from credit_whatif.portfolio.columns import BAD, columns_for, frame_from_borrowers, reading_for
from credit_whatif.portfolio.kernel import STATUSES, Levers, Side, row_outcomes


def typed(borrowers: Sequence[Borrower], registry: Registry = REGISTRY) -> pl.DataFrame:
    """Borrowers as the kernel reads them (checked: no row is bad)."""
    raw = frame_from_borrowers(borrowers, registry)
    reading = reading_for(dict(raw.schema), text=False, columns=columns_for(registry))
    frame = reading.apply(raw.lazy()).collect()
    assert not frame[BAD].any()
    return frame


def assert_rows_match(
    borrowers: Sequence[Borrower], levers: Scenario, table: Any, registry: Registry = REGISTRY
) -> pl.DataFrame:
    """The kernel's outcome of every row (the account's state; each feature's status,
    amount and which rules act) is the one ``evaluate()`` gives that borrower."""
    side = Side(Levers.of(levers), table)
    out = row_outcomes(typed(borrowers, registry), side, registry)
    for index, borrower in enumerate(borrowers):
        evaluation = evaluate(attrs.evolve(levers, borrower=borrower), side.table, registry)
        assert out["account.state"][index] == evaluation.account.state.rank, (index, borrower)
        for result in evaluation.features:
            fid = result.feature.id
            acting = {
                rule_id
                for rule_id in (r.id for r in registry.by_feature[fid])
                if out[f"{fid}.{rule_id}"][index]
            }
            got = (STATUSES[out[f"{fid}.status"][index]], out[f"{fid}.amount"][index], acting)
            want = (result.status, result.amount or 0, {r.rule.id for r in result.reasons})
            assert got == want, (fid, index, borrower)
    return out


def worse(after: tuple[Status, int], before: tuple[Status, int]) -> bool:
    """The definition the impact report uses: a lower status, or the same status
    with a smaller amount."""
    if after[0].rank != before[0].rank:
        return after[0].rank < before[0].rank
    return after[1] < before[1]


def expected_impact(
    borrowers: Sequence[Borrower],
    baseline: Side,
    scenario: Side,
    registry: Registry = REGISTRY,
) -> dict[str, Any]:
    """The ``features`` part of the impact JSON, from ``evaluate()`` on every row."""
    out: dict[str, Any] = {}
    names = ("available", "limited", "unavailable")
    for feature in registry.features:
        out[feature.id] = {
            "baseline": dict.fromkeys((*names, "amount"), 0),
            "scenario": dict.fromkeys((*names, "amount"), 0),
            "transitions": {a: dict.fromkeys(names, 0) for a in names},
            "rules": {},
        }
    for borrower in borrowers:
        sides = []
        for side in (baseline, scenario):
            scenario_of_row = attrs.evolve(side.levers.scenario, borrower=borrower)
            sides.append(evaluate(scenario_of_row, side.table, registry))
        before, after = sides
        for b, s in zip(before.features, after.features, strict=True):
            entry = out[b.feature.id]
            b_amount, s_amount = b.amount or 0, s.amount or 0
            entry["baseline"][b.status.value] += 1
            entry["baseline"]["amount"] += b_amount
            entry["scenario"][s.status.value] += 1
            entry["scenario"]["amount"] += s_amount
            entry["transitions"][b.status.value][s.status.value] += 1
            if worse((s.status, s_amount), (b.status, b_amount)):
                had = {r.rule.id for r in b.reasons}
                for rule_id in dict.fromkeys(r.rule.id for r in s.reasons):
                    if rule_id not in had:
                        entry["rules"][rule_id] = entry["rules"].get(rule_id, 0) + 1
    return out
