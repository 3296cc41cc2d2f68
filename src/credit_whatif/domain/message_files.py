"""The en/zh message files: read once per process and checked before any is used.

Every sentence and label lives in ``credit_whatif/messages/en.toml`` and ``zh.toml``,
**one file per language with the same keys**. One file per language because that is
the form translators and their tools work in: a native editor opens ``zh.toml``,
reads only Chinese (and the rules in its header), and never meets Python; a new
language is a new file with the same keys; ``en.toml`` is the source beside it.
(One file with both languages per key keeps them next to each other, but every
editor then edits every language's file, and a third language makes it unreadable.)

The reading is here, in the domain, because the domain's catalogue is built from
these files when it is imported, and the domain imports nothing from outside
``domain/`` (a test checks it). It reads only the package's own files, through
the package's loader (:func:`pkgutil.get_data`, so a wheel or a zip works the same;
:mod:`importlib.resources` would do too, but importing it costs about 20 ms of
start-up); it never reads a user's file. :mod:`credit_whatif.i18n` takes the ``[ui]``
labels from the same reading.

What the check guarantees, once, at import: every key of en.toml is in
zh.toml and zh.toml has no other; every message is text; and each key has the same
placeholders in both languages, so a template filled for one language fills for the
other. Two placeholders are spelled for English grammar: ``{Feature}`` (a
capitalised ``{feature}``, to start a sentence) counts as ``{feature}``, and
``{verb}`` (English "is" or "are") may be left out. A problem raises
:class:`MessageFileError`, one line per problem, naming the file, the key (spelled as
in TOML, so it can be searched for) and what differs.

The cost, measured on this project's 2-core VM: parsing the two files is most of it
(tomllib, about 5 ms; text in single quotes parses faster, which is why the files
use them), the whole check about 1 ms, so the check stays at start-up. The files are
read by :mod:`.toml_lines`, a line at a time, in about a third of tomllib's time;
tomllib reads what that does not. A process that
reads a preset pays for the tomllib import anyway; ``credit-whatif eval --json``
costs about 6 ms more CPU than with the sentences as Python literals.
"""

from __future__ import annotations

import functools
import pkgutil
import re
import tomllib
from collections.abc import Iterator, Mapping
from string import Formatter
from typing import Any

from . import toml_lines
from .enums import Lang
from .text import LocalText

LANGS: tuple[Lang, ...] = ("en", "zh")
SOURCE: Lang = "en"

# The forms of a plural message, as Unicode's plural rules name them; a table with
# "other" and only these keys is one message (a unit: "1 day", "2 days").
PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})

# Placeholders spelled differently for a language's grammar: the same value.
_SAME_VALUE = {"Feature": "feature"}
# Placeholders only English grammar needs; another language may leave them out.
_GRAMMAR_ONLY = frozenset({"verb"})

KeyPath = tuple[str, ...]
Message = str | dict[str, str]
Tree = dict[str, Any]


class MessageFileError(ValueError):
    """The message files disagree or hold something that is not a message."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def file_name(lang: Lang) -> str:
    return f"messages/{lang}.toml"


def read_trees() -> dict[str, Tree]:
    """Each language's file, parsed: ``{"messages/en.toml": {...}, ...}``."""
    trees: dict[str, Tree] = {}
    for lang in LANGS:
        name = file_name(lang)
        data = pkgutil.get_data("credit_whatif", name)
        if data is None:
            raise MessageFileError([f"{name}: expected the file in the package, found none"])
        trees[name] = parse(name, data.decode("utf-8"))
    return trees


def parse(name: str, text: str) -> Tree:
    tree = toml_lines.read(text)  # the same tree, about three times sooner
    if tree is not None:
        return tree
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MessageFileError([f"{name}: (syntax): expected valid TOML, found {exc}"]) from None


@functools.cache
def load() -> Messages:
    """The checked messages of every language (read and checked on the first call only)."""
    trees = read_trees()
    check(trees)
    return Messages({lang: trees[file_name(lang)] for lang in LANGS})


class Messages:
    """The parsed files, by language, and the lookups the catalogues are built with.

    A lookup of a key the source file lacks names the file and the key (the check
    has already made the other languages agree with the source)."""

    def __init__(self, trees: Mapping[Lang, Tree]) -> None:
        self._trees = trees

    def _node(self, lang: Lang, path: KeyPath, expected: str) -> Any:
        node: Any = self._trees[lang]
        for part in path:
            if not isinstance(node, dict) or part not in node:
                node = None
                break
            node = node[part]
        if expected == "a table" and isinstance(node, dict) and not _is_plural(node):
            return node
        if expected == "text" and isinstance(node, str):
            return node
        if expected == "a message" and (isinstance(node, str) or _is_plural(node)):
            return node
        found = (
            "none"
            if node is None
            else "text"
            if isinstance(node, str)
            else "a table"
            if isinstance(node, dict)
            else _kind(node)
        )
        raise MessageFileError(
            [f"{file_name(lang)}: {spell_key(path)}: expected {expected}, found {found}"]
        )

    def text(self, *path: str) -> LocalText:
        """One message in both languages."""
        return LocalText(self._node("en", path, "text"), self._node("zh", path, "text"))

    def keys(self, *path: str) -> list[str]:
        """The keys of a table, in the source file's order."""
        return list(self._node(SOURCE, path, "a table"))

    def table(self, *path: str) -> dict[str, LocalText]:
        """A table of messages, by key, in the source file's order."""
        return {key: self.text(*path, key) for key in self.keys(*path)}

    def forms(self, lang: Lang, *path: str) -> Message:
        """One message as written: its text, or its plural forms."""
        value: Message = self._node(lang, path, "a message")
        return value

    def has(self, *path: str) -> bool:
        """Whether the source file has the key (an optional message)."""
        return path[-1] in self._node(SOURCE, path[:-1], "a table")

    def is_table(self, *path: str) -> bool:
        """Whether the key holds a table of messages rather than one message."""
        node = self._node(SOURCE, path[:-1], "a table").get(path[-1])
        return isinstance(node, dict) and not _is_plural(node)


# --- The check -------------------------------------------------------------------------


def check(trees: Mapping[str, Tree]) -> None:
    """Raise :class:`MessageFileError` unless every file has the first file's keys, no
    other, text for each and the same placeholders. `trees` is keyed by file name."""
    (source_name, source), *others = trees.items()
    problems: list[str] = []
    reference = dict(_messages(source, (), source_name, problems))
    wanted = {
        path: _placeholders(message) for path, message in reference.items() if message is not None
    }
    for path, placeholders in wanted.items():
        if isinstance(placeholders, str):
            problems.append(f"{source_name}: {spell_key(path)}: {placeholders}")
    for name, tree in others:
        found = dict(_messages(tree, (), name, problems))
        for path in reference:
            if path not in found:
                problems.append(
                    f"{name}: {spell_key(path)}: expected a message (as in {source_name}), "
                    "found none"
                )
        for path, message in found.items():
            if path not in reference:
                problems.append(
                    f"{name}: {spell_key(path)}: expected no such key (not in {source_name}), "
                    "found one"
                )
                continue
            if message is None or path not in wanted:
                continue  # reported as it is
            problem = _placeholder_problem(wanted[path], message, source_name)
            if problem is not None:
                problems.append(f"{name}: {spell_key(path)}: {problem}")
    if problems:
        raise MessageFileError(problems)


def _messages(
    node: Tree, path: KeyPath, name: str, problems: list[str]
) -> Iterator[tuple[KeyPath, Message | None]]:
    """Every message under `node` with its key path; what is not a message is a problem
    (and comes as None, so that it is not reported missing too)."""
    for key, value in node.items():
        here = (*path, key)
        if isinstance(value, str) and value.strip():
            yield here, value
        elif _is_plural(value):
            forms = {form: text for form, text in value.items() if isinstance(text, str)}
            if len(forms) == len(value):
                yield here, forms
            else:
                problems.append(
                    f"{name}: {spell_key(here)}: expected text in every form, found {_kind(value)}"
                )
                yield here, None
        elif isinstance(value, dict) and value:
            yield from _messages(value, here, name, problems)
        else:
            problems.append(f"{name}: {spell_key(here)}: expected a message, found {_kind(value)}")
            yield here, None


def _is_plural(value: object) -> bool:
    return isinstance(value, dict) and "other" in value and value.keys() <= PLURAL_FORMS


def _kind(value: object) -> str:
    if isinstance(value, str):
        return "blank text"
    if isinstance(value, dict):
        return "an empty table" if not value else "a table with a non-text form"
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        list: "an array",
    }.get(type(value), "a date or time")


_FORMATTER = Formatter()
_NONE: frozenset[str] = frozenset()


def _names(text: str) -> frozenset[str]:
    """The placeholders of `text`, as the language's grammar allows them to differ.

    Raises ValueError for a lone brace (which ``str.format`` would raise on)."""
    if "{" not in text and "}" not in text:
        return _NONE  # most labels: the quick way
    names = {field for _, field, _, _ in _FORMATTER.parse(text) if field is not None}
    return frozenset(_SAME_VALUE.get(name, name) for name in names)


def _placeholders(message: Message) -> frozenset[str] | str:
    """A message's placeholders (in any of its forms: English "a day" may leave out the
    {n} of "{n} days"), or the problem that stops them being read."""
    try:
        if isinstance(message, str):
            return _names(message)
        return frozenset().union(*map(_names, message.values()))
    except ValueError as exc:
        return f"expected placeholders written {{name}}, found {exc}"


def _placeholder_problem(wanted: frozenset[str] | str, message: Message, source: str) -> str | None:
    if isinstance(wanted, str):
        return None  # the source's own problem is reported for the source
    found = _placeholders(message)
    if found == wanted:
        return None
    if isinstance(found, str):
        return found
    if found - wanted or wanted - found - _GRAMMAR_ONLY:
        return f"expected placeholders {_listed(wanted)} (as in {source}), found {_listed(found)}"
    return None


def _listed(names: frozenset[str]) -> str:
    return " ".join("{" + _spelled(name) + "}" for name in sorted(names)) or "none"


# --- Keys as TOML spells them --------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def spell_key(path: KeyPath) -> str:
    """A key path as it is written in the file: ``rules."credit.min_score".detail``."""
    return ".".join(part if _BARE_KEY.fullmatch(part) else f'"{_spelled(part)}"' for part in path)


def _spelled(text: str) -> str:
    """`text` as a TOML basic string spells it: what cannot be shown is an escape."""
    return "".join(_spelled_char(char) for char in text)


def _spelled_char(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
