"""Structuring valid data into attrs classes as cattrs does, without cattrs.

The explorer's start structures one preset, nearly always a valid one; importing
cattrs and generating its hooks is ~10 ms of the start before the first frame. This
walks the classes' fields the way cattrs' generated hooks do (a key given: the hook
of the field's type; a key missing: the field's default; the class's own validators
and converters in its ``__init__``) with the hooks cattrs is given, and vouches only
for what it knows: any other field type, a key the class lacks, or any error, and it
answers None so that cattrs structures the data or reports the error, as always.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs

T = TypeVar("T")
Hook = Callable[[Any, Any], Any]


class _UnsureError(Exception):
    """A shape this module does not structure: cattrs does."""


def quick_structure(data: Any, cls: type[T], hooks: Mapping[Any, Hook]) -> T | None:
    """`data` as cattrs' converter (``forbid_extra_keys``, with `hooks` registered for
    the leaf types) structures it into `cls`, an attrs class; None where that cannot
    be vouched for."""
    try:
        return _structure(data, cls, hooks)
    except Exception:  # every error is for the cattrs path to report
        return None


def _structure(data: Any, cls: type[T], hooks: Mapping[Any, Hook]) -> T:
    if not isinstance(data, dict):
        raise _UnsureError
    attrs.resolve_types(cls)  # type: ignore[type-var] # as cattrs does: annotations may be strings
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    if not data.keys() <= {field.name for field in fields}:
        raise _UnsureError
    values = {}
    for field in fields:
        if not field.init or field.alias != field.name:
            raise _UnsureError
        if field.name in data:
            values[field.name] = _value(data[field.name], field.type, hooks)
    return cls(**values)


def _value(value: Any, kind: Any, hooks: Mapping[Any, Hook]) -> Any:
    hook = hooks.get(kind)
    if hook is not None:
        return hook(value, kind)
    if isinstance(kind, type) and attrs.has(kind):
        return _structure(value, kind, hooks)
    args = get_args(kind)
    if get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis:
        if not isinstance(value, list):
            raise _UnsureError
        return tuple(_value(item, args[0], hooks) for item in value)
    raise _UnsureError
