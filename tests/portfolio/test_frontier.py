"""The frontier: every point is ``evaluate()`` on every row under the policy with
that value, and equals ``impact`` with that policy against the policy's own value;
both engines agree; bad options are one line naming the option."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from credit_whatif.cli import main
from credit_whatif.domain import REGISTRY, Borrower, Scenario, Status, Tightening, evaluate
from credit_whatif.files.policies import resolve_policy
from credit_whatif.portfolio.frontier import features_of, frontier_of_frame, run_frontier
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.kernel import Levers, Side
from credit_whatif.portfolio.live import Portfolio, impact
from credit_whatif.portfolio.schema import frame_from_borrowers

from ..strategies import borrowers, policies, scenarios

NUMBERS = [f for f in REGISTRY.policy_fields if not f.is_switch]


@st.composite
def sweeps(draw: st.DrawFn) -> tuple[Any, str, tuple[int, int, int]]:
    """A numeric policy field, a feature it changes and three values in its range."""
    field = draw(st.sampled_from(NUMBERS))
    feature = draw(st.sampled_from(features_of(field)))
    lo, hi = field.range
    start = draw(st.integers(lo, hi))
    step = draw(st.integers(1, max(1, (hi - start) // 2 or 1)))
    stop = min(hi, start + 2 * step)
    return field, feature.id, (start, stop, step)


@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(
    st.lists(borrowers(), min_size=1, max_size=10),
    st.lists(st.booleans(), min_size=10, max_size=10),
    scenarios(),
    policies(),
    st.sampled_from(list(Tightening)),
    sweeps(),
)
def test_every_point_is_evaluate_row_by_row(
    rows: list[Borrower],
    defaulted: list[bool],
    levers: Scenario,
    table: Any,
    level: Tightening,
    sweep: tuple[Any, str, tuple[int, int, int]],
) -> None:
    field, feature_id, values = sweep
    outcomes = [(0.5, bad) for bad in defaulted[: len(rows)]]
    book = Portfolio.from_frame(frame_from_borrowers(rows, outcomes=outcomes))
    side = Side(Levers.of(levers), table)
    frontier = frontier_of_frame(book.frame, side, field.name, level, feature_id, values)
    at_level = attrs.evolve(levers.policy, tightening=level)
    for point in frontier.points:
        changed = table.with_value(level, field.name, point.value)
        usable = bad = 0
        for borrower, (_, went_bad) in zip(rows, outcomes, strict=True):
            scenario = attrs.evolve(levers, borrower=borrower, policy=at_level)
            features = evaluate(scenario, changed).features
            result = next(r for r in features if r.feature.id == feature_id)
            if result.status is not Status.UNAVAILABLE:
                usable += 1
                bad += went_bad
        assert (point.usable, point.unavailable) == (usable, len(rows) - usable)
        assert point.defaulted_usable == bad
        reference = frontier.reference
        assert point.defaults_avoided == reference.defaulted_usable - bad
        goods = (reference.usable - reference.defaulted_usable) - (usable - bad)
        assert point.goods_restricted == goods


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("frontier") / "book.parquet"
    generate(path, 6_000, seed=5)
    return path


def test_a_point_equals_impact_with_that_policy(book: Path) -> None:
    """defaults avoided = swap-out defaulted - swap-in defaulted of ``impact`` with
    the policy's value changed to the point's."""
    default = resolve_policy(None)
    side = Side(Levers(), default)
    frontier = run_frontier(
        str(book), side, "withdrawal_min_score", Tightening.NORMAL, None, (520, 700, 60)
    )
    loaded = Portfolio.load(book)
    assert frontier.outcomes and len(frontier.points) == 4
    for point in frontier.points:
        changed = default.with_value(Tightening.NORMAL, "withdrawal_min_score", point.value)
        report = impact(loaded, Levers(), Levers(), default, changed)["cash_withdrawal"]
        assert point.usable == report.scenario.usable
        assert point.defaulted_usable == report.scenario.defaulted_usable
        assert point.defaults_avoided == report.defaults_avoided
        assert point.goods_restricted == report.goods_restricted
    tighter = [p for p in frontier.points if p.value > frontier.own]
    assert tighter and all(p.defaults_avoided > 0 and p.goods_restricted > 0 for p in tighter)


def test_dask_gives_the_same_frontier(book: Path) -> None:
    pytest.importorskip("distributed")
    side = Side(Levers(), resolve_policy(None))
    args = (str(book), side, "max_current_days_borrowing", Tightening.NORMAL, None, (0, 30, 5))
    assert run_frontier(*args, engine="dask").to_json() == run_frontier(*args).to_json()


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_json_contract_and_the_plot(book: Path, tmp_path: Path) -> None:
    plot = tmp_path / "curve.svg"
    code, out, err = invoke(
        "frontier", str(book), "--field", "withdrawal_min_score",
        "--from", "500", "--to", "700", "--step", "50", "--plot", str(plot), "--json",
    )  # fmt: skip
    assert code == 0, err
    record = json.loads(out)
    assert list(record) == [
        "field", "level", "feature", "own", "rows", "outcomes", "reference", "points"
    ]  # fmt: skip
    assert (record["field"], record["feature"], record["own"]) == (
        "withdrawal_min_score",
        "cash_withdrawal",
        600,
    )
    assert [p["value"] for p in record["points"]] == [500, 550, 600, 650, 700]
    keys = {"value", "usable", "unavailable", "defaulted_usable", "bad_rate"}
    assert all(keys | {"defaults_avoided", "goods_restricted"} == set(p) for p in record["points"])
    usable = [p["usable"] for p in record["points"]]
    assert usable == sorted(usable, reverse=True)  # a higher floor serves fewer
    assert plot.read_text().startswith("<svg")
    assert "Withdrawal" in plot.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--field", "withdrawl_min_score"], "did you mean 'withdrawal_min_score'"),
        (["--field", "limit_increases_open"], "a switch"),
        (["--field", "withdrawal_min_score", "--feature", "repayment"], "found 'repayment'"),
        (["--field", "withdrawal_min_score", "--from", "0"], "--from"),
        (["--field", "withdrawal_min_score", "--step", "0"], "a positive step"),
        (["--field", "withdrawal_min_score", "--step", "1", "--to", "950"], "at most 401 points"),
        (["--field", "withdrawal_min_score", "--plot", "curve.png"], ".svg or .txt"),
        (["--field", "withdrawal_min_score", "--shift", "borrower.overdue.worst_days=5"], "tied"),
    ],
)
def test_bad_options_are_one_line(book: Path, args: list[str], message: str) -> None:
    defaults = {"--from": "500", "--to": "700", "--step": "50"}
    for option, value in defaults.items():
        if option not in args:
            args = [*args, option, value]
    code, out, err = invoke("frontier", str(book), *args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_without_a_range_the_curve_is_31_values_around_the_policys_own(book: Path) -> None:
    code, out, err = invoke("frontier", str(book), "--field", "withdrawal_min_score", "--json")
    assert code == 0, err
    values = [p["value"] for p in json.loads(out)["points"]]
    assert values == list(range(450, 751, 10)) and 600 in values
    code, out, _ = invoke("frontier", str(book), "--field", "max_worst_days_24m", "--json")
    record = json.loads(out)
    assert record["own"] in [p["value"] for p in record["points"]]
