"""Sweeps are exact: the threshold analysis equals evaluating every point."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import REGISTRY, PolicyTable, Scenario, Status
from credit_whatif.domain.evaluator import feature_outcome
from credit_whatif.domain.keypath import get_value
from credit_whatif.domain.scenario import settled
from credit_whatif.domain.sweep import SWEEP_KEYS, default_range, set_swept, sweep
from credit_whatif.files.presets import resolve_preset

from .strategies import DEFAULT, policies, scenarios


@given(scenarios(), policies(), st.sampled_from(SWEEP_KEYS))
def test_sweep_equals_evaluating_every_point(s: Scenario, t: PolicyTable, key: str) -> None:
    values = default_range(s, key, t)
    result = sweep(s, t, key, values)
    assert (result.start, result.end) == (values.start, values[-1])
    for value in values:
        point = set_swept(s, key, value)
        for feature in result.features:
            segment = feature.at(value)
            assert (segment.status, segment.amount) == feature_outcome(point, feature.feature, t)


@given(scenarios(), policies())
def test_score_sweep_covers_the_range_in_distinct_segments(s: Scenario, t: PolicyTable) -> None:
    result = sweep(s, t)
    assert (result.start, result.end) == (350, 950)
    for feature in result.features:
        assert feature.segments[0].start == 350
        assert feature.segments[-1].end == 950
        for before, after in zip(feature.segments, feature.segments[1:], strict=False):
            assert after.start == before.end + 1
            assert (after.status, after.amount) != (before.status, before.amount)
            # A higher score never takes anything away.
            assert after.amount is None or before.amount is None or after.amount >= before.amount
            assert not (
                before.status is not Status.UNAVAILABLE and after.status is Status.UNAVAILABLE
            )


def test_score_sweep_shows_where_each_feature_switches_on() -> None:
    scenario = resolve_preset("score-drop").scenario
    result = sweep(scenario, DEFAULT)
    withdrawal = result["cash_withdrawal"]
    assert [(s.start, s.status) for s in withdrawal.segments] == [
        (350, Status.UNAVAILABLE),
        (600, Status.LIMITED),
        (620, Status.LIMITED),  # a shallower band of the limit's cut
        (650, Status.AVAILABLE),
    ]
    assert result.current == 590
    assert 600 in result.breakpoints and 650 in result.breakpoints


def test_sweep_follows_the_policy_it_is_given() -> None:
    from credit_whatif.files.policies import resolve_policy

    scenario = resolve_preset("score-drop").scenario
    growth = sweep(scenario, resolve_policy("growth"))["cash_withdrawal"]
    assert [(s.start, s.status) for s in growth.segments][1:] == [
        (580, Status.LIMITED),
        (590, Status.LIMITED),
        (620, Status.AVAILABLE),
    ]


def test_sweep_refuses_inputs_it_cannot_sweep() -> None:
    scenario = Scenario()
    for bad in ("borrower.region", "system.disbursement"):
        with pytest.raises(ValueError, match="cannot sweep"):
            sweep(scenario, DEFAULT, bad)
    with pytest.raises(ValueError, match=r"350\.\.950"):
        sweep(scenario, DEFAULT, "borrower.score", range(300, 400))


@given(
    scenarios(),
    st.sampled_from(
        [
            "borrower.overdue.worst_days",
            "borrower.overdue.count_24m",
            "borrower.overdue.current_days",
        ]
    ),
)
def test_a_sweep_says_exactly_where_a_tied_input_moves(s: Scenario, key: str) -> None:
    """Sweeping one overdue field can move another (the worst episode covers the
    current one); the sweep names every value where that happens, and no other."""
    result = sweep(s, DEFAULT, key, range(0, 40))
    for value in range(0, 40):
        moved = settled(s, key, value)
        for tied in REGISTRY.input(key).ties:
            changes = moved.get(tied, get_value(s, tied)) != get_value(s, tied)
            covering = [t for t in result.tied if t.key == tied and t.start <= value <= t.end]
            assert changes == bool(covering), (tied, value)


def test_sweeping_the_worst_episode_says_the_current_one_follows() -> None:
    scenario = resolve_preset("recent-overdue").scenario  # 12 days overdue now
    result = sweep(scenario, DEFAULT, "borrower.overdue.worst_days", range(0, 41))
    assert [(t.key, t.start, t.end, t.first, t.last) for t in result.tied] == [
        ("borrower.overdue.current_days", 0, 11, 0, 11)
    ]
