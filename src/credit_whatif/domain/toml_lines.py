"""The message files' TOML, read a line at a time, or left to :mod:`tomllib`.

The message files are ~60 KB each and are read before the explorer's first frame;
:mod:`tomllib` reads a character at a time and took ~20 ms for both on this loaded
VM, about 8% of that start. They use a few forms only: comments, ``[table]``
headers, ``key = 'text'`` (or ``"text"`` without escapes), dotted keys, and
``{ one = '...', other = '...' }`` tables on one line. :func:`read` reads those with
one regular expression per line and builds what :mod:`tomllib` builds; anything
else (another form, a key defined twice, a table opened again, a carriage return)
and it answers None, for :mod:`tomllib` to read the text or report what is wrong
with it, as before.
"""

from __future__ import annotations

import re
from typing import Any

# No control character but a tab and the line ends, anywhere: strings and comments
# may then hold any other character.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BARE = r"[A-Za-z0-9_-]+"
_LITERAL = r"'[^'\n]*'"
_BASIC = r'"[^"\\\n]*"'  # without escapes: one with a backslash is left to tomllib
_PART = rf"(?:{_BARE}|{_LITERAL}|{_BASIC})"
_KEY = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_STRING = rf"(?:{_LITERAL}|{_BASIC})"
_PAIR = rf"{_PART}[ \t]*=[ \t]*{_STRING}"
_INLINE = rf"\{{[ \t]*(?:{_PAIR}(?:[ \t]*,[ \t]*{_PAIR})*[ \t]*)?\}}"
_COMMENT = r"[ \t]*(?:#.*)?"
# Most lines: a bare key and a literal string.
_SIMPLE = re.compile(rf"[ \t]*({_BARE})[ \t]*=[ \t]*'([^'\n]*)'{_COMMENT}")
_LINE = re.compile(
    rf"[ \t]*(?:\[[ \t]*(?P<header>{_KEY})[ \t]*\]"
    rf"|(?P<key>{_KEY})[ \t]*=[ \t]*(?:(?P<text>{_STRING})|(?P<inline>{_INLINE})))?"
    rf"{_COMMENT}"
)
_BARE_KEY = re.compile(_BARE)
_PARTS = re.compile(rf"[ \t]*({_PART})[ \t]*(?:\.|$)")
_PAIRS = re.compile(rf"[ \t,]*({_PART})[ \t]*=[ \t]*({_STRING})")


class _Unread(Exception):  # noqa: N818 - not an error: tomllib reads it instead
    """A form this module does not read."""


def read(text: str) -> dict[str, Any] | None:
    """What ``tomllib.loads(text)`` returns, for text in the forms above; else None."""
    try:
        return _read(text)
    except _Unread:
        return None


def _read(text: str) -> dict[str, Any]:
    if "\r" in text or _CONTROL.search(text):
        raise _Unread
    root: dict[str, Any] = {}
    table = root
    # Tables a header may not name again or open below: those headers defined, and
    # those dotted keys or inline tables made.
    closed: set[int] = set()
    # Tables made by dotted keys under the current header, which its later dotted keys
    # may add to.
    dotted: set[int] = set()
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue  # the text has no control character: any comment is one
        simple = _SIMPLE.fullmatch(line)
        if simple is not None:
            name, value = simple.groups()
            if name in table:
                raise _Unread
            table[name] = value
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise _Unread
        header, key = match["header"], match["key"]
        if header is not None:
            table = _open(root, _parts(header), closed)
            dotted = set()
        elif key is not None:
            *path, name = _parts(key)
            holder = table
            for part in path:
                holder = _dotted(holder, part, dotted, closed)
            if name in holder:
                raise _Unread
            inline = match["inline"]
            holder[name] = _string(match["text"]) if inline is None else _inline(inline, closed)
    return root


def _parts(key: str) -> list[str]:
    if _BARE_KEY.fullmatch(key):
        return [key]
    parts = []
    at = 0
    while at < len(key):
        match = _PARTS.match(key, at)
        if match is None:
            raise _Unread
        parts.append(_string(match[1]) if match[1][0] in "'\"" else match[1])
        at = match.end()
    return parts


def _string(quoted: str) -> str:
    return quoted[1:-1]


def _open(root: dict[str, Any], path: list[str], closed: set[int]) -> dict[str, Any]:
    """The table a header names, made now; its parents made or reused."""
    node = root
    for part in path[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict) or id(node) in closed:
            raise _Unread
    if path[-1] in node:
        raise _Unread
    table: dict[str, Any] = {}
    node[path[-1]] = table
    closed.add(id(table))
    return table


def _dotted(holder: dict[str, Any], part: str, dotted: set[int], closed: set[int]) -> Any:
    node = holder.get(part)
    if node is None:
        node = holder[part] = {}
        dotted.add(id(node))
        closed.add(id(node))
    elif id(node) not in dotted:
        raise _Unread
    return node


def _inline(text: str, closed: set[int]) -> dict[str, str]:
    table: dict[str, str] = {}
    at = 1  # after the brace; the line's pattern has checked the commas
    while (match := _PAIRS.match(text, at)) is not None:
        key, value = match.groups()
        at = match.end()
        name = _string(key) if key[0] in "'\"" else key
        if name in table:
            raise _Unread
        table[name] = _string(value)
    closed.add(id(table))
    return table
