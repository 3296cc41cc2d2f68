"""The borrower scenario: frozen attrs values, validated on construction.

Every field has a healthy default, so a preset only lists what differs.
What-if variants are made with ``attrs.evolve`` (or :func:`.keypath.with_values`);
a scenario is never mutated.

An outstanding balance above the credit limit is valid: after a limit cut, that is
what a real account looks like.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

import attrs

from . import catalogue
from . import inputs as i
from .enums import FundingQuota, Health, Tightening
from .events import Event, derived_values
from .inputs import Input
from .keypath import get_value
from .limits import COUNT_MAX, DAYS_MAX, SCORE_MAX, SCORE_MIN, YUAN_MAX
from .regions import REGIONS
from .text import LocalText

__all__ = [
    "COUNT_MAX",
    "DAYS_MAX",
    "SCORE_MAX",
    "SCORE_MIN",
    "YUAN_MAX",
    "Activity",
    "Borrower",
    "Conflict",
    "Funding",
    "InvalidValueError",
    "Overdue",
    "PolicyLevers",
    "Scenario",
    "Systems",
]


@attrs.frozen
class Conflict:
    """Two fields that constrain each other, with the values that clash."""

    id: str  # a key of catalogue.CONFLICTS
    values: dict[str, int]


class InvalidValueError(ValueError):
    """A value that breaks the scenario's rules.

    ``field`` is the attribute name when known; loaders prefix the rest of the key
    path. ``expected`` and ``found`` are in both languages; ``str()`` is English.
    ``conflict`` is set when the value clashes with another field.
    """

    def __init__(
        self,
        expected: LocalText | str,
        found: LocalText | str,
        field: str | None = None,
        conflict: Conflict | None = None,
    ) -> None:
        self.expected_text = _local(expected)
        self.found_text = _local(found)
        self.field = field
        self.conflict = conflict
        super().__init__(f"{field or '?'}: expected {self.expected}, found {self.found}")

    @property
    def expected(self) -> str:
        return self.expected_text.en

    @property
    def found(self) -> str:
        return self.found_text.en


def _local(text: LocalText | str) -> LocalText:
    return text if isinstance(text, LocalText) else LocalText(text, text)


describe = catalogue.describe_found


def _int_in(lo: int, hi: int) -> Any:
    expected = catalogue.expected_integer(lo, hi)

    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if type(value) is not int or not lo <= value <= hi:
            raise InvalidValueError(expected, describe(value), attribute.name)

    return check


def int_field(declared: Input, default: int | None) -> Any:
    """The attribute of a number input, in its declared range; ``metadata`` feeds
    errors and ranges. An optional input may also be None (not stated)."""
    lo, hi = declared.range
    check = _int_in(lo, hi)
    if declared.optional:
        check = attrs.validators.optional(check)
    return attrs.field(
        default=default,
        validator=check,
        metadata={"expected": catalogue.expected_integer(lo, hi)},
    )


def _is_bool(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise InvalidValueError(catalogue.EXPECTED["bool"], describe(value), attribute.name)


def _enum_of(enum: type[Health] | type[Tightening] | type[FundingQuota]) -> Any:
    expected = catalogue.expected_one_of([m.value for m in enum])

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum):
            raise InvalidValueError(expected, describe(value), attribute.name)

    return check


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    return did_you_mean_text(word, choices).en


def did_you_mean_text(word: str, choices: Iterable[str]) -> LocalText:
    """The same in both languages."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        return LocalText("", "")
    return catalogue.found_phrase("did_you_mean", value=repr(close[0]))


def check_region(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(catalogue.EXPECTED["region"], describe(value), field)
    if value not in REGIONS:
        hint = did_you_mean(value, REGIONS)
        expected = catalogue.EXPECTED["region_code"]
        raise InvalidValueError(
            LocalText(expected.en + hint, expected.zh + hint), describe(value), field
        )
    return value


def _ints(*values: object) -> bool:
    return all(type(v) is int for v in values)


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _region(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    check_region(value, attribute.name)


@attrs.frozen
class Overdue:
    """Overdue history in the last 24 months (the current episode included)."""

    count_24m: int = int_field(i.OVERDUE_COUNT, 0)
    worst_days: int = int_field(i.WORST_DAYS, 0)
    current_days: int = int_field(i.CURRENT_DAYS, 0)

    # Cross-field checks only compare integers: a field of the wrong type is
    # reported by its own validator, not by a TypeError from a neighbour's.
    @worst_days.validator
    def _worst_covers_current(self, attribute: attrs.Attribute[int], value: int) -> None:
        if _ints(value, self.current_days) and value < self.current_days:
            conflict = Conflict(
                "worst_below_current", {"worst": value, "current": self.current_days}
            )
            raise InvalidValueError(
                catalogue.conflict_expected(conflict, "worst_days"),
                describe(value),
                attribute.name,
                conflict,
            )

    @count_24m.validator
    def _count_matches_worst(self, attribute: attrs.Attribute[int], value: int) -> None:
        if _ints(value, self.worst_days) and value == 0 and self.worst_days > 0:
            conflict = Conflict("no_count_with_worst", {"count": value, "worst": self.worst_days})
            raise InvalidValueError(
                catalogue.conflict_expected(conflict, "count_24m"),
                describe(value),
                attribute.name,
                conflict,
            )


@attrs.frozen
class Activity:
    """Recent behaviour that risk control watches."""

    limit_checks_30d: int = int_field(i.LIMIT_CHECKS, 0)
    failed_attempts_7d: int = int_field(i.FAILED_ATTEMPTS, 0)


def _event_tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _events(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError(catalogue.EXPECTED["events"], describe(value), attribute.name)
    for index, event in enumerate(value):
        if not isinstance(event, Event):
            raise InvalidValueError(
                catalogue.EXPECTED["event"], describe(event), f"{attribute.name}[{index}]"
            )


@attrs.frozen
class Borrower:
    score: int = int_field(i.SCORE, 720)
    credit_limit: int = int_field(i.CREDIT_LIMIT, 50_000)
    outstanding: int = int_field(i.OUTSTANDING, 0)
    monthly_income: int | None = int_field(i.MONTHLY_INCOME, None)  # None: not stated
    identity_verified: bool = attrs.field(
        default=True, validator=_is_bool, metadata={"expected": catalogue.EXPECTED["bool"]}
    )
    region: str = attrs.field(
        default="CN-ZJ",
        converter=_upper,
        validator=_region,
        metadata={"expected": catalogue.EXPECTED["region"]},
    )
    overdue: Overdue = attrs.field(factory=Overdue)
    activity: Activity = attrs.field(factory=Activity)
    # Dated limit checks, failed attempts and overdue episodes: when given, the counts
    # of their kinds are derived from them at the scenario's ``as_of`` (see .clock).
    events: tuple[Event, ...] = attrs.field(default=(), converter=_event_tuple, validator=_events)


def _health(declared: Input) -> Any:
    """A system's health: a member of :class:`Health` the input allows (only the
    disbursement channel can be delayed)."""
    choices = [h.value for h in Health if declared.allows(h)]
    expected = catalogue.expected_one_of(choices)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Health) or not declared.allows(value):
            wanted = expected
            if isinstance(value, str) and not isinstance(value, Health):  # a misspelling
                wanted = expected + did_you_mean_text(value, choices)
            raise InvalidValueError(wanted, describe(value), attribute.name)

    return check


@attrs.frozen
class Systems:
    """Health of each back-end system."""

    disbursement: Health = attrs.field(default=Health.UP, validator=_health(i.DISBURSEMENT))
    risk_engine: Health = attrs.field(default=Health.UP, validator=_health(i.RISK_ENGINE))
    payment_network: Health = attrs.field(default=Health.UP, validator=_health(i.PAYMENT_NETWORK))
    account_service: Health = attrs.field(default=Health.UP, validator=_health(i.ACCOUNT_SERVICE))


@attrs.frozen
class Funding:
    """The lender's funding for cash loans: its own and its partner banks' quotas."""

    quota: FundingQuota = attrs.field(default=FundingQuota.AMPLE, validator=_enum_of(FundingQuota))


def _region_set(value: object) -> object:
    """Sorted and de-duplicated, so equal sets compare equal."""
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
        return tuple(sorted({v.upper() for v in value}))
    return value


def _regions(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError(catalogue.EXPECTED["regions"], describe(value), attribute.name)
    for index, code in enumerate(value):
        check_region(code, f"{attribute.name}[{index}]")


@attrs.frozen
class PolicyLevers:
    """The policy levers of a scenario: how far it is tightened, and where borrowing
    is suspended. The numbers of each level are in a :class:`.policy.PolicyTable`."""

    tightening: Tightening = attrs.field(default=Tightening.NORMAL, validator=_enum_of(Tightening))
    suspended_regions: tuple[str, ...] = attrs.field(
        default=(), converter=_region_set, validator=_regions
    )


@attrs.frozen
class Scenario:
    """Everything the evaluator looks at, besides the policy table."""

    borrower: Borrower = attrs.field(factory=Borrower)
    system: Systems = attrs.field(factory=Systems)
    funding: Funding = attrs.field(factory=Funding)
    policy: PolicyLevers = attrs.field(factory=PolicyLevers)
    # The date the scenario stands at: dated events are counted up to it. None: no
    # clock (a scenario of counts only).
    as_of: dt.date | None = attrs.field(default=None)

    @as_of.validator
    def _clock(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not _is_date(value):
            raise InvalidValueError(catalogue.EXPECTED["date"], describe(value), attribute.name)
        events = self.borrower.events
        if not events:
            return
        if value is None:
            raise InvalidValueError(
                catalogue.EXPECTED["as_of_for_events"],
                catalogue.found_phrase("missing_date"),
                "as_of",
            )
        assert isinstance(value, dt.date)
        check_recorded(events, value)
        for key, derived in derived_values(events, value).items():
            given = get_value(self, key)
            if given != derived:
                raise InvalidValueError(catalogue.expected_derived(derived), describe(given), key)


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def check_recorded(events: tuple[Event, ...], as_of: dt.date) -> None:
    """No event after `as_of`: the record holds the past only."""
    for index, event in enumerate(events):
        where = f"borrower.events[{index}]"
        if event.date > as_of:
            raise InvalidValueError(
                catalogue.expected_not_after(as_of), describe(event.date), f"{where}.date"
            )
        if event.days is not None and event.last_day > as_of:
            most = (as_of - event.date).days
            raise InvalidValueError(
                catalogue.expected_repaid_by(most, as_of), describe(event.days), f"{where}.days"
            )


# The tables of levers: the same for every borrower of a portfolio run.
LEVER_TABLES: tuple[str, ...] = ("system", "funding", "policy")


def settled(scenario: Scenario, key: str, value: Any) -> dict[str, Any]:
    """`key` set to `value`, with the inputs tied to it (:attr:`.inputs.Input.ties`)
    moved just enough to keep the scenario valid: the worst episode covers the current
    one, and a record with a worst episode has at least one late payment. Returns every
    key that changes, `key` first."""
    if not key.startswith("borrower.overdue."):
        return {key: value}
    overdue = scenario.borrower.overdue
    count, worst, current = overdue.count_24m, overdue.worst_days, overdue.current_days
    if key.endswith("current_days"):
        current, worst = value, max(worst, value)
    elif key.endswith("worst_days"):
        worst, current = value, min(current, value)
    else:
        count = value
        if value == 0:
            worst = current = 0
    if worst > 0:
        count = max(count, 1)
    moved = {key: value}
    for name, new in (("count_24m", count), ("worst_days", worst), ("current_days", current)):
        if getattr(overdue, name) != new:
            moved.setdefault(f"borrower.overdue.{name}", new)
    return moved


# Resolve the string annotations once, so `attrs.fields(...)[...].type` is a class
# for code that walks the model by key path.
for _cls in (Overdue, Activity, Borrower, Systems, Funding, PolicyLevers, Scenario):
    attrs.resolve_types(_cls)
