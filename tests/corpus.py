"""Bad-file corpora as one change each to a good file, written out when the tests run.

A case is a bundled file with one small declarative change (:class:`Set`,
:class:`Delete` on the parsed data; :class:`Line` on the text) and the exact error that
change must produce, or a tiny committed file (:class:`Kept`) for what is no such file
at all (empty, not UTF-8). A copy of a whole policy would start failing with some other
error as soon as a field is added; a change to the bundled file keeps failing for the
reason it was written for.

Expected errors are ``str.format`` templates: ``{path}`` is the written file, ``{line}``
the line where the last :class:`Line` change begins and ``{next_line}`` the one after.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import tomli_w


@attrs.frozen
class Set:
    """Set (or add) the value at a dotted key path of the parsed file."""

    key: str
    value: Any


@attrs.frozen
class Delete:
    """Remove the key (a value or a whole table) at a dotted key path."""

    key: str


@attrs.frozen
class Line:
    """Replace the first line that starts with `starts` by `new` (one or more lines):
    for what data cannot say (a duplicate key, broken syntax, a literal's spelling)."""

    starts: str
    new: str


@attrs.frozen
class Kept:
    """The committed file of the case's name is the case (it is no such file at all)."""


Change = Set | Delete | Line


@attrs.frozen
class Case:
    changes: tuple[Change, ...] | Kept
    error: str

    @property
    def kept(self) -> bool:
        return isinstance(self.changes, Kept)


def case(error: str, *changes: Change) -> Case:
    if not changes:
        raise ValueError("a case changes something; a committed file is Case(Kept(), error)")
    kinds = {isinstance(c, Line) for c in changes}
    if len(kinds) > 1:
        raise ValueError("a case changes either the data or the text, not both")
    return Case(changes, error)


def _table_at(data: dict[str, Any], key: str) -> tuple[dict[str, Any], str]:
    *parents, last = key.split(".")
    table = data
    for part in parents:
        table = table[part]
    return table, last


def apply(base: str, changes: tuple[Change, ...]) -> tuple[str, int | None]:
    """The changed text, and the line where the last :class:`Line` change begins."""
    if all(isinstance(c, Line) for c in changes):
        text, line = base, None
        for change in changes:
            assert isinstance(change, Line)
            lines = text.splitlines(keepends=True)
            found = [i for i, ln in enumerate(lines) if ln.startswith(change.starts)]
            assert found, f"no line starts with {change.starts!r} any more"
            at = found[0]
            lines[at] = change.new + "\n"
            text, line = "".join(lines), at + 1
        return text, line
    data = tomllib.loads(base)
    for change in changes:
        table, last = _table_at(data, change.key)
        if isinstance(change, Delete):
            assert last in table, f"{change.key} is no longer in the file"
            del table[last]
        else:
            unchanged = last in table and (type(table[last]), table[last]) == (
                type(change.value),
                change.value,
            )
            assert not unchanged, f"{change.key} is already {change.value!r}"
            table[last] = change.value
    return tomli_w.dumps(data), None


def text_of(case_: Case, base: str, kept_dir: Path, name: str) -> bytes:
    if isinstance(case_.changes, Kept):
        return (kept_dir / name).read_bytes()
    return apply(base, case_.changes)[0].encode("utf-8")


def expected_error(case_: Case, base: str, path: Path) -> str:
    line = None if isinstance(case_.changes, Kept) else apply(base, case_.changes)[1]
    if line is None:
        return case_.error.format(path=path)
    return case_.error.format(path=path, line=line, next_line=line + 1)


def write_corpus(
    cases: Mapping[str, Case], base: str, kept_dir: Path, folder: Path
) -> dict[str, Path]:
    """Write every case into `folder`; the path of each, by case name."""
    paths = {}
    for name, case_ in cases.items():
        path = folder / name
        path.write_bytes(text_of(case_, base, kept_dir, name))
        paths[name] = path
    return paths


def _table_keys() -> dict[str, str]:
    from credit_whatif.domain import Scenario
    from credit_whatif.domain.keypath import field_at

    keys = {}
    for table in ("borrower", "borrower.overdue", "borrower.activity", "system", "policy"):
        field = field_at(Scenario, table)
        assert field is not None and isinstance(field.type, type)
        keys[table] = ", ".join(attrs.fields_dict(field.type))
    return keys


TABLE_KEYS = _table_keys()
"""The keys of each table of the preset format, as an unknown-key error lists them
(``{keys[borrower.activity]}`` in an expected error): from the model, so a new input
changes no expectation."""


def expected(template: str, path: Path | str) -> str:
    """An expected error of a bad-file corpus, filled in for the written file."""
    return template.format(path=path, keys=TABLE_KEYS)
