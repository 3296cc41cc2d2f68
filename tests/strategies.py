"""Hypothesis strategies for valid scenarios and valid policies, biased towards the
rules' thresholds."""

from __future__ import annotations

from hypothesis import strategies as st

from credit_whatif.domain import (
    REGISTRY,
    Activity,
    Borrower,
    Health,
    Overdue,
    PolicyLevers,
    PolicyTable,
    Registry,
    Scenario,
    Systems,
    Thresholds,
    Tightening,
)
from credit_whatif.domain import inputs as i
from credit_whatif.domain.enums import FundingQuota
from credit_whatif.domain.inputs import Input
from credit_whatif.domain.limits import COUNT_MAX, DAYS_MAX, SCORE_MAX, SCORE_MIN, YUAN_MAX
from credit_whatif.domain.policy import PolicyField, Stricter
from credit_whatif.domain.regions import REGIONS
from credit_whatif.domain.scenario import Funding
from credit_whatif.files.policies import default_policy, list_policies

DEFAULT = default_policy()
BUNDLED_POLICIES = [e.table for e in list_policies() if e.table is not None]


def mostly(healthy: object, strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Usually the healthy value, so one cause at a time shows its effect."""
    return st.one_of(st.just(healthy), st.just(healthy), strategy)


REGION_CODES = sorted(REGIONS)
regions = st.sampled_from(REGION_CODES)
levels = st.sampled_from(list(Tightening))


def _small_or_any(small_hi: int, hi: int) -> st.SearchStrategy[int]:
    """Mostly values near the thresholds, sometimes anything in range."""
    return st.one_of(st.integers(0, small_hi), st.integers(0, hi))


def _score_floors() -> list[int]:
    values: set[int] = set()
    for table in BUNDLED_POLICIES:
        for level in Tightening:
            for field in REGISTRY.policy_fields:
                if field.name.endswith("_min_score"):
                    values.add(int(table[level][field.name]))
    return sorted(values)


# Scores straddle every score floor of every bundled policy, so each rule's edge is hit.
scores = st.one_of(
    st.integers(SCORE_MIN, SCORE_MAX),
    st.builds(
        lambda t, d: min(SCORE_MAX, max(SCORE_MIN, t + d)),
        st.sampled_from(_score_floors()),
        st.integers(-3, 3),
    ),
)


@st.composite
def overdues(draw: st.DrawFn) -> Overdue:
    # Around the days at which bundled policies freeze a line (60, 90), too.
    current = draw(st.one_of(_small_or_any(40, DAYS_MAX), st.integers(55, 95)))
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
    limit = draw(st.one_of(st.just(0), st.integers(0, 200_000), st.integers(0, YUAN_MAX)))
    outstanding = draw(
        st.one_of(
            st.just(limit),
            st.just(0),
            st.integers(0, limit),
            # Over the limit, as after a limit cut.
            st.integers(limit, min(YUAN_MAX, limit * 2 + 1)),
        )
    )
    # Mostly not stated; else around what supports the line (limit / 6 under the
    # bundled policies' 50% over 12 months), or anything in range.
    income = draw(
        mostly(
            None,
            st.one_of(
                st.integers(max(0, limit // 6 - 500), limit // 6 + 500),
                st.integers(0, 60_000),
                st.integers(0, YUAN_MAX),
            ),
        )
    )
    return Borrower(
        score=draw(scores),
        credit_limit=limit,
        outstanding=outstanding,
        monthly_income=income,
        identity_verified=draw(mostly(True, st.booleans())),
        region=draw(regions),
        overdue=draw(overdues()),
        activity=draw(activities),
    )


fundings = mostly(Funding(), st.builds(Funding, quota=st.sampled_from(list(FundingQuota))))


def _healths(declared: Input) -> st.SearchStrategy[Health]:
    """The healths a system can have, mostly up (only disbursement can be delayed)."""
    return mostly(Health.UP, st.sampled_from([h for h in Health if declared.allows(h)]))


systems = st.builds(
    Systems,
    disbursement=_healths(i.DISBURSEMENT),
    risk_engine=_healths(i.RISK_ENGINE),
    payment_network=_healths(i.PAYMENT_NETWORK),
    account_service=_healths(i.ACCOUNT_SERVICE),
)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    borrower = draw(borrowers())
    suspended = draw(st.lists(regions, max_size=4))
    if draw(st.integers(0, 3)) == 0:
        suspended.append(borrower.region)
    elif borrower.region in suspended:
        suspended.remove(borrower.region)
    policy = PolicyLevers(tightening=draw(levels), suspended_regions=tuple(suspended))
    return Scenario(borrower=borrower, system=draw(systems), funding=draw(fundings), policy=policy)


def _field_values(field: PolicyField) -> st.SearchStrategy[tuple[int | bool, ...]]:
    """Three values for normal, tightened, strict, never looser as the level rises."""
    if field.is_switch:
        return st.sampled_from([(True, True, True), (True, True, False), (True, False, False)])
    lo, hi = field.range
    # Mostly near the bundled values, sometimes anywhere in range (0 and the ends too).
    near = sorted({int(t[level][field.name]) for t in BUNDLED_POLICIES for level in Tightening})
    start = st.one_of(st.sampled_from(near), st.integers(lo, hi), st.sampled_from([lo, hi]))

    @st.composite
    def three(draw: st.DrawFn) -> tuple[int, ...]:
        first = draw(start)
        steps = draw(st.lists(st.integers(0, max(1, (hi - lo) // 10)), min_size=2, max_size=2))
        values = [first]
        for step in steps:
            moved = values[-1] + step if field.stricter is Stricter.HIGHER else values[-1] - step
            values.append(min(hi, max(lo, moved)))
        return tuple(values)

    return three()


@st.composite
def policies(draw: st.DrawFn, registry: Registry = REGISTRY) -> PolicyTable:
    """A random valid policy: every field at every level, monotone across levels."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(BUNDLED_POLICIES))
    per_level: dict[Tightening, dict[str, int | bool]] = {level: {} for level in Tightening}
    for field in registry.policy_fields:
        values = draw(_field_values(field))
        for level, value in zip(Tightening, values, strict=True):
            per_level[level][field.name] = value
    return PolicyTable(
        name="Generated policy",
        levels={level: Thresholds(values) for level, values in per_level.items()},
    )
