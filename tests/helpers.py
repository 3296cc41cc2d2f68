"""Comparisons the property tests share."""

from __future__ import annotations

from credit_whatif.domain import Evaluation, FeatureResult, Status
from credit_whatif.domain.effects import EffectKind

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
