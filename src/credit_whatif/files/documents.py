"""Structuring TOML data into the attrs model with cattrs, and turning cattrs'
nested errors into one message with a key path and a did-you-mean."""

from __future__ import annotations

import functools
from enum import Enum
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from ..domain import catalogue
from ..domain.enums import Health, Tightening
from ..domain.keypath import field_at
from ..domain.scenario import (
    Activity,
    Borrower,
    InvalidValueError,
    Overdue,
    PolicyLevers,
    Scenario,
    Systems,
    check_region,
    describe,
    did_you_mean,
    did_you_mean_text,
)
from ..domain.text import LocalText
from .errors import InputError, Phrase, PresetError
from .tomlfile import check_name


def _name(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    try:
        check_name(value, InputError, "", attribute.name)
    except InputError as exc:
        raise InvalidValueError(exc.expected_text, exc.found_text, attribute.name) from None


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError("a string", describe(value), attribute.name)


@attrs.frozen
class ScenarioDocument:
    """A preset file as written: names and descriptions beside the scenario tables."""

    name: str = attrs.field(default="", validator=_name, metadata={"expected": "a string"})
    description: str = attrs.field(default="", validator=_text, metadata={"expected": "a string"})
    name_zh: str = attrs.field(default="", validator=_name, metadata={"expected": "a string"})
    description_zh: str = attrs.field(
        default="", validator=_text, metadata={"expected": "a string"}
    )
    borrower: Borrower = attrs.field(factory=Borrower)
    system: Systems = attrs.field(factory=Systems)
    policy: PolicyLevers = attrs.field(factory=PolicyLevers)

    @property
    def scenario(self) -> Scenario:
        return Scenario(borrower=self.borrower, system=self.system, policy=self.policy)


attrs.resolve_types(ScenarioDocument)


def _strict(kind: type, expected: str) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        if type(value) is not kind:
            raise InvalidValueError(expected, describe(value))
        return value

    return hook


def _enum_hook(value: Any, enum: type[Enum]) -> Enum:
    choices = [m.value for m in enum]
    if isinstance(value, str) and value in choices:
        return enum(value)
    listed = ", ".join(f'"{c}"' for c in choices)
    hint = did_you_mean(value, choices) if isinstance(value, str) else ""
    raise InvalidValueError(f"one of {listed}{hint}", describe(value))


def _string_list(value: Any, _type: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InvalidValueError("an array of region codes", describe(value))
    # Checked here, in file order, before the model sorts the codes.
    for index, item in enumerate(value):
        check_region(item.upper() if isinstance(item, str) else item, f"[{index}]")
    return tuple(value)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_unstructure_hook(Health, lambda member: member.value)
    converter.register_unstructure_hook(Tightening, lambda member: member.value)
    converter.register_structure_hook(Health, _enum_hook)
    converter.register_structure_hook(Tightening, _enum_hook)
    is_region_list = lambda t: t == tuple[str, ...]  # noqa: E731
    converter.register_structure_hook_func(is_region_list, _string_list)
    converter.register_unstructure_hook_func(is_region_list, list)

    # Leaves first: a generated hook captures the hooks of its fields when it is made.
    for cls in (Overdue, Activity, Borrower, Systems, PolicyLevers, ScenarioDocument):
        structure = converter.gen_structure_attrs_fromdict(cls)

        def table_only(value: Any, cl: Any, _structure: Any = structure) -> Any:
            if not isinstance(value, dict):
                raise InvalidValueError("a table", describe(value))
            return _structure(value, cl)

        converter.register_structure_hook(cls, table_only)
    return converter


@functools.cache
def converter() -> cattrs.Converter:
    """Made on first use: generating the hooks costs start-up time for --help."""
    return _make_converter()


def _join(path: str, name: str) -> str:
    if not path or name.startswith("["):
        return f"{path}{name}"
    return f"{path}.{name}"


def _locate(exc: BaseException, path: str) -> tuple[str, Phrase, Phrase]:
    """Walk cattrs' nested exception groups to the first error: (key, expected, found)."""
    if isinstance(exc, BaseValidationError):
        sub = exc.exceptions[0]
        for note in getattr(sub, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                return _locate(sub, _join(path, note.name))
            if isinstance(note, IterableValidationNote):
                return _locate(sub, f"{path}[{note.index}]")
        return _locate(sub, path)
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)]
        unknown = sorted(exc.extra_fields)[0]
        hint = did_you_mean_text(unknown, known)
        expected = catalogue.found_phrase("key_among", keys=", ".join(known)) + hint
        return (
            _join(path, unknown),
            expected,
            catalogue.found_phrase("unknown_key", name=repr(unknown)),
        )
    if isinstance(exc, InvalidValueError):
        key = _join(path, exc.field) if exc.field else path
        return key or "(top level)", exc.expected_text, exc.found_text
    return path or "(top level)", "a valid value", str(exc)


def _refine(key: str, expected: Phrase) -> Phrase:
    """Replace a bare type ('an integer') with the field's range where one is known."""
    english = expected if isinstance(expected, str) else expected.en
    if english not in ("an integer", "true or false", "a string"):
        return expected
    field = field_at(ScenarioDocument, key)
    if field is None:
        return expected
    refined = field.metadata.get("expected", expected)
    return refined if isinstance(refined, (str, LocalText)) else expected


def structure_scenario(
    data: Any, source: str, error: type[InputError] = PresetError
) -> ScenarioDocument:
    """Validate preset data (a dict read from TOML) into a document."""
    try:
        document: ScenarioDocument = converter().structure(data, ScenarioDocument)
    except (BaseValidationError, InvalidValueError) as exc:
        key, expected, found = _locate(exc, "")
        raise error(source, key, _refine(key, expected), found) from None
    return document


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the preset format's tables, every key filled."""
    data: dict[str, Any] = converter().unstructure(scenario)
    return data
