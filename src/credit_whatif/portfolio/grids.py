"""The values a frontier is drawn over when nobody says: about 31 points around the
policy's own value, in steps a person would choose (10 points of score, whole days
and counts, round yuan and percent)."""

from __future__ import annotations

import math

from ..domain.policy import FieldKind, PolicyField
from ..domain.registry import REGISTRY, Registry
from .frontier import features_of

POINTS = 30  # intervals: 31 values


def default_grid(field: PolicyField, own: int) -> tuple[int, int, int]:
    """``(start, stop, step)`` within the field's range, the policy's value on it."""
    lo, hi = field.range
    if field.kind is FieldKind.SCORE:
        step = 10
        start = max(lo, own - 15 * step)
        stop = min(hi, own + 15 * step)
        start = own - (own - start) // step * step
        return start, stop, step
    top = min(hi, max(2 * own, lo + POINTS, 10))
    step = _round_step(max(1, math.ceil((top - lo) / POINTS)))
    start = lo + (own - lo) % step  # the own value lies on the grid
    stop = min(hi, start + step * POINTS)
    return start, max(start, stop), step


def _round_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, ... at least `step`."""
    scale = 1
    while True:
        for base in (1, 2, 5):
            if base * scale >= step:
                return base * scale
        scale *= 10


def curve_fields(feature_id: str, registry: Registry = REGISTRY) -> list[PolicyField]:
    """The policy's numbers that change a feature, score cut-offs first (the classic
    strategy lever), then in registry order."""
    numbers = [
        f
        for f in registry.policy_fields
        if not f.is_switch and feature_id in {x.id for x in features_of(f, registry)}
    ]
    return sorted(numbers, key=lambda f: f.kind is not FieldKind.SCORE)
