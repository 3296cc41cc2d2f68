"""Dated events of a borrower's record, and the windows that turn them into counts.

A preset may record *when* things happened instead of how many there were: limit
checks, failed attempts, overdue episodes, each on a date. Each kind of event is
declared once here, with the window that counts it and the inputs it derives
(:data:`WINDOWS`); :mod:`.clock` derives the counts at the scenario's ``as_of`` date,
and :mod:`.timeline` finds the dates on which they change.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from . import catalogue
from . import inputs as i
from .inputs import Input
from .limits import DAYS_MAX
from .text import LocalText


class EventKind(StrEnum):
    LIMIT_CHECK = "limit_check"
    FAILED_ATTEMPT = "failed_attempt"
    OVERDUE = "overdue"  # a payment fell due and was not paid on time


@attrs.frozen
class Window:
    """How one kind of event is counted: within the last `days` days up to and
    including the as-of date, or within the last `months` months (by the date the
    payment fell due); the inputs it derives, the first being the count."""

    kind: EventKind
    inputs: tuple[Input, ...]
    days: int | None = None
    months: int | None = None

    def leaves(self, date: dt.date) -> dt.date:
        """The first as-of date at which an event of `date` is no longer counted."""
        if self.days is not None:
            return date + dt.timedelta(days=self.days)
        assert self.months is not None
        return add_months(date, self.months)

    def holds(self, date: dt.date, as_of: dt.date) -> bool:
        return date <= as_of < self.leaves(date)


WINDOWS: dict[EventKind, Window] = {
    EventKind.LIMIT_CHECK: Window(EventKind.LIMIT_CHECK, (i.LIMIT_CHECKS,), days=30),
    EventKind.FAILED_ATTEMPT: Window(EventKind.FAILED_ATTEMPT, (i.FAILED_ATTEMPTS,), days=7),
    EventKind.OVERDUE: Window(
        EventKind.OVERDUE, (i.OVERDUE_COUNT, i.WORST_DAYS, i.CURRENT_DAYS), months=24
    ),
}

# The event kind whose events derive an input, by the input's key.
KIND_OF_KEY: dict[str, EventKind] = {
    declared.key: window.kind for window in WINDOWS.values() for declared in window.inputs
}


def add_months(date: dt.date, months: int) -> dt.date:
    """`date` moved by whole months; the 31st becomes the month's last day."""
    month0 = date.month - 1 + months
    year, month = date.year + month0 // 12, month0 % 12 + 1
    for day in range(date.day, 27, -1):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, min(date.day, 28))


class EventError(ValueError):
    """An event field that breaks the model (``field`` names it; both languages)."""

    def __init__(self, field: str, expected: LocalText, found: LocalText) -> None:
        self.field = field
        self.expected_text = expected
        self.found_text = found
        super().__init__(f"{field}: expected {expected.en}, found {found.en}")


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _check_kind(_instance: object, attribute: attrs.Attribute[EventKind], value: object) -> None:
    if not isinstance(value, EventKind):
        expected = catalogue.expected_one_of([k.value for k in EventKind])
        raise EventError(attribute.name, expected, catalogue.describe_found(value))


def _check_date(_instance: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    if not _is_date(value):
        raise EventError(
            attribute.name, catalogue.EXPECTED["date"], catalogue.describe_found(value)
        )


def _check_days(instance: Event, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    if instance.kind is not EventKind.OVERDUE:
        raise EventError(
            attribute.name, catalogue.EXPECTED["days_overdue_only"], catalogue.describe_found(value)
        )
    if type(value) is not int or not 1 <= value <= DAYS_MAX:
        expected = catalogue.expected_integer(1, DAYS_MAX)
        raise EventError(attribute.name, expected, catalogue.describe_found(value))


def _check_outage(instance: Event, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise EventError(
            attribute.name, catalogue.EXPECTED["bool"], catalogue.describe_found(value)
        )
    if value and instance.kind is not EventKind.FAILED_ATTEMPT:
        raise EventError(
            attribute.name,
            catalogue.EXPECTED["outage_failed_only"],
            catalogue.describe_found(value),
        )


@attrs.frozen
class Event:
    """One dated event. For an overdue episode, `date` is when the payment fell due
    and `days` how long it stayed overdue (None while it is still overdue). A failed
    attempt the lender's own outage caused is recorded with `outage` and never
    counted against the borrower."""

    kind: EventKind = attrs.field(validator=_check_kind)
    date: dt.date = attrs.field(validator=_check_date)
    days: int | None = attrs.field(default=None, validator=_check_days)
    outage: bool = attrs.field(default=False, validator=_check_outage)

    @property
    def is_open(self) -> bool:
        return self.kind is EventKind.OVERDUE and self.days is None

    @property
    def last_day(self) -> dt.date:
        """The last date the event reaches: a closed episode's repayment date."""
        return self.date + dt.timedelta(days=self.days or 0)


def event_sort_key(event: Event) -> tuple[dt.date, str, int]:
    return (event.date, event.kind.value, event.days or 0)


def tracked_kinds(events: tuple[Event, ...]) -> frozenset[EventKind]:
    """The kinds of event the record holds: their counts come from the events."""
    return frozenset(e.kind for e in events)


def derived_values(events: tuple[Event, ...], as_of: dt.date) -> dict[str, int]:
    """The counts the events give at `as_of`, by input key, for the kinds recorded:
    limit checks in the 30 days up to and including `as_of`, failed attempts in 7
    (not those the lender's outage caused), and of the overdue episodes that fell due
    within 24 months (an unpaid one always counts, from its first day overdue) the
    number, the worst days and the current days of the one still unpaid."""
    values: dict[str, int] = {}
    kinds = tracked_kinds(events)
    for kind in (EventKind.LIMIT_CHECK, EventKind.FAILED_ATTEMPT):
        if kind in kinds:
            window = WINDOWS[kind]
            held = sum(
                1 for e in events if e.kind is kind and not e.outage and window.holds(e.date, as_of)
            )
            values[window.inputs[0].key] = min(held, window.inputs[0].range[1])
    if EventKind.OVERDUE in kinds:
        window = WINDOWS[EventKind.OVERDUE]
        count = worst = current = 0
        for e in events:
            if e.kind is not EventKind.OVERDUE:
                continue
            if e.is_open:
                days = min((as_of - e.date).days, DAYS_MAX)
                if days < 1:
                    continue  # falls due today: not overdue yet
                current = max(current, days)
            elif window.holds(e.date, as_of):
                assert e.days is not None
                days = e.days
            else:
                continue
            count += 1
            worst = max(worst, days)
        count = min(count, i.OVERDUE_COUNT.range[1])
        values.update(
            {
                i.OVERDUE_COUNT.key: count,
                i.WORST_DAYS.key: worst,
                i.CURRENT_DAYS.key: current,
            }
        )
    return values
