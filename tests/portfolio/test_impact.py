"""The impact report: every count, amount, transition and rule count equals what
``evaluate()`` gives row by row; the JSON contract; grouping; the in-memory API of
the explorer (cancellable) and the cached sample."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from credit_whatif.cli import main
from credit_whatif.domain import (
    FEATURE_IDS,
    REGISTRY,
    Borrower,
    Health,
    PolicyLevers,
    Scenario,
    Status,
    System,
    Systems,
    Tightening,
)
from credit_whatif.domain.limits import SCORE_MAX, SCORE_MIN
from credit_whatif.files.policies import resolve_policy
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.kernel import Levers, Side
from credit_whatif.portfolio.live import Cancelled, Portfolio, ensure_sample, impact
from credit_whatif.portfolio.schema import frame_from_borrowers
from credit_whatif.portfolio.score_bands import score_bands

from ..helpers import score_floor_values
from ..strategies import DEFAULT, borrowers, policies, scenarios
from .helpers import expected_impact

STATUSES = ("available", "limited", "unavailable")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "book.parquet"
    generate(path, 4_000, seed=11)
    return path


OUTCOMES = st.lists(st.tuples(st.integers(0, 1_000_000), st.booleans()), min_size=12, max_size=12)
SHIFTS = st.lists(
    st.tuples(
        st.sampled_from([i.key for i in REGISTRY.columns if i.kind.is_number and not i.ties]),
        st.integers(-2_000, 2_000),
    ),
    max_size=2,
    unique_by=lambda pair: pair[0],
).map(tuple)


@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(
    st.lists(borrowers(), min_size=1, max_size=12),
    scenarios(),
    scenarios(),
    policies(),
    policies(),
    st.none() | OUTCOMES,
    SHIFTS,
)
def test_the_report_is_evaluate_summed_up(
    rows: list[Borrower],
    before: Scenario,
    after: Scenario,
    table_b: Any,
    table_s: Any,
    drawn: list[tuple[int, bool]] | None,
    shifts: tuple[tuple[str, int], ...],
) -> None:
    """Every figure (counts, amounts, credit blocked, exposure, capped, defaulted
    among the usable, the swap sets) is ``evaluate()`` on every row, summed; the
    scenario's borrowers under its stress."""
    outcomes = None if drawn is None else [(ppm / 1_000_000, bad) for ppm, bad in drawn]
    baseline = Side(Levers.of(before), table_b)
    scenario = Side(Levers.of(after), table_s, shifts)
    chosen = None if outcomes is None else outcomes[: len(rows)]
    portfolio = Portfolio.from_frame(frame_from_borrowers(rows, outcomes=chosen))
    report = impact(portfolio, baseline.levers, scenario.levers, table_b, table_s, shifts=shifts)
    assert report.rows == len(rows)
    want = expected_impact(rows, baseline, scenario, outcomes=chosen)
    assert report.to_json()["features"] == want


def test_the_json_contract(book: Path) -> None:
    code, out, err = invoke(
        "impact",
        str(book),
        "--set", "system.disbursement=degraded",
        "--set", "policy.tightening=tightened",
        "--set", 'policy.suspended_regions=["CN-GD", "CN-SD"]',
        "--baseline-set", "system.account_service=degraded",
        "--policy", "conservative",
        "--json",
    )  # fmt: skip
    assert code == 0, err
    record = json.loads(out)
    assert list(record) == [
        "rows", "policy", "baseline_policy", "baseline", "scenario", "outcomes", "features"
    ]  # fmt: skip
    assert record["outcomes"] == {"pd_12m": True, "defaulted_12m": True}
    assert record["scenario"]["shift"] == {}
    conservative = resolve_policy("conservative")
    assert record["policy"] == {"name": conservative.name, "sha256": conservative.digest}
    assert record["baseline_policy"] == {"name": DEFAULT.name, "sha256": DEFAULT.digest}
    assert record["baseline"]["system"]["account_service"] == "degraded"
    assert record["baseline"]["policy"] == {"tightening": "normal", "suspended_regions": []}
    assert record["scenario"]["system"] == {
        "disbursement": "degraded",
        "risk_engine": "up",
        "payment_network": "up",
        "account_service": "degraded",
    }
    assert record["scenario"]["policy"] == {
        "tightening": "tightened",
        "suspended_regions": ["CN-GD", "CN-SD"],
    }
    assert list(record["features"]) == list(FEATURE_IDS)
    for feature, entry in record["features"].items():
        assert set(entry) == {
            "baseline", "scenario", "transitions", "swap", "defaults_avoided",
            "goods_restricted", "rules",
        }  # fmt: skip
        for side in ("baseline", "scenario"):
            figures = {
                "usable", "amount", "credit_blocked", "exposure", "capped",
                "defaulted_usable", "bad_rate_usable",
            }  # fmt: skip
            assert set(entry[side]) == {*STATUSES, *figures}
            assert sum(entry[side][s] for s in STATUSES) == record["rows"] == 4_000
            assert entry[side]["defaulted_usable"] <= entry[side]["usable"]
        swap = entry["swap"]
        assert swap["out"]["borrowers"] == sum(grid_of(entry, "unavailable", usable=True))
        assert swap["in"]["borrowers"] == sum(grid_of(entry, "unavailable", usable=False))
        assert entry["defaults_avoided"] == swap["out"]["defaulted"] - swap["in"]["defaulted"]
        grid = entry["transitions"]
        assert list(grid) == list(STATUSES) and all(
            list(row) == list(STATUSES) for row in grid.values()
        )
        for status in STATUSES:
            assert sum(grid[status].values()) == entry["baseline"][status]
            assert sum(row[status] for row in grid.values()) == entry["scenario"][status]
        if not REGISTRY.feature(feature).has_amount:
            assert entry["baseline"]["amount"] == entry["scenario"]["amount"] == 0
        assert set(entry["rules"]) <= {r.id for r in REGISTRY.by_feature[feature]}
    withdrawal = record["features"]["cash_withdrawal"]
    assert withdrawal["rules"]["policy.region_suspended"] > 0
    assert withdrawal["scenario"]["amount"] < withdrawal["baseline"]["amount"]


def grid_of(entry: dict[str, Any], unavailable: str, *, usable: bool) -> list[int]:
    """Swap-out cells (usable before, unavailable after), or swap-in cells."""
    grid = entry["transitions"]
    if usable:
        return [grid[s][unavailable] for s in ("available", "limited")]
    return [grid[unavailable][s] for s in ("available", "limited")]


def test_a_system_down_takes_its_features_from_everyone(book: Path) -> None:
    code, out, _ = invoke("impact", str(book), "--set", "system.payment_network=down", "--json")
    assert code == 0
    features = json.loads(out)["features"]
    users = [f.id for f in REGISTRY.features if System.PAYMENT_NETWORK in f.systems]
    assert {"installment_purchase", "in_limit_spending", "repayment"} <= set(users)
    for feature in users:
        assert features[feature]["scenario"]["unavailable"] == 4_000
        assert features[feature]["scenario"]["amount"] == 0
    assert features["cash_withdrawal"]["scenario"] == features["cash_withdrawal"]["baseline"]
    assert features["cash_withdrawal"]["rules"] == {}


def test_only_system_and_policy_levers_may_be_set(book: Path) -> None:
    for flag in ("--set", "--baseline-set"):
        code, out, err = invoke("impact", str(book), flag, "borrower.score=600")
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "system. or funding. or policy." in err
    code, _, err = invoke("impact", str(book), "--set", "system.disbursement=sideways")
    assert code == 2 and "sideways" in err
    code, _, err = invoke("impact", str(book), "--policy", "no-such-policy")
    assert code == 2 and "no-such-policy" in err


def test_by_region_and_score_band_add_up(book: Path) -> None:
    for by in ("region", "score_band"):
        code, out, err = invoke(
            "impact", str(book), "--set", "policy.tightening=strict", "--by", by, "--json"
        )
        assert code == 0, err
        record = json.loads(out)
        groups = record["by"][by]
        for feature, entry in record["features"].items():
            for status in STATUSES:
                total = sum(g[feature]["scenario"][status] for g in groups.values())
                assert total == entry["scenario"][status]
            amount = sum(g[feature]["baseline"]["amount"] for g in groups.values())
            assert amount == entry["baseline"]["amount"]
    frame = pl.read_parquet(book)
    expected = {}
    for lo, hi in score_bands():
        n = frame.filter(pl.col("score").is_between(lo, hi)).height
        if n:
            expected[f"{lo}-{hi}"] = n
    got = {k: sum(v["repayment"]["baseline"][s] for s in STATUSES) for k, v in groups.items()}
    assert got == expected
    # Cut at the default's score floors at the normal level (350, 450, 520, 600, 650, 700).
    cuts = score_floor_values(DEFAULT, Tightening.NORMAL)
    assert [b[0] for b in score_bands()] == [SCORE_MIN, *cuts]
    assert [b[1] for b in score_bands()] == [*(c - 1 for c in cuts), SCORE_MAX]


def test_the_table_output_names_features_rules_and_top_groups(book: Path) -> None:
    code, out, _ = invoke(
        "impact",
        str(book),
        "--set",
        'policy.suspended_regions=["CN-GD"]',
        "--by",
        "region",
        "--lang",
        "en",
    )
    assert code == 0
    assert "Portfolio impact: 4,000 borrowers" in out
    assert "Cash withdrawal" in out and "Region suspended" in out
    assert "Top groups by region" in out
    top = out.split("Top groups by region")[1]
    first_row = top.split("┡")[1].splitlines()[1]
    assert first_row.split("│")[1].strip() == "Guangdong"
    code, out, _ = invoke("impact", str(book), "--lang", "zh")
    assert code == 0 and "组合影响" in out and "提现" in out


def test_the_live_api_matches_the_file_engine_and_ranks_groups(book: Path) -> None:
    from credit_whatif.portfolio.engine import run_impact

    portfolio = Portfolio.load(book)
    assert portfolio.rows == 4_000
    assert portfolio.group_columns == ("region", "score_band", "channel", "opened_year")
    after = Levers(
        Systems(risk_engine=Health.DEGRADED), PolicyLevers(Tightening.STRICT, ("CN-HA",))
    )
    live = impact(portfolio, Levers(), after, DEFAULT, DEFAULT, by="region")
    suspended = impact(
        portfolio,
        Levers(),
        Levers(policy=PolicyLevers(suspended_regions=("CN-HA",))),
        DEFAULT,
        DEFAULT,
        by="region",
    )
    files = run_impact(book, Side(Levers(), DEFAULT), Side(after, DEFAULT), by="region")
    assert live.to_json() == files.to_json()
    top = live.top_groups(3)
    assert [g.lost for g in top] == sorted((g.lost for g in live.groups), reverse=True)[:3]
    assert [g.key for g in suspended.top_groups(1)] == ["CN-HA"]
    assert suspended.top_groups(1)[0].lost > 0
    assert all(g.lost == 0 for g in suspended.groups if g.key != "CN-HA")
    withdrawal = live["cash_withdrawal"]
    assert withdrawal.lost == withdrawal.moved(
        Status.AVAILABLE, Status.UNAVAILABLE
    ) + withdrawal.moved(Status.LIMITED, Status.UNAVAILABLE)
    assert withdrawal.regained == 0
    rows = portfolio.outcomes(Side(after, DEFAULT))
    assert rows.height == 4_000
    assert (rows["cash_withdrawal.status"] == 0).sum() == withdrawal.scenario.unavailable


def test_a_cancelled_run_stops(book: Path) -> None:
    portfolio = Portfolio.load(book)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        impact(portfolio, Levers(), Levers(), DEFAULT, DEFAULT, cancelled=cancelled)
    report = impact(portfolio, Levers(), Levers(), DEFAULT, DEFAULT, cancelled=lambda: False)
    assert report.rows == 4_000


def test_the_sample_is_made_once_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREDIT_WHATIF_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[tuple[int, int]] = []
    path = ensure_sample(rows=3_000, progress=lambda done, total: seen.append((done, total)))
    assert path.parent == tmp_path / "cache" and path.is_file()
    assert seen[-1] == (3_000, 3_000)
    stamp = path.stat().st_mtime_ns
    assert ensure_sample(rows=3_000) == path
    assert path.stat().st_mtime_ns == stamp
    assert Portfolio.load(path).rows == 3_000
    assert not [p for p in path.parent.iterdir() if p != path]


def test_shift_stresses_the_scenario_only(book: Path) -> None:
    code, out, err = invoke(
        "impact", str(book), "--shift", "borrower.score=-30", "--shift", "borrower.score=-10",
        "--json",
    )  # fmt: skip
    assert code == 0, err
    record = json.loads(out)
    assert record["scenario"]["shift"] == {"borrower.score": -40}
    withdrawal = record["features"]["cash_withdrawal"]
    assert withdrawal["scenario"]["usable"] < withdrawal["baseline"]["usable"]
    assert withdrawal["swap"]["out"]["borrowers"] > 0 and withdrawal["swap"]["in"]["borrowers"] == 0
    code, text, _ = invoke("impact", str(book), "--shift", "borrower.score=-40", "--lang", "zh")
    assert code == 0 and "情景中对每位借款人的压力：信用分 −40" in text
    assert "新增不可用" in text and "12 个月内违约" in text


@pytest.mark.parametrize(
    ("shift", "message"),
    [
        ("borrower.score", "KEY=DELTA"),
        ("borrower.scor=-3", "did you mean 'borrower.score'"),
        ("borrower.overdue.current_days=5", "tied to the other overdue fields"),
        ("borrower.region=1", "found 'borrower.region', which is not a number"),
        ("borrower.identity_verified=1", "which is not a number"),
        ("borrower.score=lots", "a whole number to add"),
    ],
)
def test_a_bad_shift_is_one_line(book: Path, shift: str, message: str) -> None:
    code, out, err = invoke("impact", str(book), "--shift", shift)
    assert code == 2 and out == "" and message in err
    assert len(err.strip().splitlines()) == 1


def test_a_book_without_outcomes_says_it_cannot_tell(tmp_path: Path, book: Path) -> None:
    bare = tmp_path / "bare.parquet"
    pl.read_parquet(book).drop("pd_12m", "defaulted_12m").write_parquet(bare)
    code, out, _ = invoke("impact", str(bare), "--set", "system.disbursement=down", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["outcomes"] == {"pd_12m": False, "defaulted_12m": False}
    withdrawal = record["features"]["cash_withdrawal"]
    assert withdrawal["swap"]["out"]["borrowers"] > 0
    assert withdrawal["swap"]["out"]["defaulted"] is None
    assert withdrawal["defaults_avoided"] is None and withdrawal["goods_restricted"] is None
    assert withdrawal["scenario"]["bad_rate_usable"] is None
    code, text, _ = invoke("impact", str(bare), "--set", "system.disbursement=down")
    assert "no defaulted_12m column" in text and "Defaulted within" not in text
