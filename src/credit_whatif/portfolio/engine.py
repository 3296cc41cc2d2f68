"""Running an impact over portfolio files: the Polars engine (embedded, streaming) and
the dispatch to the Dask engine. Both run :meth:`ImpactPlan.partial` on chunks and add
the sums up, so they agree by construction (and a test checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from ..domain.catalogue import found_phrase
from ..domain.registry import REGISTRY, Registry
from ..domain.text import LocalText
from ..files.errors import InputError
from ..files.refusals import expected, found, joined, same
from .chunk_checks import any_problem, judged_by_aggregates
from .columns import (
    Source,
    collect_schema,
    find_source,
    raise_first_problem,
    read_checked,
    scan_file,
)
from .ids import check_unique_ids, id_summary
from .impact import ImpactPlan, SummingPlan, data_columns
from .impact_report import ImpactReport
from .kernel import Side
from .read_errors import polars_errors
from .scheduler import Scheduler
from .schema import NAMES, OUTCOME_NAMES, outcome_names
from .score_bands import SCORE_BAND

Progress = Callable[[int, int | None], None]  # rows done, rows in all (None: unknown)
ENGINES = ("polars", "dask")
CHUNK_ROWS = 2_000_000  # rows per collect when progress is shown


def check_by(by: str | None, schema: Sequence[str], source: str) -> None:
    """`--by` names a column of the portfolio, or ``score_band``."""
    if by is None or by in schema or by == SCORE_BAND:
        return
    taken = (*NAMES, *OUTCOME_NAMES)
    extra = [c for c in schema if c not in taken and not c.startswith("__")]
    known = joined(["region", SCORE_BAND, *extra])
    raise InputError(
        "--by",
        by,
        expected("group_by_column", columns=known),
        found("no_column_in", name=repr(by), source=source),
    )


MAX_GROUPS = 10_000  # --by on more distinct values is refused before the pass
PREFIX_ROWS = 200_000  # rows looked at first, so that `--by id` is refused at once


def check_group_count(source: Source, by: str | None) -> None:
    """`--by` names a column of at most :data:`MAX_GROUPS` distinct values, decided
    on that column alone before the pass (a group per borrower would hold the whole
    pass's per-group sums in memory)."""
    if by is None or by == "region" or (by == SCORE_BAND and not _has_column(source, by)):
        return
    frames = [scan_file(p, source.text).select(by) for p in source.files]
    column = frames[0] if len(frames) == 1 else pl.concat(frames, how="diagonal_relaxed")
    with polars_errors(source.label):
        distinct = int(column.select(pl.col(by).head(PREFIX_ROWS).n_unique()).collect().item())
        if distinct <= MAX_GROUPS:
            distinct = int(column.select(pl.col(by).n_unique()).collect(engine="streaming").item())
    if distinct > MAX_GROUPS:
        raise InputError("--by", by, *too_many_groups(source.label))


def too_many_groups(source: str) -> tuple[LocalText, LocalText]:
    """What `--by` was expected to be, and what was found, for a column of more than
    :data:`MAX_GROUPS` distinct values in `source`."""
    most = f"{MAX_GROUPS:,}"
    return expected("few_groups", most=most), found("more_groups", most=most, source=source)


def _has_column(source: Source, name: str) -> bool:
    first = source.files[0]
    return name in collect_schema(scan_file(first, source.text), str(first))


def collect(frame: pl.LazyFrame, source: str) -> pl.DataFrame:
    with polars_errors(source):
        return frame.collect(engine="streaming")


def polars_partials(
    source: Source, plan: SummingPlan, progress: Progress | None = None
) -> list[pl.DataFrame]:
    """The partial sums of every chunk: all files in one streaming pass, or (to show
    progress) file by file and, within a large Parquet file, slice by slice."""
    first = source.files[0]
    check_by(plan.by, list(collect_schema(scan_file(first, source.text), str(first))), str(first))
    frames = read_checked(source, data_columns(plan.by))
    if progress is None:
        frame = frames[0] if len(frames) == 1 else pl.concat(frames, how="diagonal_relaxed")
        if source.text:  # a second read of a CSV would parse every line again
            return [collect(plan.partial(frame), source.label)]
        # Parquet: the ids in a pass of their own over the id column. Their order check
        # (a running difference) in the main pass held the whole pass up (about 12%
        # of a 10,000,000-row impact, benchmarks/portfolio_bench.py section 8).
        schemas = [collect_schema(scan_file(p, text=False), str(p)) for p in source.files]
        # Whether a row breaks a check, from aggregates where the files allow it.
        bad = any_problem(schemas[0]) if plan.by is None and judged_by_aggregates(schemas) else None
        ids = pl.concat([scan_file(path, text=False).select("id") for path in source.files])
        # Collected together, so the id pass may use a core the main pass leaves idle
        # (on a quiet machine the two take the same time either way).
        with polars_errors(source.label):
            sums, summary = pl.collect_all(
                [plan.partial(frame, ids=False, bad=bad), ids.select(id_summary())],
                engine="streaming",
            )
        return [sums.join(summary, how="cross")]
    total = source.total
    done = 0
    progress(done, total)
    partials = []
    for path, frame, count in zip(source.files, frames, source.rows, strict=True):
        if source.text or count <= CHUNK_ROWS:
            slices = [frame]
        else:
            slices = [frame.slice(start, CHUNK_ROWS) for start in range(0, count, CHUNK_ROWS)]
        for piece in slices:
            partial = collect(plan.partial(piece), str(path))
            partials.append(partial)
            done += int(partial["rows"].sum())
            progress(done, total)
    return partials


def run_impact(
    path: str | Path,
    baseline: Side,
    scenario: Side,
    by: str | None = None,
    *,
    engine: str = "polars",
    scheduler: Scheduler | str | None = None,
    registry: Registry = REGISTRY,
    progress: Progress | None = None,
) -> ImpactReport:
    """The impact of `scenario` against `baseline` on the portfolio at `path`."""
    source = find_source(path)
    first = source.files[0]
    schema = list(collect_schema(scan_file(first, source.text), str(first)))
    plan = ImpactPlan.build(baseline, scenario, by, registry, outcome_names(schema))
    if by is not None:
        check_by(by, schema, str(first))
        check_group_count(source, by)
    combined = run_plan(source, plan, engine, scheduler, progress)
    return plan.report(combined)


def run_plan(
    source: Source,
    plan: SummingPlan,
    engine: str = "polars",
    scheduler: Scheduler | str | None = None,
    progress: Progress | None = None,
) -> pl.DataFrame:
    """The sums of `plan` (an :class:`ImpactPlan`, or any plan with ``by``,
    ``aggregation``, ``combine`` and ``ids_known_unique``) over every file, added up;
    a bad row or a repeated id is raised, named."""
    if engine == "dask":
        from .dask_engine import dask_partials

        partials = dask_partials(source, plan, scheduler=scheduler, progress=progress)
    elif engine == "polars":
        partials = polars_partials(source, plan, progress)
    else:
        engines = found_phrase("key_among", keys=", ".join(ENGINES))  # "one of polars, dask"
        raise InputError("--engine", "engine", engines, same(repr(engine)))
    combined: pl.DataFrame = plan.combine(partials)
    if combined.height and int(combined["bad"].sum()) > 0:
        raise_first_problem(source)
    if not plan.ids_known_unique(partials):
        check_unique_ids(source)
    return combined
