"""What an impact run found, as plain values: per feature the borrowers per status
and the amounts in yuan on both sides, the 3x3 transitions (the swap sets) and the
rules that newly block, for the whole book and per group; and the ``impact --json``
form of all of it.

:class:`ImpactPlan` in :mod:`.impact` builds an :class:`ImpactReport` from the summed
chunks (and defines what *newly blocks* means); :mod:`.report` renders it as tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..domain.enums import Status
from ..domain.features import Feature
from ..domain.scenario import Systems
from .kernel import Levers, Side
from .schema import OUTCOME_NAMES

STATUS_ORDER: tuple[Status, ...] = (Status.AVAILABLE, Status.LIMITED, Status.UNAVAILABLE)


@attrs.frozen
class Counts:
    """One side of one feature over a set of borrowers: how many are available,
    limited and unavailable, and figures in whole yuan that are never added across
    features (they draw on the same line)."""

    available: int
    limited: int
    unavailable: int
    amount: int  # the most each borrower could use in the feature now, summed
    credit_blocked: int | None = None  # credit left on the line of the unavailable
    exposure: int = 0  # the balance of the unavailable
    capped: int = 0  # limited by a per-payout cap: each payout is capped, not the credit
    defaulted_usable: int | None = None  # defaulted among the usable (None: no outcome)

    def __getitem__(self, status: Status) -> int:
        return int(getattr(self, status.value))

    @property
    def rows(self) -> int:
        return self.available + self.limited + self.unavailable

    @property
    def usable(self) -> int:
        return self.available + self.limited

    @property
    def bad_rate_usable(self) -> float | None:
        """Defaulted among the borrowers who can use the feature (None: no outcome,
        or nobody usable)."""
        if self.defaulted_usable is None or self.usable == 0:
            return None
        return self.defaulted_usable / self.usable

    def to_json(self) -> dict[str, Any]:
        return {
            "available": self.available,
            "limited": self.limited,
            "unavailable": self.unavailable,
            "usable": self.usable,
            "amount": self.amount,
            "credit_blocked": self.credit_blocked,
            "exposure": self.exposure,
            "capped": self.capped,
            "defaulted_usable": self.defaulted_usable,
            "bad_rate_usable": _rate(self.bad_rate_usable),
        }


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


@attrs.frozen
class Swap:
    """A swap set: the borrowers who lose a feature (``out``: usable in the baseline,
    unavailable in the scenario) or gain it (``in``), and what they hold."""

    borrowers: int
    active: int  # checked their limit or tried a drawdown lately: they will notice
    credit: int  # yuan of credit left on their line (the side where they can use it)
    defaulted: int | None = None  # None: the book has no observed outcome
    expected_defaults: float | None = None  # the sum of pd_12m (None: no PD column)

    @property
    def bad_rate(self) -> float | None:
        if self.defaulted is None or self.borrowers == 0:
            return None
        return self.defaulted / self.borrowers

    def to_json(self) -> dict[str, Any]:
        expected = self.expected_defaults
        return {
            "borrowers": self.borrowers,
            "active": self.active,
            "credit": self.credit,
            "defaulted": self.defaulted,
            "expected_defaults": None if expected is None else round(expected, 6),
            "bad_rate": _rate(self.bad_rate),
        }


NO_SWAP = Swap(0, 0, 0)
USABLE = (Status.AVAILABLE, Status.LIMITED)


def swapped(transitions: Mapping[Status, Mapping[Status, int]]) -> tuple[int, int]:
    """Borrowers of the swap-out set (usable -> unavailable) and the swap-in set
    (unavailable -> usable) of a 3x3 transition table."""
    out = sum(transitions[s][Status.UNAVAILABLE] for s in USABLE)
    into = sum(transitions[Status.UNAVAILABLE][s] for s in USABLE)
    return out, into


@attrs.frozen
class FeatureImpact:
    """One feature over a set of borrowers, baseline against scenario."""

    feature: Feature
    baseline: Counts
    scenario: Counts
    transitions: Mapping[Status, Mapping[Status, int]]  # baseline status -> scenario status
    rules: Mapping[str, int]  # rule id -> borrowers it newly blocks (only those above 0)
    swap_out: Swap = NO_SWAP
    swap_in: Swap = NO_SWAP

    def moved(self, before: Status, after: Status) -> int:
        return self.transitions[before][after]

    @property
    def lost(self) -> int:
        """Usable (available or limited) in the baseline, unavailable in the scenario."""
        return swapped(self.transitions)[0]

    @property
    def regained(self) -> int:
        """Unavailable in the baseline, usable in the scenario."""
        return swapped(self.transitions)[1]

    @property
    def worse(self) -> int:
        """Borrowers whose status went down (available -> limited counts too)."""
        return sum(self.moved(a, b) for a in Status for b in Status if b.rank < a.rank)

    @property
    def better(self) -> int:
        return sum(self.moved(a, b) for a in Status for b in Status if b.rank > a.rank)

    @property
    def amount_change(self) -> int:
        return self.scenario.amount - self.baseline.amount

    @property
    def defaults_avoided(self) -> int | None:
        """Defaulted borrowers the scenario turns away, less those it lets in."""
        out, into = self.swap_out.defaulted, self.swap_in.defaulted
        return None if out is None or into is None else out - into

    @property
    def goods_restricted(self) -> int:
        """Borrowers who did not default (all of them, with no outcome) the scenario
        turns away, less those it lets in."""
        out = self.swap_out.borrowers - (self.swap_out.defaulted or 0)
        into = self.swap_in.borrowers - (self.swap_in.defaulted or 0)
        return out - into

    def to_json(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline.to_json(),
            "scenario": self.scenario.to_json(),
            "transitions": {
                a.value: {b.value: self.moved(a, b) for b in STATUS_ORDER} for a in STATUS_ORDER
            },
            "swap": {"out": self.swap_out.to_json(), "in": self.swap_in.to_json()},
            "defaults_avoided": self.defaults_avoided,
            "goods_restricted": self.goods_restricted
            if self.defaults_avoided is not None
            else None,
            "rules": dict(self.rules),
        }


@attrs.frozen
class GroupImpact:
    """The features of one group of borrowers (one value of the ``--by`` column)."""

    key: str
    rows: int
    features: Mapping[str, FeatureImpact]

    @property
    def lost(self) -> int:
        """Borrower-features lost, summed over the features."""
        return sum(f.lost for f in self.features.values())

    @property
    def worse(self) -> int:
        return sum(f.worse for f in self.features.values())


def _features_json(features: Mapping[str, FeatureImpact]) -> dict[str, Any]:
    return {fid: impact.to_json() for fid, impact in features.items()}


def levers_to_json(levers: Levers) -> dict[str, Any]:
    system = {f.name: getattr(levers.system, f.name).value for f in attrs.fields(Systems)}
    return {
        "system": system,
        "funding": {"quota": levers.funding.quota.value},
        "policy": {
            "tightening": levers.policy.tightening.value,
            "suspended_regions": list(levers.policy.suspended_regions),
        },
    }


def policy_json(side: Side) -> dict[str, str]:
    return {"name": side.table.name, "sha256": side.table.digest}


@attrs.frozen
class ImpactReport:
    """What the scenario does to a portfolio compared with the baseline."""

    rows: int
    baseline: Side
    scenario: Side
    features: Mapping[str, FeatureImpact]  # in registry order
    by: str | None = None
    groups: tuple[GroupImpact, ...] = ()  # in the order of the group values
    outcomes: tuple[str, ...] = ()  # the outcome columns known for every borrower

    def __getitem__(self, feature_id: str) -> FeatureImpact:
        return self.features[feature_id]

    def top_groups(self, n: int = 10, feature_id: str | None = None) -> list[GroupImpact]:
        """The groups hit hardest: most borrowers who lose `feature_id` (or, with
        None, borrower-features lost over all features), then most whose status went
        down, then (for one feature) the largest drop in its amount: amounts of
        different features draw on one line and are never added up."""

        def weight(group: GroupImpact) -> tuple[int, int, int, str]:
            if feature_id is None:
                return (-group.lost, -group.worse, 0, group.key)
            impact = group.features[feature_id]
            return (-impact.lost, -impact.worse, impact.amount_change, group.key)

        return sorted(self.groups, key=weight)[:n]

    def to_json(self) -> dict[str, Any]:
        """The ``impact --json`` contract."""
        out: dict[str, Any] = {
            "rows": self.rows,
            "policy": policy_json(self.scenario),
            "baseline_policy": policy_json(self.baseline),
            "baseline": levers_to_json(self.baseline.levers),
            "scenario": {
                **levers_to_json(self.scenario.levers),
                "shift": dict(self.scenario.shifts),
            },
            "outcomes": {name: name in self.outcomes for name in OUTCOME_NAMES},
            "features": _features_json(self.features),
        }
        if self.by is not None:
            out["by"] = {self.by: {g.key: _features_json(g.features) for g in self.groups}}
        return out
