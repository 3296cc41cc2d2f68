"""The synthetic book hangs together: a probability of default that follows the
documented log-odds line, an outcome drawn from it, balances owed by whoever is
overdue now, activity that rises with risk, and provinces that differ in risk."""

from __future__ import annotations

import math
from itertools import product

import numpy as np
import polars as pl
import pytest

from credit_whatif.portfolio.schema import REGION_TYPE
from credit_whatif.portfolio.synthetic import (
    ANCHOR_ODDS,
    ANCHOR_SCORE,
    PDO,
    REGION_CODES,
    REGION_LOG_ODDS,
    block,
    default_probability,
)

SCORES = np.arange(350, 951)
NEUTRAL = REGION_CODES.index("CN-HA")  # a province without an offset
LOWEST = REGION_CODES.index(min(REGION_LOG_ODDS, key=REGION_LOG_ODDS.__getitem__))
HIGHEST = REGION_CODES.index(max(REGION_LOG_ODDS, key=REGION_LOG_ODDS.__getitem__))


@pytest.fixture(scope="module")
def book() -> pl.DataFrame:
    return block(7, 0, 200_000)


def pd_of(score: object, *rest: object, region: int = NEUTRAL) -> np.ndarray:
    counts = rest or (0, 0, 0, 0, 0)
    return default_probability(score, *counts, region)


def test_the_clean_line_meets_its_anchor_and_doubles_the_odds_every_pdo_points() -> None:
    assert pd_of(np.array([ANCHOR_SCORE]))[0] == pytest.approx(1 / (1 + ANCHOR_ODDS))
    low, high = pd_of(np.array([ANCHOR_SCORE - PDO, ANCHOR_SCORE + PDO]))
    odds = [p / (1 - p) for p in (low, pd_of(np.array([ANCHOR_SCORE]))[0], high)]
    assert odds[0] / odds[1] == pytest.approx(2, rel=1e-3)
    assert odds[1] / odds[2] == pytest.approx(2, rel=1e-3)


def test_pd_is_a_probability_and_never_rises_with_the_score() -> None:
    histories = [  # (count, worst, current) that agree with each other
        (count, worst, current)
        for count, worst, current in product((0, 1, 3, 6, 40), (0, 1, 30, 90, 365), (0, 1, 30, 90))
        if (count == 0) == (worst == 0) and current <= worst
    ]
    for (count, worst, current), checks, failed, region in product(
        histories, (0, 6, 10, 20, 300), (0, 1, 2, 4, 50), (NEUTRAL, LOWEST, HIGHEST)
    ):
        pd = pd_of(SCORES, count, worst, current, checks, failed, region=region)
        assert ((pd > 0) & (pd < 1)).all()
        assert (np.diff(pd) <= 0).all(), (count, worst, current, checks, failed, region)
        assert (np.round(pd, 6) == pd).all()  # 6 decimals: the same bytes


def test_pd_rises_with_every_sign_of_risk() -> None:
    base = pd_of(SCORES)
    for history in [(1, 1, 0, 0, 0), (0, 0, 0, 6, 0), (0, 0, 0, 0, 1)]:
        assert (pd_of(SCORES, *history) >= base).all()
        assert (pd_of(SCORES, *history) > base).any()
    early, late = pd_of(SCORES, 1, 30, 1, 0, 0), pd_of(SCORES, 1, 30, 30, 0, 0)
    at = SCORES == 680
    assert late[at][0] / early[at][0] > 2.5  # overdue 30+ days now is a big step
    assert (pd_of(SCORES, region=HIGHEST) > base).all()
    assert (pd_of(SCORES, region=LOWEST) < base).all()


def test_the_outcome_is_drawn_from_the_pd(book: pl.DataFrame) -> None:
    assert book.schema["pd_12m"] == pl.Float64
    assert book.schema["region"] == REGION_TYPE  # the enum the reading takes as it is
    assert book.schema["defaulted_12m"] == pl.Boolean
    bands = {
        "all": pl.lit(True),
        "<600": pl.col("score") < 600,
        "600-699": pl.col("score").is_between(600, 699),
        "700+": pl.col("score") >= 700,
    }
    for name, where in bands.items():
        part = book.filter(where)
        pd = part["pd_12m"].to_numpy()
        rate = float(part["defaulted_12m"].mean())  # type: ignore[arg-type]
        sd = math.sqrt(float((pd * (1 - pd)).sum())) / part.height
        assert abs(rate - pd.mean()) < 4 * sd, name
    rate = float(book["defaulted_12m"].mean())  # type: ignore[arg-type]
    assert 0.03 <= rate <= 0.06  # a few percent, as documented


def test_whoever_is_overdue_now_owes_something(book: pl.DataFrame) -> None:
    now = book.filter(pl.col("overdue_current_days") > 0)
    assert now.height > 1_000
    assert (now["outstanding"] > 0).all()
    assert (now["credit_limit"] == 0).any()  # a line of 0 still repays a balance
    assert (book["overdue_worst_days"] >= book["overdue_current_days"]).all()
    late = book.filter(pl.col("overdue_worst_days") > 0)
    assert (late["overdue_count_24m"] >= 1).all()


def test_activity_rises_with_risk(book: pl.DataFrame) -> None:
    def mean(column: str, where: pl.Expr) -> float:
        return float(book.filter(where)[column].mean())  # type: ignore[arg-type]

    risky, safe = pl.col("score") < 600, pl.col("score") >= 700
    assert mean("limit_checks_30d", risky) > 1.5 * mean("limit_checks_30d", safe)
    assert mean("failed_attempts_7d", risky) > 1.5 * mean("failed_attempts_7d", safe)
    now, clean = pl.col("overdue_current_days") > 0, pl.col("overdue_count_24m") == 0
    assert mean("limit_checks_30d", now) > mean("limit_checks_30d", clean)
    assert mean("failed_attempts_7d", now) > mean("failed_attempts_7d", clean)


def test_provinces_differ_in_risk(book: pl.DataFrame) -> None:
    by_region = book.group_by("region").agg(pl.col("pd_12m").mean())
    assert by_region["pd_12m"].max() - by_region["pd_12m"].min() > 0.02  # type: ignore[operator]
    higher = [code for code, offset in REGION_LOG_ODDS.items() if offset > 0]
    lower = [code for code, offset in REGION_LOG_ODDS.items() if offset < 0]
    pd_higher = book.filter(pl.col("region").is_in(higher))["pd_12m"].mean()
    pd_lower = book.filter(pl.col("region").is_in(lower))["pd_12m"].mean()
    assert pd_higher > 1.3 * pd_lower  # type: ignore[operator]


def test_a_block_is_the_same_every_time() -> None:
    first, second = block(3, 2, 5_000), block(3, 2, 5_000)
    assert first.equals(second)
    assert first["id"][0] == 2 * (1 << 20) + 1
    assert not first.equals(block(3, 1, 5_000).with_columns(id=first["id"]))


def test_regions_are_drawn_in_the_portfolio_s_order_of_codes() -> None:
    from credit_whatif.portfolio import columns

    assert REGION_CODES == columns.REGION_CODES
    assert set(REGION_LOG_ODDS) <= set(REGION_CODES)
