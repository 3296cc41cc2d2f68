"""Writing a synthetic book: a ``.csv`` or ``.parquet`` file, or a folder of Parquet
parts and its manifest, each written under a temporary name and renamed when whole
(what a failure or ``--force`` may touch is said in :func:`generate`). The borrowers
are drawn by :mod:`.synthetic`, block by block, so the rows are the same whatever the
format and however many parts, and the same seed writes byte-identical files.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO

import polars as pl

from ..files.errors import InputError
from ..files.refusals import expected, found, same
from .paths import (
    GENERATED_NAME,
    MANIFEST,
    Manifest,
    Part,
    atomic_file,
    fsync_folder,
    kind_of,
    make_scratch_folder,
    read_manifest,
    remove_stale_scratch,
    status_of,
    suffix_found,
    write_error,
    write_manifest,
)
from .synthetic import block, blocks

__all__ = ["block", "blocks", "generate"]

PART_NAME = "part-{index:05d}.parquet"

Progress = Callable[[int, int], None]  # (rows written, rows in all)


def split(frames: Iterator[pl.DataFrame], rows: int, parts: int) -> Iterator[pl.DataFrame]:
    """The same rows regrouped into `parts` frames of nearly equal size (some empty
    when there are fewer rows than parts)."""
    sizes = [rows * (k + 1) // parts - rows * k // parts for k in range(parts)]
    rest = frames_empty()
    for size in sizes:
        pending: list[pl.DataFrame] = []
        have = 0
        while have < size:
            if rest.height == 0:
                rest = next(frames)
            take = min(size - have, rest.height)
            pending.append(rest.slice(0, take))
            rest = rest.slice(take)
            have += take
        yield pl.concat(pending, rechunk=True) if pending else frames_empty()


def frames_empty() -> pl.DataFrame:
    return block(0, 0, 0)


def generate(
    path: str | Path,
    rows: int,
    seed: int = 0,
    parts: int | None = None,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> Path:
    """Write `rows` borrowers to `path`: ``.csv``, ``.parquet``, or with `parts` a
    folder of that many Parquet files and its manifest.

    Nothing is replaced unless `force` (and then only a file, or a folder that a
    generate wrote); a failed write leaves no partial file and changes nothing."""
    path = Path(path).expanduser()
    if rows < 1:
        raise InputError("--rows", "rows", expected("count_from_1"), same(rows))
    if seed < 0:
        raise InputError("--seed", "seed", expected("integer_from_0"), same(seed))
    if parts is not None and not 1 <= parts <= rows:
        wanted = expected("parts_per_borrower", rows=f"{rows:,}")
        raise InputError("--parts", "parts", wanted, same(parts))
    parent = status_of(path.parent)
    if parent is None or not stat.S_ISDIR(parent.st_mode):
        there = found("no_such_folder") if parent is None else kind_of(parent.st_mode)
        wanted = expected("folder_to_write_into", folder=path.parent)
        raise InputError(str(path), "(folder)", wanted, there)
    remove_stale_scratch(path)
    done = 0

    def counted(frames: Iterator[pl.DataFrame]) -> Iterator[pl.DataFrame]:
        nonlocal done
        for frame in frames:
            yield frame
            done += frame.height
            if progress is not None:
                progress(done, rows)

    frames = counted(blocks(seed, rows))
    if parts is not None:
        _generate_folder(path, split(frames, rows, parts), rows, force)
    else:
        _generate_file(path, frames, force)
    return path


def _generate_file(path: Path, frames: Iterator[pl.DataFrame], force: bool) -> None:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        wanted = expected("book_path")
        raise InputError(str(path), "(file)", wanted, suffix_found(suffix, "path"))
    status = status_of(path)
    if status is not None:
        if not stat.S_ISREG(status.st_mode):  # a folder, a FIFO...
            raise InputError(
                str(path), "(file)", expected("new_file_name"), kind_of(status.st_mode)
            )
        if not force:
            wanted = expected("new_file_or_force")
            raise InputError(str(path), "(file)", wanted, found("existing_file"))
    try:
        with atomic_file(path) as out:
            if suffix == ".csv":
                first = next(frames, frames_empty())
                first.write_csv(out)
                for frame in frames:
                    frame.write_csv(out, include_header=False)
            else:
                _write_parquet(pl.concat(list(frames), rechunk=True), out)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise write_error(path, exc) from None


def _generate_folder(path: Path, frames: Iterator[pl.DataFrame], rows: int, force: bool) -> None:
    status = status_of(path)
    if status is not None and not stat.S_ISDIR(status.st_mode):
        wanted = expected("parts_folder")
        raise InputError(str(path), "(folder)", wanted, kind_of(status.st_mode))
    old = [] if status is None else os.listdir(path)
    if old and not force:
        wanted = expected("empty_parts_folder")
        raise InputError(str(path), "(folder)", wanted, found("folder_with_files"))
    if not old:
        created = status is None
        if created:
            _mkdir(path)
        try:
            _write_book(path, frames, rows, path)
        except BaseException:
            if created:
                with suppress(OSError):
                    path.rmdir()
            raise
        return
    replaced = _generated_book_names(path, old)
    try:
        staging = make_scratch_folder(path, "generating")
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        _write_book(staging, frames, rows, path)
        _swap(path, staging, replaced)
    except BaseException:
        _remove_book(staging)
        raise


def _remove_book(folder: Path) -> None:
    """Delete a book this run wrote (its manifest and the parts it lists)."""
    names = [MANIFEST]
    with suppress(InputError):
        manifest = read_manifest(folder)
        names += [p.name for p in manifest.parts] if manifest is not None else []
    for name in names:
        with suppress(OSError):
            (folder / name).unlink()
    with suppress(OSError):
        folder.rmdir()


def _mkdir(path: Path) -> None:
    try:
        path.mkdir()
    except OSError as exc:
        raise write_error(path, exc) from None


def _generated_book_names(folder: Path, names: list[str]) -> list[str]:
    """The names in `folder`, once checked to be a generated book's and nothing else
    (what --force may replace)."""
    manifest = read_manifest(folder)
    if manifest is None:
        wanted = expected("generated_book")
        raise InputError(str(folder), MANIFEST, wanted, found("folder_without_manifest"))
    listed = {MANIFEST, *(p.name for p in manifest.parts)}
    for name in sorted(names):
        ours = name in listed or (not manifest.complete and GENERATED_NAME.fullmatch(name))
        if not ours:
            wanted = expected("generated_files_only")
            raise InputError(str(folder), name, wanted, found("another_file"))
    return names


def _write_book(folder: Path, frames: Iterator[pl.DataFrame], rows: int, shown: Path) -> None:
    """The parts, each written whole under its final name, between a manifest that
    says the book is unfinished and the one that lists the parts; on failure every
    file written is removed (and the error names `shown`, the folder asked for)."""
    written: list[Part] = []
    try:
        write_manifest(folder, Manifest(rows, (), complete=False))
        for index, frame in enumerate(frames):
            part = folder / PART_NAME.format(index=index)
            with atomic_file(part) as out:
                _write_parquet(frame, out)
            written.append(Part(part.name, frame.height, part.stat().st_size))
        write_manifest(folder, Manifest(rows, tuple(written)))
    except BaseException as exc:
        for name in [MANIFEST, *(p.name for p in written)]:
            with suppress(OSError):
                (folder / name).unlink()
        if isinstance(exc, (OSError, pl.exceptions.PolarsError)):
            raise write_error(shown, exc) from None
        raise


def _swap(target: Path, staging: Path, replaced: list[str]) -> None:
    """The new book in place of the old one, which is then deleted file by file
    (only the names checked before)."""
    try:
        holder = make_scratch_folder(target, "replaced")
        old = holder / target.name
        os.rename(target, old)
        try:
            os.rename(staging, target)
        except OSError:
            os.rename(old, target)
            raise
    except OSError as exc:
        raise write_error(target, exc) from None
    fsync_folder(target.parent)
    for name in replaced:
        with suppress(OSError):
            (old / name).unlink()
    for folder in (old, holder):
        with suppress(OSError):
            folder.rmdir()


def _write_parquet(frame: pl.DataFrame, out: Path | IO[bytes]) -> None:
    frame.write_parquet(out, compression="zstd", statistics=True, row_group_size=256 * 1024)
