"""A synthetic, reproducible portfolio: plausible distributions, documented here and in
docs/portfolio.md, drawn with NumPy's PCG64 in blocks of :data:`BLOCK` rows.

Block ``i`` of seed ``s`` is drawn from its own stream (``SeedSequence([s, i])``), so
the rows are the same whatever the format and however many parts they are split
into, and the same seed writes byte-identical files.

Per borrower:

- ``score``: a mix of a prime group (85%, normal around 690, sd 55) and a near-prime
  group (15%, around 590, sd 70), rounded and clipped to 350..950.
- ``credit_limit``: 3% have no line (0); the rest log-normal around a median that
  grows with the score (20,000 yuan at 680, about 9,000 at 550 and 41,000 at 800;
  sigma 0.7), in steps of 500 yuan, 500..500,000.
- ``outstanding``: 30% owe nothing, 5% have drawn the whole line, 2% owe more than
  the limit (100..130% of it, as after a limit cut), the rest use a Beta(1.6, 2.4)
  share of it (40% on average); lines of 0 owe nothing, except 20% of them that
  still repay a balance (log-normal around 3,000 yuan).
- ``identity_verified``: 97% true.
- ``region``: the 31 provinces weighted by their population (2020 census).
- overdue history: the chance of any late payment in 24 months falls with the score
  (logistic: about 61% at 550, 23% at 650, 5% at 750); then ``overdue_count_24m``
  is 1 + Poisson (more below 650), ``overdue_worst_days`` log-normal around 7 days
  (1..365), and 18% of them are overdue now for 1..worst days.
- ``limit_checks_30d``: negative binomial with mean 3; 2% check often (10 or more).
- ``failed_attempts_7d``: 90% none, the rest 1 + Poisson(0.8).
- extra columns, for grouping: ``channel`` (app 62%, mini_program 23%, partner 10%,
  web 5%) and ``opened_year`` (2014..2025, more recent years more likely).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

import numpy as np
import polars as pl

from ..domain.limits import COUNT_MAX, DAYS_MAX, SCORE_MAX, SCORE_MIN
from ..files.errors import InputError
from .columns import REGION_CODES
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
    write_error,
    write_manifest,
)

BLOCK = 1 << 20  # rows drawn from one random stream
PART_NAME = "part-{index:05d}.parquet"

Progress = Callable[[int, int], None]  # (rows written, rows in all)

# Population in millions, 2020 census (seventh national census), by ISO code.
POPULATION: dict[str, float] = {
    "CN-BJ": 21.9, "CN-TJ": 13.9, "CN-HE": 74.6, "CN-SX": 34.9, "CN-NM": 24.0,
    "CN-LN": 42.6, "CN-JL": 24.1, "CN-HL": 31.9, "CN-SH": 24.9, "CN-JS": 84.7,
    "CN-ZJ": 64.6, "CN-AH": 61.0, "CN-FJ": 41.5, "CN-JX": 45.2, "CN-SD": 101.5,
    "CN-HA": 99.4, "CN-HB": 57.8, "CN-HN": 66.4, "CN-GD": 126.0, "CN-GX": 50.1,
    "CN-HI": 10.1, "CN-CQ": 32.1, "CN-SC": 83.7, "CN-GZ": 38.6, "CN-YN": 47.2,
    "CN-XZ": 3.6, "CN-SN": 39.5, "CN-GS": 25.0, "CN-QH": 5.9, "CN-NX": 7.2,
    "CN-XJ": 25.9,
}  # fmt: skip
CHANNELS = ("app", "mini_program", "partner", "web")
CHANNEL_WEIGHTS = (0.62, 0.23, 0.10, 0.05)
FIRST_YEAR, LAST_YEAR = 2014, 2025


def _weights(values: list[float]) -> Any:
    array = np.asarray(values, dtype=float)
    return array / array.sum()


_REGION_P = _weights([POPULATION[code] for code in REGION_CODES])
_YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)
_YEAR_P = _weights([1.25**k for k in range(len(_YEARS))])


def block(seed: int, index: int, rows: int) -> pl.DataFrame:
    """`rows` (at most :data:`BLOCK`) borrowers of block `index`, ids continuing
    from the blocks before it."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, index])))
    n = rows
    prime = rng.random(n) < 0.85
    score = np.where(prime, rng.normal(690, 55, n), rng.normal(590, 70, n))
    score = np.clip(np.rint(score), SCORE_MIN, SCORE_MAX).astype(np.int16)

    median = 20_000 * np.exp(0.006 * (score.astype(float) - 680))
    limit = np.rint(median * rng.lognormal(0.0, 0.7, n) / 500) * 500
    limit = np.clip(limit, 500, 500_000)
    limit = np.where(rng.random(n) < 0.03, 0, limit).astype(np.int64)

    state = rng.random(n)
    share = rng.beta(1.6, 2.4, n)
    share = np.where(state < 0.30, 0.0, share)
    share = np.where((state >= 0.30) & (state < 0.35), 1.0, share)
    share = np.where((state >= 0.35) & (state < 0.37), rng.uniform(1.0, 1.3, n), share)
    outstanding = np.rint(limit * share)
    closed_debt = np.rint(rng.lognormal(np.log(3_000), 0.8, n))
    outstanding = np.where((limit == 0) & (rng.random(n) < 0.2), closed_debt, outstanding)
    outstanding = np.clip(outstanding, 0, None).astype(np.int64)

    verified = rng.random(n) < 0.97
    region = rng.choice(len(REGION_CODES), size=n, p=_REGION_P)

    late = 1 / (1 + np.exp(1.2 + (score.astype(float) - 650) / 60))
    has_late = rng.random(n) < late
    extra = 0.8 + np.clip(650 - score.astype(float), 0, None) / 100
    count = np.where(has_late, 1 + rng.poisson(extra), 0)
    worst = np.clip(np.rint(rng.lognormal(np.log(7), 1.1, n)), 1, 365)
    worst = np.where(has_late, worst, 0)
    now = has_late & (rng.random(n) < 0.18)
    current = np.where(now, np.maximum(1, np.floor(worst * rng.random(n))), 0)
    current = np.minimum(current, worst)

    checks = rng.negative_binomial(1.5, 1.5 / 4.5, n)
    heavy = rng.random(n) < 0.02
    checks = np.where(heavy, 10 + rng.geometric(0.1, n), checks)
    failed = np.where(rng.random(n) < 0.9, 0, 1 + rng.poisson(0.8, n))

    channel = rng.choice(len(CHANNELS), size=n, p=np.asarray(CHANNEL_WEIGHTS))
    year = rng.choice(_YEARS, size=n, p=_YEAR_P)

    start = index * BLOCK + 1
    return pl.DataFrame(
        {
            "id": np.arange(start, start + n, dtype=np.int64),
            "score": score,
            "credit_limit": limit,
            "outstanding": outstanding,
            "identity_verified": verified,
            "region": np.asarray(REGION_CODES)[region],
            "overdue_count_24m": np.clip(count, 0, COUNT_MAX).astype(np.int16),
            "overdue_worst_days": np.clip(worst, 0, DAYS_MAX).astype(np.int16),
            "overdue_current_days": current.astype(np.int16),
            "limit_checks_30d": np.clip(checks, 0, COUNT_MAX).astype(np.int16),
            "failed_attempts_7d": np.clip(failed, 0, COUNT_MAX).astype(np.int16),
            "channel": np.asarray(CHANNELS)[channel],
            "opened_year": year.astype(np.int16),
        }
    )


def blocks(seed: int, rows: int) -> Iterator[pl.DataFrame]:
    """The portfolio of `seed` with `rows` borrowers, block by block."""
    for index in range(-(-rows // BLOCK)):
        yield block(seed, index, min(BLOCK, rows - index * BLOCK))


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
        raise InputError("--rows", "rows", "a count of 1 or more", str(rows))
    if seed < 0:
        raise InputError("--seed", "seed", "an integer of 0 or more", str(seed))
    if parts is not None and not 1 <= parts <= rows:
        raise InputError("--parts", "parts", f"1..{rows:,} (at most one per borrower)", str(parts))
    parent = status_of(path.parent)
    if parent is None or not stat.S_ISDIR(parent.st_mode):
        found = "no such folder" if parent is None else kind_of(parent.st_mode)
        raise InputError(
            str(path), "(folder)", f"an existing folder to write into ({path.parent})", found
        )
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
        raise InputError(
            str(path),
            "(file)",
            "a path ending in .csv or .parquet, or --parts K for a folder",
            f"a {suffix or 'suffix-less'} path",
        )
    found = status_of(path)
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise InputError(str(path), "(file)", "a name for the new file", "a folder")
        if not stat.S_ISREG(found.st_mode):
            raise InputError(str(path), "(file)", "a name for the new file", kind_of(found.st_mode))
        if not force:
            raise InputError(
                str(path), "(file)", "a new file (or --force to replace it)", "an existing file"
            )
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
    found = status_of(path)
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise InputError(str(path), "(folder)", "a folder for the parts", kind_of(found.st_mode))
    old = [] if found is None else os.listdir(path)
    if old and not force:
        raise InputError(
            str(path),
            "(folder)",
            "a new or empty folder for the parts (or --force to replace a generated book)",
            "one with files",
        )
    if not old:
        created = found is None
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
        raise InputError(
            str(folder),
            MANIFEST,
            "a book that portfolio generate wrote (--force replaces nothing else)",
            "a folder without one",
        )
    listed = {MANIFEST, *(p.name for p in manifest.parts)}
    for name in sorted(names):
        ours = name in listed or (not manifest.complete and GENERATED_NAME.fullmatch(name))
        if not ours:
            raise InputError(
                str(folder),
                name,
                "only the parts and manifest of a generated book (--force replaces nothing else)",
                "another file",
            )
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
