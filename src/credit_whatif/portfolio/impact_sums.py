"""The per-row values an impact run sums, for both sides of every feature: the 3x3
transitions, the amounts, the figures of each side (credit blocked, exposure, capped,
defaulted among the usable), the swap sets and the rules that newly block. Each is a
named term; :mod:`.impact` sums them per chunk and reads the sums into a report.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

import attrs
import polars as pl

from ..domain.features import Base
from ..domain.inputs import OUTSTANDING
from ..domain.registry import Registry
from .kernel import AVAILABLE, LIMITED, UNAVAILABLE, FeatureTerms, Side
from .schema import DEFAULTED, PD, PPM
from .terms import Stages, Term, arith, both_and, either, is_expr, lit, negate, pick

ACTIVITY_GROUP = "borrower.activity"  # the inputs that say a borrower uses the line


Summed = tuple[str, Term]  # a named per-row value (true counts as 1), summed over rows
MONEY = "$"  # in the name of a sum of yuan (or parts per million), not of borrowers
SWAPS = ("out", "in")  # usable -> unavailable, unavailable -> usable


def _same(a: Term, b: Term) -> bool:
    if is_expr(a) and is_expr(b):
        return bool(a.meta.eq(b))
    return not is_expr(a) and not is_expr(b) and a == b


def cell(feature_id: str, before: int, after: int) -> str:
    return f"{feature_id}|{before}{after}"


def amount_column(feature_id: str, side: str) -> str:
    return f"{feature_id}|{MONEY}amount_{side}"


def side_column(feature_id: str, figure: str, side: str) -> str:
    """A per-side figure: ``blocked`` and ``exposure`` (yuan), ``capped`` and
    ``defaulted_usable`` (borrowers)."""
    money = MONEY if figure in ("blocked", "exposure") else ""
    return f"{feature_id}|{money}{figure}_{side}"


def swap_column(feature_id: str, swap: str, figure: str) -> str:
    """A figure of a swap set: ``active``, ``defaulted`` (borrowers), ``credit`` (yuan)
    and ``pd`` (parts per million)."""
    money = MONEY if figure in ("credit", "pd") else ""
    return f"{feature_id}|{swap}|{money}{figure}"


def rule_column(feature_id: str, rule_id: str) -> str:
    return f"{feature_id}|rule|{rule_id}"


def known_column(outcome: str) -> str:
    return f"known|{outcome}"


def _where(condition: Term, value: Term) -> Term:
    """`value` on the rows where `condition` holds, else 0."""
    if not is_expr(condition):
        return value if condition else 0
    return pick(condition, value, 0)


@attrs.frozen
class RowFacts:
    """What the figures read of a row besides the outcomes: each side's credit left
    on the line and balance, whether the borrower is active, and the outcome columns
    the book has (as terms: a column, or False/0 when absent)."""

    headroom: tuple[Term, Term]
    outstanding: tuple[Term, Term]
    active: Term
    defaulted: Term | None
    pd_ppm: Term | None


def feature_sums(b: FeatureTerms, s: FeatureTerms, facts: RowFacts, stages: Stages) -> list[Summed]:
    fid = b.feature.id
    out: list[Summed] = []
    unchanged = _same(b.rank, s.rank)
    if is_expr(b.rank) or is_expr(s.rank):
        code = stages.put((lit(b.rank) * 3 + lit(s.rank)).cast(pl.UInt8), "t")
    else:
        code = b.rank * 3 + s.rank
    for before in range(3):
        for after in range(3):
            if unchanged and before != after:
                count: Term = False
            else:
                count = code == before * 3 + after
            out.append((cell(fid, before, after), count))
    out.append((amount_column(fid, "b"), b.amount))
    out.append((amount_column(fid, "s"), s.amount))
    on_line = b.feature.base is Base.AVAILABLE_CREDIT
    for index, (side, terms) in enumerate((("b", b), ("s", s))):
        unavailable = arith(operator.eq, terms.rank, UNAVAILABLE)
        if on_line:
            out.append(
                (side_column(fid, "blocked", side), _where(unavailable, facts.headroom[index]))
            )
        out.append(
            (side_column(fid, "exposure", side), _where(unavailable, facts.outstanding[index]))
        )
        out.append((side_column(fid, "capped", side), terms.capped))
        if facts.defaulted is not None:
            usable = arith(operator.gt, terms.rank, UNAVAILABLE)
            out.append(
                (side_column(fid, "defaulted_usable", side), both_and(usable, facts.defaulted))
            )
    for swap, moved in zip(SWAPS, _swaps(b, s, code, unchanged, stages), strict=True):
        headroom = facts.headroom[0 if swap == "out" else 1]
        out.append((swap_column(fid, swap, "active"), both_and(moved, facts.active)))
        out.append((swap_column(fid, swap, "credit"), _where(moved, headroom)))
        if facts.defaulted is not None:
            out.append((swap_column(fid, swap, "defaulted"), both_and(moved, facts.defaulted)))
        if facts.pd_ppm is not None:
            out.append((swap_column(fid, swap, "pd"), _where(moved, facts.pd_ppm)))
    worse: Term = False
    if not (unchanged and _same(b.amount, s.amount)):
        lower = arith(operator.lt, s.rank, b.rank)
        same = arith(operator.eq, s.rank, b.rank)
        smaller = arith(operator.lt, s.amount, b.amount)
        worse = stages.put(either(lower, both_and(same, smaller)), "w")
    for rule_id, acting in s.acts.items():
        before_acts = b.acts[rule_id]
        newly: Term = False
        if not _same(acting, before_acts):
            newly = both_and(worse, acting, negate(before_acts))
        out.append((rule_column(fid, rule_id), newly))
    return out


def _swaps(
    b: FeatureTerms, s: FeatureTerms, code: Term, unchanged: bool, stages: Stages
) -> tuple[Term, Term]:
    """Swap-out (usable in the baseline, unavailable in the scenario) and swap-in,
    each a column (every figure of the swap set reads it)."""
    if unchanged:
        return False, False
    lost = [cell_code(before, UNAVAILABLE) for before in (LIMITED, AVAILABLE)]
    gained = [cell_code(UNAVAILABLE, after) for after in (LIMITED, AVAILABLE)]
    if not is_expr(code):
        return code in lost, code in gained
    out, into = (stages.put(either(*(code == c for c in codes)), "m") for codes in (lost, gained))
    return out, into


def cell_code(before: int, after: int) -> int:
    return before * 3 + after


def row_facts(
    registry: Registry, baseline: Side, scenario: Side, outcomes: Sequence[str], stages: Stages
) -> RowFacts:
    """The row facts of a book with the `outcomes` columns (see :class:`RowFacts`),
    each worked out once as a column of `stages` (every feature's figures read them)."""
    put = stages.put
    activity = [i for i in registry.columns if i.group == ACTIVITY_GROUP]
    active = put(either(*(baseline.column(i) > 0 for i in activity)), "v")
    defaulted = put(pl.col(DEFAULTED).fill_null(False), "v") if DEFAULTED in outcomes else None
    pd_ppm = put((pl.col(PD) * PPM).round().cast(pl.Int64), "v") if PD in outcomes else None
    return RowFacts(
        (put(baseline.headroom, "v"), put(scenario.headroom, "v")),
        (put(baseline.column(OUTSTANDING), "v"), put(scenario.column(OUTSTANDING), "v")),
        active,
        defaulted,
        pd_ppm,
    )
