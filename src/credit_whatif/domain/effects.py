"""What a fired rule does to a feature it gates.

Four kinds, each with its own arithmetic in the one fold of :mod:`.evaluator`:

- *block*: a status ceiling (unavailable, or limited with no amount change);
- *per-payout cap*: limited, one payout (withdrawal, order, payment) at most a
  number of yuan;
- *share of available credit*: limited, at most a percentage of what is available;
- *reduced limit*: the granted limit itself is cut to a percentage of itself, so
  available credit is ``max(0, reduced limit - outstanding)``.

A cap or a reduction only counts where it lowers the amount (it *binds*).
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from .enums import Status
from .policy import FieldKind, PolicyField, maximum


class EffectKind(StrEnum):
    BLOCK = "block"
    PAYOUT_CAP = "payout_cap"
    SHARE = "share"
    REDUCED_LIMIT = "reduced_limit"


@attrs.frozen
class Effect:
    status: Status
    kind: EffectKind = EffectKind.BLOCK
    field: PolicyField | None = None  # the policy number of a cap, share or reduction

    @property
    def field_name(self) -> str | None:
        return None if self.field is None else self.field.name


UNAVAILABLE = Effect(Status.UNAVAILABLE)
LIMITED = Effect(Status.LIMITED)


def payout_cap(name: str) -> Effect:
    """Limited: one payout is at most this many yuan."""
    return Effect(Status.LIMITED, EffectKind.PAYOUT_CAP, maximum(name, FieldKind.YUAN))


def share_of_available(name: str) -> Effect:
    """Limited: at most this percentage of the available credit can be used."""
    return Effect(Status.LIMITED, EffectKind.SHARE, maximum(name, FieldKind.PERCENT))


def reduced_limit(name: str) -> Effect:
    """Limited: the granted limit is reduced to this percentage of itself."""
    return Effect(Status.LIMITED, EffectKind.REDUCED_LIMIT, maximum(name, FieldKind.PERCENT))
