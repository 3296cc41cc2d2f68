"""The frontier of one policy field: for every value of the field, on the same book
and levers, how many borrowers can use a feature, how many of them defaulted, and
what that value avoids and costs against the policy's own value.

All points come out of one pass over the book: each value is the one feature's fold
under a copy of the policy with that value, and the folds share every column that
does not depend on the field (the other rules' firings, the credit line), so a point
costs the few comparisons the field enters, and one sum per figure.

A point is exactly ``impact`` with the policy changed to that value (a test checks
it): ``defaults_avoided`` is the swap-out defaulted less the swap-in defaulted, and
``goods_restricted`` the same for the borrowers who did not default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import polars as pl

from ..domain.enums import Tightening
from ..domain.features import Feature
from ..domain.policy import PolicyField
from ..domain.registry import REGISTRY, Registry
from ..files.errors import InputError
from ..files.refusals import expected, found, joined, same
from .columns import BAD
from .ids import ID_SUMMARY, id_summary, ids_known_unique
from .kernel import UNAVAILABLE, Side, feature_terms
from .schema import DEFAULTED
from .terms import Stages, Term, both_and, lit

MAX_POINTS = 401  # a curve a terminal (or a committee) can read


@attrs.frozen
class Point:
    value: int
    usable: int
    unavailable: int
    defaulted_usable: int | None  # None: the book has no observed outcome
    bad_rate: float | None
    defaults_avoided: int | None  # against the policy's own value
    goods_restricted: int | None

    def to_json(self) -> dict[str, Any]:
        out = attrs.asdict(self)
        if self.bad_rate is not None:
            out["bad_rate"] = round(self.bad_rate, 6)
        return out


@attrs.frozen
class Frontier:
    field: PolicyField
    level: Tightening
    feature: Feature
    own: int  # the policy's value of the field at the level
    rows: int
    points: tuple[Point, ...]
    reference: Point  # the policy's own value
    outcomes: bool  # the book has defaulted_12m

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field.name,
            "level": self.level.value,
            "feature": self.feature.id,
            "own": self.own,
            "rows": self.rows,
            "outcomes": self.outcomes,
            "reference": self.reference.to_json(),
            "points": [p.to_json() for p in self.points],
        }


def features_of(field: PolicyField, registry: Registry = REGISTRY) -> list[Feature]:
    """The features a field can change, in registry order."""
    gated: set[str] = set()
    for rule in registry.rules:
        compared = field in (rule.input, rule.threshold) or field in rule.measures_fields
        gated.update(fid for fid, effect in rule.gates.items() if compared or effect.field == field)
    return [f for f in registry.features if f.id in gated]


def grid(field: PolicyField, start: int, stop: int, step: int) -> list[int]:
    """The values from `start` to `stop` by `step`, checked against the field's range."""
    lo, hi = field.range
    name = f"--field {field.name}"
    for option, value in (("--from", start), ("--to", stop)):
        if not lo <= value <= hi:
            wanted = expected("field_value", field=field.name, lo=f"{lo:,}", hi=f"{hi:,}")
            raise InputError(option, name, wanted, same(f"{value:,}"))
    if step <= 0:
        raise InputError("--step", name, expected("positive_step"), same(f"{step:,}"))
    if stop < start:
        wanted = expected("at_least_from", start=f"{start:,}")
        raise InputError("--to", name, wanted, same(f"{stop:,}"))
    values = list(range(start, stop + 1, step))
    if len(values) > MAX_POINTS:
        wanted = expected("at_most_points", most=MAX_POINTS)
        raise InputError("--step", name, wanted, same(f"{len(values):,}"))
    return values


@attrs.frozen(eq=False)
class FrontierPlan:
    """The per-value sums of one pass, and how to read them."""

    side: Side
    field: PolicyField
    level: Tightening
    feature: Feature
    values: tuple[int, ...]  # the grid, then the policy's own value if not on it
    own: int
    stages: Stages
    sums: tuple[tuple[str, Term], ...]
    outcomes: bool

    @classmethod
    def build(
        cls,
        side: Side,
        field: PolicyField,
        level: Tightening,
        feature: Feature,
        values: Sequence[int],
        outcomes: bool,
        registry: Registry = REGISTRY,
    ) -> FrontierPlan:
        own = int(side.table[level][field.name])
        every = tuple(dict.fromkeys([*values, own]))
        stages = Stages()
        sums: list[tuple[str, Term]] = [("rows", True), ("bad", pl.col(BAD))]
        for value in every:
            table = side.table.with_value(level, field.name, value)
            at = Side(
                attrs.evolve(
                    side.levers, policy=attrs.evolve(side.levers.policy, tightening=level)
                ),
                table,
                side.shifts,
            )
            terms = feature_terms(registry, at, stages, feature)
            usable = (
                lit(terms.rank) > UNAVAILABLE
                if not isinstance(terms.rank, int)
                else terms.rank > UNAVAILABLE
            )
            sums.append((f"usable|{value}", usable))
            if outcomes:
                sums.append((f"bad|{value}", both_and(usable, pl.col(DEFAULTED))))
        return cls(side, field, level, feature, every, own, stages, tuple(sums), outcomes)

    by: str | None = None  # one set of sums for the whole book

    @property
    def aggregation(self) -> FrontierPlan:
        return self

    def partial(
        self, frame: pl.LazyFrame, ids: bool = True, bad: pl.Expr | None = None
    ) -> pl.LazyFrame:
        totals = [
            (
                bad
                if name == "bad" and bad is not None
                else lit(v).cast(pl.UInt8).sum()
                if isinstance(v, pl.Expr)
                else pl.len() * int(v)
            )
            .cast(pl.Int64)
            .alias(name)
            for name, v in self.sums
        ]
        return self.stages.apply(frame).select(*totals, *(id_summary() if ids else []))

    def combine(self, partials: Sequence[pl.DataFrame]) -> pl.DataFrame:
        frames = [p.drop(ID_SUMMARY, strict=False) for p in partials if p.height]
        return pl.concat(frames, how="vertical_relaxed").sum()

    @staticmethod
    def ids_known_unique(partials: Sequence[pl.DataFrame]) -> bool:
        return ids_known_unique([p.row(0, named=True) for p in partials if p.height])

    def read(self, totals: Mapping[str, Any], grid_values: Sequence[int]) -> Frontier:
        rows = int(totals["rows"])

        def point(value: int, reference: Point | None) -> Point:
            usable = int(totals[f"usable|{value}"])
            bad = int(totals[f"bad|{value}"]) if self.outcomes else None
            rate = None if bad is None or usable == 0 else bad / usable
            avoided = goods = None
            if reference is not None and bad is not None and reference.defaulted_usable is not None:
                avoided = reference.defaulted_usable - bad
                goods = (reference.usable - reference.defaulted_usable) - (usable - bad)
            return Point(value, usable, rows - usable, bad, rate, avoided, goods)

        reference = point(self.own, None)
        reference = point(self.own, reference)
        points = tuple(point(v, reference) for v in grid_values)
        return Frontier(
            self.field, self.level, self.feature, self.own, rows, points, reference, self.outcomes
        )


def plan_frontier(
    side: Side,
    field_name: str,
    level: Tightening,
    feature_id: str | None,
    values: tuple[int, int, int],
    outcomes: bool,
    registry: Registry = REGISTRY,
) -> tuple[FrontierPlan, list[int]]:
    """The plan for the field named `field_name` (checked, with the feature it
    changes) over ``range(start, stop + 1, step)``, and the grid."""
    from ..domain.scenario import did_you_mean_text

    names = [f.name for f in registry.policy_fields]
    if field_name not in names:
        wanted = expected("policy_field") + did_you_mean_text(field_name, names)
        raise InputError("--field", field_name, wanted, same(repr(field_name)))
    field = registry.field(field_name)
    if field.is_switch:
        raise InputError("--field", field_name, expected("policy_number"), found("switch"))
    changed = features_of(field, registry)
    ids = [f.id for f in changed]
    if feature_id is None:
        feature = changed[0]
    elif feature_id not in ids:
        raise InputError(
            "--feature",
            feature_id,
            expected("feature_changed", field=field_name, features=joined(ids)),
            same(repr(feature_id)),
        )
    else:
        feature = registry.feature(feature_id)
    points = grid(field, *values)
    plan = FrontierPlan.build(side, field, level, feature, points, outcomes, registry)
    return plan, points


def run_frontier(
    path: str,
    side: Side,
    field_name: str,
    level: Tightening,
    feature_id: str | None,
    values: tuple[int, int, int],
    *,
    engine: str = "polars",
    scheduler: Any = None,
    progress: Any = None,
    registry: Registry = REGISTRY,
) -> Frontier:
    """The frontier over the book at `path` (any engine)."""
    from .columns import collect_schema, find_source, scan_file
    from .engine import run_plan

    source = find_source(path)
    first = source.files[0]
    schema = collect_schema(scan_file(first, source.text), str(first))
    plan, points = plan_frontier(
        side, field_name, level, feature_id, values, DEFAULTED in schema, registry
    )
    combined = run_plan(source, plan, engine, scheduler, progress)
    return plan.read(combined.row(0, named=True), points)


def frontier_of_frame(
    frame: pl.DataFrame,
    side: Side,
    field_name: str,
    level: Tightening,
    feature_id: str | None,
    values: tuple[int, int, int],
    registry: Registry = REGISTRY,
) -> Frontier:
    """The frontier over typed, checked columns in memory (the explorer's book)."""
    plan, points = plan_frontier(
        side, field_name, level, feature_id, values, DEFAULTED in frame.columns, registry
    )
    typed = frame.lazy().with_columns(pl.lit(False).alias(BAD))
    totals = plan.partial(typed, ids=False).collect(engine="streaming")
    return plan.read(totals.row(0, named=True), points)
