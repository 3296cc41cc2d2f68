"""The feature registry: names, what each feature is, and which systems it uses.

A feature depends only on the systems it really uses. That independence is
why one feature stops while the others keep working.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import attrs

from .effects import LIMITED, UNAVAILABLE, Effect, payout_cap, share_of_available
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
    name: LocalText
    summary: LocalText
    base: Base
    # Effect on this feature of each system it uses being *degraded*;
    # a system that is *down* always makes it unavailable.
    degraded: Mapping[System, Effect]
    # One payout of this feature, as in "at most 5,000 yuan per withdrawal".
    payout: LocalText | None = None

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

FEATURES: tuple[Feature, ...] = (
    Feature(
        id="cash_withdrawal",
        name=LocalText("Cash withdrawal", "提现"),
        summary=LocalText(
            "Borrow cash from the credit line, paid out to a bank card.",
            "从额度中借出现金,放款到银行卡。",
        ),
        base=Base.AVAILABLE_CREDIT,
        degraded={
            System.DISBURSEMENT: payout_cap("degraded_disbursement_cap_yuan"),
            System.RISK_ENGINE: UNAVAILABLE,
            System.ACCOUNT_SERVICE: DEGRADED_ACCOUNT,
        },
        payout=LocalText("withdrawal", "单笔提现"),
    ),
    Feature(
        id="installment_purchase",
        name=LocalText("Installment purchase", "分期购物"),
        summary=LocalText(
            "Pay a merchant order in monthly installments on the credit line.",
            "在商户下单时用额度分期付款。",
        ),
        base=Base.AVAILABLE_CREDIT,
        degraded={
            System.PAYMENT_NETWORK: DEGRADED_PAYMENT,
            System.RISK_ENGINE: payout_cap("degraded_risk_installment_cap_yuan"),
            System.ACCOUNT_SERVICE: DEGRADED_ACCOUNT,
        },
        payout=LocalText("order", "单笔分期订单"),
    ),
    Feature(
        id="in_limit_spending",
        name=LocalText("In-limit spending", "额度内消费"),
        summary=LocalText(
            "Pay merchants directly within the limit already granted; no new review.",
            "在已授信额度内直接付款消费,无需重新审核。",
        ),
        base=Base.AVAILABLE_CREDIT,
        degraded={
            System.PAYMENT_NETWORK: DEGRADED_PAYMENT,
            System.ACCOUNT_SERVICE: DEGRADED_ACCOUNT,
        },
        payout=LocalText("payment", "单笔消费"),
    ),
    Feature(
        id="repayment",
        name=LocalText("Repayment", "还款"),
        summary=LocalText(
            "Pay back what is owed; the amount is what can be repaid.",
            "归还欠款;金额为可还款金额。",
        ),
        base=Base.OUTSTANDING,
        degraded={System.PAYMENT_NETWORK: LIMITED},
    ),
    Feature(
        id="limit_inquiry",
        name=LocalText("Limit inquiry", "额度查询"),
        summary=LocalText(
            "See the granted limit and what is still available.",
            "查看授信额度和剩余可用额度。",
        ),
        base=Base.NONE,
        degraded={System.ACCOUNT_SERVICE: LIMITED},
    ),
    Feature(
        id="limit_increase",
        name=LocalText("Limit increase", "提额"),
        summary=LocalText(
            "Apply for a higher credit limit; needs a full risk review.",
            "申请提高授信额度;需要完整的风控审核。",
        ),
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
