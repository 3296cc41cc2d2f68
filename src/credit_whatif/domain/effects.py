"""What a fired rule does to a feature."""

from __future__ import annotations

import attrs

from .enums import Status


@attrs.frozen
class Effect:
    """A status ceiling, optionally with an amount cap.

    ``cap_yuan`` and ``cap_pct`` name a field of the policy table
    (:class:`~credit_whatif.domain.policy.Thresholds`) so that every number
    lives in that one table.
    """

    status: Status
    cap_yuan: str | None = None
    cap_pct: str | None = None


UNAVAILABLE = Effect(Status.UNAVAILABLE)
LIMITED = Effect(Status.LIMITED)


def cap_yuan(field: str) -> Effect:
    """Limited, with the amount capped at a fixed number of yuan."""
    return Effect(Status.LIMITED, cap_yuan=field)


def cap_pct(field: str) -> Effect:
    """Limited, with the amount capped at a percentage of the feature's base amount."""
    return Effect(Status.LIMITED, cap_pct=field)
