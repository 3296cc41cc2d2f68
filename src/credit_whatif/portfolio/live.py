"""A portfolio held in memory for the explorer's live view.

Load (and check) the file once with :meth:`Portfolio.load`; then every lever change
is one call of :func:`impact`, which runs the generated kernel over the typed columns
in memory. A run can be cancelled: pass ``cancelled`` (for a Textual thread worker,
``lambda: worker.is_cancelled``) and a stale run stops its Polars query and raises
:class:`Cancelled` instead of returning.

The sample portfolio (1,000,000 rows) is generated into the cache folder the first
time it is asked for (:func:`ensure_sample`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import polars as pl

from ..domain.catalogue import EXPECTED, found_phrase
from ..domain.policy import PolicyTable
from ..domain.registry import REGISTRY, Registry
from ..files.errors import InputError
from .columns import (
    BAD,
    ROW,
    Source,
    find_source,
    raise_first_problem,
    read_checked,
)
from .engine import MAX_GROUPS, check_by, too_many_groups
from .ids import FILE, check_unique_ids, duplicate_id, id_summary, ids_known_unique
from .impact import ImpactPlan
from .impact_report import ImpactReport
from .kernel import Levers, Side, outcome_columns, side_terms
from .read_errors import polars_errors
from .schema import NAMES, OUTCOME_NAMES, outcome_names
from .terms import Stages

SAMPLE_ROWS = 1_000_000
SAMPLE_SEED = 2024
SLICE_ROWS = 500_000  # a cancellable run looks at `cancelled` between slices

Progress = Callable[[int, int | None], None]
Cancelled_ = Callable[[], bool]


class Cancelled(Exception):  # noqa: N818 - it is an outcome, not a failure
    """The run was cancelled because a newer one superseded it."""


@attrs.frozen(eq=False)
class Portfolio:
    """A checked portfolio in memory: the kernel's typed columns and every extra
    column (for grouping)."""

    frame: pl.DataFrame
    source: str

    @property
    def rows(self) -> int:
        return self.frame.height

    @property
    def extra_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.frame.columns if c not in NAMES and c not in OUTCOME_NAMES)

    @property
    def group_columns(self) -> tuple[str, ...]:
        """What ``by`` may name: region, score_band and the extra columns."""
        return ("region", "score_band", *self.extra_columns)

    @classmethod
    def load(cls, path: str | Path) -> Portfolio:
        """Read and check a portfolio file or folder (an :class:`InputError` names the
        first bad row)."""
        source = find_source(path)
        return cls.from_source(source)

    @classmethod
    def from_source(cls, source: Source) -> Portfolio:
        frames = read_checked(source)
        with polars_errors(source.label):
            frame = pl.concat(frames, how="diagonal_relaxed").collect(engine="streaming")
        if frame.height and bool(frame[BAD].any()):
            raise_first_problem(source)
        if not ids_known_unique([frame.select(id_summary()).row(0, named=True)]):
            check_unique_ids(source)
        return cls(frame.drop(BAD), source.label)

    @classmethod
    def from_frame(cls, frame: pl.DataFrame, source: str = "<frame>") -> Portfolio:
        """Check a table already in memory (columns as in a Parquet file)."""
        from .columns import check_schema, first_problem, reading_for

        check_schema(dict(frame.schema), source)
        reading = reading_for(dict(frame.schema), text=False)
        typed = reading.apply(frame.lazy()).collect()
        if typed.height and bool(typed[BAD].any()):
            problem = first_problem(frame.lazy(), reading, source)
            assert problem is not None
            raise problem
        if frame.height == 0:
            raise InputError(source, "(rows)", EXPECTED["a_borrower"], found_phrase("no_rows"))
        if frame["id"].n_unique() != frame.height:
            ids = frame.lazy().select("id").with_row_index(ROW, offset=1)
            raise duplicate_id(ids.with_columns(pl.lit(0, pl.UInt32).alias(FILE)), [source])
        return cls(typed.drop(BAD), source)

    def outcomes(self, side: Side, registry: Registry = REGISTRY) -> pl.DataFrame:
        """Every borrower's outcome on one side, beside the portfolio's columns:
        ``<feature>.status`` (0 unavailable, 1 limited, 2 available),
        ``<feature>.amount``, ``<feature>.<rule id>`` (the rule acts on it) and
        ``account.state`` (0 active, 1 frozen, 2 closed)."""
        stages = Stages()
        terms = side_terms(registry, side, stages)
        return (
            stages.apply(self.frame.lazy())
            .select(*self.frame.columns, *outcome_columns(terms, registry=registry))
            .collect()
        )


def impact(
    portfolio: Portfolio,
    baseline_levers: Levers,
    scenario_levers: Levers,
    baseline_table: PolicyTable,
    scenario_table: PolicyTable,
    by: str | None = None,
    *,
    registry: Registry = REGISTRY,
    cancelled: Cancelled_ | None = None,
    shifts: tuple[tuple[str, int], ...] = (),
) -> ImpactReport:
    """Baseline against scenario on a portfolio in memory: per feature the counts,
    amounts, transitions and rules (``report.features``), and with `by` the same per
    group (``report.groups``, ``report.top_groups(n)``)."""
    check_by(by, portfolio.frame.columns, portfolio.source)
    grouped = by not in (None, "region", "score_band")
    if by is not None and grouped and portfolio.frame[by].n_unique() > MAX_GROUPS:
        raise InputError("by", by, *too_many_groups(portfolio.source))
    baseline = Side(baseline_levers, baseline_table)
    scenario = Side(scenario_levers, scenario_table, shifts)
    outcomes = outcome_names(portfolio.frame.columns)
    plan = ImpactPlan.build(baseline, scenario, by, registry, outcomes)
    frame = portfolio.frame.with_columns(pl.lit(False).alias(BAD))
    if cancelled is None:
        partials = [plan.partial(frame.lazy(), ids=False).collect(engine="streaming")]
    else:
        partials = []
        for start in range(0, max(frame.height, 1), SLICE_ROWS):
            if cancelled():
                raise Cancelled
            piece = frame.slice(start, SLICE_ROWS).lazy()
            partials.append(plan.partial(piece, ids=False).collect(engine="streaming"))
        if cancelled():
            raise Cancelled
    return plan.report(plan.combine(partials))


# --- The sample ----------------------------------------------------------------------


def sample_path(rows: int = SAMPLE_ROWS, seed: int = SAMPLE_SEED) -> Path:
    """Where the generated sample lives: the cache folder."""
    from ..files.folders import cache_dir
    from .synthetic import VERSION

    return cache_dir() / f"portfolio-sample-{rows}-seed{seed}-v{VERSION}.parquet"


def ensure_sample(
    path: str | Path | None = None,
    rows: int = SAMPLE_ROWS,
    *,
    seed: int = SAMPLE_SEED,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """The sample portfolio, generated on first use (written to a temporary name and
    renamed, so an interrupted run never leaves half a file). A file that is there
    with the wrong number of rows is made again."""
    from .generate import generate

    target = Path(path) if path is not None else sample_path(rows, seed)
    if target.is_file():
        try:
            with polars_errors(str(target)):
                have = int(pl.scan_parquet(target).select(pl.len()).collect().item())
        except InputError:
            have = -1
        if have == rows:
            if progress is not None:
                progress(rows, rows)
            return target
    target.parent.mkdir(parents=True, exist_ok=True)
    generate(target, rows, seed=seed, progress=progress, force=True)
    return target
