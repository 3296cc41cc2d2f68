"""Reading and writing the TOML files the tool keeps: size and encoding checks,
syntax errors that name the key, one rule for names, and atomic saves."""

from __future__ import annotations

import codecs
import math
import os
import re
import sys
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from ..domain.catalogue import describe_found
from ..safe_text import has_unsafe
from .errors import InputError, Phrase
from .refusals import expected, found, same

MAX_FILE_BYTES = 64 * 1024
MAX_NAME_LENGTH = 80
SUFFIX = ".toml"

ErrorType = Callable[[str, Phrase, Phrase, Phrase], InputError]

# A place in a one-line value (a --set): the line is not worth naming.
AT_FIRST_LINE = found("at_line", what="", line=1)


def read_text(path: Path, error: ErrorType, source: str | None = None, what: str = "file") -> str:
    """A file's text, refusing early what cannot be one of ours. `what` names it:
    ``file``, ``preset_file`` or ``policy_file``."""
    source = source or str(path)
    kind = expected(what)
    try:
        exists = path.exists()
        is_file = path.is_file()
        size = path.stat().st_size if is_file else 0
    except (OSError, ValueError) as exc:  # a name too long, a NUL in it, no permission
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        reason_found = found("error", message=reason)
        raise error(source, "(file)", expected("readable", what=kind), reason_found) from None
    if not exists:
        raise error(source, "(file)", expected("existing", what=kind), found("no_such_file"))
    if not is_file:
        found_kind = found("directory" if path.is_dir() else "not_regular_file")
        raise error(source, "(file)", expected("a_file", what=kind), found_kind)
    if size > MAX_FILE_BYTES:
        raise error(
            source,
            "(file)",
            expected("at_most_bytes", most=f"{MAX_FILE_BYTES:,}"),
            found("bytes", size=f"{size:,}"),
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        readable = expected("readable", what=expected("file"))
        reason_found = found("error", message=exc.strerror or str(exc))
        raise error(source, "(file)", readable, reason_found) from None
    if raw.startswith(codecs.BOM_UTF8):
        raise error(source, "(file)", expected("utf8_without_bom"), found("bom"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = found("byte_at", byte=f"0x{raw[exc.start]:02x}", offset=exc.start)
        raise error(source, "(file)", expected("utf8"), byte) from None


def parse(text: str, source: str, error: ErrorType) -> dict[str, Any]:
    """TOML text to a dict; whatever the text, a problem is one `error`.

    Besides syntax errors, tomllib lets two things through as other exceptions: an
    integer of more digits than Python converts (ValueError) and arrays or tables
    nested deep enough to exhaust the stack (RecursionError). Nesting is measured
    before parsing, so the parser never gets near the stack's end.
    """
    nesting = expected("nesting", depth=MAX_NESTING)
    deep = _too_deep(text)
    if deep is not None:
        raise error(source, "(syntax)", nesting, found("at_line", what=found("deeper"), line=deep))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(text, str(exc), source, error) from None
    except ValueError:
        limit = f"{sys.get_int_max_str_digits():,}"
        digits = expected("integer_digits", most=limit)
        raise error(source, "(syntax)", digits, _long_integer(text)) from None
    except RecursionError:  # a nesting the measure above missed (it reads strings loosely)
        raise error(source, "(syntax)", nesting, found("deeper")) from None
    unprintable = _unprintable_integer(data)
    if unprintable is not None:
        key, digits_found = unprintable
        limit = f"{sys.get_int_max_str_digits():,}"
        raise error(
            source,
            key,
            expected("integer_digits", most=limit),
            found("integer_digits", digits=f"{digits_found:,}"),
        )
    return data


# The start of each message in which tomllib reports a key, table or inline-table key
# given a second time (its other messages are about syntax).
_REDEFINED = (
    "Cannot overwrite a value",
    "Cannot declare ",
    "Cannot mutate immutable namespace",
    "Cannot redefine namespace",
    "Duplicate inline table key",
)


def _syntax_error(text: str, message: str, source: str, error: ErrorType) -> InputError:
    if message.startswith(_REDEFINED):
        twice = find_defined_twice(text)
        if twice is not None:
            key, first, second = twice
            return error(
                source,
                key,
                expected("key_once"),
                found("defined_twice", key=key, first=first, second=second),
            )
    return error(source, "(syntax)", expected("valid_toml"), found("error", message=message))


# Deeper than any file of ours needs (they nest two levels), and far from the stack's
# end: tomllib recurses two or three calls per level.
MAX_NESTING = 32


def _too_deep(text: str) -> int | None:
    """The line where arrays and inline tables nest deeper than MAX_NESTING, if any."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None  # the common case, without reading the text
    depth = 0
    for line in scan_lines(text):
        for char in line.code:
            if char in "[{":
                depth += 1
                if depth > MAX_NESTING:
                    return line.number
            elif char in "]}":
                depth = max(0, depth - 1)
    return None


_DIGITS = re.compile(r"[+-]?\d[\d_]*")


def _long_integer(text: str) -> Phrase:
    """What tomllib's ValueError was about: a decimal integer too long to convert."""
    limit = sys.get_int_max_str_digits()
    for line in scan_lines(text):
        for match in _DIGITS.finditer(line.code):
            digits = sum(c.isdigit() for c in match.group())
            if digits > limit:
                integer = found("integer_digits", digits=f"{digits:,}")
                return found("at_line", what=integer, line=line.number)
    return found("integer_more_digits", most=f"{limit:,}")


def _unprintable_integer(data: dict[str, Any]) -> tuple[str, int] | None:
    """(key path, digits) of the first integer too long to print (a hexadecimal,
    octal or binary one converts, but cannot be shown in decimal)."""
    limit = sys.get_int_max_str_digits()
    if not limit:
        return None
    # Iterative: dotted keys nest tables without brackets, as deep as the file is long.
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            children = [(f"{path}.{key}" if path else key, value) for key, value in node.items()]
        elif isinstance(node, list):
            children = [(f"{path}[{index}]", value) for index, value in enumerate(node)]
        else:
            if (
                isinstance(node, int)
                and node.bit_length() > 3 * limit
                and (digits := int(math.log10(abs(node))) + 1) > limit
            ):
                return path, digits
            continue
        stack.extend(reversed(children))
    return None


@attrs.frozen
class ScannedLine:
    """One line of TOML text, as the structure sees it."""

    number: int
    text: str
    code: str  # the line without its comment and without the contents of strings
    in_string: bool  # the line starts inside a multi-line string


def scan_lines(text: str) -> list[ScannedLine]:
    """The lines of `text`, telling strings and comments from structure: enough to
    count brackets and to find keys, not a parser (tomllib has judged the syntax)."""
    lines = []
    open_string: str | None = None  # the delimiter of a multi-line string still open
    for number, line in enumerate(text.split("\n"), start=1):
        in_string = open_string is not None
        code: list[str] = []
        quote = open_string
        index = 0
        while index < len(line):
            char = line[index]
            if quote is None:
                if char == "#":
                    break
                if line.startswith(('"""', "'''"), index):
                    quote = line[index : index + 3]
                elif char in "\"'":
                    quote = char
                else:
                    code.append(char)
                index += len(quote or char)
                continue
            if char == "\\" and quote[0] == '"':
                index += 2  # an escaped character (or, at the end, a line continuation)
            elif line.startswith(quote, index):
                index += len(quote)
                if len(quote) == 3:  # up to two more quotes belong to the string
                    while index < len(line) and line[index] == quote[0]:
                        index += 1
                quote = None
                code.append("_")  # the string, as one value
            else:
                index += 1
        open_string = quote if quote is not None and len(quote) == 3 else None
        lines.append(ScannedLine(number, line, "".join(code), in_string))
    return lines


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(
    r"^\s*((?:[A-Za-z0-9_\-]+|\"[^\"]*\")(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"))*)\s*="
)


def _dotted(raw: str) -> str:
    return ".".join(part.strip().strip('"') for part in raw.split("."))


def find_defined_twice(text: str) -> tuple[str, int, int] | None:
    """(key path, first line, second line) of the first key or table defined twice.
    Lines inside multi-line strings are text, not keys."""
    seen: dict[str, int] = {}
    table = ""
    for line in scan_lines(text):
        if line.in_string:
            continue
        header = _HEADER.match(line.text)
        if header:
            table = _dotted(header.group(1))
            if f"[{table}]" in seen:
                return table, seen[f"[{table}]"], line.number
            seen[f"[{table}]"] = line.number
            continue
        key = _KEY.match(line.text)
        if key:
            path = f"{table}.{_dotted(key.group(1))}" if table else _dotted(key.group(1))
            if path in seen:
                return path, seen[path], line.number
            seen[path] = line.number
    return None


def check_name(name: object, error: ErrorType, source: str, key: str = "name") -> str:
    """The one rule for names of presets and policies, used both when loading and
    before saving: a string of at most 80 characters with a letter or digit, and no
    control characters, reordering characters or path separators. An empty name is
    no name (a file's name then defaults to its stem); saving asks for one."""
    if not isinstance(name, str):
        raise error(source, key, expected("string"), describe_found(name))
    if not name:
        return name
    if len(name) > MAX_NAME_LENGTH:
        raise error(
            source,
            key,
            expected("at_most_characters", most=MAX_NAME_LENGTH),
            found("characters", count=len(name)),
        )
    bad = [c for c in name if c in "/\\" or has_unsafe(c)]
    if bad:
        raise error(
            source,
            key,
            expected("safe_name"),
            found("character_in", character=repr(bad[0]), name=repr(name)),
        )
    if not any(c.isalnum() for c in name):
        raise error(source, key, expected("name_with_letter"), same(repr(name)))
    return name


def check_save_name(name: str, error: ErrorType, source: str = "save") -> str:
    """A name to save under: the loading rule, and not empty."""
    name = name.strip()
    if not name:
        raise error(source, "name", expected("name_with_letter"), same(repr(name)))
    return check_name(name, error, source)


def slugify(name: str) -> str:
    """A safe file stem for a name: lower-case words joined by hyphens."""
    slug = re.sub(r"[^\w]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-")
    return slug[:MAX_NAME_LENGTH]


def check_file_stem(stem: str, error: ErrorType, source: str = "save") -> str:
    """A file stem for a user folder; return it or raise."""
    if not re.fullmatch(r"\w[\w\-]*", stem, flags=re.UNICODE) or len(stem) > MAX_NAME_LENGTH:
        raise error(source, "name", expected("file_stem", most=MAX_NAME_LENGTH), same(repr(stem)))
    return stem


def atomic_write(
    target: Path, text: str, error: ErrorType, exists_error: ErrorType, *, overwrite: bool
) -> Path:
    """Write `text` to `target` via a temporary file in the same folder, fsync, then
    rename; never replace an existing file unless `overwrite`."""
    directory = target.parent
    if target.exists() and not overwrite:
        raise exists_error(
            str(target), "(file)", expected("new_name_or_overwrite"), found("existing_file")
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
        reason = found("error", message=exc.strerror or str(exc))
        raise error(str(target), "(file)", expected("writable_folder"), reason) from None
    return target


T = TypeVar("T")


def check_saved_text(
    text: str,
    original: T,
    load: Callable[[str, str], T],  # (text, source) -> item, or raises `error`
    same: Callable[[T, T], bool],
    texts: Mapping[str, str],
    error: ErrorType,
    source: str = "save",
) -> None:
    """Refuse, before anything is written, a text its loader would refuse or read
    back differently: whatever is saved must load. `texts` are the free-text fields
    (description ...), one of which is named when the file would be too large."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        field = max(texts, key=lambda key: len(texts[key].encode("utf-8")))
        raise error(
            source,
            field,
            expected("shorter_field", most=f"{MAX_FILE_BYTES:,}", field=field),
            found("bytes", size=f"{size:,}"),
        )
    if not same(load(text, source), original):
        raise error(source, "(file)", expected("loads_back"), found("difference"))
