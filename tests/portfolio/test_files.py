"""Portfolio files: generated reproducibly, read back whole, and every bad value
reported as one line naming the file, the column, the row and the id (exit 2),
never a traceback and never a silently dropped row."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from credit_whatif.cli import main
from credit_whatif.domain import Borrower
from credit_whatif.files.errors import InputError
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.live import Portfolio
from credit_whatif.portfolio.schema import NAMES, frame_from_borrowers
from credit_whatif.portfolio.seal import seal
from credit_whatif.portfolio.synthetic import POPULATION, block


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    path = tmp_path_factory.mktemp("gen") / "p.parquet"
    generate(path, 3_000, seed=5)
    return pl.read_parquet(path)


# --- Generation -----------------------------------------------------------------------


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    for name in ("a.csv", "a.parquet"):
        first, second = tmp_path / "1" / name, tmp_path / "2" / name
        generate(first, 2_500, seed=3)
        generate(second, 2_500, seed=3)
        assert first.read_bytes() == second.read_bytes()
    generate(tmp_path / "p1", 2_500, seed=3, parts=3)
    generate(tmp_path / "p2", 2_500, seed=3, parts=3)
    names = sorted(p.name for p in (tmp_path / "p1").iterdir())
    assert names == [
        "_manifest.json",
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    for name in names:
        assert (tmp_path / "p1" / name).read_bytes() == (tmp_path / "p2" / name).read_bytes()
    generate(tmp_path / "other.parquet", 2_500, seed=4)
    assert (tmp_path / "other.parquet").read_bytes() != (tmp_path / "1" / "a.parquet").read_bytes()


def test_parts_and_formats_hold_the_same_rows(tmp_path: Path) -> None:
    generate(tmp_path / "one.parquet", 2_000, seed=9)
    generate(tmp_path / "one.csv", 2_000, seed=9)
    generate(tmp_path / "parts", 2_000, seed=9, parts=4)
    whole = pl.read_parquet(tmp_path / "one.parquet")
    parts = pl.read_parquet(sorted((tmp_path / "parts").glob("*.parquet")))
    text = pl.read_csv(tmp_path / "one.csv", schema=whole.schema)
    assert {"pd_12m", "defaulted_12m"} <= set(whole.columns)  # the outcome, too
    assert whole.equals(parts)
    assert whole.equals(text)
    assert whole.height == 2_000 and whole["id"].n_unique() == 2_000


def test_generated_rows_pass_every_check_and_look_like_a_loan_book(sample: pl.DataFrame) -> None:
    portfolio = Portfolio.from_frame(sample)
    assert portfolio.rows == sample.height
    assert set(NAMES) <= set(sample.columns)
    outcome = ("pd_12m", "defaulted_12m")  # read as outcome columns where declared
    assert [c for c in portfolio.extra_columns if c not in outcome] == ["channel", "opened_year"]
    assert 640 <= sample["score"].mean() <= 720  # type: ignore[operator]
    assert 0.01 <= (sample["credit_limit"] == 0).mean() <= 0.06  # type: ignore[operator]
    share_late = (sample["overdue_count_24m"] > 0).mean()
    assert 0.1 <= share_late <= 0.35  # type: ignore[operator]
    assert (sample["outstanding"] > sample["credit_limit"]).sum() > 0
    biggest = max(POPULATION, key=POPULATION.__getitem__)
    counts = sample["region"].value_counts(sort=True)
    assert counts["region"][0] == biggest
    assert sample["region"].n_unique() >= 25


def test_generate_command(tmp_path: Path) -> None:
    target = tmp_path / "cli.parquet"
    code, _, err = invoke("portfolio", "generate", "--rows", "1500", "--seed", "2", str(target))
    assert code == 0, err
    assert pl.read_parquet(target).height == 1500
    code, _, err = invoke("portfolio", "generate", "--rows", "10", str(tmp_path / "x.txt"))
    assert code == 2 and err.count("\n") == 1 and "expected a path ending in .csv" in err


# --- Bad files ------------------------------------------------------------------------


def write(tmp_path: Path, frame: pl.DataFrame, suffix: str = ".parquet") -> Path:
    path = tmp_path / f"bad{suffix}"
    if suffix == ".csv":
        frame.write_csv(path)
    else:
        frame.write_parquet(path)
    return path


def error_of(path: Path | str) -> InputError:
    with pytest.raises(InputError) as caught:
        Portfolio.load(path)
    return caught.value


def one_line_exit_2(path: Path) -> str:
    code, out, err = invoke("impact", str(path), "--json")
    assert code == 2, (out, err)
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    return err.strip()


CASES = [
    # (column, row index to break, new value, expected text, found text)
    ("score", 17, 951, "an integer 350..950", "integer 951"),
    ("score", 3, 349, "an integer 350..950", "integer 349"),
    ("outstanding", 8, -1, "an integer 0..10000000", "integer -1"),
    ("credit_limit", 0, 10_000_001, "an integer 0..10000000", "integer 10000001"),
    ("region", 42, "CN-XX", "ISO 3166-2:CN", "string 'CN-XX'"),
    ("region", 5, "cn-zj", "ISO 3166-2:CN", "did you mean 'CN-ZJ'"),
    ("limit_checks_30d", 9, 1_001, "an integer 0..1000", "integer 1001"),
]


@pytest.mark.parametrize(("column", "row", "value", "expected", "found"), CASES)
def test_a_bad_value_names_file_column_row_and_id(
    tmp_path: Path,
    sample: pl.DataFrame,
    column: str,
    row: int,
    value: object,
    expected: str,
    found: str,
) -> None:
    # A generated book holds regions as an enum; a typo is in a book of text codes.
    cells = pl.col(column).cast(pl.String) if column == "region" else pl.col(column)
    frame = sample.with_columns(
        pl.when(pl.int_range(pl.len()) == row).then(pl.lit(value)).otherwise(cells).alias(column)
    )
    ident = frame["id"][row]
    for suffix in (".parquet", ".csv"):
        path = write(tmp_path, frame, suffix)
        error = error_of(path)
        assert error.source == str(path)
        assert (
            error.key
            == f"{column} (row {row + 1}, id {ident if suffix == '.parquet' else repr(str(ident))})"
        )
        assert expected in error.expected
        if suffix == ".parquet":
            assert found in error.found
        line = one_line_exit_2(path)
        assert line.startswith(f"credit-whatif: error: {path}: {column} (row {row + 1}")


def test_the_overdue_fields_must_agree(tmp_path: Path, sample: pl.DataFrame) -> None:
    frame = sample.with_columns(
        pl.when(pl.int_range(pl.len()) == 4)
        .then(5)
        .otherwise(pl.col("overdue_current_days"))
        .alias("overdue_current_days"),
        pl.when(pl.int_range(pl.len()) == 4)
        .then(2)
        .otherwise(pl.col("overdue_worst_days"))
        .alias("overdue_worst_days"),
        pl.when(pl.int_range(pl.len()) == 4)
        .then(1)
        .otherwise(pl.col("overdue_count_24m"))
        .alias("overdue_count_24m"),
    )
    error = error_of(write(tmp_path, frame))
    assert error.key.startswith("overdue_worst_days (row 5,")
    assert "overdue_current_days" in error.expected
    assert "integer 2" in error.found and "is 5" in error.found
    frame = sample.with_columns(
        pl.when(pl.int_range(pl.len()) == 6)
        .then(0)
        .otherwise(pl.col("overdue_count_24m"))
        .alias("overdue_count_24m"),
        pl.when(pl.int_range(pl.len()) == 6)
        .then(9)
        .otherwise(pl.col("overdue_worst_days"))
        .alias("overdue_worst_days"),
        pl.when(pl.int_range(pl.len()) == 6)
        .then(0)
        .otherwise(pl.col("overdue_current_days"))
        .alias("overdue_current_days"),
    )
    error = error_of(write(tmp_path, frame))
    assert error.key.startswith("overdue_count_24m (row 7,")
    assert "at least 1" in error.expected


def test_wrong_types_and_missing_values(tmp_path: Path, sample: pl.DataFrame) -> None:
    floats = sample.with_columns(pl.col("score").cast(pl.Float64))
    error = error_of(write(tmp_path, floats))
    assert error.key == "score (row 1, id 1)" and error.found.startswith("float")
    text = sample.with_columns(pl.col("identity_verified").cast(pl.String))
    error = error_of(write(tmp_path, text))
    assert error.key.startswith("identity_verified (row 1") and "true or false" in error.expected
    nulls = sample.with_columns(
        pl.when(pl.int_range(pl.len()) == 11)
        .then(None)
        .otherwise(pl.col("credit_limit"))
        .alias("credit_limit")
    )
    error = error_of(write(tmp_path, nulls))
    assert error.key.startswith("credit_limit (row 12,") and error.found == "null"
    error = error_of(write(tmp_path, nulls, ".csv"))
    assert error.found == "an empty cell"
    no_id = sample.with_columns(
        pl.when(pl.int_range(pl.len()) == 2).then(None).otherwise(pl.col("id")).alias("id")
    )
    error = error_of(write(tmp_path, no_id))
    assert error.key == "id (row 3)"


def test_csv_cells_that_are_not_numbers_or_booleans(tmp_path: Path) -> None:
    good = frame_from_borrowers([Borrower(), Borrower()]).cast(pl.String)
    cases = {  # column: (the cell written on row 2, what the error says was found)
        "score": ("7x0", "text '7x0'"),
        "identity_verified": ("maybe", "text 'maybe'"),
        "credit_limit": ("1e4", "text '1e4'"),
        "failed_attempts_7d": ("3.5", "text '3.5'"),
    }
    for column, (cell, found) in cases.items():
        bad = good.with_columns(
            pl.when(pl.int_range(pl.len()) == 1)
            .then(pl.lit(cell))
            .otherwise(pl.col(column))
            .alias(column)
        )
        path = tmp_path / "cells.csv"
        bad.write_csv(path)
        error = error_of(path)
        assert (error.key, error.found) == (f"{column} (row 2, id '2')", found)


def test_the_generator_draws_every_declared_column() -> None:
    """A new input with a portfolio column needs a distribution in synthetic.py."""
    drawn = block(0, 0, 10).columns
    assert [name for name in NAMES if name not in drawn] == []


def test_missing_columns_and_unreadable_paths(tmp_path: Path, sample: pl.DataFrame) -> None:
    path = write(tmp_path, sample.drop("overdue_worst_days").rename({"score": "Score"}))
    error = error_of(path)
    assert error.key == "score" and "did you mean 'Score'" in error.expected
    assert "no such column" in error.found
    assert "no such file" in error_of(tmp_path / "nothing.parquet").found
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert "expected a .csv or .parquet" in str(error_of(tmp_path / "notes.txt"))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "without .parquet" in error_of(empty).found
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not parquet")
    assert error_of(broken).key == "(file)"
    one_line_exit_2(broken)


def test_a_bad_row_in_a_folder_names_the_part_and_its_row(tmp_path: Path) -> None:
    folder = tmp_path / "parts"
    generate(folder, 3_000, seed=1, parts=3)
    second = folder / "part-00001.parquet"
    frame = pl.read_parquet(second)
    frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 7)
        .then(pl.lit("XX"))
        .otherwise(pl.col("region").cast(pl.String))  # a typo is in a book of text codes
        .alias("region")
    ).write_parquet(second)
    assert "part-00001.parquet: expected" in str(error_of(folder))  # the manifest's bytes
    (folder / "_manifest.json").unlink()
    seal(folder)
    error = error_of(folder)
    assert error.source == str(second)
    assert error.key == f"region (row 8, id {frame['id'][7]})"
    line = one_line_exit_2(folder)
    assert str(second) in line


def test_no_row_is_dropped_and_extra_columns_group(tmp_path: Path, sample: pl.DataFrame) -> None:
    path = write(tmp_path, sample, ".csv")
    code, out, err = invoke("impact", str(path), "--json", "--by", "channel")
    assert code == 0, err
    record = json.loads(out)
    assert record["rows"] == sample.height
    groups = record["by"]["channel"]
    assert set(groups) == set(sample["channel"].unique())
    for feature, impact in record["features"].items():
        for status in ("available", "limited", "unavailable"):
            assert (
                sum(g[feature]["baseline"][status] for g in groups.values())
                == impact["baseline"][status]
            )
    code, _, err = invoke("impact", str(path), "--by", "nickname")
    assert code == 2 and "--by: nickname" in err and "channel" in err
