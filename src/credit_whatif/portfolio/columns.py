"""The portfolio's columns: their names, the scenario input each one feeds, how each is
read (from CSV text or a typed Parquet column) and the checks every row must pass.

Each check is a Polars expression that is true on a bad row. The engines compute
their disjunction (``__bad``) in the same pass as the impact; only where it is true
somewhere do they look for the first bad row to name it: the file, the column, the
row number (1 = the first borrower), the borrower's id, what was expected and what
was found. Nothing is dropped and nothing is fixed up silently.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from ..domain.keypath import get_value, integer_range
from ..domain.regions import REGIONS
from ..domain.scenario import Borrower, Scenario, describe, did_you_mean
from ..files.errors import InputError
from .paths import MANIFEST, locate_book

ROW = "__row"
BAD = "__bad"

REGION_CODES: tuple[str, ...] = tuple(REGIONS)
REGION_TYPE = pl.Enum(list(REGION_CODES))


@attrs.frozen
class Column:
    """One required column and the scenario input it feeds (None for ``id``)."""

    name: str
    key: str | None
    kind: str  # "id", "int", "bool" or "region"
    dtype: Any  # the Polars type the kernel reads

    @property
    def range(self) -> tuple[int, int]:
        assert self.key is not None
        return integer_range(Scenario, self.key)

    @property
    def expected(self) -> str:
        if self.kind == "int":
            lo, hi = self.range
            return f"an integer {lo}..{hi}"
        if self.kind == "bool":
            return "true or false"
        if self.kind == "region":
            return 'an ISO 3166-2:CN province-level code such as "CN-ZJ"'
        return "a non-blank string or an integer"


def _int(name: str, key: str, dtype: Any = pl.Int32) -> Column:
    return Column(name, key, "int", dtype)


COLUMNS: tuple[Column, ...] = (
    Column("id", None, "id", None),
    _int("score", "borrower.score"),
    _int("credit_limit", "borrower.credit_limit", pl.Int64),
    _int("outstanding", "borrower.outstanding", pl.Int64),
    Column("identity_verified", "borrower.identity_verified", "bool", pl.Boolean),
    Column("region", "borrower.region", "region", REGION_TYPE),
    _int("overdue_count_24m", "borrower.overdue.count_24m"),
    _int("overdue_worst_days", "borrower.overdue.worst_days"),
    _int("overdue_current_days", "borrower.overdue.current_days"),
    _int("limit_checks_30d", "borrower.activity.limit_checks_30d"),
    _int("failed_attempts_7d", "borrower.activity.failed_attempts_7d"),
)
NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
BY_NAME: Mapping[str, Column] = {c.name: c for c in COLUMNS}
COLUMN_OF: Mapping[str, str] = {c.key: c.name for c in COLUMNS if c.key is not None}
"""Scenario key path (``borrower.overdue.worst_days``) -> portfolio column."""


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
                    f"{part.rows:,} rows, as {MANIFEST} records",
                    f"{count:,} rows",
                )
    if sum(rows) == 0:
        found = "a header only" if book.text else "no rows"
        raise InputError(str(book.path), "(rows)", "at least one borrower", found)
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


# --- The shape of a CSV file ---------------------------------------------------------

UNIT_SEPARATOR = "\x1f"  # splits no line of a CSV file, so a line is read whole


def csv_header(path: Path) -> tuple[list[str], int]:
    """The column names of a CSV file and the lines its header takes, after checking
    that no column is named twice."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as file:
            reader = csv.reader(file)
            header = next(reader, None)
            lines = reader.line_num
    except (OSError, csv.Error) as exc:
        raise InputError(str(path), "(header)", "a CSV header line", str(exc)) from None
    if header is None:
        raise InputError(str(path), "(header)", "a header line naming the columns", "an empty file")
    first: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if name in first:
            raise InputError(
                str(path),
                "(header)",
                "each column named once",
                f"{name!r} as column {first[name]} and again as column {number}",
            )
        first[name] = number
    return header, lines


def check_csv_shape(path: Path) -> int:
    """The borrowers in a CSV file, after checking that every row has as many fields
    as the header (a row with one more field would shift its values into the wrong
    columns) and that the header names no column twice.

    Lines without a quote character are counted by Polars (a field per comma); a file
    with quotes anywhere is counted record by record with :mod:`csv`."""
    header, header_lines = csv_header(path)
    width = len(header)
    lines = pl.scan_csv(
        path,
        has_header=False,
        separator=UNIT_SEPARATOR,
        quote_char=None,
        skip_lines=header_lines,
        schema={"line": pl.String, "rest": pl.String},
        truncate_ragged_lines=True,
        missing_columns="insert",
    )
    fields = pl.col("line").str.count_matches(",", literal=True).fill_null(-1) + 1
    with polars_errors(str(path)):
        summary = (
            lines.with_row_index("index")
            .select(
                pl.len().alias("rows"),
                (
                    pl.col("line").str.contains('"', literal=True).any()
                    | pl.col("rest").is_not_null().any()
                ).alias("quoted"),
                pl.col("index").filter(fields != width).min().alias("ragged"),
            )
            .collect(engine="streaming")
            .row(0, named=True)
        )
    if summary["quoted"]:
        return _count_csv_records(path, width)
    if summary["ragged"] is not None:
        row = int(summary["ragged"]) + 1
        line = header_lines + row
        raise _ragged(path, row, line, width, _fields_on_line(path, line))
    return int(summary["rows"])


def _fields_on_line(path: Path, line: int) -> int:
    """The fields on one line of a file without quotes (0 for a blank line)."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as file:
        text = next(itertools.islice(file, line - 1, None), "").rstrip("\r\n")
    return text.count(",") + 1 if text else 0


def _count_csv_records(path: Path, width: int) -> int:
    rows = 0
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as file:
            reader = csv.reader(file)
            next(reader, None)
            start = reader.line_num + 1
            for fields in reader:
                rows += 1
                if len(fields) != width:
                    raise _ragged(path, rows, start, width, len(fields) if fields else 0)
                start = reader.line_num + 1
    except (OSError, csv.Error) as exc:
        raise InputError(str(path), f"(row {rows + 1})", "CSV records", str(exc)) from None
    return rows


def _ragged(path: Path, row: int, line: int, width: int, fields: int) -> InputError:
    found = "a blank line" if fields == 0 else f"{fields} field{'s' if fields != 1 else ''}"
    return InputError(
        str(path), f"row {row} (line {line})", f"{width} fields, as in the header", found
    )


# --- Reading and checking ------------------------------------------------------------


Describe = Callable[[Mapping[str, Any]], str]


@attrs.frozen
class Check:
    """Rows where `bad` is true break this check; `found` describes the value found
    from the bad row (raw cells and ``__typed_<column>`` values)."""

    column: str
    bad: pl.Expr
    expected: str
    found: Describe


@attrs.frozen
class Reading:
    """How one file's columns become the kernel's typed columns, and its checks."""

    typed: tuple[pl.Expr, ...]
    checks: tuple[Check, ...]
    text: bool

    def apply(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """The typed columns (in place of the raw ones, extra columns kept) and
        ``__bad``, true on every row that breaks a check."""
        bad = pl.any_horizontal([c.bad for c in self.checks]).alias(BAD)
        return frame.with_columns(*self.typed, bad)


def _cell(name: str, text: bool) -> Describe:
    def found(row: Mapping[str, Any]) -> str:
        value = row[name]
        if value is None:
            return "an empty cell" if text else "null"
        typed = row.get(f"__typed_{name}")
        if text and typed is None:
            return f"text {value!r}"
        shown = typed if text else value
        return describe(shown).en

    return found


def _int_reading(column: Column, dtype: Any, text: bool) -> tuple[pl.Expr, Check]:
    """The column as Int64 (null where it is not an integer) and its range check."""
    raw = pl.col(column.name)
    lo, hi = column.range
    if text:
        value = raw.str.strip_chars().cast(pl.Int64, strict=False)
    elif dtype.is_integer():
        value = raw.cast(pl.Int64, strict=False)
    else:
        value = pl.lit(None, pl.Int64)
    bad = value.is_null() | ~value.is_between(lo, hi)
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

    def found(row: Mapping[str, Any]) -> str:
        value = row["region"]
        if isinstance(value, str) and value not in REGIONS:
            hint = did_you_mean(value.upper(), REGION_CODES)
            return f"{cell(row)}{hint}"
        return cell(row)

    return found


def _region_reading(column: Column, dtype: Any, text: bool) -> tuple[pl.Expr, Check]:
    raw = pl.col(column.name)
    if text or dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
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


_READERS = {
    "int": _int_reading,
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

    def below_current(row: Mapping[str, Any]) -> str:
        return f"{worst_found(row)} (overdue_current_days is {current_of(row)})"

    def no_count(row: Mapping[str, Any]) -> str:
        return f"{count_found(row)} (overdue_worst_days is {worst_of(row)})"

    return [
        Check(
            "overdue_worst_days",
            (worst < current).fill_null(False),
            "at least overdue_current_days (the worst episode includes the current one)",
            below_current,
        ),
        Check(
            "overdue_count_24m",
            ((count == 0) & (worst > 0)).fill_null(False),
            "at least 1 when overdue_worst_days is above 0",
            no_count,
        ),
    ]


def check_schema(schema: Mapping[str, Any], source: str) -> None:
    """Every required column is there (extra columns are welcome)."""
    present = list(schema)
    for column in COLUMNS:
        if column.name not in present:
            hint = did_you_mean(column.name, present)
            shown = ", ".join(present[:15]) + (" ..." if len(present) > 15 else "")
            raise InputError(
                source,
                column.name,
                f"a column named {column.name!r} ({column.expected}){hint}",
                f"no such column (columns: {shown or 'none'})",
            )


def reading_for(schema: Mapping[str, Any], text: bool) -> Reading:
    """How to read and check a file with this schema (CSV: every column is text)."""
    typed: list[pl.Expr] = []
    checks: list[Check] = []
    values: dict[str, pl.Expr] = {}
    for column in COLUMNS:
        value, check = _READERS[column.kind](column, schema[column.name], text)
        values[column.name] = value
        if column.dtype is not None:
            value = value.cast(column.dtype, strict=False)
        typed.append(value.alias(column.name))
        checks.append(check)
    checks.extend(_cross_checks(values, text))
    return Reading(tuple(typed), tuple(checks), text)


def first_problem(frame: pl.LazyFrame, reading: Reading, source: str) -> InputError | None:
    """The first bad row of `frame` (a single file, raw), as the error to report."""
    flags = [c.bad.fill_null(True).alias(f"__check{i}") for i, c in enumerate(reading.checks)]
    typed = [e.alias(f"__typed_{name}") for e, name in zip(reading.typed, NAMES, strict=True)]
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
    where = f"row {row[ROW]}" if identity is None else f"row {row[ROW]}, id {identity!r}"
    return InputError(source, f"{check.column} ({where})", check.expected, check.found(row))


def read_checked(source: Source, columns: Sequence[str] | None = None) -> list[pl.LazyFrame]:
    """One typed lazy frame per file (with ``__bad``), after the schema checks.

    `columns` limits the extra columns carried along (the required ones always are);
    None keeps them all."""
    frames = []
    for path in source.files:
        frame = scan_file(path, source.text)
        schema = collect_schema(frame, str(path))
        check_schema(schema, str(path))
        if columns is not None:
            wanted = [*NAMES, *(c for c in columns if c not in NAMES and c in schema)]
            frame = frame.select(wanted)
        frames.append(reading_for(schema, source.text).apply(frame))
    return frames


def collect_schema(frame: pl.LazyFrame, source: str) -> dict[str, Any]:
    with polars_errors(source):
        return dict(frame.collect_schema())


@contextmanager
def polars_errors(source: str) -> Iterator[None]:
    """Turn a Polars or OS error while reading `source` into an :class:`InputError`
    (one line, no traceback)."""
    try:
        yield
    except (pl.exceptions.PolarsError, OSError) as exc:
        text = str(exc).strip()
        first = text.splitlines()[0] if text else type(exc).__name__
        raise InputError(source, "(file)", "a readable CSV or Parquet portfolio", first) from None


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
    raise InputError(source.label, "(rows)", "rows that pass every check", "a row that did not")


# --- One row per borrower ------------------------------------------------------------

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
    where = f"row {first[ROW]}"
    if first[FILE] != second[FILE]:
        where = f"{files[first[FILE]]} {where}"
    return InputError(
        str(files[second[FILE]]),
        f"id (row {second[ROW]}, id {second['id']!r})",
        "each borrower once (a unique id)",
        f"the same id at {where}",
    )


def frame_from_borrowers(borrowers: Sequence[Borrower]) -> pl.DataFrame:
    """Borrowers of the scenario model as a portfolio table, as a file would hold it
    (ids 1..n)."""
    data: dict[str, list[Any]] = {"id": list(range(1, len(borrowers) + 1))}
    for column in COLUMNS[1:]:
        assert column.key is not None
        key = column.key.removeprefix("borrower.")
        data[column.name] = [get_value(b, key) for b in borrowers]
    schema: dict[str, Any] = {"id": pl.Int64}
    schema.update({c.name: pl.String if c.kind == "region" else c.dtype for c in COLUMNS[1:]})
    return pl.DataFrame(data, schema=schema)
