"""Ranges of the model's numbers, shared by the scenario, the policy and the portfolio."""

from __future__ import annotations

SCORE_MIN = 350
SCORE_MAX = 950
YUAN_MAX = 10_000_000
DAYS_MAX = 3_650
COUNT_MAX = 1_000

# The range of each kind of number, by kind name (inputs, figures and policy fields).
RANGES: dict[str, tuple[int, int]] = {
    "score": (SCORE_MIN, SCORE_MAX),
    "days": (0, DAYS_MAX),
    "hours": (0, 24 * 30),  # a payout later than a month is no delay but a failure
    "months": (1, 120),  # a repayment term: ten years is the longest consumer credit runs
    "count": (0, COUNT_MAX),
    "percent": (0, 100),
    "yuan": (0, YUAN_MAX),
}
