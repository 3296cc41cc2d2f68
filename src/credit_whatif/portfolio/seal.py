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
from ..files.refusals import expected, found
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
    status = status_of(path)
    if status is None or not stat.S_ISDIR(status.st_mode):
        what = found("no_such_folder") if status is None else kind_of(status.st_mode)
        raise InputError(str(path), "(folder)", expected("parquet_folder"), what)
    entries = parquet_entries(path)
    if not entries:
        raise InputError(str(path), "(folder)", EXPECTED, found("no_parquet_files"))
    existing = read_manifest(path)
    if existing is not None and not existing.complete:
        raise InputError(str(path), MANIFEST, expected("complete_book"), UNFINISHED)
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
            wanted = expected("listed_row_counts")
            raise InputError(str(path), MANIFEST, wanted, found("other_counts"))
        return existing
    write_manifest(path, manifest)
    return manifest
