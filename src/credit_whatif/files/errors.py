"""One error type for every bad input, and its one-line message."""

from __future__ import annotations

from ..domain.enums import Lang
from ..domain.text import LocalText
from ..safe_text import printable

Phrase = str | LocalText  # a plain str is English only


def _local(phrase: Phrase) -> LocalText:
    return phrase if isinstance(phrase, LocalText) else LocalText(phrase, "")


class InputError(Exception):
    """An input (file, name, ``--set`` override, data row) that cannot be used.

    The message is one line: ``source: key: expected ..., found ...``. Every part may
    come from a file or a row, so control characters in any of them are shown as
    escapes, never sent to the terminal. What was expected and what was found may be
    given in both languages; :meth:`message` says it in Chinese when both are. The
    key is a key path, an option or a column, written as it is in either language,
    or a place that is not a key ("(file)", "row 2 (line 3)"), given in both or
    named in the message files' ``[input_keys]``.
    """

    def __init__(self, source: str, key: Phrase, expected: Phrase, found: Phrase) -> None:
        self.source = source
        self.key_text = _local(key)
        self.key = self.key_text.en
        self.expected_text = _local(expected)
        self.found_text = _local(found)
        super().__init__(self.message("en"))

    @property
    def expected(self) -> str:
        return self.expected_text.en

    @property
    def found(self) -> str:
        return self.found_text.en

    @property
    def translated(self) -> bool:
        return bool(self.expected_text.zh and self.found_text.zh)

    def message(self, lang: Lang) -> str:
        """The line in `lang`; in English where its phrases are not translated (a
        Chinese frame around English words would read worse than either)."""
        from ..domain.catalogue import ERROR_LINE
        from .refusals import key_in

        chosen: Lang = lang if lang == "en" or self.translated else "en"
        given_zh = chosen == "zh" and self.key_text.zh
        line = ERROR_LINE(chosen).format(
            source=self.source,
            key=self.key_text.zh if given_zh else key_in(self.key, chosen),
            expected=self.expected_text(chosen),
            found=self.found_text(chosen),
        )
        return printable(line)


class PresetError(InputError):
    """A preset that cannot be used."""


class PresetExistsError(PresetError):
    """Saving would overwrite a preset and overwriting was not confirmed."""


class PolicyError(InputError):
    """A policy that cannot be used."""


class PolicyExistsError(PolicyError):
    """Saving would overwrite a policy and overwriting was not confirmed."""
