"""One row per borrower: ids checked unique over a whole book, in the impact's own
pass where the ids prove it (each chunk increasing, the chunks' spans apart, as in a
generated book), else in one more pass over the ``id`` column."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from ..files.errors import InputError
from ..files.refusals import expected, found, place
from .columns import ROW, Source, scan_file
from .read_errors import polars_errors

ID_ROWS, ID_ORDERED, ID_LO, ID_HI = "__id_rows", "__id_ordered", "__id_lo", "__id_hi"
ID_SUMMARY = (ID_ROWS, ID_ORDERED, ID_LO, ID_HI)


def id_summary() -> list[pl.Expr]:
    """A chunk's ids in four numbers, computed in the same pass as the impact: rows,
    whether the ids (as integers) strictly increase, and their least and greatest.
    Chunks whose ids increase and whose spans do not overlap hold every id once, as a
    generated book does; anything else is settled by :func:`check_unique_ids`."""
    key = pl.col("id").cast(pl.Int64, strict=False)
    return [
        pl.len().cast(pl.Int64).alias(ID_ROWS),
        (key.diff().slice(1) > 0).all(ignore_nulls=False).fill_null(False).alias(ID_ORDERED),
        key.min().alias(ID_LO),
        key.max().alias(ID_HI),
    ]


def ids_known_unique(summaries: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the chunks' :func:`id_summary` rows prove every id unique (False:
    they cannot tell, not that an id repeats)."""
    spans = []
    for summary in summaries:
        if not summary[ID_ROWS]:
            continue
        if not summary[ID_ORDERED] or summary[ID_LO] is None:
            return False
        spans.append((int(summary[ID_LO]), int(summary[ID_HI])))
    spans.sort()
    return all(a[1] < b[0] for a, b in itertools.pairwise(spans))


FILE = "__file"


def _ids(source: Source) -> pl.LazyFrame:
    frames = [
        scan_file(path, source.text)
        .select("id")
        .with_row_index(ROW, offset=1)
        .with_columns(pl.lit(index, pl.UInt32).alias(FILE))
        for index, path in enumerate(source.files)
    ]
    return frames[0] if len(frames) == 1 else pl.concat(frames, how="diagonal_relaxed")


def check_unique_ids(source: Source) -> None:
    """Every id once, over all the files (a pass over the ``id`` column alone), or
    the first repeated id as an :class:`InputError`."""
    with polars_errors(source.label):
        distinct = int(_ids(source).select(pl.col("id").n_unique()).collect().item())
    if distinct != source.total:
        raise duplicate_id(_ids(source), source.files)


def duplicate_id(frame: pl.LazyFrame, files: Sequence[Path | str]) -> InputError:
    """The first row (in reading order) whose id an earlier row already has, naming
    both rows. `frame` holds ``id``, ``__row`` and ``__file`` (an index of `files`)."""
    with polars_errors(str(files[0])):
        repeats = (
            frame.filter(pl.col("id").is_duplicated())
            .sort(FILE, ROW)
            .with_columns(pl.col("id").is_first_distinct().alias("__first"))
            .collect()
        )
    second = repeats.filter(~pl.col("__first")).row(0, named=True)
    first = repeats.filter(pl.col("id") == second["id"]).row(0, named=True)
    earlier = (
        found("same_id_at", row=first[ROW])
        if first[FILE] == second[FILE]
        else found("same_id_in", file=files[first[FILE]], row=first[ROW])
    )
    return InputError(
        str(files[second[FILE]]),
        place("column_row_id", column="id", row=second[ROW], id=repr(second["id"])),
        expected("unique_id"),
        earlier,
    )
