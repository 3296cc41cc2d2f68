"""The rule registry: every rule of every layer, as small functions.

A rule function looks at a scenario and the thresholds of its tightening
level and returns ``(observed, threshold)``. The rule *fires* when the
observed value breaks its requirement (``comparator``). The decorator records
the rest: id, layer, the input key it reads, and its effect on each feature
it gates. Messages live in :mod:`credit_whatif.i18n`, numbers in
:mod:`.policy`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

import attrs

from .effects import LIMITED, UNAVAILABLE, Effect, cap_pct, cap_yuan
from .enums import Health, Layer, System, Tightening
from .features import FEATURES
from .policy import Thresholds
from .scenario import Scenario

Check = Callable[[Scenario, Thresholds], tuple[Any, Any]]


class Comparator(StrEnum):
    """What the observed value must satisfy against the threshold to pass."""

    AT_LEAST = ">="
    AT_MOST = "<="
    EQUAL = "=="
    NOT_EQUAL = "!="
    NOT_IN = "not in"

    def holds(self, observed: Any, threshold: Any) -> bool:
        return _PASSES[self](observed, threshold)


# Ranked enums order by rank, so the plain operators serve them too.
_PASSES: dict[Comparator, Callable[[Any, Any], bool]] = {
    Comparator.AT_LEAST: operator.ge,
    Comparator.AT_MOST: operator.le,
    Comparator.EQUAL: operator.eq,
    Comparator.NOT_EQUAL: operator.ne,
    Comparator.NOT_IN: lambda observed, threshold: observed not in threshold,
}


@attrs.frozen(eq=False)  # one object per rule: identity is equality
class Rule:
    id: str
    layer: Layer
    key: str  # dotted path of the input the rule reads
    comparator: Comparator
    gates: Mapping[str, Effect]  # feature id -> effect when the rule fires
    check: Check = attrs.field(repr=False)
    threshold_field: str | None = None  # the policy-table field it compares with
    passes: Callable[[Any, Any], bool] = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(lambda self: _PASSES[self.comparator], takes_self=True),
    )

    def fires(self, scenario: Scenario, thresholds: Thresholds) -> tuple[Any, Any] | None:
        """``(observed, threshold)`` if the rule fires, else None."""
        observed, threshold = self.check(scenario, thresholds)
        if self.passes(observed, threshold):
            return None
        return observed, threshold


RULES: list[Rule] = []


def rule(
    rule_id: str,
    *,
    key: str,
    comparator: Comparator,
    gates: Mapping[str, Effect],
    threshold_field: str | None = None,
) -> Callable[[Check], Check]:
    """Register a rule function under `rule_id`; its layer is the id's prefix."""

    def register(check: Check) -> Check:
        RULES.append(
            Rule(
                id=rule_id,
                layer=Layer(rule_id.split(".", 1)[0]),
                key=key,
                comparator=comparator,
                gates=dict(gates),
                check=check,
                threshold_field=threshold_field,
            )
        )
        return check

    return register


# --- System layer -----------------------------------------------------------
# Generated from the feature registry, so a system gates exactly the
# features that use it.


def _system_rules(system: System) -> None:
    users = [f for f in FEATURES if system in f.degraded]
    key = f"system.{system.value}"
    read = operator.attrgetter(f"system.{system.value}")
    down, degraded_ = Health.DOWN, Health.DEGRADED  # bound once: enum lookups are slow

    def health(s: Scenario, _t: Thresholds) -> tuple[Health, Health]:
        return read(s), down

    def degraded(s: Scenario, _t: Thresholds) -> tuple[Health, Health]:
        return read(s), degraded_

    rule(
        f"system.{system.value}_down",
        key=key,
        comparator=Comparator.NOT_EQUAL,
        gates={f.id: UNAVAILABLE for f in users},
    )(health)
    rule(
        f"system.{system.value}_degraded",
        key=key,
        comparator=Comparator.NOT_EQUAL,
        gates={f.id: f.degraded[system] for f in users},
    )(degraded)


for _system in System:
    _system_rules(_system)


# --- Policy layer -----------------------------------------------------------


@rule(
    "policy.region_suspended",
    key="borrower.region",
    comparator=Comparator.NOT_IN,
    gates={"cash_withdrawal": UNAVAILABLE, "limit_increase": UNAVAILABLE},
)
def region_suspended(s: Scenario, _t: Thresholds) -> tuple[str, tuple[str, ...]]:
    return s.borrower.region, s.policy.suspended_regions


@rule(
    "policy.identity_unverified",
    key="borrower.identity_verified",
    comparator=Comparator.EQUAL,
    gates={"cash_withdrawal": UNAVAILABLE, "limit_increase": UNAVAILABLE},
)
def identity_unverified(s: Scenario, _t: Thresholds) -> tuple[bool, bool]:
    return s.borrower.identity_verified, True


@rule(
    "policy.withdrawal_cap",
    key="policy.tightening",
    comparator=Comparator.AT_MOST,
    gates={"cash_withdrawal": cap_yuan("policy_withdrawal_cap_yuan")},
    threshold_field="policy_withdrawal_cap_yuan",
)
def withdrawal_cap(s: Scenario, _t: Thresholds) -> tuple[Tightening, Tightening]:
    return s.policy.tightening, Tightening.NORMAL


@rule(
    "policy.limit_increase_paused",
    key="policy.tightening",
    comparator=Comparator.AT_MOST,
    gates={"limit_increase": UNAVAILABLE},
)
def limit_increase_paused(s: Scenario, _t: Thresholds) -> tuple[Tightening, Tightening]:
    return s.policy.tightening, Tightening.TIGHTENED


# --- Credit layer -----------------------------------------------------------


@rule(
    "credit.limit_exhausted",
    key="borrower.outstanding",
    comparator=Comparator.AT_MOST,
    gates={
        "cash_withdrawal": UNAVAILABLE,
        "installment_purchase": UNAVAILABLE,
        "in_limit_spending": UNAVAILABLE,
    },
)
def limit_exhausted(s: Scenario, _t: Thresholds) -> tuple[int, int]:
    return s.borrower.outstanding, s.borrower.credit_limit - 1


@rule(
    "credit.min_score",
    key="borrower.score",
    comparator=Comparator.AT_LEAST,
    gates={"cash_withdrawal": UNAVAILABLE},
    threshold_field="withdrawal_min_score",
)
def min_score(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.score, t.withdrawal_min_score


@rule(
    "credit.score_reduced_limit",
    key="borrower.score",
    comparator=Comparator.AT_LEAST,
    gates={
        "cash_withdrawal": cap_pct("reduced_limit_pct"),
        "installment_purchase": cap_pct("reduced_limit_pct"),
        "in_limit_spending": cap_pct("reduced_limit_pct"),
    },
    threshold_field="full_limit_min_score",
)
def score_reduced_limit(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.score, t.full_limit_min_score


@rule(
    "credit.installment_min_score",
    key="borrower.score",
    comparator=Comparator.AT_LEAST,
    gates={"installment_purchase": UNAVAILABLE},
    threshold_field="installment_min_score",
)
def installment_min_score(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.score, t.installment_min_score


@rule(
    "credit.spending_min_score",
    key="borrower.score",
    comparator=Comparator.AT_LEAST,
    gates={"in_limit_spending": UNAVAILABLE},
    threshold_field="spending_min_score",
)
def spending_min_score(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.score, t.spending_min_score


@rule(
    "credit.limit_increase_min_score",
    key="borrower.score",
    comparator=Comparator.AT_LEAST,
    gates={"limit_increase": UNAVAILABLE},
    threshold_field="limit_increase_min_score",
)
def limit_increase_min_score(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.score, t.limit_increase_min_score


@rule(
    "credit.current_overdue",
    key="borrower.overdue.current_days",
    comparator=Comparator.AT_MOST,
    gates={
        "cash_withdrawal": UNAVAILABLE,
        "installment_purchase": UNAVAILABLE,
        "limit_increase": UNAVAILABLE,
    },
    threshold_field="max_current_days_borrowing",
)
def current_overdue(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.overdue.current_days, t.max_current_days_borrowing


@rule(
    "credit.current_overdue_severe",
    key="borrower.overdue.current_days",
    comparator=Comparator.AT_MOST,
    gates={"in_limit_spending": UNAVAILABLE},
    threshold_field="max_current_days_spending",
)
def current_overdue_severe(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.overdue.current_days, t.max_current_days_spending


@rule(
    "credit.past_overdue_count",
    key="borrower.overdue.count_24m",
    comparator=Comparator.AT_MOST,
    gates={"cash_withdrawal": cap_pct("overdue_history_cap_pct")},
    threshold_field="max_overdue_count_24m",
)
def past_overdue_count(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.overdue.count_24m, t.max_overdue_count_24m


@rule(
    "credit.past_overdue_severity",
    key="borrower.overdue.worst_days",
    comparator=Comparator.AT_MOST,
    gates={"cash_withdrawal": UNAVAILABLE},
    threshold_field="max_worst_days_24m",
)
def past_overdue_severity(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.overdue.worst_days, t.max_worst_days_24m


@rule(
    "credit.limit_increase_clean_history",
    key="borrower.overdue.count_24m",
    comparator=Comparator.AT_MOST,
    gates={"limit_increase": UNAVAILABLE},
    threshold_field="max_overdue_count_for_increase",
)
def limit_increase_clean_history(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.overdue.count_24m, t.max_overdue_count_for_increase


@rule(
    "credit.frequent_limit_checks",
    key="borrower.activity.limit_checks_30d",
    comparator=Comparator.AT_MOST,
    gates={"cash_withdrawal": UNAVAILABLE, "limit_increase": UNAVAILABLE},
    threshold_field="max_limit_checks_30d",
)
def frequent_limit_checks(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.activity.limit_checks_30d, t.max_limit_checks_30d


@rule(
    "credit.inquiry_rate_limit",
    key="borrower.activity.limit_checks_30d",
    comparator=Comparator.AT_MOST,
    gates={"limit_inquiry": LIMITED},
    threshold_field="max_inquiries_30d",
)
def inquiry_rate_limit(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.activity.limit_checks_30d, t.max_inquiries_30d


@rule(
    "credit.failed_attempts",
    key="borrower.activity.failed_attempts_7d",
    comparator=Comparator.AT_MOST,
    gates={"cash_withdrawal": UNAVAILABLE, "limit_increase": UNAVAILABLE},
    threshold_field="max_failed_attempts_7d",
)
def failed_attempts(s: Scenario, t: Thresholds) -> tuple[int, int]:
    return s.borrower.activity.failed_attempts_7d, t.max_failed_attempts_7d


# Reasons are listed system, policy, credit; registry order within a layer.
RULES.sort(key=lambda r: r.layer.rank)
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
