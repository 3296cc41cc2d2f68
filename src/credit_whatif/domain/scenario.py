"""The borrower scenario: frozen attrs values, validated on construction.

Every field has a healthy default, so a preset only lists what differs.
What-if variants are made with ``attrs.evolve`` (or :func:`with_value`);
a scenario is never mutated.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import attrs

from .enums import Health, Tightening
from .regions import REGIONS

SCORE_MIN = 350
SCORE_MAX = 950
YUAN_MAX = 10_000_000
DAYS_MAX = 3_650
COUNT_MAX = 1_000


class InvalidValueError(ValueError):
    """A value that breaks the scenario's rules.

    ``field`` is the attribute name when known; loaders prefix the rest of
    the key path.
    """

    def __init__(self, expected: str, found: str, field: str | None = None) -> None:
        super().__init__(f"{field or '?'}: expected {expected}, found {found}")
        self.expected = expected
        self.found = found
        self.field = field


def describe(value: object) -> str:
    """How a found value is shown in an error: its TOML-ish form and type."""
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, float):
        return f"float {value}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "an array"
    return type(value).__name__


def _int_in(lo: int, hi: int) -> Any:
    expected = f"an integer {lo}..{hi}"

    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if type(value) is not int or not lo <= value <= hi:
            raise InvalidValueError(expected, describe(value), attribute.name)

    return check


def int_field(default: int, lo: int, hi: int) -> Any:
    """An integer attribute in ``lo..hi``; ``metadata['expected']`` feeds error messages."""
    return attrs.field(
        default=default,
        validator=_int_in(lo, hi),
        metadata={"expected": f"an integer {lo}..{hi}", "range": (lo, hi)},
    )


def _is_bool(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise InvalidValueError("true or false", describe(value), attribute.name)


def _enum_of(enum: type[Health] | type[Tightening]) -> Any:
    choices = ", ".join(f'"{m.value}"' for m in enum)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum):
            raise InvalidValueError(f"one of {choices}", describe(value), attribute.name)

    return check


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_region(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidValueError('a region code such as "CN-ZJ"', describe(value), field)
    if value not in REGIONS:
        hint = did_you_mean(value, REGIONS)
        raise InvalidValueError(
            'an ISO 3166-2:CN province-level code such as "CN-ZJ"' + hint,
            describe(value),
            field,
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
    """Overdue history in the last 24 months."""

    count_24m: int = int_field(0, 0, COUNT_MAX)
    worst_days: int = int_field(0, 0, DAYS_MAX)
    current_days: int = int_field(0, 0, DAYS_MAX)

    # Cross-field checks only compare integers: a field of the wrong type is
    # reported by its own validator, not by a TypeError from a neighbour's.
    @worst_days.validator
    def _worst_covers_current(self, attribute: attrs.Attribute[int], value: int) -> None:
        if _ints(value, self.current_days) and value < self.current_days:
            raise InvalidValueError(
                f"at least current_days ({self.current_days})", describe(value), attribute.name
            )

    @count_24m.validator
    def _count_matches_worst(self, attribute: attrs.Attribute[int], value: int) -> None:
        if _ints(value, self.worst_days) and value == 0 and self.worst_days > 0:
            raise InvalidValueError(
                f"at least 1 when worst_days is above 0 ({self.worst_days})",
                describe(value),
                attribute.name,
            )


@attrs.frozen
class Activity:
    """Recent behaviour that risk control watches."""

    limit_checks_30d: int = int_field(0, 0, COUNT_MAX)
    failed_attempts_7d: int = int_field(0, 0, COUNT_MAX)


@attrs.frozen
class Borrower:
    score: int = int_field(720, SCORE_MIN, SCORE_MAX)
    credit_limit: int = int_field(50_000, 0, YUAN_MAX)
    outstanding: int = int_field(0, 0, YUAN_MAX)
    identity_verified: bool = attrs.field(
        default=True, validator=_is_bool, metadata={"expected": "true or false"}
    )
    region: str = attrs.field(
        default="CN-ZJ",
        converter=_upper,
        validator=_region,
        metadata={"expected": 'a region code such as "CN-ZJ"'},
    )
    overdue: Overdue = attrs.field(factory=Overdue)
    activity: Activity = attrs.field(factory=Activity)

    @outstanding.validator
    def _within_limit(self, attribute: attrs.Attribute[int], value: int) -> None:
        if _ints(value, self.credit_limit) and value > self.credit_limit:
            raise InvalidValueError(
                f"at most credit_limit ({self.credit_limit})", describe(value), attribute.name
            )

    @property
    def available_credit(self) -> int:
        return self.credit_limit - self.outstanding


_health = _enum_of(Health)


@attrs.frozen
class Systems:
    """Health of each back-end system."""

    disbursement: Health = attrs.field(default=Health.UP, validator=_health)
    risk_engine: Health = attrs.field(default=Health.UP, validator=_health)
    payment_network: Health = attrs.field(default=Health.UP, validator=_health)
    account_service: Health = attrs.field(default=Health.UP, validator=_health)


def _region_set(value: object) -> object:
    """Sorted and de-duplicated, so equal sets compare equal."""
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
        return tuple(sorted({v.upper() for v in value}))
    return value


def _regions(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError("an array of region codes", describe(value), attribute.name)
    for index, code in enumerate(value):
        check_region(code, f"{attribute.name}[{index}]")


@attrs.frozen
class Policy:
    tightening: Tightening = attrs.field(default=Tightening.NORMAL, validator=_enum_of(Tightening))
    suspended_regions: tuple[str, ...] = attrs.field(
        default=(), converter=_region_set, validator=_regions
    )


@attrs.frozen
class Scenario:
    """Everything the evaluator looks at."""

    borrower: Borrower = attrs.field(factory=Borrower)
    system: Systems = attrs.field(factory=Systems)
    policy: Policy = attrs.field(factory=Policy)


def get_value(scenario: Scenario, key: str) -> Any:
    """The value at a dotted key path such as ``borrower.overdue.current_days``."""
    node: Any = scenario
    for part in key.split("."):
        node = getattr(node, part)
    return node


def with_value(scenario: Scenario, key: str, value: Any) -> Scenario:
    """A copy of `scenario` with the dotted `key` set to `value` (validated)."""
    return with_values(scenario, {key: value})


def with_values(scenario: Scenario, values: dict[str, Any]) -> Scenario:
    """A copy of `scenario` with several dotted keys set at once (validated together,
    so fields that constrain each other, such as the overdue ones, can move together)."""
    result: Scenario = _evolve_tree(scenario, values)
    return result


def _evolve_tree(node: Any, values: dict[str, Any]) -> Any:
    direct: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        head, _, rest = key.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    for head, inner in nested.items():
        direct[head] = _evolve_tree(getattr(node, head), inner)
    return attrs.evolve(node, **direct)


# Resolve the string annotations once, so `attrs.fields(...)[...].type` is a class
# for code that walks the model by key path.
for _cls in (Overdue, Activity, Borrower, Systems, Policy, Scenario):
    attrs.resolve_types(_cls)
