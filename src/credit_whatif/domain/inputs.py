"""The inputs registry: every field of a scenario a rule can read, declared once.

An :class:`Input` is what a rule compares (``rule(..., SCORE, AT_LEAST, floor(...))``)
and what every consumer of inputs reads instead of keeping its own table:

- the scenario model takes each number's range from it (:mod:`.scenario`);
- the wording takes its units (the value's unit, and the unit of a margin);
- the counterfactual search takes who changes it (:class:`Actor`), which way is
  better, and how it may move (:class:`Moves`); the sentence that describes a change
  is the message files' ``[changes]`` entry of its key, and its label the ``[ui]``
  entry (a test checks both exist in both languages);
- sweeps take whether it can be swept, and the fields tied to it;
- the portfolio takes its column; the explorer its group, control and step.

The order of :data:`INPUTS` is the order of the preset format, the explorer's inputs
panel and the portfolio's columns.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from .limits import RANGES


class Actor(StrEnum):
    """Who or what brings a change about."""

    BORROWER = "borrower"  # what they can do today: repay, verify
    BORROWER_OVER_TIME = "borrower_over_time"  # their conduct over months: a better score
    TIME = "time"
    LENDER = "lender"


class InputKind(StrEnum):
    """What an input holds: the kind fixes its range, its units and its control."""

    SCORE = "score"
    YUAN = "yuan"
    DAYS = "days"
    COUNT = "count"
    PERCENT = "percent"  # figures only: a share of the limit
    SWITCH = "switch"  # yes or no
    REGION = "region"  # one province-level code
    REGIONS = "regions"  # a set of codes
    HEALTH = "health"  # up, degraded, down
    TIGHTENING = "tightening"  # normal, tightened, strict
    QUOTA = "quota"  # ample, tight, exhausted

    @property
    def is_number(self) -> bool:
        return self.value in RANGES


# The unit a margin is counted in ("12 points below", "3,000 yuan over").
_MARGIN_UNITS: dict[InputKind, str] = {
    InputKind.SCORE: "points",
    InputKind.YUAN: "yuan",
    InputKind.DAYS: "days",
    InputKind.COUNT: "count",
    InputKind.PERCENT: "percent",
}


class Moves(StrEnum):
    """How the counterfactual search may move an input."""

    TO_THRESHOLDS = "to_thresholds"  # to the thresholds of the rules that read it
    CLEARED = "cleared"  # only all the way, to ``cleared`` (repaying clears days overdue)
    BETTER_CHOICE = "better_choice"  # to each better choice (a system recovers)
    LIFT_OWN_REGION = "lift_own_region"  # the borrower's region leaves the set
    FIXED = "fixed"  # never suggested (the borrower's region)


class Better(StrEnum):
    """Which way a number helps the borrower."""

    UP = "up"
    DOWN = "down"


@attrs.frozen(eq=False)  # one object per input: identity is equality
class Input:
    key: str  # the dotted key path in the scenario and the preset format
    kind: InputKind
    actor: Actor
    moves: Moves = Moves.TO_THRESHOLDS
    better: Better | None = None  # numbers: the direction that helps
    cleared: object = None  # Moves.CLEARED: the value that clears it
    unit: str | None = None  # the value's unit in [units], when not the kind's own
    column: str | None = None  # the portfolio column that holds it
    sweepable: bool = False  # outcomes are constant between thresholds
    ties: tuple[str, ...] = ()  # inputs that move with it to keep a scenario valid
    step: int = 1  # the explorer's step for a number
    lifted_as_threshold: bool = False  # a lever when a rule compares against it
    # The system the borrower makes this change through (repaying goes through the
    # payment network): while it is down, the change needs it back first.
    through: str | None = None
    # The values a choice may take, where not every member of its kind's vocabulary
    # (only the disbursement channel can be "delayed"); empty: every member.
    choices: tuple[str, ...] = ()
    # A number the borrower may not have given (None: not stated); a rule reading it
    # does not fire while it is missing.
    optional: bool = False

    def allows(self, value: object) -> bool:
        """Whether a choice input may take `value` (a member of its vocabulary)."""
        return not self.choices or str(value) in self.choices

    @property
    def range(self) -> tuple[int, int]:
        """The inclusive bounds of a number."""
        return RANGES[self.kind.value]

    @property
    def value_unit(self) -> str | None:
        if self.unit is not None:
            return self.unit
        return None if self.kind is InputKind.SCORE else _MARGIN_UNITS.get(self.kind)

    @property
    def margin_unit(self) -> str | None:
        return _MARGIN_UNITS.get(self.kind)

    @property
    def group(self) -> str:
        """The preset table it belongs to: ``borrower``, ``borrower.overdue``, ..."""
        return self.key.rpartition(".")[0]


_OVERDUE = ("borrower.overdue.count_24m", "borrower.overdue.worst_days")


def _ties(key: str) -> tuple[str, ...]:
    return tuple(k for k in (*_OVERDUE, "borrower.overdue.current_days") if k != key)


SCORE = Input(
    "borrower.score",
    InputKind.SCORE,
    Actor.BORROWER_OVER_TIME,
    better=Better.UP,
    column="score",
    sweepable=True,
)
CREDIT_LIMIT = Input(
    "borrower.credit_limit",
    InputKind.YUAN,
    Actor.LENDER,
    better=Better.UP,
    column="credit_limit",
    step=1_000,
)
OUTSTANDING = Input(
    "borrower.outstanding",
    InputKind.YUAN,
    Actor.BORROWER,
    better=Better.DOWN,
    column="outstanding",
    step=1_000,
    through="system.payment_network",
)
# Self-declared (with proof, where the lender asks); most lines are granted without it.
MONTHLY_INCOME = Input(
    "borrower.monthly_income",
    InputKind.YUAN,
    Actor.BORROWER,
    better=Better.UP,
    column="monthly_income",
    step=1_000,
    optional=True,
)
IDENTITY_VERIFIED = Input(
    "borrower.identity_verified",
    InputKind.SWITCH,
    Actor.BORROWER,
    Moves.CLEARED,
    cleared=True,
    column="identity_verified",
)
REGION = Input("borrower.region", InputKind.REGION, Actor.BORROWER, Moves.FIXED, column="region")
OVERDUE_COUNT = Input(
    "borrower.overdue.count_24m",
    InputKind.COUNT,
    Actor.TIME,
    better=Better.DOWN,
    unit="late_payments",
    column="overdue_count_24m",
    sweepable=True,
    ties=_ties("borrower.overdue.count_24m"),
)
WORST_DAYS = Input(
    "borrower.overdue.worst_days",
    InputKind.DAYS,
    Actor.TIME,
    better=Better.DOWN,
    column="overdue_worst_days",
    sweepable=True,
    ties=_ties("borrower.overdue.worst_days"),
)
CURRENT_DAYS = Input(
    "borrower.overdue.current_days",
    InputKind.DAYS,
    Actor.BORROWER,
    Moves.CLEARED,
    better=Better.DOWN,
    cleared=0,  # repaying clears the days overdue; there is no partway
    column="overdue_current_days",
    sweepable=True,
    ties=_ties("borrower.overdue.current_days"),
    through="system.payment_network",
)
LIMIT_CHECKS = Input(
    "borrower.activity.limit_checks_30d",
    InputKind.COUNT,
    Actor.TIME,
    better=Better.DOWN,
    unit="limit_checks",
    column="limit_checks_30d",
    sweepable=True,
)
FAILED_ATTEMPTS = Input(
    "borrower.activity.failed_attempts_7d",
    InputKind.COUNT,
    Actor.TIME,
    better=Better.DOWN,
    unit="failed_attempts",
    column="failed_attempts_7d",
    sweepable=True,
)


def _system(name: str, choices: tuple[str, ...] = ("up", "degraded", "down")) -> Input:
    return Input(
        f"system.{name}", InputKind.HEALTH, Actor.LENDER, Moves.BETTER_CHOICE, choices=choices
    )


# The channel that pays out can also be slow: payouts accepted, arriving late.
DISBURSEMENT = _system("disbursement", ("up", "delayed", "degraded", "down"))
RISK_ENGINE = _system("risk_engine")
PAYMENT_NETWORK = _system("payment_network")
ACCOUNT_SERVICE = _system("account_service")
FUNDING_QUOTA = Input("funding.quota", InputKind.QUOTA, Actor.LENDER, Moves.BETTER_CHOICE)
TIGHTENING = Input("policy.tightening", InputKind.TIGHTENING, Actor.LENDER, Moves.BETTER_CHOICE)
SUSPENDED_REGIONS = Input(
    "policy.suspended_regions",
    InputKind.REGIONS,
    Actor.LENDER,
    Moves.LIFT_OWN_REGION,
    lifted_as_threshold=True,  # the region rule compares the borrower's region with it
)

INPUTS: tuple[Input, ...] = (
    SCORE,
    CREDIT_LIMIT,
    OUTSTANDING,
    MONTHLY_INCOME,
    IDENTITY_VERIFIED,
    REGION,
    OVERDUE_COUNT,
    WORST_DAYS,
    CURRENT_DAYS,
    LIMIT_CHECKS,
    FAILED_ATTEMPTS,
    DISBURSEMENT,
    RISK_ENGINE,
    PAYMENT_NETWORK,
    ACCOUNT_SERVICE,
    FUNDING_QUOTA,
    TIGHTENING,
    SUSPENDED_REGIONS,
)
