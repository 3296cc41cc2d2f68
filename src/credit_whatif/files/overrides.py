"""``--set KEY=VALUE`` overrides: every override applied, then validated once, exactly
as a file with those values would be; the order of the overrides does not matter."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from typing import Any

import attrs

from ..domain.catalogue import found_phrase
from ..domain.keypath import set_in
from ..domain.scenario import describe
from ..domain.text import LocalText
from .errors import InputError, PresetError
from .presets import Preset, preset_from_data, preset_to_dict
from .refusals import OR, expected, found, joined, same
from .tomlfile import AT_FIRST_LINE, parse


def parse_override(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` with VALUE read as a TOML value; a bare word is a string.

    One ``--set`` is one key and one value: whatever follows the value on another
    line (a second assignment, a table header) is refused, never dropped unseen.
    """
    source = f"--set {text}"
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise PresetError(source, key or "(key)", expected("key_value"), same(repr(text)))
    if not re.fullmatch(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*", key):
        raise PresetError(source, key, expected("dotted_key"), same(repr(key)))
    raw = raw.strip()
    if "\n" in raw or "\r" in raw:
        first, _newline, rest = raw.replace("\r", "\n").partition("\n")
        where = "newline_after_value" if _is_value(first) else "newline_in_value"
        newline = found(where, rest=repr(rest.strip()))
        raise PresetError(source, key, expected("one_key_value"), newline)
    try:
        data = parse(f"v = {raw}", source, PresetError)
    except PresetError as exc:
        if exc.expected_text != expected("valid_toml"):  # valid, but beyond a limit
            beyond = LocalText(
                exc.found_text.en.removesuffix(AT_FIRST_LINE.en),
                exc.found_text.zh.removesuffix(AT_FIRST_LINE.zh),
            )
            raise PresetError(source, key, exc.expected_text, beyond) from None
        if re.fullmatch(r"[A-Za-z0-9_.\-]+", raw):
            return key, raw
        if "=" in raw:
            second = found("second_assignment", text=repr(raw))
            raise PresetError(source, key, expected("one_key_value"), second) from None
        raise PresetError(source, key, expected("toml_value"), same(repr(raw))) from None
    return key, data["v"]


def _is_value(raw: str) -> bool:
    try:
        tomllib.loads(f"v = {raw}")
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        return False
    return True


def _culprit(key: str, parsed: list[tuple[str, str]]) -> str | None:
    """The override to name for a problem at `key`: the one that set it, else the
    last one that set a field beside it (two fields that constrain each other)."""
    for text, set_key in reversed(parsed):
        if set_key == key or key.startswith(f"{set_key}.") or set_key.startswith(f"{key}."):
            return text
    table = key.rpartition(".")[0]
    for text, set_key in reversed(parsed):
        if set_key.rpartition(".")[0] == table:
            return text
    return None


def apply_overrides(
    preset: Preset, overrides: Sequence[str], allowed: Sequence[str] | None = None
) -> Preset:
    """The preset with every override applied, validated once as a whole.

    `allowed` limits which top-level tables may be set (the portfolio commands take
    only ``system.*`` and ``policy.*``).
    """
    if not overrides:
        return preset
    data = preset_to_dict(preset)
    parsed: list[tuple[str, str]] = []
    for text in overrides:
        source = f"--set {text}"
        key, value = parse_override(text)
        if allowed is not None and key.split(".")[0] not in allowed:
            tables = joined((f"{a}." for a in allowed), OR)
            raise PresetError(source, key, expected("key_under", tables=tables), same(repr(key)))
        blocked = set_in(data, key, value)
        if blocked is not None:
            table = found_phrase("table")  # "a table": expected where a value was set
            raise PresetError(source, blocked, table, describe(_at(data, blocked)))
        parsed.append((f"--set {text}", key))
    try:
        result = preset_from_data(data, "--set")
    except InputError as exc:
        culprit = _culprit(exc.key, parsed) or " ".join(text for text, _ in parsed)
        raise PresetError(culprit, exc.key_text, exc.expected_text, exc.found_text) from None
    return attrs.evolve(
        preset,
        name=result.name,
        description=result.description,
        scenario=result.scenario,
        name_zh=result.name_zh,
        description_zh=result.description_zh,
    )


def _at(data: dict[str, Any], key: str) -> Any:
    node: Any = data
    for part in key.split("."):
        node = node[part]
    return node
