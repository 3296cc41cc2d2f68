"""The policy table: every threshold and cap, per tightening level.

This is the one place numbers live. Tighter levels never loosen a threshold
(a property test checks the evaluator is monotone in the level).
"""

from __future__ import annotations

import attrs

from .enums import Tightening


@attrs.frozen
class Thresholds:
    # Credit score floors (a score below the floor triggers the rule).
    withdrawal_min_score: int
    full_limit_min_score: int
    installment_min_score: int
    spending_min_score: int
    limit_increase_min_score: int
    # Overdue history.
    max_current_days_borrowing: int
    max_current_days_spending: int
    max_overdue_count_24m: int
    max_worst_days_24m: int
    max_overdue_count_for_increase: int
    # Activity that risk control watches.
    max_limit_checks_30d: int
    max_inquiries_30d: int
    max_failed_attempts_7d: int
    # Caps, as a percentage of available credit or in whole yuan.
    reduced_limit_pct: int
    overdue_history_cap_pct: int
    policy_withdrawal_cap_yuan: int | None
    degraded_disbursement_cap_yuan: int
    degraded_payment_cap_yuan: int
    degraded_risk_installment_cap_yuan: int
    degraded_account_cap_pct: int


_SYSTEM_CAPS = {
    "degraded_disbursement_cap_yuan": 5_000,
    "degraded_payment_cap_yuan": 2_000,
    "degraded_risk_installment_cap_yuan": 3_000,
    "degraded_account_cap_pct": 50,
}

POLICY_TABLE: dict[Tightening, Thresholds] = {
    Tightening.NORMAL: Thresholds(
        withdrawal_min_score=600,
        full_limit_min_score=650,
        installment_min_score=520,
        spending_min_score=450,
        limit_increase_min_score=700,
        max_current_days_borrowing=0,
        max_current_days_spending=30,
        max_overdue_count_24m=2,
        max_worst_days_24m=60,
        max_overdue_count_for_increase=0,
        max_limit_checks_30d=10,
        max_inquiries_30d=30,
        max_failed_attempts_7d=4,
        reduced_limit_pct=50,
        overdue_history_cap_pct=50,
        policy_withdrawal_cap_yuan=None,
        **_SYSTEM_CAPS,
    ),
    Tightening.TIGHTENED: Thresholds(
        withdrawal_min_score=640,
        full_limit_min_score=680,
        installment_min_score=560,
        spending_min_score=480,
        limit_increase_min_score=730,
        max_current_days_borrowing=0,
        max_current_days_spending=15,
        max_overdue_count_24m=1,
        max_worst_days_24m=30,
        max_overdue_count_for_increase=0,
        max_limit_checks_30d=8,
        max_inquiries_30d=25,
        max_failed_attempts_7d=3,
        reduced_limit_pct=40,
        overdue_history_cap_pct=40,
        policy_withdrawal_cap_yuan=20_000,
        **_SYSTEM_CAPS,
    ),
    Tightening.STRICT: Thresholds(
        withdrawal_min_score=680,
        full_limit_min_score=720,
        installment_min_score=600,
        spending_min_score=520,
        limit_increase_min_score=760,
        max_current_days_borrowing=0,
        max_current_days_spending=7,
        max_overdue_count_24m=0,
        max_worst_days_24m=30,
        max_overdue_count_for_increase=0,
        max_limit_checks_30d=5,
        max_inquiries_30d=20,
        max_failed_attempts_7d=2,
        reduced_limit_pct=30,
        overdue_history_cap_pct=30,
        policy_withdrawal_cap_yuan=10_000,
        **_SYSTEM_CAPS,
    ),
}
