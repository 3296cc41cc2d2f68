"""The bad-portfolio corpus: a small good book, derived from the product's columns,
with one change each (declared in ``data/bad_portfolios.toml``), and the exact error
line each must give.

The good book is :func:`frame_from_borrowers` of :data:`BOOK_ROWS` default borrowers
(``id`` and every column the registry declares, in its order), the two outcome
columns, and one extra text column, ``channel`` (extra columns are welcome; the quoting cases need a text field),
written as CSV by Polars. A change edits that text:

- ``{ row = R, column = "C", cell = "T" }``: the cell of column C on row R (1 = the
  first borrower) becomes the text T, written as it is (quotes and commas included:
  ``"1,000"`` is two fields);
- ``{ row = R, drop = "C" }``: the field of column C is removed from row R;
- ``{ rename = "C", to = "T" }``: the header names column C as T;
- ``{ blank_line_after = R }``: a blank line follows row R;
- ``{ keep_lines = N }``: only the first N lines are kept (0: an empty file).

A copy of a whole book would start failing on the missing column as soon as an input
with a column is added; a change to the good book keeps failing for the reason it was
written for.

Expected lines are ``str.format`` templates. What depends on the columns is a
placeholder filled from the good book: ``{width}`` (the fields of its header),
``{width+1}`` and ``{width-1}`` (plain names, not arithmetic), ``{column[C]}`` (the
1-based position of column C), ``{columns}`` (the changed header as the
missing-column error lists it: the first 15 names, control characters as ``\\xNN``);
``{path}`` is the written file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from credit_whatif.domain import Borrower
from credit_whatif.portfolio.schema import frame_from_borrowers

DECLARED = Path(__file__).parent / "data" / "bad_portfolios.toml"
BOOK_ROWS = 4
EXTRA, EXTRA_VALUE = "channel", "app"
LISTED = 15  # names the missing-column error lists before "..."


@attrs.frozen
class Cell:
    row: int
    column: str
    text: str


@attrs.frozen
class Drop:
    row: int
    column: str


@attrs.frozen
class Rename:
    column: str
    to: str


@attrs.frozen
class BlankLine:
    after: int


@attrs.frozen
class KeepLines:
    lines: int


Change = Cell | Drop | Rename | BlankLine | KeepLines


@attrs.frozen
class Case:
    changes: tuple[Change, ...]
    error: str


@attrs.frozen
class BadBook:
    """A case written out: the file and the exact line it must give."""

    path: Path
    error: str


def _change(declared: Mapping[str, Any]) -> Change:
    keys = set(declared)
    if keys == {"row", "column", "cell"}:
        return Cell(declared["row"], declared["column"], declared["cell"])
    if keys == {"row", "drop"}:
        return Drop(declared["row"], declared["drop"])
    if keys == {"rename", "to"}:
        return Rename(declared["rename"], declared["to"])
    if keys == {"blank_line_after"}:
        return BlankLine(declared["blank_line_after"])
    if keys == {"keep_lines"}:
        return KeepLines(declared["keep_lines"])
    raise ValueError(f"not a change of a book: {dict(declared)!r}")


def load_cases(path: Path = DECLARED) -> dict[str, Case]:
    cases = {}
    for name, declared in tomllib.loads(path.read_text("utf-8")).items():
        if set(declared) != {"changes", "error"} or not declared["changes"]:
            raise ValueError(f"{name}: a case is its changes and its error line")
        changes = tuple(_change(c) for c in declared["changes"])
        cases[name] = Case(changes, declared["error"])
    return cases


CASES: dict[str, Case] = load_cases()


@attrs.frozen
class Book:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def position(self, column: str) -> int:
        """The 0-based index of a column of the good book."""
        assert column in self.header, f"the good book has no column {column!r} any more"
        return self.header.index(column)


def good_book(rows: int = BOOK_ROWS) -> Book:
    """The good book's header and rows, each field as the CSV file spells it."""
    outcomes = [(0.0125, False)] * rows
    frame = frame_from_borrowers([Borrower()] * rows, outcomes=outcomes)
    frame = frame.with_columns(pl.lit(EXTRA_VALUE).alias(EXTRA))
    text = frame.write_csv()
    assert '"' not in text, "the good book's fields are written unquoted"
    header, *lines = text.splitlines()
    return Book(tuple(header.split(",")), tuple(tuple(line.split(",")) for line in lines))


def changed(book: Book, changes: tuple[Change, ...]) -> tuple[list[str], str]:
    """The changed header's names and the whole changed text."""
    header = list(book.header)
    rows = [list(fields) for fields in book.rows]
    blank_after: set[int] = set()
    keep: int | None = None
    for change in changes:
        if isinstance(change, (Cell, Drop)):
            assert 1 <= change.row <= len(rows), f"the good book has no row {change.row}"
            fields = rows[change.row - 1]
            assert len(fields) == len(header), "one change of the fields of a row per row"
            at = book.position(change.column)
            if isinstance(change, Drop):
                del fields[at]
            else:
                assert fields[at] != change.text, f"{change.column} is already {change.text!r}"
                fields[at] = change.text
        elif isinstance(change, Rename):
            assert change.to != change.column, f"{change.column} is already its name"
            header[book.position(change.column)] = change.to
        elif isinstance(change, BlankLine):
            assert 1 <= change.after <= len(rows), f"the good book has no row {change.after}"
            blank_after.add(change.after)
        else:
            keep = change.lines
    lines = [",".join(header)]
    for number, fields in enumerate(rows, start=1):
        lines.append(",".join(fields))
        if number in blank_after:
            lines.append("")
    if keep is not None:
        assert keep < len(lines), f"the good book has only {len(lines)} lines"
        lines = lines[:keep]
    return header, "".join(f"{line}\n" for line in lines)


def _shown(name: str) -> str:
    return re.sub("[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", name)


def expected_error(case: Case, path: Path, book: Book) -> str:
    header, _ = changed(book, case.changes)
    width = len(book.header)
    listed = ", ".join(_shown(n) for n in header[:LISTED])
    fields: dict[str, Any] = {
        "path": path,
        "width": width,
        "width+1": width + 1,
        "width-1": width - 1,
        "column": {name: index for index, name in enumerate(book.header, start=1)},
        "columns": listed + (" ..." if len(header) > LISTED else ""),
    }
    return case.error.format(**fields)


def write_good_book(path: Path) -> Path:
    """The good book, unchanged (every case must be this and one change)."""
    path.write_bytes(changed(good_book(), ())[1].encode("utf-8"))
    return path


def write_bad_books(folder: Path, cases: Mapping[str, Case] = CASES) -> dict[str, BadBook]:
    """Write every case into `folder`; each file and its line, by case name."""
    book = good_book()
    written = {}
    for name, case in cases.items():
        path = folder / name
        path.write_bytes(changed(book, case.changes)[1].encode("utf-8"))
        written[name] = BadBook(path, expected_error(case, path, book))
    return written
