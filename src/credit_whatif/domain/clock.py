"""The clock: a scenario's counts derived from its dated events at its ``as_of`` date,
and changes to a scenario that keep them derived.

Every change to a scenario that may touch the clock or a derived count goes through
:func:`scenario_with`: moving ``as_of`` recounts the events; setting a count that
events derive replaces those events with the count (the person has said how many,
so the dates no longer hold).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .events import KIND_OF_KEY, WINDOWS, Event, EventKind, derived_values
from .keypath import get_value, with_values
from .scenario import Borrower, Scenario, settled

AS_OF = "as_of"
EVENTS = "borrower.events"


def with_counts(borrower: Borrower, as_of: dt.date | None) -> Borrower:
    """`borrower` with the counts its events give at `as_of` (unchanged without events)."""
    if not borrower.events or as_of is None:
        return borrower
    values = derived_values(borrower.events, as_of)
    inner = {k.removeprefix("borrower."): v for k, v in values.items()}
    result: Borrower = with_values(borrower, inner)
    return result


def scenario_with(scenario: Scenario, values: Mapping[str, Any]) -> Scenario:
    """`scenario` with several keys set at once, the derived counts kept true: a count
    set by hand drops the events of its kind; a new ``as_of`` recounts the rest."""
    events: tuple[Event, ...] = values.get(EVENTS, scenario.borrower.events)
    replaced = {KIND_OF_KEY[k] for k in values if k in KIND_OF_KEY}
    if replaced:
        events = tuple(e for e in events if e.kind not in replaced)
    as_of = values.get(AS_OF, scenario.as_of)
    merged = dict(values)
    if events != scenario.borrower.events:
        merged[EVENTS] = events
    if events and isinstance(as_of, dt.date):
        for key, value in derived_values(events, as_of).items():
            merged.setdefault(key, value)
    if not merged:
        return scenario
    # The borrower first, so the scenario's check of its counts sees them all at once.
    result: Scenario = with_values(scenario, merged)
    return result


def settled_with(scenario: Scenario, key: str, value: Any) -> Scenario:
    """Set one input as a person would, the inputs tied to it following
    (:func:`.scenario.settled`), the derived counts kept true."""
    return scenario_with(scenario, settled(scenario, key, value))


def at(scenario: Scenario, as_of: dt.date) -> Scenario:
    """The same scenario, the clock moved to `as_of`."""
    return scenario_with(scenario, {AS_OF: as_of})


def derived_keys(scenario: Scenario) -> frozenset[str]:
    """The input keys whose values the scenario's events give."""
    kinds = {e.kind for e in scenario.borrower.events}
    return frozenset(k for k, kind in KIND_OF_KEY.items() if kind in kinds)


def kinds_of(scenario: Scenario) -> frozenset[EventKind]:
    return frozenset(e.kind for e in scenario.borrower.events)


def date_when(scenario: Scenario, key: str, at_most: int) -> dt.date | None:
    """The first date on which the count or days at `key`, derived from the events,
    is at most `at_most`, with no new events; None when the events do not derive it
    or it never falls that far (an episode still unpaid)."""
    kind = KIND_OF_KEY.get(key)
    as_of = scenario.as_of
    events = [e for e in scenario.borrower.events if e.kind is kind]
    if kind is None or as_of is None or not events:
        return None
    if get_value(scenario, key) <= at_most:
        return as_of
    for date in sorted({WINDOWS[e.kind].leaves(e.date) for e in events if not e.is_open}):
        if date > as_of and derived_values(tuple(events), date)[key] <= at_most:
            return date
    return None
