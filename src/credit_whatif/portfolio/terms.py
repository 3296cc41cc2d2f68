"""Terms of the columnar kernel: a Polars expression, or a Python constant for the
whole run. Constants fold as they are combined (a rule on the systems becomes ``True``
or ``False`` before Polars sees it), expressions stay lazy; and :class:`Stages` names
each repeated sub-expression once as a column, whichever side or feature asks for it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import polars as pl

from ..domain.rule_model import PASSES, Comparator

Term = Any  # a pl.Expr, or a Python constant for the whole run


class KernelError(ValueError):
    """A rule the columnar kernel cannot express (an input that is no column or lever)."""


# --- Terms: constants fold, expressions stay lazy ------------------------------------


def is_expr(term: Term) -> bool:
    return isinstance(term, pl.Expr)


def lit(term: Term) -> pl.Expr:
    return term if is_expr(term) else pl.lit(term)


def _distinct(exprs: list[pl.Expr]) -> list[pl.Expr]:
    out: list[pl.Expr] = []
    for expr in exprs:
        if not any(expr.meta.eq(seen) for seen in out):
            out.append(expr)
    return out


def both_and(*terms: Term) -> Term:
    exprs = []
    for term in terms:
        if is_expr(term):
            exprs.append(term)
        elif not term:
            return False
    exprs = _distinct(exprs)
    if not exprs:
        return True
    return exprs[0] if len(exprs) == 1 else pl.all_horizontal(exprs)


def either(*terms: Term) -> Term:
    exprs = []
    for term in terms:
        if is_expr(term):
            exprs.append(term)
        elif term:
            return True
    exprs = _distinct(exprs)
    if not exprs:
        return False
    return exprs[0] if len(exprs) == 1 else pl.any_horizontal(exprs)


def negate(term: Term) -> Term:
    return ~term if is_expr(term) else not term


def smallest(*terms: Term) -> Term:
    constants = [t for t in terms if not is_expr(t)]
    exprs = _distinct([t for t in terms if is_expr(t)])
    if not exprs:
        return min(constants)
    if constants:
        exprs.append(pl.lit(min(constants)))
    return exprs[0] if len(exprs) == 1 else pl.min_horizontal(exprs)


def pick(condition: Term, then: Term, otherwise: Term) -> Term:
    if not is_expr(condition):
        return then if condition else otherwise
    return pl.when(condition).then(lit(then)).otherwise(lit(otherwise))


def arith(op: Callable[[Any, Any], Any], a: Term, b: Term) -> Term:
    if not is_expr(a) and not is_expr(b):
        return op(a, b)
    return op(lit(a), lit(b))


class _PolarsOps:
    """The operations a figure's definition may use, over terms."""

    def where(self, condition: Term, then: Term, otherwise: Term) -> Term:
        return pick(condition, then, otherwise)

    def smallest(self, *values: Term) -> Term:
        return smallest(*values)

    def largest(self, *values: Term) -> Term:
        constants = [t for t in values if not is_expr(t)]
        exprs = _distinct([t for t in values if is_expr(t)])
        if not exprs:
            return max(constants)
        if constants:
            exprs.append(pl.lit(max(constants)))
        return exprs[0] if len(exprs) == 1 else pl.max_horizontal(exprs)


POLARS_OPS = _PolarsOps()


# A requirement that does not hold, as one comparison (values are never null here).
_FAILS: dict[Comparator, Callable[[Any, Any], Any]] = {
    Comparator.AT_LEAST: operator.lt,
    Comparator.AT_MOST: operator.gt,
    Comparator.BELOW: operator.ge,
    Comparator.EQUAL: operator.ne,
    Comparator.NOT_EQUAL: operator.eq,
}


def fails(comparator: Comparator, observed: Term, threshold: Term) -> Term:
    """The requirement does not hold: the rule fires."""
    if not is_expr(observed) and not is_expr(threshold):
        return not PASSES[comparator](observed, threshold)
    if comparator is Comparator.NOT_IN:
        if is_expr(threshold):
            raise KernelError("'not in' needs a fixed set to look in, not a column")
        values = list(threshold)
        return lit(observed).is_in(values) if values else False
    return _FAILS[comparator](lit(observed), lit(threshold))


# --- Stages: named columns computed once ---------------------------------------------


class Stages:
    """Named columns computed once: the same expression is one column, whichever
    side or feature asks for it. A column goes in the first ``with_columns`` stage
    after every column it reads."""

    def __init__(self) -> None:
        self.stages: list[dict[str, pl.Expr]] = []
        self._names: dict[bytes, str] = {}
        self._stage_of: dict[str, int] = {}

    def put(self, term: Term, hint: str = "k") -> Term:
        if not is_expr(term) or term.meta.is_column():
            return term
        key = term.meta.serialize()
        name = self._names.get(key)
        if name is None:
            reads = [self._stage_of[n] for n in term.meta.root_names() if n in self._stage_of]
            stage = 1 + max(reads) if reads else 0
            name = f"__{hint}{len(self._names)}"
            self._names[key] = name
            self._stage_of[name] = stage
            while len(self.stages) <= stage:
                self.stages.append({})
            self.stages[stage][name] = term
        return pl.col(name)

    def apply(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        for stage in self.stages:
            frame = frame.with_columns(**stage)
        return frame

    @property
    def columns(self) -> list[str]:
        return [name for stage in self.stages for name in stage]
