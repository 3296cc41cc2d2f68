"""What the explorer says when it refuses a threshold: the field, the level, what
the value must be (its range, or no looser or stricter than the level beside it) and
what was typed."""

from __future__ import annotations

from ..domain import catalogue
from ..domain.enums import Lang, Tightening
from ..domain.policy import PolicyField, Stricter, ThresholdRefusal
from ..domain.wording import word
from ..i18n import label


def threshold_refusal(
    problem: ThresholdRefusal, field: PolicyField, level: Tightening, value: object, lang: Lang
) -> str:
    """The refusal of `value` for `field` at `level`, phrased from the edited level."""
    violation = problem.violation
    if violation is None:
        lo, hi = field.range
        expected = (
            catalogue.EXPECTED["bool"] if field.is_switch else catalogue.expected_integer(lo, hi)
        )(lang)
    else:
        # A tighter level must be at least as strict as the one below it; a looser one
        # at most as strict as the one above it.
        edited_is_tighter = violation.tighter_level is level
        other = violation.looser_level if edited_is_tighter else violation.tighter_level
        other_value = violation.looser_value if edited_is_tighter else violation.tighter_value
        higher_is_stricter = field.stricter is Stricter.HIGHER
        if field.is_switch:
            key = "refuse.same_as"
        elif higher_is_stricter == edited_is_tighter:
            key = "refuse.at_least"
        else:
            key = "refuse.at_most"
        expected = label(
            key,
            lang,
            value=str(other_value).lower(),
            other=word(other.value, lang),
            looser=word(violation.looser_level.value, lang),
            tighter=word(violation.tighter_level.value, lang),
        )
    return label(
        "refuse.threshold",
        lang,
        field=catalogue.POLICY_FIELD_LABELS[field.name](lang),
        level=word(level.value, lang),
        expected=expected,
        found=catalogue.describe_found(value)(lang),
    )
