"""Ordered vocabularies shared by the model, the rules and the evaluator."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

Lang = Literal["en", "zh"]


class Ranked(StrEnum):
    """A string enum whose declaration order is its order: members compare by rank,
    not alphabetically, so ``Health.UP < Health.DOWN`` and ``min(statuses)`` is the worst."""

    @property
    def rank(self) -> int:
        # Kept on the member itself: members of two enums with the same value
        # ("credit" is a layer and a notice topic) are equal as strings, so a table
        # keyed by member would mix their ranks up.
        try:
            return self.__dict__["_rank"]  # type: ignore[no-any-return]
        except KeyError:
            for index, member in enumerate(type(self)):
                member.__dict__["_rank"] = index
            return self.__dict__["_rank"]  # type: ignore[no-any-return]

    def _other_rank(self, other: Any) -> int:
        if type(other) is not type(self):
            raise TypeError(f"cannot order {type(self).__name__} against {type(other).__name__}")
        return other.rank

    def __lt__(self, other: object) -> bool:
        return self.rank < self._other_rank(other)

    def __le__(self, other: object) -> bool:
        return self.rank <= self._other_rank(other)

    def __gt__(self, other: object) -> bool:
        return self.rank > self._other_rank(other)

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._other_rank(other)

    __hash__ = StrEnum.__hash__


class Health(Ranked):
    """Health of one back-end system, from best to worst. Only a channel that pays
    out can be *delayed*: it accepts payouts in full but they arrive late."""

    UP = "up"
    DELAYED = "delayed"
    DEGRADED = "degraded"
    DOWN = "down"

    def no_better_than(self, other: Health) -> bool:
        """Whether a system at this health serves no borrower better than at `other`.
        The order is partial: a delayed channel pays in full but late, a degraded one
        only small amounts but at once, so neither is worse for every borrower (a
        small withdrawal is better off degraded, a large one delayed); down is worse
        than both, up better than both."""
        if {self, other} == {Health.DELAYED, Health.DEGRADED}:
            return False
        return self.rank >= other.rank


class FundingQuota(Ranked):
    """How much of the funding for cash loans (the lender's own and its partner
    banks' quotas) is left, from plenty to none."""

    AMPLE = "ample"
    TIGHT = "tight"
    EXHAUSTED = "exhausted"


class Tightening(Ranked):
    """How far risk policy is tightened, from loosest to strictest."""

    NORMAL = "normal"
    TIGHTENED = "tightened"
    STRICT = "strict"


class Status(Ranked):
    """Outcome for one feature, from worst to best (the order used for 'worse')."""

    UNAVAILABLE = "unavailable"
    LIMITED = "limited"
    AVAILABLE = "available"


class Layer(Ranked):
    """The layers that can stop a feature, in the order reasons are listed: the
    lender's systems, its funding, its policy, the borrower's credit."""

    SYSTEM = "system"
    FUNDING = "funding"
    POLICY = "policy"
    CREDIT = "credit"


class System(StrEnum):
    """Back-end systems a feature can depend on."""

    DISBURSEMENT = "disbursement"
    RISK_ENGINE = "risk_engine"
    PAYMENT_NETWORK = "payment_network"
    ACCOUNT_SERVICE = "account_service"


class AccountState(Ranked):
    """The account as a whole, from open to shut: frozen stops every new drawdown
    until the lender reinstates it; closed leaves only repayment of what is owed."""

    ACTIVE = "active"
    FROZEN = "frozen"
    CLOSED = "closed"


class NoticeTopic(Ranked):
    """What a customer notice is about, in the order one is chosen when several rules
    hold a feature back: the account's state first, the lender's own systems last."""

    ACCOUNT = "account"
    OVERDUE = "overdue"
    LINE = "line"  # over the limit, nothing left, less than the smallest payout
    CREDIT = "credit"
    POLICY = "policy"
    FUNDING = "funding"  # the lender's funding for cash loans
    SYSTEM = "system"
