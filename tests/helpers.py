"""Comparisons the property tests share, and figures derived from the registry."""

from __future__ import annotations

from credit_whatif.domain import (
    REGISTRY,
    Evaluation,
    FeatureResult,
    PolicyTable,
    Status,
    Tightening,
)
from credit_whatif.domain.effects import EffectKind
from credit_whatif.domain.policy import FieldKind

CAPS = (EffectKind.PAYOUT_CAP, EffectKind.SHARE)


def worse(after: FeatureResult, before: FeatureResult) -> bool:
    """True if `after` is worse than `before`: no longer usable, a smaller amount, or a
    lower status.

    One lower status is not worse: a cap that starts to bind because more credit is
    available ('limited, 20,000 per withdrawal' where 15,000 was 'available') gives at
    least the amount it gave before; a cap limits only where it lowers the amount.
    """
    if after.usable < before.usable:
        return True
    if after.amount is not None and before.amount is not None and after.amount < before.amount:
        return True
    if after.status.rank < before.status.rank:
        limiting = [r for r in after.reasons if r.effect.status is Status.LIMITED]
        newly_capped = all(r.effect.kind in CAPS for r in limiting) and (
            after.amount is not None and before.amount is not None
        )
        return not newly_capped
    return False


def worsened(after: Evaluation, before: Evaluation) -> list[str]:
    """Ids of the features that got worse from `before` to `after`."""
    return [
        a.feature.id for a, b in zip(after.features, before.features, strict=True) if worse(a, b)
    ]


def improved(after: Evaluation, before: Evaluation) -> list[str]:
    """Ids of the features that got better from `before` to `after`."""
    return worsened(before, after)


def score_floor_values(table: PolicyTable, level: Tightening) -> list[int]:
    """Every distinct score floor of `level`, lowest first: the values of the registry's
    score fields (the slider's ticks and the portfolio's score bands are cut there)."""
    fields = [f for f in REGISTRY.policy_fields if f.kind is FieldKind.SCORE]
    return sorted({int(table[level][f.name]) for f in fields})
