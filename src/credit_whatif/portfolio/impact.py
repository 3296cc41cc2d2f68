"""Baseline against scenario over a portfolio: counts per status, amounts in yuan, the
3x3 transitions (the swap sets) and the rules that account for the changes, for the
whole book and per group.

Everything is a sum, so a run is: per chunk (a file, a slice, a Dask partition) one
aggregation over the kernel's columns (:meth:`ImpactPlan.partial`), then the partial
sums added up (:meth:`ImpactPlan.combine`) and read into an :class:`ImpactReport`.
The Polars and Dask engines differ only in who runs :meth:`ImpactPlan.partial`.

A rule *newly blocks* a borrower's feature when, under the scenario, the feature is
worse than under the baseline (a lower status, or the same status with a smaller
amount) and the rule acts on it (gives a reason in ``evaluate``) in the scenario but
not in the baseline. One borrower can be counted under several rules.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import polars as pl

from ..domain.enums import Status, Tightening
from ..domain.features import Feature
from ..domain.registry import REGISTRY, Registry
from ..domain.scenario import Systems
from .columns import BAD, NAMES
from .ids import ID_SUMMARY, id_summary, ids_known_unique
from .kernel import (
    FeatureTerms,
    Levers,
    Side,
    Stages,
    Term,
    arith,
    both_and,
    either,
    is_expr,
    lit,
    negate,
    side_terms,
)

SCORE_BAND = "score_band"
GROUP = "__group"
STATUS_ORDER: tuple[Status, ...] = (Status.AVAILABLE, Status.LIMITED, Status.UNAVAILABLE)


# --- Score bands ---------------------------------------------------------------------


@functools.cache
def score_bands() -> tuple[tuple[int, int], ...]:
    """Score bands cut at the default policy's score floors at the normal level, so
    each band is a set of borrowers that the same floors treat alike:
    350-449, 450-519, 520-599, 600-649, 650-699, 700-950 for the bundled default."""
    from ..domain.bands import score_floors
    from ..domain.limits import SCORE_MAX, SCORE_MIN
    from ..files.policies import default_policy

    cuts = sorted({v for v, _ in score_floors(default_policy(), Tightening.NORMAL)})
    edges = [SCORE_MIN, *(c for c in cuts if SCORE_MIN < c <= SCORE_MAX), SCORE_MAX + 1]
    return tuple((lo, hi - 1) for lo, hi in itertools.pairwise(edges))


def score_band_label(band: tuple[int, int]) -> str:
    """A score band's name in reports and ``--by score_band``: its range, "450-519"."""
    return f"{band[0]}-{band[1]}"


def score_band_expr() -> pl.Expr:
    """The band of each row's score, as an enum of the band labels."""
    bands = score_bands()
    labels = [score_band_label(b) for b in bands]
    index = pl.sum_horizontal([(pl.col("score") >= lo).cast(pl.UInt8) for lo, _ in bands[1:]])
    return index.replace_strict(list(range(len(bands))), labels, return_dtype=pl.Enum(labels))


# --- Aggregates ----------------------------------------------------------------------


Summed = tuple[str, Term]  # a named per-row value (true counts as 1), summed over rows


def _same(a: Term, b: Term) -> bool:
    if is_expr(a) and is_expr(b):
        return bool(a.meta.eq(b))
    return not is_expr(a) and not is_expr(b) and a == b


def cell(feature_id: str, before: int, after: int) -> str:
    return f"{feature_id}|{before}{after}"


def amount_column(feature_id: str, side: str) -> str:
    return f"{feature_id}|amount_{side}"


def rule_column(feature_id: str, rule_id: str) -> str:
    return f"{feature_id}|rule|{rule_id}"


def _feature_sums(b: FeatureTerms, s: FeatureTerms, stages: Stages) -> list[Summed]:
    fid = b.feature.id
    out: list[Summed] = []
    unchanged = _same(b.rank, s.rank)
    if is_expr(b.rank) or is_expr(s.rank):
        code = stages.put((lit(b.rank) * 3 + lit(s.rank)).cast(pl.UInt8), "t")
    else:
        code = b.rank * 3 + s.rank
    for before in range(3):
        for after in range(3):
            if unchanged and before != after:
                count: Term = False
            elif is_expr(code):
                count = code == before * 3 + after
            else:
                count = code == before * 3 + after
            out.append((cell(fid, before, after), count))
    out.append((amount_column(fid, "b"), b.amount))
    out.append((amount_column(fid, "s"), s.amount))
    worse: Term = False
    if not (unchanged and _same(b.amount, s.amount)):
        lower = arith(operator.lt, s.rank, b.rank)
        same = arith(operator.eq, s.rank, b.rank)
        smaller = arith(operator.lt, s.amount, b.amount)
        worse = stages.put(either(lower, both_and(same, smaller)), "w")
    for rule_id, acting in s.acts.items():
        before_acts = b.acts[rule_id]
        newly: Term = False
        if not _same(acting, before_acts):
            newly = both_and(worse, acting, negate(before_acts))
        out.append((rule_column(fid, rule_id), newly))
    return out


# --- The report ----------------------------------------------------------------------


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


# --- The plan ------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Aggregation:
    """What every chunk runs: the kernel's stages and the sums over them. Plain
    Polars expressions, so it pickles and a Dask worker runs it unchanged."""

    stages: Stages
    sums: tuple[Summed, ...]
    by: str | None
    band: pl.Expr  # the score band of a row, for ``--by score_band``

    def _totals(self) -> list[pl.Expr]:
        return [
            (lit(value).sum() if is_expr(value) else pl.len() * int(value))
            .cast(pl.Int64)
            .alias(name)
            for name, value in self.sums
        ]

    def group_expr(self, schema: Mapping[str, Any]) -> pl.Expr:
        assert self.by is not None
        if self.by == SCORE_BAND and SCORE_BAND not in schema:
            return self.band.alias(GROUP)
        return pl.col(self.by).alias(GROUP)

    def partial(self, frame: pl.LazyFrame, ids: bool = True) -> pl.LazyFrame:
        """The sums over `frame` (typed columns and ``__bad``): one row, or one per
        group; with `ids`, the chunk's :func:`id_summary` beside them (on every row)."""
        if self.by is None:
            extra = id_summary() if ids else []
            return self.stages.apply(frame).select(*self._totals(), *extra)
        grouped = self._grouped(frame)
        return grouped.join(frame.select(id_summary()), how="cross") if ids else grouped

    def _grouped(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """Groups are formed on the column as it is (a region is a small integer
        underneath) and only the keys are turned into text afterwards."""
        # Per group: every per-row value as a column first, then plain column sums
        # (the fast path of a group-by).
        group = self.group_expr(frame.collect_schema())
        # Counts as UInt8: a group-by sums small integers faster than booleans (and
        # widens them to Int64 as it sums).
        values = {
            f"__s{i}": v if "|amount_" in name else lit(v).cast(pl.UInt8)
            for i, (name, v) in enumerate(self.sums)
            if is_expr(v)
        }
        rows = self.stages.apply(frame.with_columns(group)).with_columns(**values)
        named = dict(zip(values, (n for n, v in self.sums if is_expr(v)), strict=True))
        sums = rows.group_by(GROUP).agg(
            *(pl.col(c).sum().cast(pl.Int64).alias(n) for c, n in named.items()),
            *((pl.len() * int(v)).cast(pl.Int64).alias(n) for n, v in self.sums if not is_expr(v)),
        )
        sums = sums.select(GROUP, *(n for n, _ in self.sums))
        dtype = sums.collect_schema()[GROUP]
        if dtype.is_numeric() or dtype == pl.Boolean:
            return sums
        return sums.with_columns(pl.col(GROUP).cast(pl.String))


@attrs.frozen(eq=False)
class ImpactPlan:
    """Both sides' kernels and the sums over them, built once per run; then the
    partial sums added up and read into a report."""

    registry: Registry
    baseline: Side
    scenario: Side
    aggregation: Aggregation

    @property
    def by(self) -> str | None:
        return self.aggregation.by

    @classmethod
    def build(
        cls,
        baseline: Side,
        scenario: Side,
        by: str | None = None,
        registry: Registry = REGISTRY,
    ) -> ImpactPlan:
        stages = Stages()
        base = side_terms(registry, baseline, stages)
        scen = side_terms(registry, scenario, stages)
        sums: list[Summed] = [("rows", True), ("bad", pl.col(BAD))]
        for b, s in zip(base, scen, strict=True):
            sums.extend(_feature_sums(b, s, stages))
        aggregation = Aggregation(stages, tuple(sums), by, score_band_expr())
        return cls(registry, baseline, scenario, aggregation)

    def partial(self, frame: pl.LazyFrame, ids: bool = True) -> pl.LazyFrame:
        return self.aggregation.partial(frame, ids)

    def combine(self, partials: Sequence[pl.DataFrame]) -> pl.DataFrame:
        """The partial sums added up (per group, groups in order of their value)."""
        frames = [p.drop(ID_SUMMARY, strict=False) for p in partials if p.height]
        if not frames:
            return pl.DataFrame()
        whole = pl.concat(frames, how="vertical_relaxed")
        if self.by is None:
            return whole.sum()
        return whole.group_by(GROUP).agg(pl.all().sum()).sort(GROUP, nulls_last=True)

    @staticmethod
    def ids_known_unique(partials: Sequence[pl.DataFrame]) -> bool:
        """Whether the chunks' id summaries prove every id unique."""
        return ids_known_unique([p.row(0, named=True) for p in partials if p.height])

    def report(self, combined: pl.DataFrame) -> ImpactReport:
        if combined.height == 0:
            features = {f.id: _empty(f) for f in self.registry.features}
            return ImpactReport(0, self.baseline, self.scenario, features, self.by)
        if self.by is None:
            row = combined.row(0, named=True)
            return ImpactReport(
                int(row["rows"]), self.baseline, self.scenario, self._features(row), self.by
            )
        groups = []
        for row in combined.iter_rows(named=True):
            groups.append(GroupImpact(_key(row[GROUP]), int(row["rows"]), self._features(row)))
        whole = combined.drop(GROUP).sum().row(0, named=True)
        return ImpactReport(
            int(whole["rows"]),
            self.baseline,
            self.scenario,
            self._features(whole),
            self.by,
            tuple(groups),
        )

    def _features(self, row: Mapping[str, Any]) -> dict[str, FeatureImpact]:
        out = {}
        for feature in self.registry.features:
            fid = feature.id
            grid = {a: {b: int(row[cell(fid, a.rank, b.rank)]) for b in Status} for a in Status}
            baseline = _counts(
                {a: sum(grid[a].values()) for a in Status}, row[amount_column(fid, "b")]
            )
            scenario = _counts(
                {b: sum(grid[a][b] for a in Status) for b in Status}, row[amount_column(fid, "s")]
            )
            counted = [
                (rule.id, int(row[rule_column(fid, rule.id)]))
                for rule in self.registry.by_feature[fid]
            ]
            rules = sorted((r for r in counted if r[1] > 0), key=lambda r: -r[1])
            out[fid] = FeatureImpact(feature, baseline, scenario, grid, dict(rules))
        return out


def _key(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _counts(by_status: Mapping[Status, int], amount: Any) -> Counts:
    return Counts(
        by_status[Status.AVAILABLE],
        by_status[Status.LIMITED],
        by_status[Status.UNAVAILABLE],
        int(amount),
    )


def _empty(feature: Feature) -> FeatureImpact:
    zero = Counts(0, 0, 0, 0)
    grid = {a: dict.fromkeys(Status, 0) for a in Status}
    return FeatureImpact(feature, zero, zero, grid, {})


def data_columns(by: str | None) -> list[str]:
    """Columns a run reads besides the required ones."""
    return [] if by is None or by in NAMES else [by]
