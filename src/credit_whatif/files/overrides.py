"""``--set KEY=VALUE`` overrides: every override applied, then validated once, exactly
as a file with those values would be; the order of the overrides does not matter."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from typing import Any

import attrs

from ..domain.keypath import set_in
from ..domain.scenario import describe
from .errors import InputError, PresetError
from .presets import Preset, preset_from_data, preset_to_dict
from .tomlfile import parse


def parse_override(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` with VALUE read as a TOML value; a bare word is a string.

    One ``--set`` is one key and one value: whatever follows the value on another
    line (a second assignment, a table header) is refused, never dropped unseen.
    """
    source = f"--set {text}"
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise PresetError(source, key or "(key)", "KEY=VALUE", repr(text))
    if not re.fullmatch(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*", key):
        raise PresetError(source, key, "a dotted key path such as borrower.score", repr(key))
    raw = raw.strip()
    if "\n" in raw or "\r" in raw:
        first, _newline, rest = raw.replace("\r", "\n").partition("\n")
        where = "after the value" if _is_value(first) else "in the value"
        raise PresetError(source, key, "one KEY=VALUE", f"a newline {where} ({rest.strip()!r})")
    try:
        data = parse(f"v = {raw}", source, PresetError)
    except PresetError as exc:
        if exc.expected != "valid TOML":  # valid, but beyond a limit (digits, nesting)
            found = exc.found.removesuffix(" at line 1")
            raise PresetError(source, key, exc.expected, found) from None
        if re.fullmatch(r"[A-Za-z0-9_.\-]+", raw):
            return key, raw
        if "=" in raw:
            found = f"a second assignment in {raw!r}"
            raise PresetError(source, key, "one KEY=VALUE", found) from None
        expected = "a TOML value (put text in quotes)"
        raise PresetError(source, key, expected, repr(raw)) from None
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
            expected = f"a key under {' or '.join(f'{a}.' for a in allowed)}"
            raise PresetError(source, key, expected, repr(key))
        blocked = set_in(data, key, value)
        if blocked is not None:
            raise PresetError(source, blocked, "a table", describe(_at(data, blocked)).en)
        parsed.append((f"--set {text}", key))
    try:
        result = preset_from_data(data, "--set")
    except InputError as exc:
        culprit = _culprit(exc.key, parsed) or " ".join(text for text, _ in parsed)
        raise PresetError(culprit, exc.key, exc.expected_text, exc.found_text) from None
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
