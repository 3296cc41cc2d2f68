"""A chunk of Parquet rows judged by aggregates (:mod:`credit_whatif.portfolio.
chunk_checks`) is bad exactly when a row of it breaks a check (``__bad``), and an
impact over such a book names the first bad row as it always did."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credit_whatif.files.errors import InputError
from credit_whatif.portfolio.chunk_checks import any_problem, judged_by_aggregates
from credit_whatif.portfolio.columns import BAD, reading_for
from credit_whatif.portfolio.engine import run_impact
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.kernel import Levers, Side
from credit_whatif.portfolio.schema import COLUMNS

from ..strategies import DEFAULT

SIDE = Side(Levers(), DEFAULT)
NUMBERS = [c for c in COLUMNS if c.kind == "int"]


def _book(rows: int = 40) -> pl.DataFrame:
    from credit_whatif.portfolio.synthetic import block

    return block(3, 0, rows)


# A cell changed to a value at, just inside or just outside a column's range, or null.
@st.composite
def edits(draw: st.DrawFn) -> tuple[str, int, Any]:
    column = draw(st.sampled_from([*NUMBERS, *(c for c in COLUMNS if c.kind != "int")]))
    row = draw(st.integers(0, 39))
    if column.kind == "int":
        lo, hi = column.range
        value = draw(st.sampled_from([lo - 1, lo, hi, hi + 1, None]))
    elif column.kind == "region":
        value = draw(st.sampled_from(["CN-ZJ", "XX", None]))
    elif column.kind == "bool":
        value = draw(st.sampled_from([True, None]))
    else:  # id
        value = draw(st.sampled_from([7, None]))
    return column.name, row, value


@settings(max_examples=60)
@given(
    st.lists(edits(), max_size=3),
    st.sampled_from([0.5, 1.5, float("nan"), None]),
    st.booleans(),
)
def test_the_aggregates_see_a_bad_row_exactly_when_a_row_check_does(
    changes: list[tuple[str, int, Any]], pd: float | None, codes_as_text: bool
) -> None:
    frame = _book()  # regions as the enum of codes, as `portfolio generate` writes them
    if codes_as_text or any(value == "XX" for _, _, value in changes):
        frame = frame.with_columns(pl.col("region").cast(pl.String))  # as most books have
    for name, row, value in changes:
        cells = frame[name].to_list()
        cells[row] = value
        frame = frame.with_columns(pl.Series(name, cells, dtype=frame.schema[name]))
    frame = frame.with_columns(pl.Series("pd_12m", [0.1] * 39 + [pd], dtype=pl.Float64))
    schema = dict(frame.schema)
    assert judged_by_aggregates([schema])
    typed = reading_for(schema, text=False).apply(frame.lazy())
    row_checks, aggregates = typed.select(pl.col(BAD).any(), any_problem(schema)).collect().row(0)
    assert aggregates == row_checks


def test_files_that_differ_or_hold_other_types_are_checked_row_by_row() -> None:
    schema = dict(_book().schema)
    without = {k: v for k, v in schema.items() if k != "monthly_income"}
    assert not judged_by_aggregates([schema, without])  # one part lacks a column
    assert not judged_by_aggregates([{**schema, "score": pl.Float64}])
    assert not judged_by_aggregates([{**schema, "id": pl.String}])  # blank ids: per row
    assert judged_by_aggregates([schema, schema])


@pytest.mark.parametrize(
    ("column", "value", "line"),
    [
        ("score", 951, "score (row 3, id 3): expected an integer 350..950, found integer 951"),
        (
            "monthly_income",
            -1,
            "monthly_income (row 3, id 3): expected an integer 0..10000000, or an empty "
            "cell (not stated), found integer -1",
        ),
        ("region", "XX", "region (row 3, id 3): expected an ISO 3166-2:CN"),
    ],
)
def test_an_impact_over_such_a_parquet_book_names_the_first_bad_row(
    tmp_path: Path, column: str, value: Any, line: str
) -> None:
    path = tmp_path / "book.parquet"
    generate(path, 10, seed=4)
    frame = pl.read_parquet(path)
    cells = frame[column].to_list()
    cells[2] = value
    dtype = pl.String if column == "region" else frame.schema[column]  # a typo is text
    frame.with_columns(pl.Series(column, cells, dtype=dtype)).write_parquet(path)
    with pytest.raises(InputError) as caught:
        run_impact(path, SIDE, SIDE)
    assert f"{path}: {line}" in str(caught.value)


@pytest.mark.parametrize(
    "source", [pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64]
)
@pytest.mark.parametrize("target", [pl.Int32, pl.Int64])
def test_an_integer_type_fits_another_exactly_when_its_extremes_do(source: Any, target: Any) -> None:
    import numpy as np

    from credit_whatif.portfolio.schema import fits_in

    have, want = np.iinfo(str(source).lower()), np.iinfo(str(target).lower())
    assert fits_in(source, target) == (have.min >= want.min and have.max <= want.max)


@pytest.mark.parametrize("dtype", [pl.Int64, pl.UInt32, pl.Int16])
def test_a_parquet_score_of_any_integer_type_is_read_and_checked(tmp_path: Path, dtype: Any) -> None:
    path = tmp_path / "book.parquet"
    generate(path, 10, seed=4)
    frame = pl.read_parquet(path)
    too_big = 30_000 if dtype == pl.Int16 else 2**31 + 5  # beyond the range, or Int32
    cells = frame["score"].cast(pl.Int64).to_list()
    cells[2] = too_big
    frame.with_columns(pl.Series("score", cells).cast(dtype)).write_parquet(path)
    with pytest.raises(InputError) as caught:
        run_impact(path, SIDE, SIDE)
    assert f"score (row 3, id 3): expected an integer 350..950, found integer {too_big}" in str(
        caught.value
    )
