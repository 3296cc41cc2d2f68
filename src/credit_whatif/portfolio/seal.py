"""``portfolio seal``: the way in for a folder of Parquet parts made by another tool.

The parts are checked as far as their footers tell (readable Parquet, every required
column, their row counts, at least one borrower) and the folder's manifest is then
written atomically, so that ``impact`` reads the folder as a whole book. The rows
themselves are checked when the book is read, as for any portfolio.
"""

from __future__ import annotations

import stat
from pathlib import Path

from ..domain import catalogue
from ..files.errors import InputError
from .columns import check_schema, collect_schema, parquet_rows, scan_file
from .paths import (
    EXPECTED,
    MANIFEST,
    UNFINISHED,
    Manifest,
    Part,
    check_parts_match,
    kind_of,
    parquet_entries,
    read_manifest,
    status_of,
    write_manifest,
)


def seal(folder: str | Path) -> Manifest:
    """Check the parts in `folder` and write its manifest (a folder whose manifest
    already agrees with its parts is left as it is)."""
    path = Path(folder).expanduser()
    found = status_of(path)
    if found is None or not stat.S_ISDIR(found.st_mode):
        what = "no such folder" if found is None else kind_of(found.st_mode)
        raise InputError(str(path), "(folder)", "a folder of .parquet files", what)
    entries = parquet_entries(path)
    if not entries:
        raise InputError(str(path), "(folder)", EXPECTED, "a folder without .parquet files")
    existing = read_manifest(path)
    if existing is not None and not existing.complete:
        raise InputError(str(path), MANIFEST, "a complete book", UNFINISHED)
    parts = []
    for name, entry in entries.items():
        part = path / name
        check_schema(collect_schema(scan_file(part, text=False), str(part)), str(part))
        parts.append(Part(name, parquet_rows(part), entry.st_size))
    manifest = Manifest(sum(p.rows for p in parts), tuple(parts))
    if manifest.rows == 0:
        raise InputError(
            str(path), "(rows)", catalogue.EXPECTED["a_borrower"], catalogue.found_phrase("no_rows")
        )
    if existing is not None:
        check_parts_match(path, existing, entries)
        if existing != manifest:
            raise InputError(
                str(path),
                MANIFEST,
                "the row counts of the parts it lists",
                "other counts (delete it and seal again if the parts are right)",
            )
        return existing
    write_manifest(path, manifest)
    return manifest
