"""The synthetic book's borrowers: plausible distributions whose fields hang together,
and an outcome drawn from a documented probability of default. Documented here and in
docs/portfolio.md ("A generated portfolio"); written to files by :mod:`.generate`.

Rows are drawn with NumPy's PCG64 in blocks of :data:`BLOCK`. Block ``i`` of seed
``s`` has its own stream (``SeedSequence([s, i])``), so the rows are the same
whatever the format and however many parts they are split into, and the same seed
writes byte-identical files.

Per borrower, in the order drawn:

- ``score``: a mix of a prime group (85%, normal around 690, sd 55) and a near-prime
  group (15%, around 590, sd 70), rounded and clipped to 350..950.
- ``credit_limit``: 3% have no line (0); the rest log-normal around a median that
  grows with the score (20,000 yuan at 680, about 9,000 at 550 and 41,000 at 800;
  sigma 0.7), in steps of 500 yuan, 500..500,000.
- overdue history: the chance of any late payment in 24 months falls with the score
  (logistic: about 61% at 550, 23% at 650, 5% at 750); then ``overdue_count_24m`` is
  1 + Poisson (more below 650), ``overdue_worst_days`` log-normal around 7 days
  (1..365), and 18% of them are overdue now (``overdue_current_days`` 1..worst).
- ``outstanding``: 30% owe nothing, 5% have drawn the whole line, 2% owe more than
  the limit (100..130% of it, as after a limit cut), the rest use a Beta(1.6, 2.4)
  share of it (40% on average); lines of 0 owe nothing, except 20% of them that
  still repay a balance (log-normal around 3,000 yuan). A borrower overdue now always
  owes: the larger of that share and a Beta(4, 1.5) one (73% on average), at least
  100 yuan, and on a line of 0 the balance being repaid.
- ``monthly_income``: stated by 60% (empty for the rest); a line was granted at about
  3.5 months of the stated income (log-normal, sigma 0.4), 6,000 yuan where there is
  no line; in steps of 100 yuan, 1,000 and up. Drawn after every other column, so
  they are what they were before it was added.
- ``identity_verified``: 97% true.
- ``region``: the 31 provinces weighted by their population (2020 census).
- ``limit_checks_30d``: negative binomial (r = 1.5) whose mean rises with risk:
  2.5 x 2^((680 - score) / 150), x 1.3 with any late payment in 24 months, x 1.5 when
  overdue now (kept within 0.5..15); some check often (10 + geometric(0.1)): 2% at
  680, twice that 150 points lower, twice again when overdue now (0.5%..20%).
- ``failed_attempts_7d``: none, or 1 + Poisson(0.8; 1.5 when overdue now), with a
  chance that rises with risk: logistic(-2.2 - (score - 680) / 100, + 0.5 with any
  late payment, + 0.8 when overdue now), 10% at 680 with a clean record.
- ``pd_12m``, the probability of default within 12 months, scorecard style: log-odds
  of default ``z = -ln(99) - (score - 700) x ln 2 / 40`` (:data:`PDO` = 40 points
  to double the odds; anchor :data:`ANCHOR_SCORE` = 700 at PD 1%, good:bad odds
  :data:`ANCHOR_ODDS` = 99:1, for a clean record in a province without an offset:
  5.4% at 600, 2.3% at 650, 0.42% at 750), plus log-odds steps (the highest step
  reached counts, see :func:`default_probability`):

  - ``overdue_count_24m`` 1 / 2 / 3..5 / 6+: +0.15 / +0.30 / +0.45 / +0.70;
  - ``overdue_worst_days`` 1..29 / 30..89 / 90+: +0.10 / +0.40 / +0.80;
  - ``overdue_current_days`` 1..29 / 30..89 / 90+: +0.9 / +2.3 / +3.5 (30+ days
    overdue now is the big step: at 680, one 7-day episode gives 1.8% once repaid
    and 4.3% when 5 days late now; two episodes and 45 days late now, 22%);
  - ``limit_checks_30d`` 6..9 / 10..19 / 20+: +0.10 / +0.30 / +0.60;
  - ``failed_attempts_7d`` 1 / 2..3 / 4+: +0.30 / +0.50 / +0.80;
  - the province (:data:`REGION_LOG_ODDS`): +0.40 Liaoning, +0.35 Jilin and Gansu,
    +0.30 Inner Mongolia and Qinghai, +0.25 Heilongjiang, Guangxi and Yunnan;
    -0.30 Zhejiang and Shanghai, -0.25 Beijing and Jiangsu, -0.15 Fujian; 0 elsewhere.

  ``pd = 1 / (1 + exp(-z))``, rounded to 6 decimals and kept within
  0.000001..0.999999.
- ``defaulted_12m``: true when a uniform draw of the block's stream is below ``pd_12m``.
  On 1,000,000 rows of seed 0 (measured as docs/portfolio.md shows): 4.99% defaulted,
  mean PD 5.00%; by score <600 / 600-699 / 700+: 24.3% / 3.37% / 0.68%.
- extra columns, for grouping: ``channel`` (app 62%, mini_program 23%, partner 10%,
  web 5%) and ``opened_year`` (2014..2025, more recent years more likely).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import polars as pl

from ..domain.limits import COUNT_MAX, DAYS_MAX, SCORE_MAX, SCORE_MIN, YUAN_MAX
from .schema import DEFAULTED, PD, REGION_CODES, REGION_TYPE

# Bumped whenever a seed's rows change, so a cached sample of an older draw is made again.
VERSION = 2
BLOCK = 1 << 20  # rows drawn from one random stream

# Population in millions, 2020 census (seventh national census), by ISO code.
POPULATION: dict[str, float] = {
    "CN-BJ": 21.9, "CN-TJ": 13.9, "CN-HE": 74.6, "CN-SX": 34.9, "CN-NM": 24.0,
    "CN-LN": 42.6, "CN-JL": 24.1, "CN-HL": 31.9, "CN-SH": 24.9, "CN-JS": 84.7,
    "CN-ZJ": 64.6, "CN-AH": 61.0, "CN-FJ": 41.5, "CN-JX": 45.2, "CN-SD": 101.5,
    "CN-HA": 99.4, "CN-HB": 57.8, "CN-HN": 66.4, "CN-GD": 126.0, "CN-GX": 50.1,
    "CN-HI": 10.1, "CN-CQ": 32.1, "CN-SC": 83.7, "CN-GZ": 38.6, "CN-YN": 47.2,
    "CN-XZ": 3.6, "CN-SN": 39.5, "CN-GS": 25.0, "CN-QH": 5.9, "CN-NX": 7.2,
    "CN-XJ": 25.9,
}  # fmt: skip
CHANNELS = ("app", "mini_program", "partner", "web")
CHANNEL_WEIGHTS = (0.62, 0.23, 0.10, 0.05)
FIRST_YEAR, LAST_YEAR = 2014, 2025

# --- The probability of default --------------------------------------------------------

PDO = 40  # points to double the odds: 40 points more score, half the odds of default
ANCHOR_SCORE = 700  # where the line is calibrated, for a clean borrower (no step below)
ANCHOR_ODDS = 99  # good:bad odds at the anchor: PD 1 / (1 + 99) = 1%
PD_DECIMALS = 6  # pd_12m is rounded so that files are byte-identical across runs
PD_MIN, PD_MAX = 1e-6, 1 - 1e-6

# Log-odds added at or above each threshold (the largest threshold reached counts).
COUNT_STEPS = ((1, 0.15), (2, 0.3), (3, 0.45), (6, 0.7))  # overdue_count_24m
WORST_STEPS = ((1, 0.1), (30, 0.4), (90, 0.8))  # overdue_worst_days
CURRENT_STEPS = ((1, 0.9), (30, 2.3), (90, 3.5))  # overdue_current_days
CHECK_STEPS = ((6, 0.1), (10, 0.3), (20, 0.6))  # limit_checks_30d
FAILED_STEPS = ((1, 0.3), (2, 0.5), (4, 0.8))  # failed_attempts_7d

# Log-odds by province (0 where not listed): illustrative, in the direction of the
# banks' non-performing-loan ratios by province as commonly reported (higher in the
# north-east, the north-west, Inner Mongolia, Guangxi and Yunnan; lower in Beijing,
# Shanghai and the Yangtze delta), not calibrated to them.
REGION_LOG_ODDS: dict[str, float] = {
    "CN-LN": 0.40, "CN-JL": 0.35, "CN-GS": 0.35, "CN-NM": 0.30, "CN-QH": 0.30,
    "CN-HL": 0.25, "CN-GX": 0.25, "CN-YN": 0.25,
    "CN-ZJ": -0.30, "CN-SH": -0.30, "CN-BJ": -0.25, "CN-JS": -0.25, "CN-FJ": -0.15,
}  # fmt: skip


def _weights(values: list[float]) -> Any:
    array = np.asarray(values, dtype=float)
    return array / array.sum()


_REGION_P = _weights([POPULATION[code] for code in REGION_CODES])
_REGION_OFFSET = np.asarray([REGION_LOG_ODDS.get(code, 0.0) for code in REGION_CODES])
_YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)
_YEAR_P = _weights([1.25**k for k in range(len(_YEARS))])


def _steps(values: Any, steps: tuple[tuple[int, float], ...]) -> Any:
    """The log-odds of the largest threshold each value reaches (0 below the first)."""
    out = np.zeros(np.shape(values))
    for threshold, log_odds in steps:
        out = np.where(np.asarray(values) >= threshold, log_odds, out)
    return out


def default_probability(
    score: Any,
    count_24m: Any,
    worst_days: Any,
    current_days: Any,
    limit_checks: Any,
    failed_attempts: Any,
    region: Any,
) -> Any:
    """PD within 12 months (arrays, `region` as indexes into ``REGION_CODES``):
    ``1 / (1 + exp(-z))`` with
    ``z = -ln(ANCHOR_ODDS) - (score - ANCHOR_SCORE) * ln 2 / PDO`` plus the steps of
    the overdue history, the activity and the province; rounded to 6 decimals."""
    z = -np.log(ANCHOR_ODDS) - (np.asarray(score, dtype=float) - ANCHOR_SCORE) * np.log(2) / PDO
    z = z + _steps(count_24m, COUNT_STEPS) + _steps(worst_days, WORST_STEPS)
    z = z + _steps(current_days, CURRENT_STEPS)
    z = z + _steps(limit_checks, CHECK_STEPS) + _steps(failed_attempts, FAILED_STEPS)
    z = z + _REGION_OFFSET[np.asarray(region)]
    return np.clip(np.round(1 / (1 + np.exp(-z)), PD_DECIMALS), PD_MIN, PD_MAX)


# --- A block ---------------------------------------------------------------------------


def _overdue(rng: np.random.Generator, score: Any) -> tuple[Any, Any, Any]:
    """(count in 24 months, worst days, current days), rarer with a higher score."""
    n = len(score)
    late = 1 / (1 + np.exp(1.2 + (score - 650) / 60))
    has_late = rng.random(n) < late
    extra = 0.8 + np.clip(650 - score, 0, None) / 100
    count = np.where(has_late, 1 + rng.poisson(extra), 0)
    worst = np.clip(np.rint(rng.lognormal(np.log(7), 1.1, n)), 1, 365)
    worst = np.where(has_late, worst, 0)
    now = has_late & (rng.random(n) < 0.18)
    current = np.where(now, np.maximum(1, np.floor(worst * rng.random(n))), 0)
    return count, worst, np.minimum(current, worst)


def _outstanding(rng: np.random.Generator, limit: Any, now: Any) -> Any:
    """What each borrower owes; something whenever `now` (overdue now)."""
    n = len(limit)
    state = rng.random(n)
    share = rng.beta(1.6, 2.4, n)
    share = np.where(state < 0.30, 0.0, share)
    share = np.where((state >= 0.30) & (state < 0.35), 1.0, share)
    share = np.where((state >= 0.35) & (state < 0.37), rng.uniform(1.0, 1.3, n), share)
    share = np.where(now, np.maximum(share, rng.beta(4.0, 1.5, n)), share)
    outstanding = np.rint(limit * share)
    closed_debt = np.rint(rng.lognormal(np.log(3_000), 0.8, n))
    repaying = (rng.random(n) < 0.2) | now
    outstanding = np.where((limit == 0) & repaying, closed_debt, outstanding)
    outstanding = np.where(now, np.maximum(outstanding, 100), outstanding)
    return np.clip(outstanding, 0, None).astype(np.int64)


def _activity(rng: np.random.Generator, score: Any, late: Any, now: Any) -> tuple[Any, Any]:
    """(limit checks in 30 days, failed attempts in 7 days), more with more risk."""
    n = len(score)
    risk = 2.0 ** ((680 - score) / 150)
    mean = np.clip(2.5 * risk * np.where(late, 1.3, 1.0) * np.where(now, 1.5, 1.0), 0.5, 15)
    checks = rng.negative_binomial(1.5, 1.5 / (1.5 + mean))
    heavy = rng.random(n) < np.clip(0.02 * risk * np.where(now, 2.0, 1.0), 0.005, 0.2)
    checks = np.where(heavy, 10 + rng.geometric(0.1, n), checks)
    z = -2.2 - (score - 680) / 100 + np.where(late, 0.5, 0.0) + np.where(now, 0.8, 0.0)
    failing = rng.random(n) < 1 / (1 + np.exp(-z))
    failed = np.where(failing, 1 + rng.poisson(np.where(now, 1.5, 0.8)), 0)
    return checks, failed


def _monthly_income(rng: np.random.Generator, limit: Any) -> pl.Series:
    """Stated by 60%; a line was granted at about 3.5 months of income (log-normal,
    sigma 0.4), 6,000 yuan where there is no line; in steps of 100, 1,000 and up."""
    n = len(limit)
    stated = rng.random(n) < 0.6
    base = np.where(limit > 0, limit / 3.5, 6_000)
    income = np.clip(np.rint(base * rng.lognormal(0.0, 0.4, n) / 100) * 100, 1_000, YUAN_MAX)
    values = pl.Series("monthly_income", income.astype(np.int64))
    return values.zip_with(pl.Series(stated), pl.Series([None] * n, dtype=pl.Int64))


def block(seed: int, index: int, rows: int) -> pl.DataFrame:
    """`rows` (at most :data:`BLOCK`) borrowers of block `index`, ids continuing
    from the blocks before it."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, index])))
    n = rows
    prime = rng.random(n) < 0.85
    score = np.where(prime, rng.normal(690, 55, n), rng.normal(590, 70, n))
    score = np.clip(np.rint(score), SCORE_MIN, SCORE_MAX)

    median = 20_000 * np.exp(0.006 * (score - 680))
    limit = np.rint(median * rng.lognormal(0.0, 0.7, n) / 500) * 500
    limit = np.clip(limit, 500, 500_000)
    limit = np.where(rng.random(n) < 0.03, 0, limit).astype(np.int64)

    count, worst, current = _overdue(rng, score)
    count = np.clip(count, 0, COUNT_MAX)
    worst = np.clip(worst, 0, DAYS_MAX)
    outstanding = _outstanding(rng, limit, current > 0)
    verified = rng.random(n) < 0.97
    region = rng.choice(len(REGION_CODES), size=n, p=_REGION_P)
    checks, failed = _activity(rng, score, count > 0, current > 0)
    checks = np.clip(checks, 0, COUNT_MAX)
    failed = np.clip(failed, 0, COUNT_MAX)
    pd_12m = default_probability(score, count, worst, current, checks, failed, region)
    defaulted = rng.random(n) < pd_12m

    channel = rng.choice(len(CHANNELS), size=n, p=np.asarray(CHANNEL_WEIGHTS))
    year = rng.choice(_YEARS, size=n, p=_YEAR_P)
    # Drawn last, so the columns above are what they were before it was added.
    income = _monthly_income(rng, limit)

    start = index * BLOCK + 1
    return pl.DataFrame(
        {
            "id": np.arange(start, start + n, dtype=np.int64),
            "score": score.astype(np.int16),
            "credit_limit": limit,
            "outstanding": outstanding,
            "monthly_income": income,
            "identity_verified": verified,
            # An enum, as the reading types it: a Parquet book then needs no cast of
            # every code (a CSV is written as text all the same).
            "region": pl.Series(np.asarray(REGION_CODES)[region]).cast(REGION_TYPE),
            "overdue_count_24m": count.astype(np.int16),
            "overdue_worst_days": worst.astype(np.int16),
            "overdue_current_days": current.astype(np.int16),
            "limit_checks_30d": checks.astype(np.int16),
            "failed_attempts_7d": failed.astype(np.int16),
            PD: pd_12m.astype(np.float64),
            DEFAULTED: defaulted,
            "channel": np.asarray(CHANNELS)[channel],
            "opened_year": year.astype(np.int16),
        }
    )


def blocks(seed: int, rows: int) -> Iterator[pl.DataFrame]:
    """The portfolio of `seed` with `rows` borrowers, block by block."""
    for index in range(-(-rows // BLOCK)):
        yield block(seed, index, min(BLOCK, rows - index * BLOCK))
