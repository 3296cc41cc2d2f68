"""Dotted key paths such as ``borrower.overdue.current_days``: one walker for
reading, changing and describing the fields of the attrs model."""

from __future__ import annotations

from typing import Any

import attrs


def field_at(cls: type, key: str) -> attrs.Attribute[Any] | None:
    """The attrs field that `key` names under `cls`, or None if there is none."""
    field: attrs.Attribute[Any] | None = None
    node: Any = cls
    for part in key.split("."):
        if not (isinstance(node, type) and attrs.has(node)):
            return None
        field = attrs.fields_dict(node).get(part)
        if field is None:
            return None
        node = field.type
    return field


def get_value(obj: Any, key: str) -> Any:
    """The value at `key` under `obj`."""
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj


def with_values(obj: Any, values: dict[str, Any]) -> Any:
    """A copy of `obj` with several dotted keys set at once, validated together, so
    fields that constrain each other (the overdue ones) can move together."""
    direct: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        head, _, rest = key.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    for head, inner in nested.items():
        direct[head] = with_values(getattr(obj, head), inner)
    return attrs.evolve(obj, **direct)


def set_in(data: dict[str, Any], key: str, value: Any) -> str | None:
    """Set `key` in nested dicts, creating missing tables; returns the key path of a
    non-table met on the way (which cannot hold `key`), else None."""
    parts = key.split(".")
    node = data
    for depth, part in enumerate(parts[:-1]):
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            return ".".join(parts[: depth + 1])
        node = child
    node[parts[-1]] = value
    return None
