"""The feature registry: what each feature's amount is and which systems it uses.

A feature depends only on the systems it really uses. That independence is
why one feature stops while the others keep working. Its name, summary and the name
of one payout are sentences, in the message files' ``[features.<id>]`` tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import attrs

from . import catalogue
from .effects import (
    LIMITED,
    UNAVAILABLE,
    Effect,
    payout_cap,
    payout_delay,
    share_of_available,
)
from .enums import System
from .text import LocalText


class Base(StrEnum):
    """Where a feature's amount comes from before any cap."""

    NONE = "none"  # the feature has no amount
    AVAILABLE_CREDIT = "available_credit"  # max(0, (reduced) limit - outstanding)
    OUTSTANDING = "outstanding"  # what can be repaid


@attrs.frozen(eq=False)  # one object per feature: identity is equality
class Feature:
    id: str
    base: Base
    # Effect on this feature of each system it uses being *degraded*.
    degraded: Mapping[System, Effect]
    # Effect of a system it uses being *down*, where that is not "unavailable": the
    # stand-in rules a lender falls back on (every other system down stops it).
    down: Mapping[System, Effect] = attrs.field(factory=dict)
    # Effect of a system it uses being *delayed* (payouts accepted, arriving late).
    delayed: Mapping[System, Effect] = attrs.field(factory=dict)

    @property
    def name(self) -> LocalText:
        return catalogue.FEATURE_TEXTS[self.id].name

    @property
    def summary(self) -> LocalText:
        return catalogue.FEATURE_TEXTS[self.id].summary

    @property
    def payout(self) -> LocalText | None:
        """One payout, as in "at most 5,000 yuan per withdrawal"."""
        return catalogue.FEATURE_TEXTS[self.id].payout

    @property
    def service(self) -> LocalText | None:
        """The name customers know it by, where that is not its name."""
        return catalogue.FEATURE_TEXTS[self.id].service

    @property
    def systems(self) -> tuple[System, ...]:
        return tuple(self.degraded)

    @property
    def has_amount(self) -> bool:
        return self.base is not Base.NONE

    @property
    def draws_credit(self) -> bool:
        """Withdrawal, installments, spending: they use the available credit."""
        return self.base is Base.AVAILABLE_CREDIT


# Shared by the three features that draw on the credit line.
DEGRADED_ACCOUNT = share_of_available("degraded_account_share_pct")
DEGRADED_PAYMENT = payout_cap("degraded_payment_cap_yuan")
STAND_IN_SPENDING = payout_cap("degraded_risk_spending_cap_yuan")

FEATURES: tuple[Feature, ...] = (
    Feature(
        id="cash_withdrawal",
        base=Base.AVAILABLE_CREDIT,
        degraded={
            System.DISBURSEMENT: payout_cap("degraded_disbursement_cap_yuan"),
            System.RISK_ENGINE: UNAVAILABLE,
            System.ACCOUNT_SERVICE: DEGRADED_ACCOUNT,
        },
        # Accepted in full, paid out late: limited, the amount untouched.
        delayed={System.DISBURSEMENT: payout_delay("disbursement_delay_hours", default=24)},
    ),
    Feature(
        id="installment_purchase",
        base=Base.AVAILABLE_CREDIT,
        degraded={
            System.PAYMENT_NETWORK: DEGRADED_PAYMENT,
            System.RISK_ENGINE: payout_cap("degraded_risk_installment_cap_yuan"),
            System.ACCOUNT_SERVICE: DEGRADED_ACCOUNT,
        },
    ),
    Feature(
        id="in_limit_spending",
        base=Base.AVAILABLE_CREDIT,
        degraded={
            System.PAYMENT_NETWORK: DEGRADED_PAYMENT,
            System.RISK_ENGINE: STAND_IN_SPENDING,
            System.ACCOUNT_SERVICE: DEGRADED_ACCOUNT,
        },
        # A payment within the granted limit needs no new review: with the risk engine
        # down it runs on stand-in rules, each payment capped, as when it is degraded.
        down={System.RISK_ENGINE: STAND_IN_SPENDING},
    ),
    Feature(
        id="repayment",
        base=Base.OUTSTANDING,
        degraded={System.PAYMENT_NETWORK: LIMITED},
    ),
    Feature(
        id="limit_inquiry",
        base=Base.NONE,
        degraded={System.ACCOUNT_SERVICE: LIMITED},
    ),
    Feature(
        id="limit_increase",
        base=Base.NONE,
        degraded={
            System.RISK_ENGINE: UNAVAILABLE,
            System.ACCOUNT_SERVICE: UNAVAILABLE,
        },
    ),
)

FEATURE_IDS: tuple[str, ...] = tuple(f.id for f in FEATURES)
FEATURES_BY_ID: dict[str, Feature] = {f.id: f for f in FEATURES}
DRAWDOWN_IDS: tuple[str, ...] = tuple(f.id for f in FEATURES if f.draws_credit)
"""The features that draw on the credit line (what the line's own rules gate)."""
