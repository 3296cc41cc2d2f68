"""Comparisons the property tests share."""

from __future__ import annotations

from credit_whatif.domain import Evaluation, FeatureResult


def worse(after: FeatureResult, before: FeatureResult) -> bool:
    """True if `after` is worse than `before`: a lower status or a smaller amount."""
    if after.status.rank < before.status.rank:
        return True
    if after.amount is not None and before.amount is not None:
        return after.amount < before.amount
    return False


def worsened(after: Evaluation, before: Evaluation) -> list[str]:
    """Ids of the features that got worse from `before` to `after`."""
    return [
        a.feature.id for a, b in zip(after.features, before.features, strict=True) if worse(a, b)
    ]


def improved(after: Evaluation, before: Evaluation) -> list[str]:
    """Ids of the features that got better from `before` to `after`."""
    return worsened(before, after)
