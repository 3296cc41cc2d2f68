"""The two languages of an input error raised outside the domain: what a file, an
option or a portfolio row was expected to be, what was found, and the names of the
places that are not a key (``(file)``, ``(rows)``...).

The sentences are the message files' ``[input_expected]``, ``[input_found]`` and
``[input_keys]`` tables (``messages/en.toml`` and ``zh.toml``), read once by
:mod:`credit_whatif.domain.message_files`; the domain's own refusals (a preset's
values) are its catalogue's ``[expected]`` and ``[found]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..domain import message_files
from ..domain.catalogue import LIST_SEPARATOR
from ..domain.enums import Lang
from ..domain.text import LocalText

_MESSAGES = message_files.load()
EXPECTED: dict[str, LocalText] = _MESSAGES.table("input_expected")
FOUND: dict[str, LocalText] = _MESSAGES.table("input_found")
KEYS: dict[str, LocalText] = _MESSAGES.table("input_keys")
OR = EXPECTED["or_separator"]
# The key of an error, as the code spells it ("(file)"), to its Chinese.
_KEY_ZH: dict[str, str] = {text.en: text.zh for text in KEYS.values() if "{" not in text.en}


def _filled(text: LocalText, fields: Mapping[str, object]) -> LocalText:
    """`text` with its placeholders filled; a field given in both languages fills
    each language with its own."""

    def values(lang: Lang) -> dict[str, object]:
        return {k: v(lang) if isinstance(v, LocalText) else v for k, v in fields.items()}

    return LocalText(text.en.format(**values("en")), text.zh.format(**values("zh")))


def expected(key: str, /, **fields: object) -> LocalText:
    """An ``[input_expected]`` phrase with its fields filled in."""
    return _filled(EXPECTED[key], fields)


def found(key: str, /, **fields: object) -> LocalText:
    """An ``[input_found]`` phrase with its fields filled in."""
    return _filled(FOUND[key], fields)


def place(key: str, /, **fields: object) -> LocalText:
    """An ``[input_keys]`` name of a place in a file ("row 2 (line 3)")."""
    return _filled(KEYS[key], fields)


def same(text: object) -> LocalText:
    """Text that reads the same in both languages: a value typed or found (quoted),
    a number, a path, or the message of another program (the operating system,
    Polars, TLS), which is passed on as it was written."""
    shown = str(text)
    return LocalText(shown, shown)


def joined(words: Iterable[str], glue: LocalText = LIST_SEPARATOR) -> LocalText:
    """Names joined for each language: ``a, b`` and ``a、b`` (with ``glue=OR``,
    ``a or b`` and ``a 或 b``)."""
    parts = list(words)
    return LocalText(glue.en.join(parts), glue.zh.join(parts))


def key_in(key: str, lang: Lang) -> str:
    """The name of an error's key in `lang`: a place that is no key ("(file)") in its
    words, any other key (a key path, an option, a column) as it is written."""
    if lang == "zh":
        return _KEY_ZH.get(key, key)
    return key
