"""One error type for every bad input, and its one-line message."""

from __future__ import annotations

from ..safe_text import printable


class InputError(Exception):
    """An input (file, name, ``--set`` override, data row) that cannot be used.

    The message is one line: ``source: key: expected ..., found ...``. Every part may
    come from a file or a row, so control characters in any of them are shown as
    escapes, never sent to the terminal.
    """

    def __init__(self, source: str, key: str, expected: str, found: str) -> None:
        self.source = source
        self.key = key
        self.expected = expected
        self.found = found
        super().__init__(printable(f"{source}: {key}: expected {expected}, found {found}"))


class PresetError(InputError):
    """A preset that cannot be used."""


class PresetExistsError(PresetError):
    """Saving would overwrite a preset and overwriting was not confirmed."""


class PolicyError(InputError):
    """A policy that cannot be used."""


class PolicyExistsError(PolicyError):
    """Saving would overwrite a policy and overwriting was not confirmed."""
