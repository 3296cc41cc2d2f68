"""The rule registry, declared as data.

Each rule says what it reads (an input of :mod:`.inputs` or a figure of the credit
line of :mod:`.figures`), what that must satisfy (a comparator and a threshold: a
policy field, a constant, another input or a figure), and its effect on every
feature it gates (:mod:`.effects`). Nothing else about a rule is written anywhere:
the scalar evaluator, the single-feature fast path, the counterfactual search, the
sweeps, the rule table and the columnar portfolio kernel are all derived from these
declarations.

A rule *fires* when its input does not satisfy its requirement. The system rules
are generated from the feature registry, so a system gates exactly the features
that use it. Messages live in :mod:`.catalogue`; numbers in the policy files.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

import attrs

from . import inputs as i
from .effects import LIMITED, UNAVAILABLE, Effect, payout_cap, reduced_limit, share_of_available
from .enums import Health, Layer, System
from .features import FEATURES, Feature
from .figures import AVAILABLE_CREDIT, EFFECTIVE_LIMIT, UTILISATION, Figure
from .inputs import Input
from .policy import FieldKind, PolicyField, floor, maximum, minimum, switch


@attrs.frozen
class Const:
    """A fixed value."""

    value: Any


Operand = Input | Const | PolicyField | Figure


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
    check: Check = attrs.field(init=False, repr=False)
    passes: Callable[[Any, Any], bool] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "check", compile_check(self.input, self.threshold))
        object.__setattr__(self, "passes", PASSES[self.comparator])

    @property
    def layer(self) -> Layer:
        return Layer(self.id.split(".", 1)[0])

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
        return tuple(op for op in (self.input, self.threshold) if isinstance(op, Input))

    @property
    def fields(self) -> tuple[PolicyField, ...]:
        """Every policy field the rule uses: its input, its threshold, its effects'."""
        found = [op for op in (self.input, self.threshold) if isinstance(op, PolicyField)]
        found += [e.field for e in self.gates.values() if e.field is not None]
        return tuple(dict.fromkeys(found))


def rule(
    rule_id: str,
    input: Operand,
    comparator: Comparator,
    threshold: Operand,
    gates: Mapping[str, Effect],
    unless: Iterable[str] = (),
) -> Rule:
    return Rule(rule_id, input, comparator, threshold, dict(gates), frozenset[str](unless))


def _all(features: Iterable[str], effect: Effect) -> dict[str, Effect]:
    return dict.fromkeys(features, effect)


# --- System layer: generated from the feature registry ------------------------------


def system_rules(features: Sequence[Feature]) -> list[Rule]:
    """Two rules per system: down (unavailable, or a user's own stand-in effect) and
    degraded (each user's own effect)."""
    rules = []
    for system in System:
        users = [f for f in features if system in f.degraded]
        key = _SYSTEM_INPUTS[system]
        rules.append(
            rule(
                f"system.{system.value}_down",
                key,
                Comparator.NOT_EQUAL,
                Const(Health.DOWN),
                {f.id: f.down.get(system, UNAVAILABLE) for f in users},
            )
        )
        rules.append(
            rule(
                f"system.{system.value}_degraded",
                key,
                Comparator.NOT_EQUAL,
                Const(Health.DEGRADED),
                {f.id: f.degraded[system] for f in users},
            )
        )
    return rules


# --- Policy and credit layers --------------------------------------------------------

_SYSTEM_INPUTS: dict[System, Input] = {
    System.DISBURSEMENT: i.DISBURSEMENT,
    System.RISK_ENGINE: i.RISK_ENGINE,
    System.PAYMENT_NETWORK: i.PAYMENT_NETWORK,
    System.ACCOUNT_SERVICE: i.ACCOUNT_SERVICE,
}
WITHDRAWAL_CAP = maximum("withdrawal_cap_yuan", FieldKind.YUAN)


def declared_rules(features: Sequence[Feature] = FEATURES) -> tuple[Rule, ...]:
    """The policy and credit rules. The rules of the credit line itself (no line, over
    the limit, nothing left, the score's reduced limit) gate every feature that draws on
    the line, so a new feature of that kind is covered without a new rule."""
    drawdowns = tuple(f.id for f in features if f.draws_credit)
    return _declared(drawdowns)


def _declared(drawdowns: tuple[str, ...]) -> tuple[Rule, ...]:
    return (
        rule(
            "policy.region_suspended",
            i.REGION,
            Comparator.NOT_IN,
            i.SUSPENDED_REGIONS,
            _all(("cash_withdrawal", "limit_increase"), UNAVAILABLE),
        ),
        # Real-name rules: no new credit of any kind until identity is verified.
        rule(
            "policy.identity_unverified",
            i.IDENTITY_VERIFIED,
            Comparator.EQUAL,
            Const(True),
            _all((*drawdowns, "limit_increase"), UNAVAILABLE),
        ),
        rule(
            "policy.limit_increases_closed",
            switch("limit_increases_open"),
            Comparator.EQUAL,
            Const(True),
            {"limit_increase": UNAVAILABLE},
        ),
        # Fires only where the cap is below what is available: a cap that does not
        # lower the amount does not limit anything.
        rule(
            "policy.withdrawal_cap",
            AVAILABLE_CREDIT,
            Comparator.AT_MOST,
            WITHDRAWAL_CAP,
            {"cash_withdrawal": payout_cap(WITHDRAWAL_CAP.name)},
        ),
        rule(
            "credit.no_credit_line",
            i.CREDIT_LIMIT,
            Comparator.AT_LEAST,
            Const(1),
            _all((*drawdowns, "limit_increase"), UNAVAILABLE),
        ),
        rule(
            "credit.over_limit",
            i.OUTSTANDING,
            Comparator.AT_MOST,
            i.CREDIT_LIMIT,
            # No increase either: the limit was just cut below the balance.
            _all((*drawdowns, "limit_increase"), UNAVAILABLE),
            unless=("credit.no_credit_line",),
        ),
        rule(
            "credit.no_available_credit",
            i.OUTSTANDING,
            Comparator.BELOW,
            EFFECTIVE_LIMIT,
            _all(drawdowns, UNAVAILABLE),
            unless=("credit.no_credit_line", "credit.over_limit"),
        ),
        # What is left is less than the smallest payout the product makes.
        rule(
            "credit.below_minimum_drawdown",
            AVAILABLE_CREDIT,
            Comparator.AT_LEAST,
            minimum("min_drawdown_yuan", FieldKind.YUAN),
            _all(drawdowns, UNAVAILABLE),
            unless=("credit.no_credit_line", "credit.over_limit", "credit.no_available_credit"),
        ),
        rule(
            "credit.min_score",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("withdrawal_min_score"),
            {"cash_withdrawal": UNAVAILABLE},
        ),
        rule(
            "credit.score_reduced_limit",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("full_limit_min_score"),
            _all(drawdowns, reduced_limit("reduced_limit_pct")),
        ),
        rule(
            "credit.installment_min_score",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("installment_min_score"),
            {"installment_purchase": UNAVAILABLE},
        ),
        rule(
            "credit.spending_min_score",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("spending_min_score"),
            {"in_limit_spending": UNAVAILABLE},
        ),
        rule(
            "credit.limit_increase_min_score",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("limit_increase_min_score"),
            {"limit_increase": UNAVAILABLE},
        ),
        rule(
            "credit.current_overdue",
            i.CURRENT_DAYS,
            Comparator.AT_MOST,
            maximum("max_current_days_borrowing", FieldKind.DAYS),
            _all(("cash_withdrawal", "installment_purchase", "limit_increase"), UNAVAILABLE),
        ),
        rule(
            "credit.current_overdue_spending",
            i.CURRENT_DAYS,
            Comparator.AT_MOST,
            maximum("max_current_days_spending", FieldKind.DAYS),
            {"in_limit_spending": UNAVAILABLE},
        ),
        rule(
            "credit.past_overdue_count",
            i.OVERDUE_COUNT,
            Comparator.AT_MOST,
            maximum("max_overdue_count_24m", FieldKind.COUNT),
            {"cash_withdrawal": share_of_available("overdue_history_share_pct")},
        ),
        rule(
            "credit.past_overdue_severity",
            i.WORST_DAYS,
            Comparator.AT_MOST,
            maximum("max_worst_days_24m", FieldKind.DAYS),
            {"cash_withdrawal": UNAVAILABLE},
        ),
        rule(
            "credit.limit_increase_clean_history",
            i.OVERDUE_COUNT,
            Comparator.AT_MOST,
            maximum("max_overdue_count_for_increase", FieldKind.COUNT),
            {"limit_increase": UNAVAILABLE},
        ),
        rule(
            "credit.limit_increase_severity",
            i.WORST_DAYS,
            Comparator.AT_MOST,
            maximum("max_worst_days_for_increase", FieldKind.DAYS),
            {"limit_increase": UNAVAILABLE},
        ),
        rule(
            "credit.limit_increase_utilisation",
            UTILISATION,
            Comparator.AT_MOST,
            maximum("max_utilisation_for_increase_pct", FieldKind.PERCENT),
            {"limit_increase": UNAVAILABLE},
            unless=("credit.no_credit_line", "credit.over_limit"),
        ),
        rule(
            "credit.frequent_limit_checks",
            i.LIMIT_CHECKS,
            Comparator.AT_MOST,
            maximum("max_limit_checks_30d", FieldKind.COUNT),
            _all(("cash_withdrawal", "limit_increase"), UNAVAILABLE),
        ),
        rule(
            "credit.inquiry_rate_limit",
            i.LIMIT_CHECKS,
            Comparator.AT_MOST,
            maximum("max_inquiries_30d", FieldKind.COUNT),
            {"limit_inquiry": LIMITED},
        ),
        rule(
            "credit.failed_attempts",
            i.FAILED_ATTEMPTS,
            Comparator.AT_MOST,
            maximum("max_failed_attempts_7d", FieldKind.COUNT),
            _all(("cash_withdrawal", "limit_increase"), UNAVAILABLE),
        ),
    )


def default_rules(features: Sequence[Feature] = FEATURES) -> tuple[Rule, ...]:
    """System rules for `features`, then the declared policy and credit rules."""
    return (*system_rules(features), *declared_rules(features))
