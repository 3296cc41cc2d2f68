"""Dated events, the clock and the timeline: properties against evaluating day by day,
and the bundled presets with events."""

from __future__ import annotations

import datetime as dt
import json

import attrs
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import evaluate
from credit_whatif.domain.clock import at, derived_keys, scenario_with
from credit_whatif.domain.enums import Status
from credit_whatif.domain.events import Event, EventKind, derived_values
from credit_whatif.domain.scenario import Scenario
from credit_whatif.domain.timeline import change_dates, timeline
from credit_whatif.files.policies import DEFAULT_POLICY, resolve_policy
from credit_whatif.files.presets import dumps_preset, list_presets, loads_preset, resolve_preset

from .strategies import scenarios

DEFAULT = resolve_policy(DEFAULT_POLICY)
AS_OF = dt.date(2026, 11, 28)
DAY = dt.timedelta(days=1)


@st.composite
def events(draw: st.DrawFn, open_episodes: bool = True) -> tuple[Event, ...]:
    """Events within ~26 months before AS_OF, clustered so windows matter."""
    out = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(list(EventKind)))
        back = draw(st.one_of(st.integers(0, 40), st.integers(0, 800)))
        date = AS_OF - dt.timedelta(days=back)
        if kind is EventKind.OVERDUE:
            if open_episodes and back > 0 and draw(st.integers(0, 5)) == 0:
                out.append(Event(kind, date))
            elif back >= 1:
                out.append(Event(kind, date, draw(st.integers(1, back))))
            continue
        outage = kind is EventKind.FAILED_ATTEMPT and draw(st.integers(0, 4)) == 0
        out.append(Event(kind, date, outage=outage))
    return tuple(out)


@st.composite
def dated_scenarios(draw: st.DrawFn, open_episodes: bool = True) -> Scenario:
    base = draw(scenarios())
    recorded = draw(events(open_episodes))
    return scenario_with(base, {"borrower.events": recorded, "as_of": AS_OF})


def _outcome(evaluation: object, feature_id: str) -> tuple[Status, int | None]:
    result = evaluation[feature_id]  # type: ignore[index]
    return result.status, result.amount


@given(dated_scenarios())
def test_events_and_the_counts_they_give_evaluate_the_same(scenario: Scenario) -> None:
    counted = attrs.evolve(
        scenario, borrower=attrs.evolve(scenario.borrower, events=()), as_of=None
    )
    counts = derived_values(scenario.borrower.events, AS_OF)
    counted = scenario_with(counted, counts)
    assert evaluate(counted, DEFAULT).features == evaluate(scenario, DEFAULT).features


@given(dated_scenarios(), st.data())
def test_the_timeline_is_exact(scenario: Scenario, data: st.DataObject) -> None:
    until = AS_OF + dt.timedelta(days=800)
    result = timeline(scenario, DEFAULT, until)
    for item in result.features:
        fid = item.feature.id
        assert item.entries[0].start == AS_OF
        for before, entry in zip(item.entries, item.entries[1:], strict=False):
            # The day before a change gives the earlier entry, the day itself the later.
            prior = evaluate(at(scenario, entry.start - DAY), DEFAULT)
            assert _outcome(prior, fid) == (before.status, before.amount)
            now = evaluate(at(scenario, entry.start), DEFAULT)
            assert _outcome(now, fid) == (entry.status, entry.amount)
    # Any day in between: the entry in force.
    for _ in range(4):
        day = AS_OF + dt.timedelta(days=data.draw(st.integers(0, 800)))
        evaluation = evaluate(at(scenario, day), DEFAULT)
        for item in result.features:
            entry = item.at(day)
            assert _outcome(evaluation, item.feature.id) == (entry.status, entry.amount)


@given(dated_scenarios(open_episodes=False), st.integers(1, 800))
def test_with_no_new_events_the_clock_never_makes_a_feature_worse(
    scenario: Scenario, days: int
) -> None:
    before = evaluate(scenario, DEFAULT)
    after = evaluate(at(scenario, AS_OF + dt.timedelta(days=days)), DEFAULT)
    for was, now in zip(before.features, after.features, strict=True):
        assert now.status.rank >= was.status.rank
        if now.status is was.status and was.amount is not None:
            assert now.amount is not None and now.amount >= was.amount


@given(dated_scenarios())
def test_a_preset_with_events_saves_and_loads_back(scenario: Scenario) -> None:
    preset = attrs.evolve(resolve_preset("healthy"), scenario=scenario, name="Dated")
    assert loads_preset(dumps_preset(preset)).scenario == scenario


def test_setting_a_count_by_hand_replaces_the_events_of_its_kind() -> None:
    scenario = resolve_preset("frequent-checks").scenario
    assert "borrower.activity.limit_checks_30d" in derived_keys(scenario)
    edited = scenario_with(scenario, {"borrower.activity.limit_checks_30d": 3})
    assert edited.borrower.activity.limit_checks_30d == 3
    kinds = {e.kind for e in edited.borrower.events}
    assert EventKind.LIMIT_CHECK not in kinds and EventKind.FAILED_ATTEMPT in kinds
    # The clock still moves the failed attempts.
    assert at(edited, dt.date(2026, 12, 6)).borrower.activity.failed_attempts_7d == 0


def test_failed_attempts_the_lenders_outage_caused_never_count() -> None:
    scenario = resolve_preset("retries-during-outage").scenario
    assert len(scenario.borrower.events) == 6
    assert scenario.borrower.activity.failed_attempts_7d == 0
    withdrawal = timeline(scenario, DEFAULT)["cash_withdrawal"]
    assert [e.status for e in withdrawal.entries] == [Status.UNAVAILABLE]


def test_bundled_presets_with_events_show_dated_recoveries() -> None:
    checks = timeline(resolve_preset("frequent-checks").scenario, DEFAULT)
    withdrawal = checks["cash_withdrawal"]
    assert [(e.start, e.status) for e in withdrawal.entries] == [
        (AS_OF, Status.UNAVAILABLE),
        (dt.date(2026, 12, 10), Status.AVAILABLE),
    ]
    assert withdrawal.entries[1].lifted == ("credit.frequent_limit_checks",)
    repaid = timeline(resolve_preset("past-overdue-repaid").scenario, DEFAULT)
    increase = repaid["limit_increase"].entries
    assert increase[-1].start == dt.date(2027, 1, 25) and increase[-1].status is Status.AVAILABLE
    dated = [e.slug for e in list_presets() if e.preset and e.preset.scenario.borrower.events]
    assert {"frequent-checks", "past-overdue-repaid", "retries-during-outage"} <= set(dated)


def test_an_unpaid_episode_grows_until_it_freezes_the_account() -> None:
    due = AS_OF - dt.timedelta(days=10)
    scenario = scenario_with(
        resolve_preset("healthy").scenario,
        {"as_of": AS_OF, "borrower.events": (Event(EventKind.OVERDUE, due),)},
    )
    assert scenario.borrower.overdue.current_days == 10
    dates = change_dates(scenario, DEFAULT, AS_OF + dt.timedelta(days=800))
    result = timeline(scenario, DEFAULT)
    spending = result["in_limit_spending"].entries
    assert spending[-1].status is Status.UNAVAILABLE
    assert all(entry.start in dates or entry.start == AS_OF for entry in spending)


def test_timeline_command_json_contract_and_languages() -> None:
    from click.testing import CliRunner

    from credit_whatif.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["timeline", "frequent-checks", "--json", "--days", "30"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["as_of"] == "2026-11-28" and record["until"] == "2026-12-28"
    withdrawal = record["features"]["cash_withdrawal"]
    assert [e["from"] for e in withdrawal] == ["2026-11-28", "2026-12-10"]
    assert withdrawal[1]["lifted"] == ["credit.frequent_limit_checks"]
    assert withdrawal[1]["counts"] == {"borrower.activity.limit_checks_30d": 10}
    text = runner.invoke(main, ["timeline", "frequent-checks", "--lang", "zh"]).stdout
    assert "提现：2026年12月10日前不可用；届时近 30 天的额度查询降至 10 次" in text
    moved = runner.invoke(
        main, ["timeline", "frequent-checks", "--set", "as_of=2026-12-10", "--json"]
    )
    later = json.loads(moved.stdout)["features"]["cash_withdrawal"]
    assert [e["status"] for e in later] == ["available"]
    both = runner.invoke(main, ["timeline", "--until", "2027-01-01", "--days", "3"])
    assert both.exit_code == 2 and "Traceback" not in both.output
    past = runner.invoke(main, ["timeline", "frequent-checks", "--set", "as_of=2026-11-01"])
    assert past.exit_code == 2
    assert "borrower.events[" in past.stderr and "on or before as_of (2026-11-01)" in past.stderr


def test_timeline_option_errors_are_in_the_chosen_language() -> None:
    from click.testing import CliRunner

    from credit_whatif.cli import main

    runner = CliRunner()
    early = runner.invoke(
        main, ["timeline", "frequent-checks", "--until", "2020-01-01", "--lang", "zh"]
    )
    assert early.exit_code == 2
    assert early.stderr.strip() == (
        "credit-whatif：错误：--until：--until：应为不早于 as_of（2026-11-28）的日期，实际为2020-01-01"
    )
    both = runner.invoke(main, ["timeline", "--until", "2027-01-01", "--days", "3"])
    assert both.stderr.strip() == (
        "credit-whatif: error: --until/--days: --days: expected one of --until or --days, "
        "found both"
    )
