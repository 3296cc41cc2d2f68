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

import operator
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import polars as pl

from ..domain.enums import Status
from ..domain.features import Feature
from ..domain.registry import REGISTRY, Registry
from .columns import BAD, NAMES
from .ids import ID_SUMMARY, id_summary, ids_known_unique
from .impact_report import Counts, FeatureImpact, GroupImpact, ImpactReport
from .kernel import FeatureTerms, Side, side_terms
from .score_bands import SCORE_BAND, score_band_expr
from .terms import Stages, Term, arith, both_and, either, is_expr, lit, negate

GROUP = "__group"


# --- The sums ------------------------------------------------------------------------


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
