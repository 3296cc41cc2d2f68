"""Shared by the portfolio tests: portfolios built from the scenario model, and the
same comparison worked out row by row with ``evaluate()``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import polars as pl

from credit_whatif.domain import REGISTRY, Borrower, Registry, Scenario, Status, evaluate
from credit_whatif.domain.evaluator import FeatureResult
from credit_whatif.domain.features import Base
from credit_whatif.domain.keypath import get_value, with_values
from credit_whatif.portfolio.columns import BAD, reading_for
from credit_whatif.portfolio.kernel import STATUSES, Levers, Side, row_outcomes
from credit_whatif.portfolio.schema import columns_for, frame_from_borrowers


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


Outcome = tuple[float, bool]  # (pd_12m, defaulted_12m) of a borrower


def shifted(borrower: Borrower, shifts: Sequence[tuple[str, int]]) -> Borrower:
    """The borrower under the stress of `shifts`, each number kept within its range."""
    for key, delta in shifts:
        declared = next(i for i in REGISTRY.columns if i.key == key)
        lo, hi = declared.range
        path = key.removeprefix("borrower.")
        stated = get_value(borrower, path)
        if stated is None:  # not stated: no stress moves it
            continue
        value = min(max(stated + delta, lo), hi)
        borrower = with_values(borrower, {path: value})
    return borrower


def _side_entry() -> dict[str, Any]:
    names = ("available", "limited", "unavailable")
    entry: dict[str, Any] = dict.fromkeys((*names, "usable", "amount", "exposure", "capped"), 0)
    entry.update(credit_blocked=None, defaulted_usable=None, bad_rate_usable=None)
    return entry


def _swap_entry(outcomes: bool) -> dict[str, Any]:
    zero = 0 if outcomes else None
    return {
        "borrowers": 0,
        "active": 0,
        "credit": 0,
        "defaulted": zero,
        "expected_defaults": 0.0 if outcomes else None,
        "bad_rate": None,
    }


def _rate(part: int | None, whole: int) -> float | None:
    return None if part is None or whole == 0 else round(part / whole, 6)


@attrs.frozen
class _Row:
    headroom: list[int]  # per side
    owed: list[int]  # per side
    active: bool
    pd: float | None
    defaulted: bool | None


def _count(entry: dict[str, Any], b: FeatureResult, s: FeatureResult, row: _Row) -> None:
    """One borrower's two outcomes of one feature, added to its entry."""
    for k, (name, result) in enumerate((("baseline", b), ("scenario", s))):
        figures = entry[name]
        figures[result.status.value] += 1
        figures["amount"] += result.amount or 0
        if result.status is Status.UNAVAILABLE:
            figures["exposure"] += row.owed[k]
            if figures["credit_blocked"] is not None:
                figures["credit_blocked"] += row.headroom[k]
        else:
            figures["usable"] += 1
            if row.defaulted:
                figures["defaulted_usable"] += 1
        if result.status is Status.LIMITED and result.payout_cap is not None:
            figures["capped"] += 1
    entry["transitions"][b.status.value][s.status.value] += 1
    usable = (b.status is not Status.UNAVAILABLE, s.status is not Status.UNAVAILABLE)
    swap = {(True, False): "out", (False, True): "in"}.get(usable)
    if swap is not None:
        moved = entry["swap"][swap]
        moved["borrowers"] += 1
        moved["active"] += row.active
        moved["credit"] += row.headroom[0 if swap == "out" else 1]
        if row.pd is not None:
            moved["defaulted"] += bool(row.defaulted)
            moved["expected_defaults"] += round(row.pd * 1_000_000)
    b_amount, s_amount = b.amount or 0, s.amount or 0
    if worse((s.status, s_amount), (b.status, b_amount)):
        had = {r.rule.id for r in b.reasons}
        for rule_id in dict.fromkeys(r.rule.id for r in s.reasons):
            if rule_id not in had:
                entry["rules"][rule_id] = entry["rules"].get(rule_id, 0) + 1


def expected_impact(
    borrowers: Sequence[Borrower],
    baseline: Side,
    scenario: Side,
    registry: Registry = REGISTRY,
    outcomes: Sequence[Outcome] | None = None,
) -> dict[str, Any]:
    """The ``features`` part of the impact JSON, from ``evaluate()`` on every row
    (the scenario's borrowers under its shifts)."""
    out: dict[str, Any] = {}
    names = ("available", "limited", "unavailable")
    known = outcomes is not None
    for feature in registry.features:
        out[feature.id] = {
            "baseline": _side_entry(),
            "scenario": _side_entry(),
            "transitions": {a: dict.fromkeys(names, 0) for a in names},
            "swap": {"out": _swap_entry(known), "in": _swap_entry(known)},
            "defaults_avoided": None,
            "goods_restricted": None,
            "rules": {},
        }
        for side in ("baseline", "scenario"):
            if feature.base is Base.AVAILABLE_CREDIT:
                out[feature.id][side]["credit_blocked"] = 0
            if known:
                out[feature.id][side]["defaulted_usable"] = 0
    for index, borrower in enumerate(borrowers):
        pd, defaulted = outcomes[index] if outcomes is not None else (0.0, False)
        stressed = shifted(borrower, scenario.shifts)
        sides = []
        for side, who in ((baseline, borrower), (scenario, stressed)):
            scenario_of_row = attrs.evolve(side.levers.scenario, borrower=who)
            sides.append(evaluate(scenario_of_row, side.table, registry))
        headroom = [max(b.credit_limit - b.outstanding, 0) for b in (borrower, stressed)]
        owed = [borrower.outstanding, stressed.outstanding]
        activity = borrower.activity
        active = activity.limit_checks_30d > 0 or activity.failed_attempts_7d > 0
        row = _Row(headroom, owed, active, pd if known else None, defaulted if known else None)
        before, after = sides
        for b, s in zip(before.features, after.features, strict=True):
            _count(out[b.feature.id], b, s, row)
    for entry in out.values():
        for side in ("baseline", "scenario"):
            figures = entry[side]
            figures["bad_rate_usable"] = _rate(figures["defaulted_usable"], figures["usable"])
        for moved in entry["swap"].values():
            moved["bad_rate"] = _rate(moved["defaulted"], moved["borrowers"])
            if known:
                moved["expected_defaults"] = round(moved["expected_defaults"] / 1_000_000, 6)
        if known:
            swap_out, swap_in = entry["swap"]["out"], entry["swap"]["in"]
            entry["defaults_avoided"] = swap_out["defaulted"] - swap_in["defaulted"]
            entry["goods_restricted"] = (swap_out["borrowers"] - swap_out["defaulted"]) - (
                swap_in["borrowers"] - swap_in["defaulted"]
            )
    return out
