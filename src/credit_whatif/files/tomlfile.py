"""Reading and writing the TOML files the tool keeps: size and encoding checks,
syntax errors that name the key, one rule for names, and atomic saves."""

from __future__ import annotations

import codecs
import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.catalogue import describe_found
from .errors import InputError

MAX_FILE_BYTES = 64 * 1024
MAX_NAME_LENGTH = 80
SUFFIX = ".toml"

ErrorType = Callable[[str, str, str, str], InputError]


def read_text(path: Path, error: ErrorType, source: str | None = None, what: str = "file") -> str:
    """A file's text, refusing early what cannot be one of ours."""
    source = source or str(path)
    if not path.exists():
        raise error(source, "(file)", f"an existing {what}", "no such file")
    if not path.is_file():
        found = "a directory" if path.is_dir() else "not a regular file"
        raise error(source, "(file)", f"a {what}", found)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise error(source, "(file)", f"at most {MAX_FILE_BYTES:,} bytes", f"{size:,} bytes")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise error(source, "(file)", "a readable file", exc.strerror or str(exc)) from None
    if raw.startswith(codecs.BOM_UTF8):
        raise error(
            source, "(file)", "UTF-8 text without a byte-order mark", "a byte-order mark (EF BB BF)"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            source, "(file)", "UTF-8 text", f"byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        ) from None


def parse(text: str, source: str, error: ErrorType) -> dict[str, Any]:
    """TOML text to a dict; a key or table defined twice is named, with its lines."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        twice = find_defined_twice(text)
        if twice is not None:
            key, first, second = twice
            raise error(
                source,
                key,
                "each key defined once",
                f"{key} defined twice, at line {first} and again at line {second}",
            ) from None
        raise error(source, "(syntax)", "valid TOML", str(exc)) from None


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(
    r"^\s*((?:[A-Za-z0-9_\-]+|\"[^\"]*\")(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"))*)\s*="
)


def _dotted(raw: str) -> str:
    return ".".join(part.strip().strip('"') for part in raw.split("."))


def find_defined_twice(text: str) -> tuple[str, int, int] | None:
    """(key path, first line, second line) of the first key or table defined twice."""
    seen: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _dotted(header.group(1))
            if f"[{table}]" in seen:
                return table, seen[f"[{table}]"], number
            seen[f"[{table}]"] = number
            continue
        key = _KEY.match(line)
        if key:
            path = f"{table}.{_dotted(key.group(1))}" if table else _dotted(key.group(1))
            if path in seen:
                return path, seen[path], number
            seen[path] = number
    return None


def check_name(name: object, error: ErrorType, source: str, key: str = "name") -> str:
    """The one rule for names of presets and policies, used both when loading and
    before saving: a string of 1..80 characters with a letter or digit, and no
    control characters or path separators."""
    if not isinstance(name, str):
        raise error(source, key, "a string", describe_found(name).en)
    if len(name) > MAX_NAME_LENGTH:
        raise error(source, key, f"at most {MAX_NAME_LENGTH} characters", f"{len(name)} characters")
    bad = [c for c in name if c in "/\\" or ord(c) < 32 or ord(c) == 127]
    if bad:
        raise error(
            source,
            key,
            "a name without control characters or path separators",
            f"{bad[0]!r} in {name!r}",
        )
    return name


def check_save_name(name: str, error: ErrorType, source: str = "save") -> str:
    """A name to save under: the loading rule, plus a usable file name."""
    name = name.strip()
    check_name(name, error, source)
    if not slugify(name):
        raise error(source, "name", "a name with at least one letter or digit", repr(name))
    return name


def slugify(name: str) -> str:
    """A safe file stem for a name: lower-case words joined by hyphens."""
    slug = re.sub(r"[^\w]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-")
    return slug[:MAX_NAME_LENGTH]


def check_file_stem(stem: str, error: ErrorType, source: str = "save") -> str:
    """A file stem for a user folder; return it or raise."""
    if not re.fullmatch(r"\w[\w\-]*", stem, flags=re.UNICODE) or len(stem) > MAX_NAME_LENGTH:
        raise error(
            source,
            "name",
            "letters, digits, '-' or '_' (at most 80), starting with a letter or digit",
            repr(stem),
        )
    return stem


def atomic_write(
    target: Path, text: str, error: ErrorType, exists_error: ErrorType, *, overwrite: bool
) -> Path:
    """Write `text` to `target` via a temporary file in the same folder, fsync, then
    rename; never replace an existing file unless `overwrite`."""
    directory = target.parent
    if target.exists() and not overwrite:
        raise exists_error(
            str(target), "(file)", "a new name or confirmation to overwrite", "an existing file"
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise error(str(target), "(file)", "a writable folder", reason) from None
    return target
