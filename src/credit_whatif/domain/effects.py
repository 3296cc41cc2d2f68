"""What a fired rule does to a feature it gates, and the arithmetic of it.

Five kinds:

- *block*: a status ceiling (unavailable, or limited with no amount change);
- *reduced limit*: the granted limit itself is cut to a percentage of itself, so
  available credit is ``max(0, reduced limit - outstanding)``;
- *limit cap*: the granted limit is used only up to the number of yuan the rule's
  threshold says (a regulatory maximum line): the line as granted stands, but no more
  of it can be drawn;
- *share of available credit*: limited, at most a percentage of what is available;
- *per-payout cap*: limited, one payout (withdrawal, order, payment) at most a
  number of yuan.

How they combine is written here once, and both folds (the scalar one in
:mod:`.evaluator`, the columnar one in ``portfolio.kernel``) follow it step by step
and take each bound from :func:`bound`:

1. blocks lower the status to their own;
2. :attr:`Stage.LIMIT`: the effective limit is the lowest of the reduced limits and
   limit caps; one below the granted limit, and the lowest, makes the feature
   limited; the available credit is ``max(0, effective limit - outstanding)``; then
   the rules on the line's figures;
3. :attr:`Stage.CREDIT`: each share bounds what is usable in total, against the
   available credit;
4. :attr:`Stage.PAYOUT`: each per-payout cap bounds one payout, against what the
   shares leave;
5. a bound counts only where it is below what it acts on (it *binds*); a binding
   bound of 0 makes the feature unavailable; the amount is the smallest of the credit
   and every binding payout cap, and 0 when the feature is unavailable.

:func:`bound` uses only ``*``, ``//`` and ``-``, which numbers and Polars integer
expressions share (``//`` floors in both), so the same function serves both folds.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import attrs

from .enums import Status
from .policy import FieldKind, PolicyField, maximum


class EffectKind(StrEnum):
    BLOCK = "block"
    # A status ceiling with a number that bounds nothing: how late a payout may arrive.
    DELAY = "delay"
    PAYOUT_CAP = "payout_cap"
    SHARE = "share"
    REDUCED_LIMIT = "reduced_limit"
    # The limit is used only up to a number of yuan: the threshold the limit exceeds.
    LIMIT_CAP = "limit_cap"


class Stage(StrEnum):
    """What an effect's number bounds, in the order the bounds apply."""

    LIMIT = "limit"  # the granted limit
    CREDIT = "credit"  # the available credit, usable in total
    PAYOUT = "payout"  # one payout


STAGES: dict[EffectKind, Stage] = {
    EffectKind.REDUCED_LIMIT: Stage.LIMIT,
    EffectKind.LIMIT_CAP: Stage.LIMIT,
    EffectKind.SHARE: Stage.CREDIT,
    EffectKind.PAYOUT_CAP: Stage.PAYOUT,
}


def bound(kind: EffectKind, base: Any, value: int) -> Any:
    """The bound an effect of `kind` with policy number `value` puts on `base` (the
    granted limit, the available credit, or the credit left for one payout)."""
    if kind is EffectKind.REDUCED_LIMIT:
        return base * value // 100  # rounded down: the lender's limit, in whole yuan
    if kind is EffectKind.SHARE:
        return -((base * -value) // 100)  # rounded up: a share leaves nothing only at 0%
    if kind is EffectKind.PAYOUT_CAP or kind is EffectKind.LIMIT_CAP:
        return value
    raise ValueError(f"a {kind} effect has no bound")


@attrs.frozen
class Effect:
    status: Status
    kind: EffectKind = EffectKind.BLOCK
    # The policy number of a cap, share or reduction (a limit cap's is its rule's threshold).
    field: PolicyField | None = None

    @property
    def field_name(self) -> str | None:
        return None if self.field is None else self.field.name


UNAVAILABLE = Effect(Status.UNAVAILABLE)
LIMITED = Effect(Status.LIMITED)


def payout_delay(name: str, default: int | None = None) -> Effect:
    """Limited: every payout is made in full, but may arrive this many hours late."""
    field = maximum(name, FieldKind.HOURS, default=default)
    return Effect(Status.LIMITED, EffectKind.DELAY, field)


def payout_cap(name: str, default: int | None = None) -> Effect:
    """Limited: one payout is at most this many yuan."""
    return Effect(
        Status.LIMITED, EffectKind.PAYOUT_CAP, maximum(name, FieldKind.YUAN, default=default)
    )


def share_of_available(name: str) -> Effect:
    """Limited: at most this percentage of the available credit can be used."""
    return Effect(Status.LIMITED, EffectKind.SHARE, maximum(name, FieldKind.PERCENT))


def reduced_limit(name: str) -> Effect:
    """Limited: the granted limit is reduced to this percentage of itself."""
    return Effect(Status.LIMITED, EffectKind.REDUCED_LIMIT, maximum(name, FieldKind.PERCENT))


# Limited: the line is used only up to the rule's threshold (the yuan the limit exceeds).
LIMIT_CAPPED = Effect(Status.LIMITED, EffectKind.LIMIT_CAP)
