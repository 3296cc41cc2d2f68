"""Figures of the credit line, declared once for both evaluators.

A :class:`Figure` is worked out per feature that draws on the line, after any limit
reduction is known: its definition reads the :class:`Line` (the granted limit, the
balance, the limit after reductions, the available credit) through an :class:`Ops`.
The scalar evaluator passes numbers and :data:`SCALAR`; the portfolio kernel passes
Polars expressions and its own ``Ops``; so a figure is written once and means the
same in both (a property test compares them row by row). A rule compares a figure as
it compares an input (``rule(..., AVAILABLE_CREDIT, AT_MOST, cap)``), and the
counterfactual search moves the figure's ``levers`` to clear such a rule.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

import attrs

from .inputs import InputKind


class Line(NamedTuple):
    """The credit line as one feature sees it: numbers, or column expressions (a
    named tuple: the scalar fold makes one per feature, so it must be cheap)."""

    credit_limit: Any  # as granted
    outstanding: Any
    effective_limit: Any  # after the lowest binding reduction
    available: Any  # max(0, effective_limit - outstanding)


class Ops(Protocol):
    """The few operations a definition may use besides + - * // and comparisons
    (which numbers and Polars expressions share)."""

    def where(self, condition: Any, then: Any, otherwise: Any) -> Any: ...

    def smallest(self, *values: Any) -> Any: ...

    def largest(self, *values: Any) -> Any: ...


class _ScalarOps:
    def where(self, condition: Any, then: Any, otherwise: Any) -> Any:
        return then if condition else otherwise

    def smallest(self, *values: Any) -> Any:
        return min(values)

    def largest(self, *values: Any) -> Any:
        return max(values)


SCALAR: Ops = _ScalarOps()

Definition = Callable[[Line, Ops], Any]


@attrs.frozen(eq=False)  # one object per figure: identity is equality
class Figure:
    id: str  # "line.available_credit"
    kind: InputKind  # its unit
    define: Definition
    # The inputs a rule on it suggests changing (repaying, for available credit). The
    # lender raising the limit is not suggested for it, but when another rule already
    # makes the limit a lever, the values where this rule clears are tried too.
    levers: tuple[str, ...] = ()
    # The inputs its value moves with, besides a reduction of the limit (a rule
    # comparing another input with it has a threshold that stays put as that input moves).
    moves_with: tuple[str, ...] = ("borrower.credit_limit", "borrower.outstanding")
    read: Callable[[Any], Any] = attrs.field(init=False, repr=False)  # (line tuple) -> value

    def __attrs_post_init__(self) -> None:
        define = self.define
        field = getattr(define, "line_field", None)
        # The scalar fold passes the line as a plain tuple in Line's order (it makes one
        # for every feature on the line, and a tuple is the cheapest to make); a figure
        # that is one of the line's own numbers is read from it directly.
        if field:
            read: Callable[[Any], Any] = operator.itemgetter(Line._fields.index(field))
        else:
            make = Line._make
            read = lambda line: define(make(line), SCALAR)  # noqa: E731
        object.__setattr__(self, "read", read)

    @property
    def key(self) -> str:
        return self.id

    @property
    def value_unit(self) -> str | None:
        return self.kind.value if self.kind is not InputKind.SCORE else None

    @property
    def margin_unit(self) -> str | None:
        return self.kind.value


def line_field(name: str) -> Definition:
    """The definition of a figure that is one of the :class:`Line`'s own numbers."""

    def define(line: Line, _ops: Ops) -> Any:
        return getattr(line, name)

    define.line_field = name  # type: ignore[attr-defined]
    return define


EFFECTIVE_LIMIT = Figure(
    "line.effective_limit",
    InputKind.YUAN,
    line_field("effective_limit"),
    moves_with=("borrower.credit_limit",),
)
AVAILABLE_CREDIT = Figure(
    "line.available_credit",
    InputKind.YUAN,
    line_field("available"),
    levers=("borrower.outstanding",),
)


def _utilisation(line: Line, ops: Ops) -> Any:
    # Rounded up, so "at most 90%" means what it says; a line with no limit is full.
    used = -(line.outstanding * -100 // ops.largest(line.effective_limit, 1))
    return ops.where(line.effective_limit > 0, used, 100)


UTILISATION = Figure(
    "line.utilisation_pct",
    InputKind.PERCENT,
    _utilisation,
    levers=("borrower.outstanding",),
)

FIGURES: tuple[Figure, ...] = (EFFECTIVE_LIMIT, AVAILABLE_CREDIT, UTILISATION)
