"""A suggested change to one input: who or what brings it about, and its words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from . import catalogue
from .clock import date_when, scenario_with
from .enums import Lang
from .inputs import Actor
from .regions import region_name
from .registry import REGISTRY
from .scenario import Scenario
from .wording import format_date, format_value

__all__ = [
    "REINSTATED",
    "Actor",
    "Change",
    "actor_of",
    "actors_text",
    "apply_changes",
    "describe_change",
    "describe_changes",
]


def actor_of(key: str) -> Actor:
    """Who changes a declared input of the product, or makes a decision (KeyError for
    any other key)."""
    if key in DECISIONS:
        return DECISIONS[key]
    return REGISTRY.input(key).actor


@attrs.frozen(cache_hash=True)  # changes key the search's memo tables
class Change:
    """Set one input, by its dotted key, to a new value; `actor` is who brings it about
    (the input's declared actor, looked up when not given). A `tied` change is not a
    step of its own: the input moves because the change before it moves it."""

    key: str
    to: Any
    actor: Actor = attrs.field(
        default=attrs.Factory(lambda self: actor_of(self.key), takes_self=True)
    )
    tied: bool = False  # moved only to follow the change before it (a record ageing out)

    @property
    def in_borrower_control(self) -> bool:
        return self.actor is Actor.BORROWER


REINSTATED = Change("account.reinstated", True, Actor.LENDER)
"""The lender's decision to thaw a frozen account after repayment: no input of the
scenario moves (the rule that froze it stops firing with the repayment), but no
suggestion may leave it out."""

# Decisions a suggestion may need that move no input: key -> who makes them.
DECISIONS: dict[str, Actor] = {REINSTATED.key: REINSTATED.actor}


def apply_changes(scenario: Scenario, changes: Iterable[Change]) -> Scenario | None:
    """`scenario` with the changes applied together, or None if they make it invalid."""
    values = {c.key: c.to for c in changes if c.key not in DECISIONS}
    try:
        result: Scenario = scenario_with(scenario, values)
    except ValueError:
        return None
    return result


def describe_change(change: Change, scenario: Scenario, lang: Lang) -> str:
    """The suggestion in words: 'repay the overdue amount', 'wait until ...'."""
    text = catalogue.CHANGE_TEXT
    to = format_value(change.key, change.to, lang)
    if change.key.startswith("system."):
        system = catalogue.SYSTEM_NAMES[change.key.removeprefix("system.")](lang)
        return text[f"system.{change.to.value}"](lang).format(system=system)
    if change.key in DECISIONS:
        return text[change.key](lang)
    if change.key == "borrower.credit_limit" and scenario.borrower.credit_limit == 0:
        return text["borrower.credit_limit.grant"](lang)
    dated = _dated(change.key, change.to, scenario, lang)
    if dated is not None:
        return catalogue.DATED_CHANGE_TEXT[change.key](lang).format(to=to, date=dated)
    region = region_name(scenario.borrower.region, lang)
    return text[change.key](lang).format(to=to, region=region)


def _dated(key: str, to: object, scenario: Scenario, lang: Lang) -> str | None:
    """The day a record ages out to `to`, when dated events give it (else None)."""
    if key not in catalogue.DATED_CHANGE_TEXT or not isinstance(to, int):
        return None
    date = date_when(scenario, key, to)
    return None if date is None else format_date(date, lang)


def describe_changes(changes: Sequence[Change], scenario: Scenario, lang: Lang) -> str:
    """Several changes in words; a record ageing out entirely is said once."""
    keys = {c.key: c.to for c in changes}
    whole_record = keys.get("borrower.overdue.count_24m") == 0
    words = []
    for change in changes:
        if whole_record and change.key == "borrower.overdue.worst_days":
            continue
        if whole_record and change.key == "borrower.overdue.count_24m":
            dated = _dated(change.key, 0, scenario, lang)
            if dated is None:
                words.append(catalogue.CHANGE_TEXT["overdue_record_ages_out"](lang))
            else:
                record = catalogue.DATED_CHANGE_TEXT["overdue_record_ages_out"]
                words.append(record(lang).format(date=dated))
            continue
        words.append(describe_change(change, scenario, lang))
    return " + ".join(words)


def actors_text(actors: Iterable[Actor], lang: Lang) -> str:
    return " + ".join(catalogue.ACTORS[a.value](lang) for a in actors)
