"""Bad portfolios and bad generate/impact arguments: each gives one exact line,
through the library (``run_impact``, and ``Portfolio.load``, the explorer's reading
code) and through the command (exit 2, that line alone on stderr, no traceback, no
control character). The CSV files are the corpus of bad_books.py (a good book with one
change each, declared in data/bad_portfolios.toml); Parquet books, FIFOs and folders
are built by the cases below."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from credit_whatif.cli import main
from credit_whatif.files.errors import InputError
from credit_whatif.portfolio.engine import run_impact
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.kernel import Levers, Side
from credit_whatif.portfolio.live import Portfolio
from credit_whatif.portfolio.paths import MANIFEST, check_portfolio_path
from credit_whatif.portfolio.seal import seal
from credit_whatif.safe_text import has_unsafe

from ..strategies import DEFAULT
from .bad_books import BOOK_ROWS, CASES, BadBook, write_bad_books, write_good_book

SIDE = Side(Levers(), DEFAULT)


@pytest.fixture(scope="module")
def bad_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BadBook]:
    return write_bad_books(tmp_path_factory.mktemp("bad_portfolios"))


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.stdout, result.stderr


def one_error_line(*args: str) -> str:
    """The command's only stderr line (exit 2, nothing on stdout), without its prefix."""
    code, out, err = cli(*args)
    assert code == 2, (out, err)
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    assert err.startswith("credit-whatif: error: ")
    return err.strip().removeprefix("credit-whatif: error: ")


def library_error(path: Path, by: str | None = None) -> str:
    with pytest.raises(InputError) as caught:
        run_impact(path, SIDE, SIDE, by)
    return str(caught.value)


def test_the_good_book_of_the_corpus_is_good(tmp_path: Path) -> None:
    path = write_good_book(tmp_path / "good.csv")
    assert run_impact(path, SIDE, SIDE).rows == BOOK_ROWS
    Portfolio.load(path)
    code, out, err = cli("impact", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["rows"] == BOOK_ROWS


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_csv_file_gives_its_line(bad_books: dict[str, BadBook], name: str) -> None:
    path, expected = bad_books[name].path, bad_books[name].error
    assert library_error(path) == expected
    with pytest.raises(InputError) as caught:
        Portfolio.load(path)
    assert str(caught.value) == expected
    assert one_error_line("impact", str(path), "--json") == expected
    assert one_error_line("impact", str(path)) == expected


# --- Built cases ---------------------------------------------------------------------


def book(tmp_path: Path, rows: int = 40, parts: int = 2) -> Path:
    folder = tmp_path / "book"
    generate(folder, rows, seed=3, parts=parts)
    return folder


def zero_rows(tmp_path: Path) -> Path:
    path = tmp_path / "empty.parquet"
    generate(tmp_path / "one.parquet", 5, seed=1)
    pl.read_parquet(tmp_path / "one.parquet").head(0).write_parquet(path)
    return path


def repeated_ids_across_parts(tmp_path: Path) -> Path:
    folder = tmp_path / "parts"
    folder.mkdir()
    generate(tmp_path / "one.parquet", 30, seed=1)
    frame = pl.read_parquet(tmp_path / "one.parquet")
    frame.head(20).write_parquet(folder / "a.parquet")
    frame.slice(10, 20).write_parquet(folder / "b.parquet")  # ids 11..30: 11..20 again
    seal(folder)
    return folder


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "book.csv"
    os.mkfifo(path)
    return path


def fifo_part(tmp_path: Path) -> Path:
    folder = book(tmp_path)
    os.mkfifo(folder / "part-00002.parquet")
    return folder


def no_manifest(tmp_path: Path) -> Path:
    folder = book(tmp_path)
    (folder / MANIFEST).unlink()
    return folder


def part_missing(tmp_path: Path) -> Path:
    folder = book(tmp_path)
    (folder / "part-00001.parquet").unlink()
    return folder


def extra_part(tmp_path: Path) -> Path:
    folder = book(tmp_path)
    generate(folder / "part-00002.parquet", 5, seed=9)
    return folder


def other_bytes(tmp_path: Path) -> Path:
    folder = book(tmp_path)
    part = folder / "part-00001.parquet"
    pl.read_parquet(part).head(5).write_parquet(part)
    return folder


def other_row_count(tmp_path: Path) -> Path:
    folder = book(tmp_path)
    record = json.loads((folder / MANIFEST).read_text("utf-8"))
    record["parts"][0]["rows"] += 1
    record["rows"] += 1
    (folder / MANIFEST).write_text(json.dumps(record), "utf-8")
    return folder


def unfinished(tmp_path: Path) -> Path:
    folder = book(tmp_path)
    record = json.loads((folder / MANIFEST).read_text("utf-8"))
    (folder / MANIFEST).write_text(json.dumps({**record, "complete": False}), "utf-8")
    return folder


def not_json(tmp_path: Path) -> Path:
    folder = book(tmp_path)
    (folder / MANIFEST).write_text("{", "utf-8")
    return folder


Build = Callable[[Path], Path]
FOLDER_EXPECTED = "a .csv or .parquet file, or a folder of .parquet files"
BUILT: dict[str, tuple[Build, str]] = {
    "zero-row parquet": (
        zero_rows,
        "{path}: (rows): expected at least one borrower, found no rows",
    ),
    "ids repeated across parts": (
        repeated_ids_across_parts,
        "{path}/b.parquet: id (row 1, id 11): expected each borrower once (a unique id), "
        "found the same id at {path}/a.parquet row 11",
    ),
    "fifo": (fifo, f"{{path}}: (file): expected {FOLDER_EXPECTED}, found a FIFO (named pipe)"),
    "fifo part": (
        fifo_part,
        "{path}/part-00002.parquet: (file): expected a Parquet part (a regular file), "
        "found a FIFO (named pipe)",
    ),
    "manifest missing": (
        no_manifest,
        "{path}: _manifest.json: expected a manifest that marks the folder a complete book "
        "(for Parquet parts made by another tool, check them and write one with: "
        "credit-whatif portfolio seal {path}), found none",
    ),
    "part missing": (
        part_missing,
        "{path}: part-00001.parquet: expected the part that _manifest.json lists, "
        "found no such file",
    ),
    "extra part": (
        extra_part,
        "{path}: part-00002.parquet: expected only the parts that _manifest.json lists, "
        "found a part it does not list",
    ),
    "other bytes": (
        other_bytes,
        "{path}: part-00001.parquet: expected {bytes} bytes, as _manifest.json records, "
        "found {now} bytes",
    ),
    "other row count": (
        other_row_count,
        "{path}: part-00000.parquet: expected 21 rows, as _manifest.json records, found 20 rows",
    ),
    "unfinished": (
        unfinished,
        "{path}: _manifest.json: expected a complete book, found an unfinished one: "
        "`portfolio generate` stopped before writing every part (generate it again with "
        "--force)",
    ),
    "manifest not json": (
        not_json,
        "{path}/_manifest.json: (file): expected a portfolio manifest ('credit-whatif "
        "portfolio' JSON, version 1), found Expecting property name enclosed in double "
        "quotes: line 1 column 2 (char 1)",
    ),
}


@pytest.mark.parametrize("case", sorted(BUILT))
def test_a_bad_book_gives_its_line(tmp_path: Path, case: str) -> None:
    build, template = BUILT[case]
    path = build(tmp_path)
    fields = {"path": path}
    if case == "other bytes":
        record = json.loads((path / MANIFEST).read_text("utf-8"))
        now = (path / "part-00001.parquet").stat().st_size
        fields.update(bytes=f"{record['parts'][1]['bytes']:,}", now=f"{now:,}")
    expected = template.format(**fields)
    assert library_error(path) == expected
    with pytest.raises(InputError) as caught:
        Portfolio.load(path)
    assert str(caught.value) == expected
    assert one_error_line("impact", str(path), "--json") == expected


@pytest.mark.parametrize("case", ["fifo", "fifo part", "manifest missing", "extra part"])
def test_the_path_checks_come_first(tmp_path: Path, case: str) -> None:
    build, template = BUILT[case]
    path = build(tmp_path)
    with pytest.raises(InputError) as caught:
        check_portfolio_path(path)
    assert str(caught.value) == template.format(path=path)


def test_the_path_checks_need_no_polars(tmp_path: Path) -> None:
    folder = no_manifest(tmp_path)
    generate(tmp_path / "good.csv", 5, seed=1)
    code = (
        "import sys\n"
        "from credit_whatif.files.errors import InputError\n"
        "from credit_whatif.portfolio.paths import check_portfolio_path\n"
        f"check_portfolio_path({str(tmp_path / 'good.csv')!r})\n"
        "try:\n"
        f"    check_portfolio_path({str(folder)!r})\n"
        "except InputError as exc:\n"
        "    print(exc)\n"
        "print(sorted(m for m in ('polars', 'numpy', 'rich', 'click') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    error, loaded = done.stdout.splitlines()
    assert error.startswith(f"{folder}: _manifest.json: expected a manifest")
    assert loaded == "[]"


def test_by_a_column_of_more_than_10000_values_is_refused_first(tmp_path: Path) -> None:
    path = tmp_path / "book.parquet"
    generate(path, 10_001, seed=2)
    expected = (
        f"--by: id: expected a column of at most 10,000 distinct values to group by, "
        f"found more than 10,000 in {path}"
    )
    assert library_error(path, "id") == expected
    assert one_error_line("impact", str(path), "--by", "id") == expected
    code, out, err = cli("impact", str(path), "--by", "opened_year", "--json")
    assert code == 0, err
    assert len(json.loads(out)["by"]["opened_year"]) == 12


def test_a_group_value_is_shown_as_itself(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    generate(path, 30, seed=4)
    frame = pl.read_csv(path, infer_schema=False)
    values = ["[/x]", "\x1b[2J", "\x1b]0;title\x07", "[bold]b", "\x9b2J", "ab\u202ec"]
    values += ["app"] * (frame.height - len(values))
    frame.with_columns(pl.Series("channel", values)).write_csv(path)
    code, out, err = cli("impact", str(path), "--by", "channel", "--top", "30")
    assert code == 0, err
    assert not has_unsafe(out.replace("\n", ""))
    for shown in ("[/x]", "\\x1b[2J", "\\x1b]0;title\\x07", "[bold]b", "\\x9b2J", "ab\\u202ec"):
        assert shown in out
    code, out, _ = cli("impact", str(path), "--by", "channel", "--json")
    assert code == 0 and not has_unsafe(out.strip())
    assert set(json.loads(out)["by"]["channel"]) == set(values)


# --- generate and impact arguments ---------------------------------------------------


def test_generate_refuses_what_it_would_destroy_or_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "x.csv").mkdir()
    existing = tmp_path / "real.csv"
    generate(existing, 200, seed=1)
    before = existing.read_bytes()
    cases = {
        "x.csv": f"{tmp_path}/x.csv: (file): expected a name for the new file, found a folder",
        "real.csv": f"{existing}: (file): expected a new file (or --force to replace it), "
        "found an existing file",
        "missing/new.csv": f"{tmp_path}/missing/new.csv: (folder): expected an existing "
        f"folder to write into ({tmp_path}/missing), found no such folder",
        "book.txt": f"{tmp_path}/book.txt: (file): expected a path ending in .csv or .parquet, "
        "or --parts K for a folder, found a .txt path",
    }
    for name, expected in cases.items():
        target = str(tmp_path / name)
        with pytest.raises(InputError) as caught:
            generate(target, 5)
        assert str(caught.value) == expected
        assert one_error_line("portfolio", "generate", "--rows", "5", target) == expected
    assert existing.read_bytes() == before
    assert list((tmp_path / "x.csv").iterdir()) == []
    assert not (tmp_path / "missing").exists()
    code, _, err = cli("portfolio", "generate", "--rows", "5", "--force", str(existing))
    assert code == 0, err
    assert pl.read_csv(existing).height == 5


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("portfolio", "generate", "--rows", "5", "--seed", "-1", "b.csv"), "'--seed': -1 is not in the range x>=0."),
        (("portfolio", "generate", "--rows", "0", "b.csv"), "'--rows': 0 is not in the range x>=1."),
        (("portfolio", "generate", "--rows", "5", "--parts", "0", "b"), "'--parts': 0 is not in the range x>=1."),
        (("impact", "BOOK", "--by", "region", "--top", "0"), "'--top': 0 is not in the range x>=1."),
    ],
)  # fmt: skip
def test_numbers_out_of_range_are_one_line_usage_errors(
    tmp_path: Path, args: tuple[str, ...], error: str
) -> None:
    path = tmp_path / "book.parquet"
    generate(path, 10, seed=1)
    args = tuple(str(path) if a == "BOOK" else str(tmp_path / a) if "." in a else a for a in args)
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    command = "impact" if args[0] == "impact" else "portfolio generate"
    assert err == (
        f"credit-whatif: error: {command}: Invalid value for {error} "
        f"(see 'credit-whatif {command} --help')\n"
    )
    assert not (tmp_path / "b.csv").exists()


def test_parts_are_at_most_the_rows(tmp_path: Path) -> None:
    expected = "--parts: parts: expected 1..3 (at most one per borrower), found 4"
    target = str(tmp_path / "b")
    assert (
        one_error_line("portfolio", "generate", "--rows", "3", "--parts", "4", target) == expected
    )
    assert not (tmp_path / "b").exists()
