"""Baseline against scenario over a portfolio, as sums: the Polars expressions that
count, per feature, the borrowers per status, the amounts, the 3x3 transitions and
the rules that newly block, for the whole book and per group (:mod:`.impact_report`
holds the resulting values).

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

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs
import polars as pl

from ..domain.enums import Status
from ..domain.features import Base, Feature
from ..domain.registry import REGISTRY, Registry
from .columns import BAD
from .ids import ID_SUMMARY, id_summary, ids_known_unique
from .impact_report import Counts, FeatureImpact, GroupImpact, ImpactReport, Swap, swapped
from .impact_sums import (
    SWAPS,
    Summed,
    amount_column,
    cell,
    feature_sums,
    known_column,
    row_facts,
    rule_column,
    side_column,
    swap_column,
)
from .kernel import Side, side_terms
from .schema import DEFAULTED, NAMES, PD, PPM
from .score_bands import SCORE_BAND, label_bands, score_band_index
from .terms import Stages, is_expr, lit

GROUP = "__group"


# --- The sums ------------------------------------------------------------------------


# --- The plan ------------------------------------------------------------------------


class Partial(Protocol):
    """What a worker runs on one chunk of typed columns: one row of sums (or one per
    group)."""

    def partial(
        self, frame: pl.LazyFrame, ids: bool = True, bad: pl.Expr | None = None
    ) -> pl.LazyFrame: ...


class SummingPlan(Protocol):
    """What an engine runs: sums per chunk (:attr:`aggregation`, shipped to the
    workers), added up (:meth:`combine`)."""

    @property
    def by(self) -> str | None: ...

    @property
    def aggregation(self) -> Partial: ...

    def partial(
        self, frame: pl.LazyFrame, ids: bool = True, bad: pl.Expr | None = None
    ) -> pl.LazyFrame: ...

    def combine(self, partials: Sequence[pl.DataFrame]) -> pl.DataFrame: ...

    def ids_known_unique(self, partials: Sequence[pl.DataFrame]) -> bool: ...


@attrs.frozen(eq=False)
class Aggregation:
    """What every chunk runs: the kernel's stages and the sums over them. Plain
    Polars expressions, so it pickles and a Dask worker runs it unchanged."""

    stages: Stages
    sums: tuple[Summed, ...]
    by: str | None
    band: pl.Expr  # the score band's index of a row, for ``--by score_band``

    def _totals(self, bad: pl.Expr | None = None) -> list[pl.Expr]:
        return [
            (
                bad
                if name == "bad" and bad is not None
                else lit(value).sum()
                if is_expr(value)
                else pl.len() * int(value)
            )
            .cast(pl.Int64)
            .alias(name)
            for name, value in self.sums
        ]

    def _band_from_score(self, schema: Mapping[str, Any]) -> bool:
        return self.by == SCORE_BAND and SCORE_BAND not in schema

    def group_expr(self, schema: Mapping[str, Any]) -> pl.Expr:
        assert self.by is not None
        if self._band_from_score(schema):
            return self.band.alias(GROUP)
        return pl.col(self.by).alias(GROUP)

    def partial(
        self, frame: pl.LazyFrame, ids: bool = True, bad: pl.Expr | None = None
    ) -> pl.LazyFrame:
        """The sums over `frame` (typed columns and ``__bad``): one row, or one per
        group; with `ids`, the chunk's :func:`id_summary` beside them (on every row).
        `bad`, an aggregate true when the chunk breaks a check, may stand in for the
        count of ``__bad`` rows (without groups; :mod:`.chunk_checks`)."""
        if self.by is None:
            extra = id_summary() if ids else []
            return self.stages.apply(frame).select(*self._totals(bad), *extra)
        grouped = self._grouped(frame)
        return grouped.join(frame.select(id_summary()), how="cross") if ids else grouped

    def _grouped(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """Groups are formed on the column as it is (a region is a small integer
        underneath) and only the keys are turned into text afterwards."""
        # Per group: every per-row value as a column first, then plain column sums
        # (the fast path of a group-by).
        schema = frame.collect_schema()
        group = self.group_expr(schema)
        # Counts stay booleans: with Polars 2 a group-by sums them about a quarter
        # faster than the same counts as UInt8 (benchmarks/portfolio_bench.py, 4).
        values = {f"__s{i}": v for i, (_, v) in enumerate(self.sums) if is_expr(v)}
        rows = self.stages.apply(frame.with_columns(group)).with_columns(**values)
        named = dict(zip(values, (n for n, v in self.sums if is_expr(v)), strict=True))
        sums = rows.group_by(GROUP).agg(
            *(pl.col(c).sum().cast(pl.Int64).alias(n) for c, n in named.items()),
            *((pl.len() * int(v)).cast(pl.Int64).alias(n) for n, v in self.sums if not is_expr(v)),
        )
        sums = sums.select(GROUP, *(n for n, _ in self.sums))
        if self._band_from_score(schema):  # grouped on the index; named on the few groups
            sums = sums.with_columns(label_bands(pl.col(GROUP)))
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
    outcomes: tuple[str, ...] = ()  # the outcome columns the book has

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
        outcomes: Sequence[str] = (),
    ) -> ImpactPlan:
        """The plan for a book with the `outcomes` columns (:data:`.schema.OUTCOME_NAMES`
        it has): the figures on defaults are summed only where the book can say."""
        stages = Stages()
        base = side_terms(registry, baseline, stages)
        scen = side_terms(registry, scenario, stages)
        facts = row_facts(registry, baseline, scenario, outcomes, stages)
        sums: list[Summed] = [("rows", True), ("bad", pl.col(BAD))]
        sums.extend((known_column(o), pl.col(o).is_not_null()) for o in outcomes)
        for b, s in zip(base, scen, strict=True):
            sums.extend(feature_sums(b, s, facts, stages))
        aggregation = Aggregation(stages, tuple(sums), by, score_band_index())
        return cls(registry, baseline, scenario, aggregation, tuple(outcomes))

    def partial(
        self, frame: pl.LazyFrame, ids: bool = True, bad: pl.Expr | None = None
    ) -> pl.LazyFrame:
        return self.aggregation.partial(frame, ids, bad)

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
            whole = combined.row(0, named=True)
            groups: tuple[GroupImpact, ...] = ()
        else:
            groups = tuple(
                GroupImpact(_key(row[GROUP]), int(row["rows"]), self._features(row))
                for row in combined.iter_rows(named=True)
            )
            whole = combined.drop(GROUP).sum().row(0, named=True)
        return ImpactReport(
            int(whole["rows"]),
            self.baseline,
            self.scenario,
            self._features(whole),
            self.by,
            groups,
            self._known(whole),
        )

    def _known(self, row: Mapping[str, Any]) -> tuple[str, ...]:
        """The outcome columns every borrower of `row`'s set has."""
        return tuple(o for o in self.outcomes if int(row[known_column(o)]) == int(row["rows"]))

    def _features(self, row: Mapping[str, Any]) -> dict[str, FeatureImpact]:
        known = self._known(row)
        out = {}
        for feature in self.registry.features:
            fid = feature.id
            grid = {a: {b: int(row[cell(fid, a.rank, b.rank)]) for b in Status} for a in Status}
            sides = (
                {a: sum(grid[a].values()) for a in Status},
                {b: sum(grid[a][b] for a in Status) for b in Status},
            )
            baseline, scenario = (
                _counts(row, feature, side, by_status, DEFAULTED in known)
                for side, by_status in zip("bs", sides, strict=True)
            )
            swaps = {
                swap: _swap(row, fid, swap, borrowers, known)
                for swap, borrowers in zip(SWAPS, swapped(grid), strict=True)
            }
            counted = [
                (rule.id, int(row[rule_column(fid, rule.id)]))
                for rule in self.registry.by_feature[fid]
            ]
            rules = sorted((r for r in counted if r[1] > 0), key=lambda r: -r[1])
            out[fid] = FeatureImpact(
                feature, baseline, scenario, grid, dict(rules), swaps["out"], swaps["in"]
            )
        return out


def _key(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _counts(
    row: Mapping[str, Any],
    feature: Feature,
    side: str,
    by_status: Mapping[Status, int],
    defaults_known: bool,
) -> Counts:
    fid = feature.id
    on_line = feature.base is Base.AVAILABLE_CREDIT
    return Counts(
        by_status[Status.AVAILABLE],
        by_status[Status.LIMITED],
        by_status[Status.UNAVAILABLE],
        int(row[amount_column(fid, side)]),
        int(row[side_column(fid, "blocked", side)]) if on_line else None,
        int(row[side_column(fid, "exposure", side)]),
        int(row[side_column(fid, "capped", side)]),
        int(row[side_column(fid, "defaulted_usable", side)]) if defaults_known else None,
    )


def _swap(
    row: Mapping[str, Any], fid: str, swap: str, borrowers: int, known: Sequence[str]
) -> Swap:
    defaulted = int(row[swap_column(fid, swap, "defaulted")]) if DEFAULTED in known else None
    expected = int(row[swap_column(fid, swap, "pd")]) / PPM if PD in known else None
    return Swap(
        borrowers,
        int(row[swap_column(fid, swap, "active")]),
        int(row[swap_column(fid, swap, "credit")]),
        defaulted,
        expected,
    )


def _empty(feature: Feature) -> FeatureImpact:
    blocked = 0 if feature.base is Base.AVAILABLE_CREDIT else None
    zero = Counts(0, 0, 0, 0, blocked)
    grid = {a: dict.fromkeys(Status, 0) for a in Status}
    return FeatureImpact(feature, zero, zero, grid, {})


def data_columns(by: str | None) -> list[str]:
    """Columns a run reads besides the required ones."""
    return [] if by is None or by in NAMES else [by]
