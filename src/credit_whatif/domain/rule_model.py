"""What a rule is: what it reads, the comparator and threshold it must satisfy, its
effect on each feature it gates, and what it means for the account and for the one
notice the customer sees. The rules themselves are declared in :mod:`.rules`.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any

import attrs

from .effects import Effect
from .enums import AccountState, Layer, NoticeTopic
from .figures import Figure
from .inputs import Input
from .measures import Measure
from .policy import PolicyField


@attrs.frozen
class Const:
    """A fixed value."""

    value: Any


Operand = Input | Const | PolicyField | Figure | Measure


class Comparator(StrEnum):
    """What the observed value must satisfy against the threshold to pass."""

    AT_LEAST = ">="
    AT_MOST = "<="
    BELOW = "<"
    EQUAL = "=="
    NOT_EQUAL = "!="
    NOT_IN = "not in"


# Ranked enums order by rank, so the plain operators serve them too.
PASSES: dict[Comparator, Callable[[Any, Any], bool]] = {
    Comparator.AT_LEAST: operator.ge,
    Comparator.AT_MOST: operator.le,
    Comparator.BELOW: operator.lt,
    Comparator.EQUAL: operator.eq,
    Comparator.NOT_EQUAL: operator.ne,
    Comparator.NOT_IN: lambda observed, threshold: observed not in threshold,
}

Check = Callable[[Any, Mapping[str, Any], Any], tuple[Any, Any]]


def operand_key(operand: Operand) -> str:
    """A readable name for an operand: its key path, policy field or figure id."""
    if isinstance(operand, (Input, Figure)):
        return operand.key
    if isinstance(operand, PolicyField):
        return f"policy:{operand.name}"
    if isinstance(operand, Measure):
        return operand.key
    return repr(operand.value)


def _reader(operand: Operand) -> Callable[[Any, Mapping[str, Any], Any], Any]:
    if isinstance(operand, Input):
        get = operator.attrgetter(operand.key)
        return lambda s, _t, _line: get(s)
    if isinstance(operand, PolicyField):
        name = operand.name
        return lambda _s, t, _line: t[name]
    if isinstance(operand, Figure):
        read = operand.read
        return lambda _s, _t, line: read(line)
    if isinstance(operand, Measure):
        measure, get = operand, operator.attrgetter(operand.input.key)
        names = [f.name for f in operand.fields]
        return lambda s, t, _line: measure.compute(get(s), [t[n] for n in names])
    value = operand.value
    return lambda _s, _t, _line: value


def compile_check(input_: Operand, threshold: Operand) -> Check:
    """One closure returning ``(observed, threshold)``; the common pairs are
    specialised so a check is a single call."""
    if isinstance(input_, Input) and isinstance(threshold, PolicyField):
        get, name = operator.attrgetter(input_.key), threshold.name
        return lambda s, t, _line: (get(s), t[name])
    if isinstance(input_, Input) and isinstance(threshold, Const):
        get, value = operator.attrgetter(input_.key), threshold.value
        return lambda s, _t, _line: (get(s), value)
    if isinstance(input_, Input) and isinstance(threshold, Input):
        get, get_threshold = operator.attrgetter(input_.key), operator.attrgetter(threshold.key)
        return lambda s, _t, _line: (get(s), get_threshold(s))
    if isinstance(input_, Input) and isinstance(threshold, Figure):
        get, read = operator.attrgetter(input_.key), threshold.read
        return lambda s, _t, line: (get(s), read(line))
    if isinstance(input_, Figure) and isinstance(threshold, PolicyField):
        read, name = input_.read, threshold.name
        return lambda _s, t, line: (read(line), t[name])
    observed, limit = _reader(input_), _reader(threshold)
    return lambda s, t, line: (observed(s, t, line), limit(s, t, line))


@attrs.frozen(eq=False)  # one object per rule: identity is equality
class Rule:
    id: str
    input: Operand
    comparator: Comparator
    threshold: Operand
    gates: Mapping[str, Effect]  # feature id -> effect when the rule fires
    unless: frozenset[str] = attrs.field(default=frozenset())
    """Rules that, when they fire for the same feature, say the same thing better
    (a line with no limit is not also 'used up')."""
    state: AccountState | None = None
    """What the account is while the rule fires (frozen, closed), if it says."""
    topic: NoticeTopic | None = None
    """What its customer notice is about, where that is not its layer."""
    check: Check = attrs.field(init=False, repr=False)
    passes: Callable[[Any, Any], bool] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "check", compile_check(self.input, self.threshold))
        passes = PASSES[self.comparator]
        if self.reads_optional:
            compare = passes

            def passes(observed: Any, threshold: Any) -> bool:
                # What the borrower has not stated cannot hold anything back.
                return observed is None or threshold is None or compare(observed, threshold)

        object.__setattr__(self, "passes", passes)

    @property
    def layer(self) -> Layer:
        return Layer(self.id.split(".", 1)[0])

    @property
    def notice_topic(self) -> NoticeTopic:
        """Its place in the order notices are chosen (account state first)."""
        if self.state is not None:
            return NoticeTopic.ACCOUNT
        return self.topic if self.topic is not None else NoticeTopic(self.layer.value)

    @property
    def key(self) -> str:
        """What the rule reads, as a key path (or policy field, or figure id)."""
        return operand_key(self.input)

    @property
    def threshold_field(self) -> PolicyField | None:
        return self.threshold if isinstance(self.threshold, PolicyField) else None

    @functools.cached_property
    def figures(self) -> tuple[Figure, ...]:
        """The figures of the credit line it reads (then it is checked per feature,
        once the line is known)."""
        return tuple(op for op in (self.input, self.threshold) if isinstance(op, Figure))

    @property
    def reads_line(self) -> bool:
        return bool(self.figures)

    @property
    def inputs(self) -> tuple[Input, ...]:
        """The inputs it reads, a measure's too."""
        found = []
        for op in (self.input, self.threshold):
            if isinstance(op, Input):
                found.append(op)
            elif isinstance(op, Measure):
                found.append(op.input)
        return tuple(found)

    @property
    def reads_optional(self) -> bool:
        """Whether it reads something the borrower may not have stated (then it does
        not fire while that is missing)."""
        return any(i.optional for i in self.inputs)

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(op for op in (self.input, self.threshold) if isinstance(op, Measure))

    @property
    def measures_fields(self) -> tuple[PolicyField, ...]:
        """The policy fields its measures are made of."""
        return tuple(f for m in self.measures for f in m.fields)

    @property
    def fields(self) -> tuple[PolicyField, ...]:
        """Every policy field the rule uses: its input, its threshold, a measure's, its
        effects'."""
        found = [op for op in (self.input, self.threshold) if isinstance(op, PolicyField)]
        found += self.measures_fields
        found += [e.field for e in self.gates.values() if e.field is not None]
        return tuple(dict.fromkeys(found))


def rule(
    rule_id: str,
    input: Operand,
    comparator: Comparator,
    threshold: Operand,
    gates: Mapping[str, Effect],
    unless: Iterable[str] = (),
    state: AccountState | None = None,
    topic: NoticeTopic | None = None,
) -> Rule:
    return Rule(
        rule_id, input, comparator, threshold, dict(gates), frozenset[str](unless), state, topic
    )
