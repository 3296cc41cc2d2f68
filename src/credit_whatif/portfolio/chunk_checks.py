"""Whether a chunk of Parquet rows breaks any check, as a few aggregates.

The checks of :mod:`.columns` are per row (``__bad``), which is what finding the
first bad row needs; but to learn only *whether* a chunk has one, a Parquet column of
a type the reading accepts can be judged by its aggregates: no null where none is
allowed, its least and greatest value within range. Only the checks that compare two
columns of a row (the overdue fields) stay per row. In an impact of 10,000,000 rows
the per-row checks cost about as much as everything else that reads the book
(benchmarks/portfolio_bench.py, section 8).

Used only where every file has a type the reading accepts for every column it has,
and the same optional columns (else a typed column can be null for a reason the
aggregates cannot see): :func:`judged_by_aggregates` says so from the schemas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from .schema import COLUMNS, OUTCOMES, REGION_TYPE, Column


def _accepts(column: Column, dtype: Any) -> bool:
    """Whether the reading takes a Parquet column of `dtype` as it is (a cast that
    cannot fail), so that its typed values are null only where the file's are."""
    if column.kind == "int":
        return bool(dtype.is_integer())
    if column.kind == "bool":
        return bool(dtype == pl.Boolean)
    if column.kind == "region":
        return bool(dtype in (pl.String, REGION_TYPE))
    if column.kind == "id":
        return bool(dtype.is_integer())
    if column.kind == "share":
        return bool(dtype.is_float())
    return False


def _optional_names(schema: Mapping[str, Any]) -> frozenset[str]:
    optional = [c.name for c in (*COLUMNS, *OUTCOMES) if c.optional or c in OUTCOMES]
    return frozenset(name for name in optional if name in schema)


def judged_by_aggregates(schemas: Sequence[Mapping[str, Any]]) -> bool:
    """Whether files of these schemas can be judged by :func:`any_problem`: every
    column of an accepted type, and the same optional columns in each."""
    if not schemas:
        return False
    optional = _optional_names(schemas[0])
    for schema in schemas:
        if _optional_names(schema) != optional:
            return False
        for column in (*COLUMNS, *OUTCOMES):
            if column.name in schema and not _accepts(column, schema[column.name]):
                return False
    return True


def _broken(column: Column) -> pl.Expr:
    value = pl.col(column.name)
    if column.kind == "int":
        lo, hi = column.range
        outside = ((value.min() < lo) | (value.max() > hi)).fill_null(False)
        # A value too large for the typed column is null after the cast.
        return outside if column.optional else outside | (value.null_count() > 0)
    if column.kind == "share":
        outside = ((value.min() < 0.0) | (value.max() > 1.0)).fill_null(False)
        return outside | (value.null_count() > 0) | value.is_nan().any()
    return value.null_count() > 0  # ids, yes/no, regions (an unknown code is null)


def any_problem(schema: Mapping[str, Any]) -> pl.Expr:
    """True when a chunk of typed columns (files of `schema`'s columns) breaks a
    check: aggregates per column, then the overdue fields row by row."""
    columns = [c for c in (*COLUMNS, *OUTCOMES) if c.name in schema]
    worst, current = pl.col("overdue_worst_days"), pl.col("overdue_current_days")
    count = pl.col("overdue_count_24m")
    return pl.any_horizontal(
        *(_broken(c) for c in columns),
        (worst < current).any(),
        ((count == 0) & (worst > 0)).any(),
    )
