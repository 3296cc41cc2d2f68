"""Sweeps are exact: the threshold analysis equals evaluating every point."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import Scenario, Status
from credit_whatif.domain.evaluator import feature_outcome
from credit_whatif.domain.sweep import SWEEP_KEYS, default_range, set_swept, sweep
from credit_whatif.presets import resolve_preset

from .strategies import scenarios


@given(scenarios(), st.sampled_from(SWEEP_KEYS))
def test_sweep_equals_evaluating_every_point(scenario: Scenario, key: str) -> None:
    values = default_range(scenario, key)
    result = sweep(scenario, key, values)
    assert (result.start, result.end) == (values.start, values[-1])
    for value in values:
        point = set_swept(scenario, key, value)
        for feature in result.features:
            segment = feature.at(value)
            assert (segment.status, segment.amount) == feature_outcome(point, feature.feature)


@given(scenarios())
def test_score_sweep_is_monotone_and_covers_the_range(scenario: Scenario) -> None:
    result = sweep(scenario)
    assert (result.start, result.end) == (350, 950)
    for feature in result.features:
        assert feature.segments[0].start == 350
        assert feature.segments[-1].end == 950
        for before, after in zip(feature.segments, feature.segments[1:], strict=False):
            assert after.start == before.end + 1
            assert after.status >= before.status
            assert (after.status, after.amount) != (before.status, before.amount)


def test_score_sweep_shows_where_each_feature_switches_on() -> None:
    scenario = resolve_preset("score-drop").scenario
    result = sweep(scenario)
    withdrawal = result["cash_withdrawal"]
    assert [(s.start, s.status) for s in withdrawal.segments] == [
        (350, Status.UNAVAILABLE),
        (600, Status.LIMITED),
        (650, Status.AVAILABLE),
    ]
    assert result.current == 590
    assert 600 in result.breakpoints and 650 in result.breakpoints


def test_sweep_refuses_inputs_it_cannot_sweep() -> None:
    scenario = Scenario()
    for bad in ("borrower.region", "system.disbursement"):
        try:
            sweep(scenario, bad)
        except ValueError as exc:
            assert "cannot sweep" in str(exc)
        else:
            raise AssertionError(bad)
    try:
        sweep(scenario, "borrower.score", range(300, 400))
    except ValueError as exc:
        assert "350..950" in str(exc)
    else:
        raise AssertionError("out-of-range sweep accepted")
