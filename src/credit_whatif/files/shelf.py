"""Presets and policies are found the same way, so the finding is written once.

A shelf is one kind of file in two folders: the bundled one shipped with the tool and
the user's. A reference is, in this order: a path; ``bundled:STEM`` (a bundled file
only, even when the user's copy of the same stem hides it); a file stem, the user's
first; or a display name, in either language. A file that cannot be loaded is
listed with its error and never stops another from being found.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

import attrs

from ..domain.scenario import did_you_mean_text
from . import folders
from .errors import InputError
from .refusals import expected, found, joined
from .tomlfile import SUFFIX

BUNDLED_PREFIX = "bundled:"
_STEM = re.compile(r"\w[\w\-]*")

T = TypeVar("T")


def looks_like_path(ref: str) -> bool:
    return ref.endswith(SUFFIX) or os.sep in ref or "/" in ref or ref.startswith("~")


def is_plain_stem(text: str) -> bool:
    """A file stem without any path in it: letters, digits, '-' and '_'."""
    return _STEM.fullmatch(text) is not None


def expand_user(ref: str) -> Path:
    """`ref` as a path, ``~`` expanded where there is a home to expand it to."""
    try:
        return Path(ref).expanduser()
    except RuntimeError:  # ~someone who does not exist: the path is taken as written
        return Path(ref)


@attrs.frozen
class FoundFile:
    """A file on a shelf: which folder it is in and whether it hides or is hidden."""

    slug: str
    path: Path
    origin: str  # "bundled" | "user"
    shadowed: bool = False  # a bundled file hidden by a user file of the same stem
    shadows: bool = False  # a user file hiding a bundled one

    @property
    def ref(self) -> str:
        """What to type to load exactly this file."""
        return f"{BUNDLED_PREFIX}{self.slug}" if self.shadowed else self.slug


@attrs.frozen
class Listed(Generic[T]):
    """A file and what loading it gave: the item or the error."""

    file: FoundFile
    item: T | None
    error: InputError | None

    @property
    def slug(self) -> str:
        return self.file.slug

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def origin(self) -> str:
        return self.file.origin

    @property
    def shadowed(self) -> bool:
        """A bundled file hidden by a user file of the same stem."""
        return self.file.shadowed

    @property
    def shadows(self) -> bool:
        """A user file hiding a bundled one."""
        return self.file.shadows

    @property
    def ref(self) -> str:
        """What to type to load exactly this entry."""
        return self.file.ref


@attrs.frozen
class Shelf(Generic[T]):
    """One kind of file (``preset``, ``policy``): where it lives and how it loads."""

    kind: str
    folder: str  # the folder's name, bundled and in the config folder
    default: str  # the stem listed first
    error: type[InputError]
    load: Callable[[Path, str], T]  # (path, origin) -> item, or raises `error`
    names: Callable[[T], Iterable[str]]  # the display names an item is found by

    def bundled_dir(self) -> Path:
        return folders.bundled(self.folder)

    def user_dir(self) -> Path:
        return folders.user_dir(self.folder)

    def bundled_slugs(self) -> set[str]:
        return {p.stem for p in _files(self.bundled_dir())}

    def files(self) -> list[FoundFile]:
        """Bundled files first (the default first), then the user's, each by name."""
        bundled = _files(self.bundled_dir())
        bundled.sort(key=lambda p: (p.stem != self.default, p.stem))
        users = _files(self.user_dir())
        bundled_stems = {p.stem for p in bundled}
        user_stems = {p.stem for p in users}
        return [
            *(FoundFile(p.stem, p, "bundled", shadowed=p.stem in user_stems) for p in bundled),
            *(FoundFile(p.stem, p, "user", shadows=p.stem in bundled_stems) for p in users),
        ]

    def listing(self) -> list[Listed[T]]:
        """Every file, loaded or with the error that stops it loading."""
        listed: list[Listed[T]] = []
        for file in self.files():
            try:
                listed.append(Listed(file, self.load(file.path, file.origin), None))
            except InputError as exc:
                listed.append(Listed(file, None, exc))
        return listed

    def locate(self, ref: str) -> tuple[Path, str] | None:
        """The file `ref` names as a path, ``bundled:STEM`` or file stem, with its
        origin; None when it can only be a display name."""
        if ref.startswith(BUNDLED_PREFIX):
            return self._bundled_path(ref), "bundled"
        if looks_like_path(ref):
            return expand_user(ref), "file"
        if is_plain_stem(ref):
            for origin, directory in (("user", self.user_dir()), ("bundled", self.bundled_dir())):
                path = directory / f"{ref}{SUFFIX}"
                if path.is_file():
                    return path, origin
        return None

    def _bundled_path(self, ref: str) -> Path:
        stem = ref.removeprefix(BUNDLED_PREFIX)
        known = sorted(self.bundled_slugs())
        path = self.bundled_dir() / f"{stem}{SUFFIX}"
        if is_plain_stem(stem) and path.is_file():
            return path
        kind = expected(f"kind_{self.kind}")
        wanted = expected("bundled_name", kind=kind, prefix=BUNDLED_PREFIX, names=joined(known))
        given = (
            found("no_bundled", kind=kind, name=repr(stem))
            if is_plain_stem(stem)
            else found("a_path", path=repr(stem))
        )
        raise self.error(ref, f"({self.kind})", wanted + did_you_mean_text(stem, known), given)

    def resolve(self, ref: str) -> T:
        """The item `ref` names; the error lists what could be typed instead."""
        return self.resolve_with_origin(ref)[0]

    def resolve_with_origin(self, ref: str) -> tuple[T, str]:
        """The item `ref` names and where it comes from: ``bundled``, ``user`` or
        ``file`` (a path)."""
        located = self.locate(ref)
        if located is not None:
            return self.load(*located), located[1]
        listing = self.listing()
        wanted = ref.casefold()
        for listed in listing:
            item = listed.item
            if item is not None and wanted in {n.casefold() for n in self.names(item) if n}:
                return item, listed.file.origin
        known = [listed.file.ref for listed in listing]
        kind = expected(f"kind_{self.kind}")
        name_or_path = expected(
            "name_or_path",
            kind=kind,
            names=joined(known),
            hint=did_you_mean_text(ref, known),
            suffix=SUFFIX,
        )
        raise self.error(ref, f"({self.kind})", name_or_path, found("no_such_name", kind=kind))

    def shadows_bundled(self, stem: str) -> bool:
        """Would a user file of this stem hide a bundled one?"""
        return stem in self.bundled_slugs()


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix == SUFFIX and p.is_file())
