"""When does it come back: every feature's status and amount over the coming days,
if nothing else happens (no new events; systems, policy, score and balance as they
are; a frozen account does not thaw by itself).

The counts change only on the dates an event leaves its window (and, for an episode
still unpaid, on the days its length crosses a rule's threshold), so the timeline
evaluates the scenario on those dates only, not on every day: exact, and a handful
of evaluations. A property test checks it against evaluating the days in between.
"""

from __future__ import annotations

import datetime as dt

import attrs

from .clock import at
from .enums import Status
from .evaluator import FeatureResult, evaluate
from .events import WINDOWS
from .features import Feature
from .inputs import CURRENT_DAYS, WORST_DAYS
from .keypath import get_value
from .policy import PolicyTable
from .registry import REGISTRY, Registry
from .rule_model import Comparator
from .scenario import Scenario

DEFAULT_DAYS = 800  # beyond the longest window (24 months), with a margin


@attrs.frozen
class Entry:
    """From `start` on, until the next entry: the feature's status and amount, the
    rules that stopped acting on it that day (`lifted`) and those that began
    (`imposed`), and the derived counts those rules read, as they are that day."""

    start: dt.date
    status: Status
    amount: int | None
    lifted: tuple[str, ...] = ()
    imposed: tuple[str, ...] = ()
    values: tuple[tuple[str, int], ...] = ()


@attrs.frozen
class FeatureTimeline:
    feature: Feature
    entries: tuple[Entry, ...]

    def at(self, date: dt.date) -> Entry:
        """The entry in force on `date` (on or after the first entry's start)."""
        current = self.entries[0]
        for entry in self.entries[1:]:
            if entry.start > date:
                break
            current = entry
        return current

    @property
    def next_change(self) -> Entry | None:
        return self.entries[1] if len(self.entries) > 1 else None


@attrs.frozen
class Timeline:
    as_of: dt.date
    until: dt.date
    features: tuple[FeatureTimeline, ...]

    def __getitem__(self, feature_id: str) -> FeatureTimeline:
        for item in self.features:
            if item.feature.id == feature_id:
                return item
        raise KeyError(feature_id)


def change_dates(
    scenario: Scenario, table: PolicyTable, until: dt.date, registry: Registry = REGISTRY
) -> list[dt.date]:
    """Every date after ``as_of`` up to `until` on which a derived count may change
    an outcome: an event leaving its window; for an unpaid episode, its first day
    overdue and the days its length meets each threshold of a rule on days overdue."""
    as_of = scenario.as_of
    if as_of is None:
        return []
    dates: set[dt.date] = set()
    thresholds = _day_thresholds(scenario, table, registry)
    for event in scenario.borrower.events:
        if event.is_open:
            dates.add(event.date + dt.timedelta(days=1))
            for days in thresholds:
                dates.update(event.date + dt.timedelta(days=d) for d in (days, days + 1))
        else:
            dates.add(WINDOWS[event.kind].leaves(event.date))
    return sorted(d for d in dates if as_of < d <= until)


def _day_thresholds(scenario: Scenario, table: PolicyTable, registry: Registry) -> set[int]:
    """The thresholds of the rules on days overdue, at the scenario's policy level."""
    values = table.levels[scenario.policy.tightening].values
    out: set[int] = set()
    for rule in registry.rules:
        if rule.key in (CURRENT_DAYS.key, WORST_DAYS.key) and not rule.reads_line:
            threshold = rule.check(scenario, values, None)[1]
            if isinstance(threshold, int):
                out.add(threshold if rule.comparator is Comparator.AT_LEAST else threshold + 1)
                out.add(threshold)
    return out


def _acting(result: FeatureResult) -> set[str]:
    return {reason.rule.id for reason in result.reasons}


def _same(a: FeatureResult, b: Entry) -> bool:
    return a.status is b.status and a.amount == b.amount


def timeline(
    scenario: Scenario,
    table: PolicyTable,
    until: dt.date | None = None,
    registry: Registry = REGISTRY,
) -> Timeline:
    """Each feature's entries from ``as_of`` to `until` (default: 800 days on). A
    scenario without a clock has one entry per feature, from today's date."""
    as_of = scenario.as_of or dt.date.today()
    until = until or as_of + dt.timedelta(days=DEFAULT_DAYS)
    first = evaluate(scenario, table, registry)
    entries = {r.feature.id: [Entry(as_of, r.status, r.amount)] for r in first.features}
    before = {r.feature.id: r for r in first.features}
    for date in change_dates(scenario, table, until, registry):
        moved = at(scenario, date)
        evaluation = evaluate(moved, table, registry)
        for result in evaluation.features:
            fid = result.feature.id
            last = entries[fid][-1]
            if not _same(result, last):
                entries[fid].append(_entry(date, before[fid], result, moved))
            before[fid] = result
    features = tuple(
        FeatureTimeline(r.feature, tuple(entries[r.feature.id])) for r in first.features
    )
    return Timeline(as_of, until, features)


def _entry(date: dt.date, was: FeatureResult, now: FeatureResult, scenario: Scenario) -> Entry:
    lifted = sorted(_acting(was) - _acting(now))
    imposed = sorted(_acting(now) - _acting(was))
    rules = {r.rule.id: r.rule for r in (*was.reasons, *now.reasons)}
    keys = dict.fromkeys(rules[rid].key for rid in (*lifted, *imposed))
    values = tuple((key, get_value(scenario, key)) for key in keys if key.startswith("borrower."))
    return Entry(date, now.status, now.amount, tuple(lifted), tuple(imposed), values)
