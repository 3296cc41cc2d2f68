"""Books on disk: generate replaces only what it wrote and only when asked, a folder
is whole only with its manifest, `seal` lets other tools' parts in, and an id appears
once (the check rides in the impact pass when ids increase, and is sound)."""

from __future__ import annotations

import itertools
import json
import os
import stat
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.cli import main
from credit_whatif.files.errors import InputError
from credit_whatif.portfolio.columns import find_source
from credit_whatif.portfolio.engine import polars_partials, run_impact
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.ids import id_summary, ids_known_unique
from credit_whatif.portfolio.impact import ImpactPlan
from credit_whatif.portfolio.kernel import Levers, Side
from credit_whatif.portfolio.paths import MANIFEST
from credit_whatif.portfolio.seal import seal

from ..strategies import DEFAULT

SIDE = Side(Levers(), DEFAULT)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- generate ------------------------------------------------------------------------


def test_a_folder_holds_its_parts_and_a_manifest_of_them(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    generate(folder, 1_000, seed=2, parts=3)
    record = json.loads((folder / MANIFEST).read_text("utf-8"))
    assert record["format"] == "credit-whatif portfolio" and record["complete"] is True
    assert record["rows"] == 1_000
    assert [p["name"] for p in record["parts"]] == [f"part-0000{i}.parquet" for i in range(3)]
    for part in record["parts"]:
        path = folder / part["name"]
        assert part["bytes"] == path.stat().st_size
        assert part["rows"] == pl.read_parquet(path).height
    assert sum(p["rows"] for p in record["parts"]) == 1_000
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_force_replaces_a_generated_folder_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    generate(folder, 600, seed=1, parts=3)
    code, _, err = invoke("portfolio", "generate", "--rows", "50", "--parts", "2", str(folder))
    assert code == 2 and "or --force to replace a generated book" in err
    code, _, err = invoke(
        "portfolio", "generate", "--rows", "50", "--parts", "2", "--force", str(folder)
    )
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [
        MANIFEST,
        "part-00000.parquet",
        "part-00001.parquet",
    ]
    assert run_impact(folder, SIDE, SIDE).rows == 50
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book"]  # no scratch folder left

    (folder / "notes.txt").write_text("mine", "utf-8")
    before = listing(folder)
    code, _, err = invoke(
        "portfolio", "generate", "--rows", "9", "--parts", "1", "--force", str(folder)
    )
    assert code == 2
    assert err == (
        f"credit-whatif: error: {folder}: notes.txt: expected only the parts and manifest "
        "of a generated book (--force replaces nothing else), found another file\n"
    )
    assert listing(folder) == before

    other = tmp_path / "other"
    other.mkdir()
    pl.read_parquet(folder / "part-00000.parquet").write_parquet(other / "mine.parquet")
    with pytest.raises(InputError, match="a folder without one"):
        generate(other, 9, parts=1, force=True)
    assert [p.name for p in other.iterdir()] == ["mine.parquet"]


def test_a_file_is_written_whole_with_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        generate(tmp_path / "b.parquet", 20, seed=1)
        generate(tmp_path / "b.csv", 20, seed=1)
        generate(tmp_path / "folder", 20, seed=1, parts=2)
    finally:
        os.umask(old)
    for path in (tmp_path / "b.parquet", tmp_path / "b.csv", tmp_path / "folder" / MANIFEST):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "folder").stat().st_mode) == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.csv", "b.parquet", "folder"]


# --- seal ----------------------------------------------------------------------------


def test_parts_from_another_tool_are_read_once_sealed(tmp_path: Path) -> None:
    generate(tmp_path / "one.parquet", 300, seed=5)
    frame = pl.read_parquet(tmp_path / "one.parquet")
    folder = tmp_path / "theirs"
    folder.mkdir()
    frame.head(100).write_parquet(folder / "2024-01.parquet")
    frame.slice(100).write_parquet(folder / "2024-02.parquet")
    code, _, err = invoke("impact", str(folder), "--json")
    assert code == 2 and f"credit-whatif portfolio seal {folder}), found none" in err
    code, _, err = invoke("portfolio", "seal", str(folder))
    assert code == 0 and err == f"{folder}: 2 parts, 300 borrowers, sealed\n"
    written = (folder / MANIFEST).read_bytes()
    code, out, _ = invoke("impact", str(folder), "--json")
    assert code == 0 and json.loads(out)["rows"] == 300
    assert seal(folder).rows == 300
    assert (folder / MANIFEST).read_bytes() == written  # already sealed: left alone

    frame.head(10).write_parquet(folder / "2024-03.parquet")
    with pytest.raises(InputError, match=r"2024-03\.parquet: expected only the parts"):
        seal(folder)


def test_seal_checks_the_parts_and_refuses_an_interrupted_generate(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    generate(tmp_path / "one.parquet", 10, seed=5)
    pl.read_parquet(tmp_path / "one.parquet").drop("score").write_parquet(folder / "a.parquet")
    with pytest.raises(InputError) as caught:
        seal(folder)
    assert str(caught.value).startswith(f"{folder / 'a.parquet'}: score: expected a column")
    assert not (folder / MANIFEST).exists()
    pl.read_parquet(tmp_path / "one.parquet").head(0).write_parquet(folder / "a.parquet")
    with pytest.raises(InputError, match="expected at least one borrower, found no rows"):
        seal(folder)

    book = tmp_path / "book"
    generate(book, 40, seed=1, parts=2)
    record = json.loads((book / MANIFEST).read_text("utf-8"))
    (book / MANIFEST).write_text(json.dumps({**record, "complete": False}), "utf-8")
    code, _, err = invoke("portfolio", "seal", str(book))
    assert code == 2 and "found an unfinished one" in err and "again with --force" in err
    code, _, err = invoke(
        "portfolio", "generate", "--rows", "40", "--parts", "2", "--force", str(book)
    )
    assert code == 0, err


# --- ids -----------------------------------------------------------------------------


def summaries(chunks: list[list[int]]) -> list[dict[str, object]]:
    return [
        pl.DataFrame({"id": chunk}, schema={"id": pl.Int64}).select(id_summary()).row(0, named=True)
        for chunk in chunks
    ]


@given(st.lists(st.lists(st.integers(-50, 50), max_size=8), min_size=1, max_size=6))
def test_ids_are_known_unique_only_when_they_are(chunks: list[list[int]]) -> None:
    every = [i for chunk in chunks for i in chunk]
    if ids_known_unique(summaries(chunks)):
        assert len(set(every)) == len(every)


@given(st.lists(st.integers(1, 10**12), unique=True, min_size=1, max_size=60), st.data())
def test_increasing_ids_in_disjoint_chunks_need_no_second_pass(
    ids: list[int], data: st.DataObject
) -> None:
    ordered = sorted(ids)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(ordered)), max_size=5)))
    bounds = [0, *cuts, len(ordered)]
    chunks = [ordered[a:b] for a, b in itertools.pairwise(bounds)]
    order = data.draw(st.permutations(range(len(chunks))))
    assert ids_known_unique(summaries([chunks[i] for i in order]))


def test_ids_are_checked_whatever_their_order(tmp_path: Path) -> None:
    generate(tmp_path / "one.parquet", 3_000, seed=8)
    frame = pl.read_parquet(tmp_path / "one.parquet").sample(fraction=1.0, shuffle=True, seed=1)
    shuffled = tmp_path / "shuffled.parquet"
    frame.write_parquet(shuffled)
    assert run_impact(shuffled, SIDE, SIDE).rows == 3_000
    repeated = tmp_path / "repeated.parquet"
    frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 2_500)
        .then(frame["id"][40])
        .otherwise(pl.col("id"))
        .alias("id")
    ).write_parquet(repeated)
    expected = (
        f"{repeated}: id (row 2501, id {frame['id'][40]}): expected each borrower once "
        "(a unique id), found the same id at row 41"
    )
    with pytest.raises(InputError) as caught:
        run_impact(repeated, SIDE, SIDE)
    assert str(caught.value) == expected
    with pytest.raises(InputError) as caught:
        run_impact(repeated, SIDE, SIDE, "region")
    assert str(caught.value) == expected
    source = find_source(repeated)
    plan = ImpactPlan.build(SIDE, SIDE)
    partials = polars_partials(source, plan, progress=lambda done, total: None)
    assert not plan.ids_known_unique(partials)


def test_a_generated_book_settles_its_ids_in_the_pass(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    generate(folder, 5_000, seed=1, parts=4)
    source = find_source(folder)
    for by in (None, "region"):
        plan = ImpactPlan.build(SIDE, SIDE, by)
        assert plan.ids_known_unique(polars_partials(source, plan))
        assert plan.ids_known_unique(polars_partials(source, plan, lambda done, total: None))
