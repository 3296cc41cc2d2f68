"""The feature registry: names, what each feature is, and which systems it uses.

A feature depends only on the systems it really uses. That independence is
why one feature stops while the others keep working.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import attrs

from .effects import LIMITED, UNAVAILABLE, Effect, cap_pct, cap_yuan
from .enums import System
from .text import LocalText


class Base(StrEnum):
    """Where a feature's amount comes from before any cap."""

    NONE = "none"  # the feature has no amount
    AVAILABLE_CREDIT = "available_credit"  # credit_limit - outstanding
    OUTSTANDING = "outstanding"  # what can be repaid


@attrs.frozen
class Feature:
    id: str
    name: LocalText
    summary: LocalText
    base: Base
    # Effect on this feature of each system it uses being *degraded*;
    # a system that is *down* always makes it unavailable.
    degraded: Mapping[System, Effect]

    @property
    def systems(self) -> tuple[System, ...]:
        return tuple(self.degraded)

    @property
    def has_amount(self) -> bool:
        return self.base is not Base.NONE


FEATURES: tuple[Feature, ...] = (
    Feature(
        id="cash_withdrawal",
        name=LocalText("Cash withdrawal", "提现借款"),
        summary=LocalText(
            "Borrow cash from the credit line, paid out to a bank card.",
            "从额度中借出现金,放款到银行卡。",
        ),
        base=Base.AVAILABLE_CREDIT,
        degraded={
            System.DISBURSEMENT: cap_yuan("degraded_disbursement_cap_yuan"),
            System.RISK_ENGINE: UNAVAILABLE,
            System.ACCOUNT_SERVICE: cap_pct("degraded_account_cap_pct"),
        },
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
            System.PAYMENT_NETWORK: cap_yuan("degraded_payment_cap_yuan"),
            System.RISK_ENGINE: cap_yuan("degraded_risk_installment_cap_yuan"),
            System.ACCOUNT_SERVICE: cap_pct("degraded_account_cap_pct"),
        },
    ),
    Feature(
        id="in_limit_spending",
        name=LocalText("In-limit spending", "额度内消费"),
        summary=LocalText(
            "Pay merchants directly within the limit already granted; no new review.",
            "在已授信额度内直接消费付款,无需重新审核。",
        ),
        base=Base.AVAILABLE_CREDIT,
        degraded={
            System.PAYMENT_NETWORK: cap_yuan("degraded_payment_cap_yuan"),
            System.ACCOUNT_SERVICE: cap_pct("degraded_account_cap_pct"),
        },
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
        name=LocalText("Limit increase", "申请提额"),
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
