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

STATUS_ORDER: tuple[Status, ...] = (Status.AVAILABLE, Status.LIMITED, Status.UNAVAILABLE)


@attrs.frozen
class Counts:
    """Borrowers per status, and the total amount in whole yuan (0 for a feature
    without an amount)."""

    available: int
    limited: int
    unavailable: int
    amount: int

    def __getitem__(self, status: Status) -> int:
        return int(getattr(self, status.value))

    @property
    def rows(self) -> int:
        return self.available + self.limited + self.unavailable

    @property
    def usable(self) -> int:
        return self.available + self.limited

    def to_json(self) -> dict[str, int]:
        return {
            "available": self.available,
            "limited": self.limited,
            "unavailable": self.unavailable,
            "amount": self.amount,
        }


@attrs.frozen
class FeatureImpact:
    """One feature over a set of borrowers, baseline against scenario."""

    feature: Feature
    baseline: Counts
    scenario: Counts
    transitions: Mapping[Status, Mapping[Status, int]]  # baseline status -> scenario status
    rules: Mapping[str, int]  # rule id -> borrowers it newly blocks (only those above 0)

    def moved(self, before: Status, after: Status) -> int:
        return self.transitions[before][after]

    @property
    def lost(self) -> int:
        """Usable (available or limited) in the baseline, unavailable in the scenario."""
        row = self.transitions
        return row[Status.AVAILABLE][Status.UNAVAILABLE] + row[Status.LIMITED][Status.UNAVAILABLE]

    @property
    def regained(self) -> int:
        """Unavailable in the baseline, usable in the scenario."""
        row = self.transitions[Status.UNAVAILABLE]
        return row[Status.AVAILABLE] + row[Status.LIMITED]

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

    def to_json(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline.to_json(),
            "scenario": self.scenario.to_json(),
            "transitions": {
                a.value: {b.value: self.moved(a, b) for b in STATUS_ORDER} for a in STATUS_ORDER
            },
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

    @property
    def amount_change(self) -> int:
        return sum(f.amount_change for f in self.features.values())


def _features_json(features: Mapping[str, FeatureImpact]) -> dict[str, Any]:
    return {fid: impact.to_json() for fid, impact in features.items()}


def levers_to_json(levers: Levers) -> dict[str, Any]:
    system = {f.name: getattr(levers.system, f.name).value for f in attrs.fields(Systems)}
    return {
        "system": system,
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

    def __getitem__(self, feature_id: str) -> FeatureImpact:
        return self.features[feature_id]

    def top_groups(self, n: int = 10, feature_id: str | None = None) -> list[GroupImpact]:
        """The groups hit hardest: most borrowers who lose `feature_id` (or, with
        None, borrower-features lost over all features), then most whose status went
        down, then the largest drop in amount."""

        def weight(group: GroupImpact) -> tuple[int, int, int, str]:
            if feature_id is None:
                return (-group.lost, -group.worse, group.amount_change, group.key)
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
            "scenario": levers_to_json(self.scenario.levers),
            "features": _features_json(self.features),
        }
        if self.by is not None:
            out["by"] = {self.by: {g.key: _features_json(g.features) for g in self.groups}}
        return out
