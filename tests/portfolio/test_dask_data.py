"""The Dask engine reads the data as the Polars engine does: the same CSV reading
function, the same errors for every bad file of the corpus, repeated ids refused
across partitions, and a generated book's ids settled by the partitions' summaries.
One local cluster serves the whole module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from credit_whatif.files.errors import InputError
from credit_whatif.portfolio.columns import find_source
from credit_whatif.portfolio.dask_engine import connect, dask_partials
from credit_whatif.portfolio.engine import run_impact
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.impact import ImpactPlan
from credit_whatif.portfolio.kernel import Levers, Side
from credit_whatif.portfolio.seal import seal

from ..strategies import DEFAULT
from .bad_books import BadBook, write_bad_books

pytest.importorskip("distributed")

SIDE = Side(Levers(), DEFAULT)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with connect(workers=2) as running:
        yield running


def errors(path: Path, scheduler: str, by: str | None = None) -> tuple[str, str]:
    """The Polars engine's error and the Dask engine's, for the same portfolio."""
    found = []
    for engine in ("polars", "dask"):
        with pytest.raises(InputError) as caught:
            run_impact(
                path,
                SIDE,
                SIDE,
                by,
                engine=engine,
                scheduler=scheduler if engine == "dask" else None,
            )
        found.append(str(caught.value))
    return found[0], found[1]


@pytest.fixture(scope="module")
def bad_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BadBook]:
    """The bad-portfolio corpus (bad_books.py) written out, by case name."""
    return write_bad_books(tmp_path_factory.mktemp("bad_portfolios"))


def test_both_engines_give_each_corpus_file_its_line(
    client: object, bad_books: dict[str, BadBook]
) -> None:
    address = client.scheduler.address  # type: ignore[attr-defined]
    for name, book in sorted(bad_books.items()):
        assert errors(book.path, address) == (book.error, book.error), name


def test_a_bad_cell_and_a_repeated_id_read_the_same_in_both(client: object, tmp_path: Path) -> None:
    address = client.scheduler.address  # type: ignore[attr-defined]
    path = tmp_path / "book.csv"
    generate(path, 2_000, seed=6)
    text = pl.read_csv(path, infer_schema=False)
    bad = text.with_columns(
        pl.when(pl.int_range(pl.len()) == 1_234)
        .then(pl.lit(" 12x"))
        .otherwise(pl.col("limit_checks_30d"))
        .alias("limit_checks_30d")
    )
    bad.write_csv(path)
    polars, dask = errors(path, address)
    assert polars == dask
    assert polars == (
        f"{path}: limit_checks_30d (row 1235, id '1235'): expected an integer 0..1000, "
        "found text ' 12x'"
    )
    text.with_columns(
        pl.when(pl.int_range(pl.len()) == 1_999)
        .then(pl.lit("7"))
        .otherwise(pl.col("id"))
        .alias("id")
    ).write_csv(path)
    polars, dask = errors(path, address, "channel")
    assert (
        polars
        == dask
        == (
            f"{path}: id (row 2000, id '7'): expected each borrower once (a unique id), "
            "found the same id at row 7"
        )
    )


def test_ids_repeated_across_partitions_are_refused(client: object, tmp_path: Path) -> None:
    address = client.scheduler.address  # type: ignore[attr-defined]
    generate(tmp_path / "one.parquet", 4_000, seed=3)
    frame = pl.read_parquet(tmp_path / "one.parquet")
    folder = tmp_path / "parts"
    folder.mkdir()
    frame.slice(0, 2_000).write_parquet(folder / "a.parquet")
    frame.slice(1_999, 2_001).write_parquet(folder / "b.parquet")  # id 2000 in both
    seal(folder)
    expected = (
        f"{folder / 'b.parquet'}: id (row 1, id 2000): expected each borrower once "
        f"(a unique id), found the same id at {folder / 'a.parquet'} row 2000"
    )
    assert errors(folder, address) == (expected, expected)
    assert errors(folder, address, "region") == (expected, expected)

    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    mixed = frame.sample(fraction=1.0, shuffle=True, seed=2)
    mixed.slice(0, 2_500).write_parquet(shuffled / "a.parquet")
    mixed.slice(2_500).write_parquet(shuffled / "b.parquet")
    seal(shuffled)
    source = find_source(shuffled)
    plan = ImpactPlan.build(SIDE, SIDE, "region")
    partials = dask_partials(source, plan, client=client)
    assert not plan.ids_known_unique(partials)  # settled by the second pass instead
    polars = run_impact(shuffled, SIDE, SIDE, "region")
    dask = run_impact(shuffled, SIDE, SIDE, "region", engine="dask", scheduler=address)
    assert polars.to_json() == dask.to_json()
    assert dask.rows == 4_000


def test_a_generated_book_needs_no_second_pass_on_dask(client: object, tmp_path: Path) -> None:
    folder = tmp_path / "book"
    generate(folder, 6_000, seed=2, parts=3)
    source = find_source(folder)
    for by in (None, "channel"):
        plan = ImpactPlan.build(SIDE, SIDE, by)
        assert plan.ids_known_unique(dask_partials(source, plan, client=client))
