"""The floor under ``impact``: a hand-written Polars query for the benchmark's
comparison (:func:`portfolio_bench.sides`), with every threshold written in.

It computes only what any impact must: the six features' statuses on both sides of
every row and, per feature, the 3x3 transition counts. Nothing is checked (no typed
reading, no ``__bad``, no id summary), and nothing else is summed (no amounts, swap
sets, outcomes or rules). The rules are those of ``credit_whatif.domain.rules`` read
by hand, the numbers those of ``policies/default.toml`` (normal for the baseline,
tightened for the scenario); :func:`agrees` compares its counts with an impact
report's, so a floor that drifted from the rules is caught, not trusted.

A rank is 0 unavailable, 1 limited, 2 available, as in the kernel.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl

FEATURES = (
    "cash_withdrawal",
    "installment_purchase",
    "in_limit_spending",
    "repayment",
    "limit_inquiry",
    "limit_increase",
)


class Level(NamedTuple):
    """The numbers of one tightening level that decide a status."""

    withdrawal: int  # withdrawal_min_score
    cuts: tuple[tuple[int, int], ...]  # (score floor, limit kept %), deepest first
    installment: int
    spending: int
    increase: int
    current_borrowing: int
    current_spending: int
    freeze: int
    worst: int
    history: int  # max_overdue_count_24m
    share: int  # overdue_history_share_pct
    history_increase: int
    worst_increase: int
    checks: int
    inquiries: int
    failed: int
    utilisation: int
    withdrawal_cap: int | None  # None: no cap (10,000,000 is the largest limit)
    min_drawdown: int
    max_unsecured: int  # max_unsecured_limit_yuan
    income_share: int  # max_repayment_to_income_pct
    term: int  # repayment_term_months


NORMAL = Level(
    600, ((580, 30), (620, 50), (650, 70)), 520, 450, 700, 0, 0, 90, 60, 2, 50, 0, 0,
    10, 30, 4, 90, None, 100, 200_000, 50, 12,
)  # fmt: skip
TIGHTENED = Level(
    640, ((610, 25), (650, 40), (680, 60)), 560, 480, 730, 0, 0, 90, 30, 1, 40, 0, 0,
    8, 25, 3, 80, 20_000, 200, 200_000, 45, 12,
)  # fmt: skip


def ranks(p: Level, suspended: tuple[str, ...], payout_cap: int | None) -> list[pl.Expr]:
    """The six features' ranks on one side, one expression each (in FEATURES order):
    policy level `p`, the regions suspended, and the per-payout cap of a degraded
    disbursement (None: disbursement up). Every other system is up."""
    score, limit, owed = pl.col("score"), pl.col("credit_limit"), pl.col("outstanding")
    current, worst = pl.col("overdue_current_days"), pl.col("overdue_worst_days")
    count, checks = pl.col("overdue_count_24m"), pl.col("limit_checks_30d")
    failed, verified = pl.col("failed_attempts_7d"), pl.col("identity_verified")
    kept = pl.lit(100)
    for floor, pct in reversed(p.cuts):
        kept = pl.when(score < floor).then(pct).otherwise(kept)
    # The limit used: the score's cut, the regulatory maximum, and the debt a stated
    # income supports, whichever is lowest.
    income = pl.col("monthly_income")
    ceiling = income * p.income_share * p.term // 100
    over_income = (limit > ceiling).fill_null(False)
    usable = pl.min_horizontal(
        limit * kept // 100,
        pl.when(limit > p.max_unsecured).then(p.max_unsecured).otherwise(limit),
        pl.when(over_income).then(ceiling).otherwise(limit),
    )
    left = usable - owed  # below 0: over the (cut) limit
    # No line, over the limit, nothing left, less than the smallest payout, frozen,
    # unverified: every drawdown stops.
    line_stops = (left < p.min_drawdown) | (current >= p.freeze) | ~verified
    cut = usable < limit  # a limit cut or cap applies: limited
    suspended_here = pl.col("region").is_in(list(suspended)) if suspended else pl.lit(False)

    def rank(unavailable: pl.Expr, limited: pl.Expr | None) -> pl.Expr:
        then = pl.when(unavailable).then(pl.lit(0, pl.UInt8))
        if limited is not None:
            then = then.when(limited).then(pl.lit(1, pl.UInt8))
        return then.otherwise(pl.lit(2, pl.UInt8))

    history = count > p.history
    credit = pl.when(history).then(-((left * -p.share) // 100)).otherwise(left)
    caps = [c for c in (p.withdrawal_cap, payout_cap) if c is not None]
    withdrawal = rank(
        line_stops
        | suspended_here
        | (score < p.withdrawal)
        | (current > p.current_borrowing)
        | (worst > p.worst)
        | (checks > p.checks)
        | (failed > p.failed),
        cut | history | (credit > min(caps)) if caps else cut | history,
    )
    installment = rank(line_stops | (score < p.installment) | (current > p.current_borrowing), cut)
    spending = rank(line_stops | (score < p.spending) | (current > p.current_spending), cut)
    inquiry = pl.when(checks > p.inquiries).then(pl.lit(1, pl.UInt8)).otherwise(pl.lit(2, pl.UInt8))
    increase = rank(
        (limit < 1)
        | (owed > limit)
        | ~verified
        | suspended_here
        | (score < p.increase)
        | (current >= p.freeze)
        | (current > p.current_borrowing)
        | (count > p.history_increase)
        | (worst > p.worst_increase)
        | (owed * 100 > limit * p.utilisation)
        | (checks > p.checks)
        | (failed > p.failed)
        | (limit >= p.max_unsecured)
        | (limit >= ceiling).fill_null(False),
        None,
    )
    repayment = pl.lit(2, pl.UInt8)  # the payment network is up on both sides
    return [withdrawal, installment, spending, repayment, inquiry, increase]


def query(folder: Path) -> pl.LazyFrame:
    """One row: per feature and transition ``<feature>|<before><after>`` the count."""
    frame = pl.scan_parquet(sorted(folder.glob("*.parquet")))
    before = ranks(NORMAL, (), None)
    after = ranks(TIGHTENED, ("CN-GD", "CN-ZJ"), 5_000)
    codes = [
        (b * 3 + a).alias(f"__t{i}") for i, (b, a) in enumerate(zip(before, after, strict=True))
    ]
    sums = [
        (pl.col(f"__t{i}") == b * 3 + a).sum().cast(pl.Int64).alias(f"{fid}|{b}{a}")
        for i, fid in enumerate(FEATURES)
        for b in range(3)
        for a in range(3)
    ]
    return frame.select(codes).select(sums)


def counts(folder: Path) -> dict[str, int]:
    row = query(folder).collect(engine="streaming").row(0, named=True)
    return {k: int(v) for k, v in row.items()}


def agrees(floor: Mapping[str, int], report: Any) -> bool:
    """Whether the floor's transition counts are the impact report's."""
    from credit_whatif.domain import Status

    for fid in FEATURES:
        grid = report[fid].transitions
        for b in Status:
            for a in Status:
                if floor[f"{fid}|{b.rank}{a.rank}"] != grid[b][a]:
                    return False
    return True
