"""Structuring TOML data into the attrs model with cattrs, and turning cattrs'
nested errors into one message with a key path and a did-you-mean.

A preset that is valid is structured first without cattrs (:mod:`.quick_structure`),
by the same hooks and the same classes: importing cattrs and generating its hooks is
~10 ms of the explorer's start before its first frame, for a file that is nearly
always valid. Anything that quick path does not know, or any error, goes to cattrs,
which builds the same document or reports the error as it always has.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

from ..domain import catalogue
from ..domain.clock import derived_keys, with_counts
from ..domain.enums import FundingQuota, Health, Tightening
from ..domain.events import KIND_OF_KEY, Event, EventError, EventKind
from ..domain.keypath import field_at, get_value
from ..domain.registry import REGISTRY
from ..domain.scenario import (
    Activity,
    Borrower,
    Funding,
    InvalidValueError,
    Overdue,
    PolicyLevers,
    Scenario,
    Systems,
    check_region,
    describe,
    did_you_mean_text,
)
from ..domain.text import LocalText
from .errors import InputError, Phrase, PresetError
from .quick_structure import quick_structure
from .tomlfile import check_name

if TYPE_CHECKING:
    import cattrs

_STRING = catalogue.EXPECTED["string"]
_TOP = "(top level)"  # the key of an error about the whole file (translated when shown)
# What a bare type says; a field with a range says the range instead.
_BARE_TYPES = {catalogue.EXPECTED[k].en for k in ("whole_number", "bool", "string")}


def _name(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    try:
        check_name(value, InputError, "", attribute.name)
    except InputError as exc:
        raise InvalidValueError(exc.expected_text, exc.found_text, attribute.name) from None


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(catalogue.EXPECTED["string"], describe(value), attribute.name)


@attrs.frozen
class ScenarioDocument:
    """A preset file as written: names and descriptions beside the scenario tables."""

    name: str = attrs.field(default="", validator=_name, metadata={"expected": _STRING})
    description: str = attrs.field(default="", validator=_text, metadata={"expected": _STRING})
    name_zh: str = attrs.field(default="", validator=_name, metadata={"expected": _STRING})
    description_zh: str = attrs.field(default="", validator=_text, metadata={"expected": _STRING})
    as_of: dt.date | None = None
    borrower: Borrower = attrs.field(factory=Borrower)
    system: Systems = attrs.field(factory=Systems)
    funding: Funding = attrs.field(factory=Funding)
    policy: PolicyLevers = attrs.field(factory=PolicyLevers)

    @property
    def scenario(self) -> Scenario:
        """The scenario, its counts derived from its dated events at ``as_of``."""
        borrower = with_counts(self.borrower, self.as_of)
        return Scenario(
            borrower=borrower,
            system=self.system,
            funding=self.funding,
            policy=self.policy,
            as_of=self.as_of,
        )


attrs.resolve_types(ScenarioDocument)


def _strict(kind: type, expected: LocalText) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        if type(value) is not kind:
            raise InvalidValueError(expected, describe(value))
        return value

    return hook


def _enum_hook(value: Any, enum: type[Enum]) -> Enum:
    choices = [m.value for m in enum]
    if isinstance(value, str) and value in choices:
        return enum(value)
    hint = did_you_mean_text(value, choices) if isinstance(value, str) else LocalText("", "")
    raise InvalidValueError(catalogue.expected_one_of(choices) + hint, describe(value))


def _health_hook(value: Any, _type: Any) -> Any:
    return Health(value) if isinstance(value, str) and value in Health._value2member_map_ else value


def _string_list(value: Any, _type: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InvalidValueError("an array of region codes", describe(value))
    # Checked here, in file order, before the model sorts the codes.
    for index, item in enumerate(value):
        check_region(item.upper() if isinstance(item, str) else item, f"[{index}]")
    return tuple(value)


def _date(value: Any, _type: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise InvalidValueError(catalogue.EXPECTED["date"], describe(value))


def _optional_date(value: Any, _type: Any) -> dt.date | None:
    return None if value is None else _date(value, _type)


def _optional_int(value: Any, _type: Any) -> Any:
    # Checked by the field's own validator, which knows its range (an episode's days,
    # a stated income).
    return value


def _event_list(value: Any, _type: Any) -> tuple[Event, ...]:
    from cattrs.errors import BaseValidationError

    if not isinstance(value, list):
        raise InvalidValueError(catalogue.EXPECTED["events"], describe(value))
    events = []
    for index, item in enumerate(value):
        try:
            events.append(converter().structure(item, Event))
        except (BaseValidationError, InvalidValueError, EventError) as exc:
            key, expected, found = _locate(exc, f"[{index}]")
            raise InvalidValueError(expected, found, key) from None
    return tuple(events)


def _events_out(events: tuple[Event, ...]) -> list[dict[str, Any]]:
    """Each event as a table; an overdue episode still open has no ``days``."""
    out = []
    for event in events:
        table: dict[str, Any] = {"kind": event.kind.value, "date": event.date}
        if event.days is not None:
            table["days"] = event.days
        if event.outage:
            table["outage"] = True
        out.append(table)
    return out


# The structure hooks of the field types, shared by cattrs and the quick path. A
# system's health is checked by its field, which knows the choices of that system
# (only the disbursement channel can be delayed).
_HOOKS: dict[Any, Any] = {
    int: _strict(int, catalogue.EXPECTED["whole_number"]),
    bool: _strict(bool, catalogue.EXPECTED["bool"]),
    str: _strict(str, _STRING),
    Health: _health_hook,
    Tightening: _enum_hook,
    EventKind: _enum_hook,
    FundingQuota: _enum_hook,
    dt.date: _date,
}
_OPTIONAL_HOOKS: dict[Any, Any] = {dt.date | None: _optional_date, int | None: _optional_int}


def _is(kind: Any) -> Callable[[Any], bool]:
    return lambda t: bool(t == kind)


def _make_converter() -> cattrs.Converter:
    import cattrs

    converter = cattrs.Converter(forbid_extra_keys=True)
    for kind, hook in _HOOKS.items():
        converter.register_structure_hook(kind, hook)
    converter.register_unstructure_hook(Health, lambda member: member.value)
    converter.register_unstructure_hook(Tightening, lambda member: member.value)
    converter.register_unstructure_hook(FundingQuota, lambda member: member.value)
    converter.register_unstructure_hook(EventKind, lambda member: member.value)
    for optional, hook in _OPTIONAL_HOOKS.items():
        converter.register_structure_hook_func(_is(optional), hook)
    converter.register_unstructure_hook(dt.date, lambda value: value)
    is_region_list = lambda t: t == tuple[str, ...]  # noqa: E731
    converter.register_structure_hook_func(is_region_list, _string_list)
    converter.register_unstructure_hook_func(is_region_list, list)
    is_event_list = lambda t: t == tuple[Event, ...]  # noqa: E731
    converter.register_structure_hook_func(is_event_list, _event_list)
    converter.register_unstructure_hook_func(is_event_list, _events_out)

    # Leaves first: a generated hook captures the hooks of its fields when it is made.
    for cls in (
        Event,
        Overdue,
        Activity,
        Borrower,
        Systems,
        Funding,
        PolicyLevers,
        ScenarioDocument,
    ):
        structure = converter.gen_structure_attrs_fromdict(cls)

        def table_only(value: Any, cl: Any, _structure: Any = structure) -> Any:
            if not isinstance(value, dict):
                raise InvalidValueError(catalogue.EXPECTED["table"], describe(value))
            return _structure(value, cl)

        converter.register_structure_hook(cls, table_only)
    return converter


@functools.cache
def converter() -> cattrs.Converter:
    """Made on first use: generating the hooks costs start-up time for --help."""
    return _make_converter()


# The quick path's hooks: cattrs' hooks above, by the type they structure.
_QUICK_HOOKS = {**_HOOKS, **_OPTIONAL_HOOKS, tuple[str, ...]: _string_list}


def _join(path: str, name: str) -> str:
    if not path or name.startswith("["):
        return f"{path}{name}"
    return f"{path}.{name}"


def _locate(exc: BaseException, path: str) -> tuple[str, Phrase, Phrase]:
    """Walk cattrs' nested exception groups to the first error: (key, expected, found)."""
    from cattrs.errors import (
        AttributeValidationNote,
        BaseValidationError,
        ForbiddenExtraKeysError,
        IterableValidationNote,
    )

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
    if isinstance(exc, (InvalidValueError, EventError)):
        key = _join(path, exc.field) if exc.field else path
        return key or _TOP, exc.expected_text, exc.found_text
    return path or _TOP, catalogue.EXPECTED["valid_value"], str(exc)


def _refine(key: str, expected: Phrase) -> Phrase:
    """Replace a bare type ('an integer') with the field's range where one is known."""
    english = expected if isinstance(expected, str) else expected.en
    if english not in _BARE_TYPES:
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
    _check_counts_or_events(data, source, error)
    document = quick_structure(data, ScenarioDocument, _QUICK_HOOKS)
    if document is not None:
        try:
            document.scenario  # noqa: B018 - the clock's checks: no event after as_of
        except (InvalidValueError, EventError):
            pass  # reported below, as cattrs' path reports it
        else:
            return document
    from cattrs.errors import BaseValidationError

    try:
        document = converter().structure(data, ScenarioDocument)
        document.scenario  # noqa: B018 - the clock's checks: no event after as_of
    except (BaseValidationError, InvalidValueError, EventError) as exc:
        key, expected, found = _locate(exc, "")
        raise error(source, key, _refine(key, expected), found) from None
    return document


def _check_counts_or_events(data: Any, source: str, error: type[InputError]) -> None:
    """A count given beside dated events of its kind is refused, naming both."""
    borrower = data.get("borrower") if isinstance(data, dict) else None
    if not isinstance(borrower, dict) or not isinstance(borrower.get("events"), list):
        return
    kinds = {e.get("kind") for e in borrower["events"] if isinstance(e, dict)}
    for key, kind in KIND_OF_KEY.items():
        _, table, name = key.split(".")
        given = borrower.get(table)
        if kind.value in kinds and isinstance(given, dict) and name in given:
            expected = catalogue.EXPECTED["count_or_events"]
            expected = LocalText(
                expected.en.format(kind=kind.value), expected.zh.format(kind=kind.value)
            )
            raise error(source, key, expected, catalogue.found_phrase("both_given"))


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the preset format's tables, every key filled."""
    data: dict[str, Any] = converter().unstructure(scenario)
    # Counts that dated events give are written as the events, never twice.
    for key in derived_keys(scenario):
        _, table, name = key.split(".")
        del data["borrower"][table][name]
        if not data["borrower"][table]:
            del data["borrower"][table]
    if not scenario.borrower.events:
        del data["borrower"]["events"]
    if scenario.as_of is None:
        del data["as_of"]
    # What the borrower has not stated is left out (TOML has no null).
    for declared in REGISTRY.inputs:
        if declared.optional and get_value(scenario, declared.key) is None:
            *tables, name = declared.key.split(".")
            holder: dict[str, Any] = data
            for part in tables:
                holder = holder[part]
            del holder[name]
    return data
