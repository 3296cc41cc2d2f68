"""Policies: the thresholds of every rule, per tightening level, as TOML files.

Bundled policies ship with the tool (``default`` is what every command uses unless
told otherwise); the user's live in ``policies/`` of the config folder. A policy file
has every field of every level, and tighter levels are never looser than the level
below them (field by field).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from typing import Any

import attrs

from ..domain import catalogue
from ..domain.catalogue import found_phrase
from ..domain.enums import Lang, Tightening
from ..domain.policy import (
    Driver,
    PolicyField,
    PolicyTable,
    Stricter,
    Thresholds,
    monotone_violations,
)
from ..domain.registry import REGISTRY, Registry
from ..domain.scenario import describe, did_you_mean_text
from ..domain.text import LocalText
from ..safe_text import string_escaped
from .errors import PolicyError, PolicyExistsError
from .refusals import expected, found, same
from .shelf import Listed, Shelf
from .tomlfile import (
    SUFFIX,
    atomic_write,
    check_file_stem,
    check_name,
    check_save_name,
    check_saved_text,
    parse,
    read_text,
    slugify,
)

DEFAULT_POLICY = "default"
HEADER_KEYS = ("name", "name_zh", "description", "description_zh")
# Why the policy exists and since when: optional, shown by list, show, diff and the view.
META_KEYS = ("driver", "effective")
LEVELS = tuple(level.value for level in Tightening)


def bundled_dir() -> Path:
    return SHELF.bundled_dir()


def user_dir() -> Path:
    return SHELF.user_dir()


def expected_for(field: PolicyField) -> LocalText:
    if field.is_switch:
        return catalogue.EXPECTED["bool"]
    lo, hi = field.range
    return LocalText(f"an integer {lo}..{hi}", catalogue.expected_integer(lo, hi).zh)


def _check_value(field: PolicyField, value: Any, source: str, key: str) -> int | bool:
    if field.is_switch:
        if type(value) is not bool:
            raise PolicyError(source, key, expected_for(field), describe(value))
        return value
    lo, hi = field.range
    if type(value) is not int or not lo <= value <= hi:
        raise PolicyError(source, key, expected_for(field), describe(value))
    return value


def _level(data: Any, level: str, fields: tuple[PolicyField, ...], source: str) -> Thresholds:
    if data is None:
        raise PolicyError(source, level, expected("thresholds"), found("no_such_table"))
    if not isinstance(data, dict):
        raise PolicyError(source, level, expected("thresholds"), describe(data))
    names = [f.name for f in fields]
    for key in data:
        if key not in names:
            raise PolicyError(
                source,
                f"{level}.{key}",
                expected("threshold") + did_you_mean_text(key, names),
                found_phrase("unknown_key", name=repr(key)),
            )
    values: dict[str, int | bool] = {}
    for field in fields:
        key = f"{level}.{field.name}"
        if field.name not in data:
            if field.default is not None:  # a file written before the field existed
                values[field.name] = field.default
                continue
            raise PolicyError(source, key, expected_for(field), found_phrase("missing"))
        values[field.name] = _check_value(field, data[field.name], source, key)
    return Thresholds(values)


def policy_from_data(
    data: dict[str, Any], source: str, registry: Registry = REGISTRY, default_name: str = ""
) -> PolicyTable:
    """Validate policy data (a dict read from TOML) into a table."""
    known = [*HEADER_KEYS, *META_KEYS, *LEVELS]
    for key in data:
        if key not in known:
            raise PolicyError(
                source,
                key,
                found_phrase("key_among", keys=", ".join(known)) + did_you_mean_text(key, known),
                found_phrase("unknown_key", name=repr(key)),
            )
    header = {}
    for key in HEADER_KEYS:
        value = data.get(key, "")
        if key.startswith("name"):
            check_name(value, PolicyError, source, key)
        elif not isinstance(value, str):
            raise PolicyError(source, key, expected("string"), describe(value))
        header[key] = value
    fields = registry.policy_fields
    levels = {Tightening(level): _level(data.get(level), level, fields, source) for level in LEVELS}
    for violation in monotone_violations({k: v.values for k, v in levels.items()}, fields):
        field = violation.field
        looser, tighter = violation.looser_level.value, violation.tighter_level.value
        bound = same(_show(violation.looser_value))
        if not field.is_switch:
            side = "at_least" if field.stricter is Stricter.HIGHER else "at_most"
            bound = expected(side, value=bound)
        raise PolicyError(
            source,
            f"{tighter}.{field.name}",
            expected("never_looser", bound=bound, looser=looser, tighter=tighter),
            same(_show(violation.tighter_value)),
        )
    driver, effective = _meta(data, source)
    return PolicyTable(
        name=header["name"] or default_name,
        levels=levels,
        description=header["description"],
        name_zh=header["name_zh"],
        description_zh=header["description_zh"],
        driver=driver,
        effective=effective,
    )


def _meta(data: dict[str, Any], source: str) -> tuple[Driver | None, dt.date | None]:
    """The optional ``driver`` (one of :class:`Driver`) and ``effective`` (a date)."""
    driver = data.get("driver")
    if driver is not None:
        choices = [d.value for d in Driver]
        if driver not in choices:
            hint = did_you_mean_text(driver, choices) if isinstance(driver, str) else None
            wanted = catalogue.expected_one_of(choices)
            raise PolicyError(source, "driver", wanted + hint if hint else wanted, describe(driver))
        driver = Driver(driver)
    effective = data.get("effective")
    if effective is not None and (
        not isinstance(effective, dt.date) or isinstance(effective, dt.datetime)
    ):
        raise PolicyError(source, "effective", catalogue.EXPECTED["date"], describe(effective))
    return driver, effective


def _show(value: int | bool) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def loads_policy(text: str, source: str = "<string>", default_name: str = "") -> PolicyTable:
    data = parse(text, source, PolicyError)
    if not data:
        empty = found("empty_file" if not text.strip() else "only_comments")
        raise PolicyError(source, "(file)", expected("name_and_levels"), empty)
    return policy_from_data(data, source, default_name=default_name)


@attrs.frozen
class PolicyEntry(Listed[PolicyTable]):
    """A policy found on disk, loaded or with the error that stops it loading."""

    @property
    def table(self) -> PolicyTable | None:
        return self.item


def load_policy(path: str | os.PathLike[str]) -> PolicyTable:
    path = Path(path)
    text = read_text(path, PolicyError, what="policy_file")
    return loads_policy(text, str(path), default_name=path.stem)


@functools.cache
def _bundled(stem: str) -> PolicyTable:
    return load_policy(bundled_dir() / f"{stem}{SUFFIX}")


def _load(path: Path, origin: str) -> PolicyTable:
    # Bundled files do not change while the tool runs: each is read once.
    return _bundled(path.stem) if origin == "bundled" else load_policy(path)


def _names(table: PolicyTable) -> tuple[str, str]:
    return table.name, table.name_zh


SHELF: Shelf[PolicyTable] = Shelf("policy", "policies", DEFAULT_POLICY, PolicyError, _load, _names)


def default_policy() -> PolicyTable:
    """The bundled ``default`` policy (read once per process)."""
    return _bundled(DEFAULT_POLICY)


def list_policies() -> list[PolicyEntry]:
    """Bundled policies first (the default first), then the user's."""
    return [PolicyEntry(listed.file, listed.item, listed.error) for listed in SHELF.listing()]


def resolve_policy(ref: str | None) -> PolicyTable:
    """A policy by path, by file stem (the user's first, then bundled),
    ``bundled:STEM``, or by name; None means the default."""
    if ref is None:
        return default_policy()
    return SHELF.resolve(ref)


def resolve_policy_origin(ref: str | None) -> tuple[PolicyTable, str]:
    """As :func:`resolve_policy`, with where the policy comes from (``bundled``,
    ``user`` or ``file``)."""
    if ref is None:
        return default_policy(), "bundled"
    return SHELF.resolve_with_origin(ref)


def policy_to_dict(table: PolicyTable, registry: Registry = REGISTRY) -> dict[str, Any]:
    """The policy in file order: the header, then each level's fields."""
    data: dict[str, Any] = {"name": table.name}
    for key in ("name_zh", "description", "description_zh"):
        value = getattr(table, key)
        if value:
            data[key] = value
    if table.driver is not None:
        data["driver"] = table.driver.value
    if table.effective is not None:
        data["effective"] = table.effective
    for level in Tightening:
        values = table[level].values
        data[level.value] = {f.name: values[f.name] for f in registry.policy_fields}
    return data


def dumps_policy(table: PolicyTable) -> str:
    """TOML that loads back to the same policy; characters that would act on a
    terminal are written as escapes, so ``policy show`` prints it as it is."""
    import tomli_w

    return string_escaped(tomli_w.dumps(policy_to_dict(table)))


def labelled(text: str, lang: Lang) -> str:
    """The TOML of :func:`dumps_policy` with each field's label as a comment at the
    end of its line (it loads back the same)."""
    names = catalogue.POLICY_FIELD_LABELS
    lines = []
    for line in text.splitlines():
        key = line.split(" = ", 1)[0]
        lines.append(f"{line}  # {names[key](lang)}" if " = " in line and key in names else line)
    return "\n".join(lines) + "\n"


def policy_file_stem(name: str) -> str:
    return check_file_stem(slugify(check_save_name(name, PolicyError)), PolicyError)


def shadows_bundled(name: str) -> bool:
    return SHELF.shadows_bundled(slugify(name))


def _same(loaded: PolicyTable, table: PolicyTable) -> bool:
    header = ("name", "description", "name_zh", "description_zh", "driver", "effective")
    return loaded.same_thresholds(table) and all(
        getattr(loaded, key) == getattr(table, key) for key in header
    )


def _checked(table: PolicyTable) -> tuple[str, str]:
    stem = policy_file_stem(table.name)
    text = dumps_policy(table)
    texts = {"description": table.description, "description_zh": table.description_zh}
    check_saved_text(text, table, loads_policy, _same, texts, PolicyError)
    return stem, text


def check_save(table: PolicyTable) -> str:
    """The file stem `table` would be saved under, once every rule of loading
    (monotone levels included) has passed on the very text that would be written;
    raises PolicyError (for a save dialog to call as the user types)."""
    return _checked(table)[0]


def save_policy(
    table: PolicyTable, directory: Path | None = None, *, overwrite: bool = False
) -> Path:
    """Write `table` atomically as ``<slug>.toml`` in the user's policies folder;
    never overwrite unless told to, and never write what loading would refuse."""
    stem, text = _checked(table)
    target = (directory or user_dir()) / f"{stem}{SUFFIX}"
    return atomic_write(target, text, PolicyError, PolicyExistsError, overwrite=overwrite)
