"""Ranges of the model's numbers, shared by the scenario, the policy and the portfolio."""

from __future__ import annotations

SCORE_MIN = 350
SCORE_MAX = 950
YUAN_MAX = 10_000_000
DAYS_MAX = 3_650
COUNT_MAX = 1_000
