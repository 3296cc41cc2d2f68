"""The shape of a CSV portfolio: a header naming each column once, and every row with
as many fields as the header (a row with one field more would shift its values into
the wrong columns, silently)."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import polars as pl

from ..files.errors import InputError
from ..files.refusals import expected, found, place
from .read_errors import polars_errors

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
        problem = found("error", message=str(exc))
        raise InputError(str(path), "(header)", expected("csv_header"), problem) from None
    if header is None:
        raise InputError(str(path), "(header)", expected("header_line"), found("empty_file"))
    first: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if name in first:
            raise InputError(
                str(path),
                "(header)",
                expected("column_once"),
                found("column_twice", name=repr(name), first=first[name], second=number),
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
        row = place("row_paren", row=rows + 1)
        problem = found("error", message=str(exc))
        raise InputError(str(path), row, expected("csv_records"), problem) from None
    return rows


def _ragged(path: Path, row: int, line: int, width: int, fields: int) -> InputError:
    counted = found("blank_line" if fields == 0 else "field" if fields == 1 else "fields", n=fields)
    return InputError(
        str(path),
        place("row_line", row=row, line=line),
        expected("fields_as_header", width=width),
        counted,
    )
