"""Hypothesis strategies for valid scenarios, biased towards the rules' thresholds."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from credit_whatif.domain import (
    POLICY_TABLE,
    Activity,
    Borrower,
    Health,
    Overdue,
    Policy,
    Scenario,
    Systems,
    Thresholds,
    Tightening,
)
from credit_whatif.domain.regions import REGIONS
from credit_whatif.domain.scenario import COUNT_MAX, DAYS_MAX, SCORE_MAX, SCORE_MIN, YUAN_MAX


def mostly(healthy: object, strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Usually the healthy value, so one cause at a time shows its effect."""
    return st.one_of(st.just(healthy), st.just(healthy), strategy)


REGION_CODES = sorted(REGIONS)
regions = st.sampled_from(REGION_CODES)
healths = mostly(Health.UP, st.sampled_from(list(Health)))
levels = st.sampled_from(list(Tightening))


def _small_or_any(small_hi: int, hi: int) -> st.SearchStrategy[int]:
    """Mostly values near the thresholds, sometimes anything in range."""
    return st.one_of(st.integers(0, small_hi), st.integers(0, hi))


def _near_thresholds() -> list[int]:
    values: set[int] = set()
    for thresholds in POLICY_TABLE.values():
        for field in attrs.fields(Thresholds):
            if field.name.endswith("_min_score"):
                values.add(getattr(thresholds, field.name))
    return sorted(values)


# Scores straddle every score floor of every level, so each rule's edge is exercised.
scores = st.one_of(
    st.integers(SCORE_MIN, SCORE_MAX),
    st.builds(lambda t, d: t + d, st.sampled_from(_near_thresholds()), st.integers(-3, 3)),
)


@st.composite
def overdues(draw: st.DrawFn) -> Overdue:
    current = draw(_small_or_any(40, DAYS_MAX))
    worst = draw(st.integers(current, min(DAYS_MAX, current + draw(_small_or_any(90, DAYS_MAX)))))
    count = draw(st.integers(1 if worst > 0 else 0, draw(st.sampled_from([5, COUNT_MAX]))))
    if draw(st.booleans()):
        return Overdue()
    return Overdue(count_24m=count, worst_days=worst, current_days=current)


activities = mostly(
    Activity(),
    st.builds(
        Activity,
        limit_checks_30d=_small_or_any(40, COUNT_MAX),
        failed_attempts_7d=_small_or_any(8, COUNT_MAX),
    ),
)


@st.composite
def borrowers(draw: st.DrawFn) -> Borrower:
    limit = draw(st.one_of(st.integers(0, 200_000), st.integers(0, YUAN_MAX)))
    outstanding = draw(st.one_of(st.just(limit), st.just(0), st.integers(0, limit)))
    return Borrower(
        score=draw(scores),
        credit_limit=limit,
        outstanding=outstanding,
        identity_verified=draw(mostly(True, st.booleans())),
        region=draw(regions),
        overdue=draw(overdues()),
        activity=draw(activities),
    )


systems = st.builds(
    Systems,
    disbursement=healths,
    risk_engine=healths,
    payment_network=healths,
    account_service=healths,
)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    borrower = draw(borrowers())
    suspended = draw(st.lists(regions, max_size=4))
    if draw(st.integers(0, 3)) == 0:
        suspended.append(borrower.region)
    elif borrower.region in suspended:
        suspended.remove(borrower.region)
    policy = Policy(tightening=draw(levels), suspended_regions=tuple(suspended))
    return Scenario(borrower=borrower, system=draw(systems), policy=policy)
