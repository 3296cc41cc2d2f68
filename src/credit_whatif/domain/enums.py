"""Ordered vocabularies shared by the model, the rules and the evaluator."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


class Ranked(StrEnum):
    """A string enum whose declaration order is its severity order."""

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)


class Health(Ranked):
    """Health of one back-end system, from best to worst."""

    UP = "up"
    DEGRADED = "degraded"
    DOWN = "down"


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
    """The three layers of risk control, in the order reasons are listed."""

    SYSTEM = "system"
    POLICY = "policy"
    CREDIT = "credit"


class System(StrEnum):
    """Back-end systems a feature can depend on."""

    DISBURSEMENT = "disbursement"
    RISK_ENGINE = "risk_engine"
    PAYMENT_NETWORK = "payment_network"
    ACCOUNT_SERVICE = "account_service"
