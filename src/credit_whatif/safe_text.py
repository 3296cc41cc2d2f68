"""Text from files and data, made safe to show: one place for the rule.

A preset description, a column name, a group value or a path can hold anything: an
escape sequence that clears the screen or sets the clipboard (``ESC[2J``, OSC 52), a
right-to-left override that makes a name read backwards, a newline that turns one
error line into two, or Rich markup (``[/b]``) that raises when printed. Every such
piece of text goes through :func:`printable` before it reaches the terminal, and
reaches Rich as a ``Text`` (never pasted into a markup string: Rich's own escaping
does not round-trip every backslash).
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide
# text (bidi embeddings, overrides and isolates; zero-width joiners are kept: they
# are part of ordinary Chinese and emoji text).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` on one line with every control or reordering character shown as an
    escape (``\\x1b``, ``\\u202e``) instead of acting on the terminal."""
    return _UNSAFE.sub(_escape, text)


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a character :func:`printable` would escape."""
    return _UNSAFE.search(text) is not None


def string_escaped(text: str) -> str:
    """JSON or TOML written by a library, with what :func:`printable` would escape
    and the writer left as it is spelled as a ``\\uXXXX`` escape, which both formats
    read back as the same character. C0 controls are left alone: both writers escape
    them inside strings already, and outside strings a newline is the layout."""
    return _UNSAFE.sub(_unicode_escape, text)


def _unicode_escape(match: re.Match[str]) -> str:
    char = match.group()
    return char if ord(char) < 0x20 else f"\\u{ord(char):04x}"
