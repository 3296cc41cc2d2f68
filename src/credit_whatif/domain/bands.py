"""Score floors of the active policy: the explorer's slider ticks and band names,
read from the rules on the score (never a hand list)."""

from __future__ import annotations

from .enums import Lang, Tightening
from .policy import PolicyField, PolicyTable
from .registry import REGISTRY, Registry
from .text import LocalText

Floor = tuple[int, PolicyField]


def score_floors(
    table: PolicyTable, level: Tightening, registry: Registry = REGISTRY
) -> list[Floor]:
    """(score, policy field) of every rule on the score at `level`, lowest first."""
    values = table[level].values
    floors: dict[int, PolicyField] = {}
    for rule in registry.rules_reading("borrower.score"):
        field = rule.threshold_field
        if field is not None:
            floors.setdefault(int(values[field.name]), field)
    return sorted(floors.items(), key=lambda item: item[0])


def next_floor(score: int, floors: list[Floor]) -> Floor | None:
    """The lowest floor above `score` (the next thing a higher score would unlock)."""
    return next(((value, field) for value, field in floors if value > score), None)


def next_floor_label(score: int, floors: list[Floor], lang: Lang) -> str:
    """What the slider says beside `score`: the next floor above it and what that
    floor unlocks, or that every floor is cleared."""
    from .catalogue import BAND_NAMES, BANDS, POLICY_FIELD_LABELS

    found = next_floor(score, floors)
    if found is None:
        return BANDS["clear"](lang)
    value, field = found
    label: LocalText = BAND_NAMES.get(field.name) or POLICY_FIELD_LABELS[field.name]
    return BANDS["next"](lang).format(label=label(lang), value=value)
