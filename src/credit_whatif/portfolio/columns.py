"""The portfolio's columns: their names, the scenario input each one feeds, how each is
read (from CSV text or a typed Parquet column) and the checks every row must pass.

Each check is a Polars expression that is true on a bad row. The engines compute
their disjunction (``__bad``) in the same pass as the impact; only where it is true
somewhere do they look for the first bad row to name it: the file, the column, the
row number (1 = the first borrower), the borrower's id, what was expected and what
was found. Nothing is dropped and nothing is fixed up silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from ..domain.catalogue import EXPECTED, found_phrase
from ..domain.regions import REGIONS
from ..domain.scenario import describe, did_you_mean_text
from ..domain.text import LocalText
from ..files.errors import InputError
from ..files.refusals import expected, found, joined, place
from .csv_shape import check_csv_shape
from .paths import MANIFEST, locate_book
from .read_errors import polars_errors
from .schema import (
    COLUMNS,
    NAMES,
    OUTCOMES,
    REGION_CODES,
    REGION_TYPE,
    Column,
    fits_in,
    outcome_names,
)

ROW = "__row"
BAD = "__bad"

# --- Finding the files ---------------------------------------------------------------


@attrs.frozen
class Source:
    """A portfolio on disk: one CSV or Parquet file, or a folder of Parquet parts
    (read in the order of its manifest), and the rows of each file."""

    path: Path
    files: tuple[Path, ...]
    text: bool  # CSV: every cell is text until checked
    rows: tuple[int, ...] = ()  # per file: from Parquet footers, or counted in a CSV

    @property
    def label(self) -> str:
        return str(self.path)

    @property
    def total(self) -> int:
        return sum(self.rows)


def find_source(path: str | Path) -> Source:
    """The files of a portfolio, or an :class:`InputError` saying what is wrong: the
    path checks of :mod:`.paths`, a folder's row counts against its manifest, the
    shape of a CSV, and at least one borrower."""
    book = locate_book(path)
    if book.text:
        rows: tuple[int, ...] = (check_csv_shape(book.path),)
    else:
        rows = tuple(parquet_rows(p) for p in book.files)
    if book.manifest is not None:
        for part, count in zip(book.manifest.parts, rows, strict=True):
            if part.rows != count:
                raise InputError(
                    str(book.path),
                    part.name,
                    expected("rows_as_recorded", rows=f"{part.rows:,}", manifest=MANIFEST),
                    found("rows", rows=f"{count:,}"),
                )
    if sum(rows) == 0:
        nobody = found_phrase("header_only" if book.text else "no_rows")
        raise InputError(str(book.path), "(rows)", EXPECTED["a_borrower"], nobody)
    return Source(book.path, book.files, book.text, rows)


def parquet_rows(path: Path) -> int:
    """Rows in a Parquet file, from its footer."""
    with polars_errors(str(path)):
        return int(pl.scan_parquet(path).select(pl.len()).collect().item())


def scan_file(path: Path, text: bool) -> pl.LazyFrame:
    """A lazy scan; CSV is read as text so that every cell can be checked. Both
    engines read every file through this function (after :func:`find_source` has
    checked a CSV's shape)."""
    if text:
        return pl.scan_csv(path, infer_schema=False)
    return pl.scan_parquet(path)


# --- Reading and checking ------------------------------------------------------------


Describe = Callable[[Mapping[str, Any]], LocalText]


@attrs.frozen
class Check:
    """Rows where `bad` is true break this check; `found` describes the value found
    from the bad row (raw cells and ``__typed_<column>`` values)."""

    column: str
    bad: pl.Expr
    expected: LocalText
    found: Describe


@attrs.frozen
class Reading:
    """How one file's columns become the kernel's typed columns, and its checks."""

    typed: tuple[pl.Expr, ...]
    checks: tuple[Check, ...]
    text: bool
    names: tuple[str, ...] = NAMES  # of the typed columns, in order

    def apply(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """The typed columns (in place of the raw ones, extra columns kept) and
        ``__bad``, true on every row that breaks a check."""
        bad = pl.any_horizontal([c.bad for c in self.checks]).alias(BAD)
        return frame.with_columns(*self.typed, bad)


def _cell(name: str, text: bool) -> Describe:
    def found(row: Mapping[str, Any]) -> LocalText:
        value = row[name]
        if value is None:
            return found_phrase("empty_cell" if text else "null")
        typed = row.get(f"__typed_{name}")
        if text and typed is None:
            return found_phrase("text", value=repr(value))
        shown = typed if text else value
        return describe(shown)

    return found


def _int_reading(column: Column, dtype: Any, text: bool) -> tuple[pl.Expr, Check]:
    """The column as Int64 (null where it is not an integer) and its range check."""
    raw = pl.col(column.name)
    lo, hi = column.range
    if text:
        value = raw.str.strip_chars().cast(pl.Int64, strict=False)
    elif dtype.is_integer():
        # Straight to the typed column where every value fits (a Parquet Int16 score),
        # else through Int64 so that a value too large is out of range, not lost.
        value = raw.cast(column.dtype if fits_in(dtype, column.dtype) else pl.Int64, strict=False)
    else:
        value = pl.lit(None, pl.Int64)
    bad = value.is_null() | ~value.is_between(lo, hi)
    if column.optional:  # an empty cell says the borrower did not state it
        given = raw.str.strip_chars() != "" if text else raw.is_not_null()
        bad = given.fill_null(False) & bad
    if not (text or dtype.is_integer()):
        bad = pl.lit(True)
    return value, Check(column.name, bad, column.expected, _cell(column.name, text))


def _bool_reading(column: Column, dtype: Any, text: bool) -> tuple[pl.Expr, Check]:
    raw = pl.col(column.name)
    typed: pl.Expr
    if text:
        word = raw.str.strip_chars().str.to_lowercase()
        typed = pl.when(word.is_in(["true", "false"])).then(word == "true")
        bad = ~word.is_in(["true", "false"]).fill_null(False)
    elif dtype == pl.Boolean:
        typed, bad = raw, raw.is_null()
    else:
        typed, bad = pl.lit(None, pl.Boolean), pl.lit(True)
    return typed, Check(column.name, bad, column.expected, _cell(column.name, text))


def _region_found(text: bool) -> Describe:
    cell = _cell("region", text)

    def found(row: Mapping[str, Any]) -> LocalText:
        value = row["region"]
        if isinstance(value, str) and value not in REGIONS:
            return cell(row) + did_you_mean_text(value.upper(), REGION_CODES)
        return cell(row)

    return found


def _region_reading(column: Column, dtype: Any, text: bool) -> tuple[pl.Expr, Check]:
    raw = pl.col(column.name)
    if not text and dtype == REGION_TYPE:  # already the codes' enum: nothing to convert
        value, bad = raw, raw.is_null()
    elif text or dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        codes = raw.str.strip_chars() if text else raw.cast(pl.String)
        value = codes.cast(REGION_TYPE, strict=False)
        bad = value.is_null()
    else:
        value, bad = pl.lit(None, REGION_TYPE), pl.lit(True)
    return value, Check(column.name, bad, column.expected, _region_found(text))


def _id_reading(column: Column, dtype: Any, text: bool) -> tuple[pl.Expr, Check]:
    raw = pl.col(column.name)
    if text or dtype == pl.String:
        bad = raw.is_null() | (raw.str.strip_chars() == "")
    elif dtype.is_integer():
        bad = raw.is_null()
    else:
        bad = pl.lit(True)
    return raw, Check(column.name, bad, column.expected, _cell(column.name, text))


def _share_reading(column: Column, dtype: Any, text: bool) -> tuple[pl.Expr, Check]:
    """A probability: a finite number from 0 to 1."""
    raw = pl.col(column.name)
    if text:
        value = raw.str.strip_chars().cast(pl.Float64, strict=False)
    elif dtype.is_numeric():
        value = raw.cast(pl.Float64, strict=False)
    else:
        value = pl.lit(None, pl.Float64)
    bad = value.is_null() | value.is_nan() | ~value.is_between(0.0, 1.0)
    if not (text or dtype.is_numeric()):
        bad = pl.lit(True)
    return value, Check(column.name, bad, column.expected, _cell(column.name, text))


_READERS = {
    "int": _int_reading,
    "share": _share_reading,
    "bool": _bool_reading,
    "region": _region_reading,
    "id": _id_reading,
}


def _typed(name: str) -> Any:
    return lambda row: row[f"__typed_{name}"]


def _cross_checks(values: Mapping[str, pl.Expr], text: bool) -> list[Check]:
    """The overdue fields constrain each other, as in a preset."""
    worst, current, count = (
        values["overdue_worst_days"],
        values["overdue_current_days"],
        values["overdue_count_24m"],
    )
    current_of, worst_of = _typed("overdue_current_days"), _typed("overdue_worst_days")
    worst_found, count_found = _cell("overdue_worst_days", text), _cell("overdue_count_24m", text)

    def below_current(row: Mapping[str, Any]) -> LocalText:
        beside = found_phrase("beside", column="overdue_current_days", value=current_of(row))
        return worst_found(row) + beside

    def no_count(row: Mapping[str, Any]) -> LocalText:
        beside = found_phrase("beside", column="overdue_worst_days", value=worst_of(row))
        return count_found(row) + beside

    return [
        Check(
            "overdue_worst_days",
            (worst < current).fill_null(False),
            EXPECTED["worst_covers_current"],
            below_current,
        ),
        Check(
            "overdue_count_24m",
            ((count == 0) & (worst > 0)).fill_null(False),
            EXPECTED["count_with_worst"],
            no_count,
        ),
    ]


def check_schema(schema: Mapping[str, Any], source: str) -> None:
    """Every required column is there (extra columns are welcome)."""
    present = list(schema)
    for column in COLUMNS:
        if column.name not in present and not column.optional:
            hint = did_you_mean_text(column.name, present)
            shown = joined(present[:15])
            if len(present) > 15:
                shown += found("more")
            raise InputError(
                source,
                column.name,
                expected("column_named", name=repr(column.name), what=column.expected) + hint,
                found("no_such_column", columns=shown if present else found("no_columns")),
            )


def reading_for(
    schema: Mapping[str, Any], text: bool, columns: Sequence[Column] = COLUMNS
) -> Reading:
    """How to read and check a file with this schema (CSV: every column is text).
    An outcome column the file has is read and checked like the others; one it does
    not have is null on every row (the report then says it cannot tell)."""
    typed: list[pl.Expr] = []
    checks: list[Check] = []
    values: dict[str, pl.Expr] = {}
    present = outcome_names(list(schema))
    absent = [c for c in columns if c.optional and c.name not in schema]
    columns = [c for c in columns if c not in absent]
    columns = [*columns, *(c for c in OUTCOMES if c.name in present)]
    for column in columns:
        value, check = _READERS[column.kind](column, schema[column.name], text)
        values[column.name] = value
        if column.dtype is not None:
            value = value.cast(column.dtype, strict=False)
        typed.append(value.alias(column.name))
        checks.append(check)
    checks.extend(_cross_checks(values, text))
    # What the file leaves out is null on every row: not stated, or not known.
    missing = [*absent, *(c for c in OUTCOMES if c.name not in present)]
    typed.extend(pl.lit(None, c.dtype).alias(c.name) for c in missing)
    names = (*(c.name for c in columns), *(c.name for c in missing))
    return Reading(tuple(typed), tuple(checks), text, names)


def first_problem(frame: pl.LazyFrame, reading: Reading, source: str) -> InputError | None:
    """The first bad row of `frame` (a single file, raw), as the error to report."""
    flags = [c.bad.fill_null(True).alias(f"__check{i}") for i, c in enumerate(reading.checks)]
    typed = [
        e.alias(f"__typed_{name}") for e, name in zip(reading.typed, reading.names, strict=True)
    ]
    rows = (
        frame.with_row_index(ROW, offset=1)
        .with_columns(*flags, *typed)
        .filter(pl.any_horizontal(f.meta.output_name() for f in flags))
        .head(1)
        .collect()
    )
    if rows.height == 0:
        return None
    row = rows.row(0, named=True)
    check = next(c for i, c in enumerate(reading.checks) if row[f"__check{i}"])
    identity = row["id"]
    where = (
        place("column_row", column=check.column, row=row[ROW])
        if identity is None
        else place("column_row_id", column=check.column, row=row[ROW], id=repr(identity))
    )
    return InputError(source, where, check.expected, check.found(row))


def read_checked(source: Source, columns: Sequence[str] | None = None) -> list[pl.LazyFrame]:
    """One typed lazy frame per file (with ``__bad``), after the schema checks.

    `columns` limits the extra columns carried along (the required ones always are);
    None keeps them all."""
    frames = []
    readings: dict[tuple[tuple[str, Any], ...], Reading] = {}  # parts share a schema
    for path in source.files:
        frame = scan_file(path, source.text)
        schema = collect_schema(frame, str(path))
        check_schema(schema, str(path))
        if columns is not None:
            required = [*(n for n in NAMES if n in schema), *outcome_names(list(schema))]
            wanted = [*required, *(c for c in columns if c not in required and c in schema)]
            frame = frame.select(wanted)
        key = tuple(schema.items())
        if key not in readings:
            readings[key] = reading_for(schema, source.text)
        frames.append(readings[key].apply(frame))
    return frames


def collect_schema(frame: pl.LazyFrame, source: str) -> dict[str, Any]:
    with polars_errors(source):
        return dict(frame.collect_schema())


def raise_first_problem(source: Source, only: Sequence[int] | None = None) -> None:
    """Find the first bad row (file by file, in order) and raise it. Called only when
    a pass has seen ``__bad``; `only` limits the search to some files by index."""
    for index, path in enumerate(source.files):
        if only is not None and index not in only:
            continue
        frame = scan_file(path, source.text)
        schema = collect_schema(frame, str(path))
        with polars_errors(str(path)):
            problem = first_problem(frame, reading_for(schema, source.text), str(path))
        if problem is not None:
            raise problem
    raise InputError(source.label, "(rows)", expected("rows_pass"), found("row_did_not"))
