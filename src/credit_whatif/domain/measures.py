"""Measures: numbers the policy makes of something the borrower has stated.

A :class:`Measure` is an operand of a rule, like an input or a figure of the credit
line: one of the borrower's inputs times policy numbers, over a divisor (the most
debt a stated monthly income supports: income x share for repayments x months of
the term / 100). It is declared once and worked out by :meth:`Measure.compute` in
both evaluators: the scalar one passes numbers, the portfolio kernel Polars
expressions (``*`` and ``//`` mean the same in both). While the input is not stated
(None), neither is the measure, and a rule reading it does not fire.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs

from .inputs import Input, InputKind
from .policy import PolicyField


@attrs.frozen(eq=False)  # one object per measure: identity is equality
class Measure:
    id: str  # "borrower.income_debt_ceiling"
    kind: InputKind  # its unit
    input: Input
    fields: tuple[PolicyField, ...]
    divisor: int = 1

    def compute(self, value: Any, numbers: Sequence[Any]) -> Any:
        """The measure of `value` (the input) with `numbers` (the fields' values, in
        order); None when the input is not stated."""
        if value is None:
            return None
        # The numbers multiplied first: one product per borrower, not one per field.
        out = value * math.prod(numbers)
        return out // self.divisor if self.divisor != 1 else out

    @property
    def key(self) -> str:
        return self.id

    @property
    def formula(self) -> str:
        """'borrower.monthly_income * max_repayment_to_income_pct * ... / 100'."""
        parts = " * ".join([self.input.key, *(f.name for f in self.fields)])
        return f"{parts} / {self.divisor}" if self.divisor != 1 else parts

    @property
    def value_unit(self) -> str | None:
        return self.kind.value

    @property
    def margin_unit(self) -> str | None:
        return self.kind.value
