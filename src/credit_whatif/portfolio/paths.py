"""Where a portfolio lives on disk, checked with the standard library alone (so the
explorer can check ``--portfolio PATH`` at start-up without loading Polars).

A portfolio is a regular ``.csv`` or ``.parquet`` file, or a folder of Parquet parts
with a manifest, ``_manifest.json``, that lists every part with its rows and bytes:

    {"format": "credit-whatif portfolio", "version": 1, "complete": true,
     "rows": 20000, "parts": [{"name": "part-00000.parquet", "rows": 10000,
     "bytes": 181234}, ...]}

``portfolio generate`` writes the manifest last, so a folder whose generation was
killed or ran out of disk is never taken for a whole book; it writes one with
``"complete": false`` first, so that an interrupted folder is told apart from one
made by another tool (which ``portfolio seal`` checks and gives a manifest).

Anything else is refused before a byte is read: a FIFO or a device (reading one
would wait forever), a part that is not a regular file, a folder whose parts do not
match its manifest.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..domain.text import LocalText
from ..files.errors import InputError
from ..files.refusals import expected, found

MANIFEST = "_manifest.json"
# What a generate writes into a book's folder: parts, and while it writes, their
# temporary files and the manifest's.
GENERATED_NAME = re.compile(
    r"(part-\d{5}\.parquet|\.(part-\d{5}\.parquet|_manifest\.json)\..+\.partial)"
)
FORMAT = "credit-whatif portfolio"
VERSION = 1
SUFFIXES = (".csv", ".parquet")
EXPECTED = expected("portfolio_path")
SEAL_HINT = "credit-whatif portfolio seal"


@dataclass(frozen=True)
class Part:
    """One Parquet part as the manifest records it."""

    name: str
    rows: int
    bytes: int


@dataclass(frozen=True)
class Manifest:
    """A folder's list of parts; `complete` is false while ``generate`` writes it."""

    rows: int
    parts: tuple[Part, ...]
    complete: bool = True

    def to_json(self) -> str:
        record = {
            "format": FORMAT,
            "version": VERSION,
            "complete": self.complete,
            "rows": self.rows,
            "parts": [{"name": p.name, "rows": p.rows, "bytes": p.bytes} for p in self.parts],
        }
        return json.dumps(record, indent=1) + "\n"


@dataclass(frozen=True)
class Book:
    """A portfolio's files, in reading order; `manifest` only for a folder."""

    path: Path
    files: tuple[Path, ...]
    text: bool  # CSV
    manifest: Manifest | None = None


def kind_of(mode: int) -> LocalText:
    """What a path is, in words, from its ``st_mode``."""
    if stat.S_ISDIR(mode):
        return found("folder")
    if stat.S_ISREG(mode):
        return found("regular_file")
    if stat.S_ISFIFO(mode):
        return found("fifo")
    if stat.S_ISSOCK(mode):
        return found("socket")
    if stat.S_ISCHR(mode):
        return found("character_device")
    if stat.S_ISBLK(mode):
        return found("block_device")
    return found("neither_file_nor_folder")


def suffix_found(suffix: str, what: str = "file") -> LocalText:
    """What a path's suffix makes it: 'a .txt file' ('a .txt path' when `what` is
    "path"), or 'a suffix-less file'."""
    return found(f"suffix_{what}", suffix=suffix) if suffix else found(f"no_suffix_{what}")


def os_error(exc: BaseException) -> LocalText:
    """What the operating system said (``Permission denied``), as found."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return found("error", message=reason)


def status_of(path: Path) -> os.stat_result | None:
    """The path's status (following links), or None when nothing is there."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(str(path), "(file)", EXPECTED, os_error(exc)) from None


def check_portfolio_path(path: str | Path) -> None:
    """Raise an :class:`InputError` unless `path` is a portfolio that can be read:
    a regular .csv/.parquet file, or a folder of regular Parquet parts that match
    its manifest (their row counts are checked when they are read)."""
    locate_book(path)


def locate_book(path: str | Path) -> Book:
    """The files of the portfolio at `path`, after the checks of
    :func:`check_portfolio_path`."""
    path = Path(path).expanduser()
    status = status_of(path)
    if status is None:
        raise InputError(str(path), "(file)", EXPECTED, found("no_such_path"))
    if stat.S_ISDIR(status.st_mode):
        return _folder_book(path)
    if not stat.S_ISREG(status.st_mode):
        raise InputError(str(path), "(file)", EXPECTED, kind_of(status.st_mode))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(str(path), "(file)", EXPECTED, suffix_found(suffix))
    return Book(path, (path,), text=suffix == ".csv")


def parquet_entries(folder: Path) -> dict[str, os.stat_result]:
    """The folder's ``*.parquet`` entries by name, each checked to be a regular file."""
    entries: dict[str, os.stat_result] = {}
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise InputError(str(folder), "(folder)", EXPECTED, os_error(exc)) from None
    for name in names:
        if not name.lower().endswith(".parquet") or name.startswith("."):
            continue
        entry = status_of(folder / name)
        if entry is None:  # a dangling link
            part = expected("parquet_part")
            raise InputError(str(folder / name), "(file)", part, found("broken_link"))
        if not stat.S_ISREG(entry.st_mode):
            part = expected("parquet_part_regular")
            raise InputError(str(folder / name), "(file)", part, kind_of(entry.st_mode))
        entries[name] = entry
    return entries


def _folder_book(folder: Path) -> Book:
    entries = parquet_entries(folder)
    if not entries:
        raise InputError(str(folder), "(folder)", EXPECTED, found("no_parquet_files"))
    manifest = read_manifest(folder)
    if manifest is None:
        wanted = expected("manifest_of_book", command=SEAL_HINT, folder=folder)
        raise InputError(str(folder), MANIFEST, wanted, found("none"))
    if not manifest.complete:
        raise InputError(str(folder), MANIFEST, expected("complete_book"), UNFINISHED)
    check_parts_match(folder, manifest, entries)
    return Book(folder, tuple(folder / p.name for p in manifest.parts), False, manifest)


UNFINISHED = found("unfinished_book")


def check_parts_match(folder: Path, manifest: Manifest, entries: dict[str, os.stat_result]) -> None:
    """The parts on disk are exactly the manifest's, with the sizes it records."""
    listed = {p.name for p in manifest.parts}
    for part in manifest.parts:
        entry = entries.get(part.name)
        if entry is None:
            wanted = expected("listed_part", manifest=MANIFEST)
            raise InputError(str(folder), part.name, wanted, found("no_such_file"))
        if entry.st_size != part.bytes:
            raise InputError(
                str(folder),
                part.name,
                expected("bytes_as_recorded", size=f"{part.bytes:,}", manifest=MANIFEST),
                found("bytes", size=f"{entry.st_size:,}"),
            )
    for name in entries:
        if name not in listed:
            wanted = expected("only_listed_parts", manifest=MANIFEST)
            raise InputError(str(folder), name, wanted, found("unlisted_part"))


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest, None when it has none, or an :class:`InputError`."""
    path = folder / MANIFEST
    status = status_of(path)
    if status is None:
        return None
    wanted = expected("manifest", format=repr(FORMAT), version=VERSION)
    if not stat.S_ISREG(status.st_mode):
        raise InputError(str(path), "(file)", wanted, kind_of(status.st_mode))
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problem = found("error", message=str(exc).splitlines()[0])
        raise InputError(str(path), "(file)", wanted, problem) from None
    try:
        return _manifest_of(record)
    except ManifestError as exc:
        problem = LocalText(f"ValueError {exc.problem.en}", exc.problem.zh)
        raise InputError(str(path), "(file)", wanted, problem) from None
    except (KeyError, TypeError, ValueError) as exc:
        problem = found("error", message=f"{type(exc).__name__} {exc}")
        raise InputError(str(path), "(file)", wanted, problem) from None


class ManifestError(ValueError):
    """A manifest's JSON that is not a portfolio manifest, and what is wrong with it."""

    def __init__(self, key: str, **fields: object) -> None:
        self.problem = found(f"manifest_{key}", **fields)
        super().__init__(self.problem.en)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ManifestError("not_a_count", value=repr(value))
    return value


def _manifest_of(record: Any) -> Manifest:
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ManifestError("format")
    if record.get("version") != VERSION:
        raise ManifestError("version", version=repr(record.get("version")))
    parts = []
    for item in record["parts"]:
        name = item["name"]
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
            raise ManifestError("part_name", name=repr(name))
        parts.append(Part(name, _count(item["rows"]), _count(item["bytes"])))
    complete = record["complete"]
    if not isinstance(complete, bool):
        raise ManifestError("complete", value=repr(complete))
    manifest = Manifest(_count(record["rows"]), tuple(parts), complete)
    if complete and sum(p.rows for p in parts) != manifest.rows:
        raise ManifestError("rows", rows=manifest.rows, held=sum(p.rows for p in parts))
    if len({p.name for p in parts}) != len(parts):
        raise ManifestError("listed_twice")
    return manifest


# --- Writing -------------------------------------------------------------------------


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def scratch_name(path: Path, tag: str) -> Path:
    """A hidden name beside `path` that nothing else uses; it names the process
    writing it, so a later run can tell a killed run's leftovers from a live one's."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.{tag}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_stale_scratch(path: Path) -> list[Path]:
    """Delete what a killed run left beside `path`: a temporary file (``.partial``)
    and a folder of parts it was still writing (``.generating``), when the process
    that named them is gone. Only files a generate writes are deleted; a folder
    holding anything else is left. The old book a killed ``--force`` was replacing
    (``.replaced``) is never touched: it may be the only copy."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)-[0-9a-f]{{8}}\.(partial|generating)")
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        found = pattern.fullmatch(name)
        if found is None or _alive(int(found.group(1))):
            continue
        stale = path.parent / name
        with suppress(OSError):
            if found.group(2) == "partial":
                stale.unlink()
            else:
                for inner in os.listdir(stale):
                    if inner == MANIFEST or GENERATED_NAME.fullmatch(inner):
                        (stale / inner).unlink()
                stale.rmdir()
            removed.append(stale)
    return removed


def make_scratch_folder(path: Path, tag: str) -> Path:
    """A new hidden folder beside `path` (made with the usual permissions)."""
    while True:
        folder = scratch_name(path, tag)
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A temporary file beside `path`, renamed over it once written and synced; on
    any failure it is removed and `path` is left as it was."""
    while True:
        scratch = scratch_name(path, "partial")
        try:
            fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_manifest(folder: Path, manifest: Manifest) -> None:
    with atomic_file(folder / MANIFEST) as out:
        out.write(manifest.to_json().encode("utf-8"))


def write_error(path: Path, exc: BaseException, what: str = "book") -> InputError:
    """A failed write as one line (``No space left on device``), not a traceback."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    reason = reason.strip().splitlines()[0] if reason.strip() else type(exc).__name__
    code = re.search(r"\(os error (\d+)\)", reason)  # how Polars passes an OS error on
    if code:
        reason = os.strerror(int(code.group(1)))
    return InputError(
        str(path), "(write)", expected(f"room_for_{what}"), found("nothing_written", reason=reason)
    )
