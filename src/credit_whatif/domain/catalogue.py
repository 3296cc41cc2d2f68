"""The domain's en/zh catalogue: every sentence about rules, results and changes.

The sentences live in the message files, ``credit_whatif/messages/en.toml`` and
``zh.toml`` (read and checked by :mod:`.message_files`); this module gives them the
shapes the code uses. Two tiers of text for every rule:

- ``message``: what the customer is shown. Plain and polite: what happened, what
  they can do, when it may recover. Never an internal cut-off, rule id, system
  component or region code; the customer's own figures (score, days overdue,
  balance, limit, checks) may appear. The Chinese never contains a Latin letter.
- ``detail``: what support or risk staff see: the rule, the observed value against
  the threshold, the margin and the policy level, in plain words.

Placeholders are filled by :mod:`.wording`, which formats every value for the
language (units, plurals, thousands separators). Labels of the command line and
the explorer are in the same files' ``[ui]`` table, read by :mod:`credit_whatif.i18n`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING

import attrs

from . import message_files
from .text import LocalText

if TYPE_CHECKING:
    from .scenario import Conflict

T = LocalText
_MESSAGES = message_files.load()

WORDS: dict[str, LocalText] = _MESSAGES.table("words")

LIST_SEPARATOR = _MESSAGES.text("format", "list_separator")
CLAUSE_SEPARATOR = _MESSAGES.text("format", "clause_separator")
LABEL_SEPARATOR = _MESSAGES.text("format", "label_separator")
NOTE = _MESSAGES.text("format", "note")
WITH_CODE = _MESSAGES.text("format", "with_code")
ERROR_LINE = _MESSAGES.text("format", "error_line")

SYSTEM_NAMES: dict[str, LocalText] = _MESSAGES.table("systems")


@attrs.frozen
class FeatureText:
    """A feature's name, what it is, the name of one payout ("withdrawal"), if it
    pays out, and the name customers know it by, where that is not its name (the
    product says 借款 where staff and the article say 提现)."""

    name: LocalText
    summary: LocalText
    payout: LocalText | None = None
    service: LocalText | None = None


def _feature_text(feature_id: str) -> FeatureText:
    path = ("features", feature_id)

    def optional(key: str) -> LocalText | None:
        return _MESSAGES.text(*path, key) if _MESSAGES.has(*path, key) else None

    return FeatureText(
        _MESSAGES.text(*path, "name"),
        _MESSAGES.text(*path, "summary"),
        optional("payout"),
        optional("service"),
    )


FEATURE_TEXTS: dict[str, FeatureText] = {
    feature_id: _feature_text(feature_id) for feature_id in _MESSAGES.keys("features")
}


@attrs.frozen
class RuleText:
    """The texts of one rule.

    ``messages`` maps a variant to the customer's sentence: ``"*"`` for any; a
    feature id where one feature is told something of its own (repayment during a
    payment outage); ``"owed"`` while the borrower owes something; or an effect
    (``"unavailable"``, ``"limited"``, ``"payout_cap"``, ``"share"``,
    ``"reduced_limit"``) where the rule does different things to different features.
    ``detail_at_zero`` replaces ``detail`` when the threshold is 0 (so staff read
    "needs no overdue payment", never "at most 0 days").
    """

    title: LocalText
    messages: Mapping[str, LocalText]
    detail: LocalText
    detail_at_zero: LocalText | None = None
    short: LocalText | None = None  # the title in a few words, for narrow tables


def _rule_text(rule_id: str) -> RuleText:
    """A rule's texts: ``message`` is one sentence, or a table of them by variant."""
    path = ("rules", rule_id)
    if _MESSAGES.is_table(*path, "message"):
        messages = _MESSAGES.table(*path, "message")
    else:
        messages = {"*": _MESSAGES.text(*path, "message")}
    return RuleText(
        _MESSAGES.text(*path, "title"),
        messages,
        _MESSAGES.text(*path, "detail"),
        _MESSAGES.text(*path, "detail_at_zero") if _MESSAGES.has(*path, "detail_at_zero") else None,
        _MESSAGES.text(*path, "short") if _MESSAGES.has(*path, "short") else None,
    )


RULE_TEXTS: dict[str, RuleText] = {
    rule_id: _rule_text(rule_id) for rule_id in _MESSAGES.keys("rules")
}


def rule_title(rule_id: str) -> LocalText:
    return RULE_TEXTS[rule_id].title


def rule_short_title(rule_id: str) -> LocalText:
    """The title in a few words ('Score too low'), or the title where none is given."""
    text = RULE_TEXTS[rule_id]
    return text.short if text.short is not None else text.title


# What a rule's effect does to one feature, appended to the staff detail.
EFFECT_TEXT: dict[str, LocalText] = _MESSAGES.table("effects")


def _unit(key: str) -> tuple[str, str, str]:
    """en singular, en plural, zh: a unit written once serves every number."""
    en, zh = _MESSAGES.forms("en", "units", key), _MESSAGES.forms("zh", "units", key)
    one, many = (en, en) if isinstance(en, str) else (en.get("one", en["other"]), en["other"])
    return one, many, zh if isinstance(zh, str) else zh["other"]


# "{n}" is the number.
UNITS: dict[str, tuple[str, str, str]] = {key: _unit(key) for key in _MESSAGES.keys("units")}

HEADLINES: dict[str, LocalText] = _MESSAGES.table("headlines")

# Who or what brings a change about.
ACTORS: dict[str, LocalText] = _MESSAGES.table("actors")

CHANGE_TEXT: dict[str, LocalText] = _MESSAGES.table("changes")
# The same for a record ageing out, when dated events give the day it does.
DATED_CHANGE_TEXT: dict[str, LocalText] = _MESSAGES.table("changes_dated")

EXPLAIN: dict[str, LocalText] = _MESSAGES.table("explain")

# When a feature comes back: the sentences, and the cause of a change by the input
# whose count the events give.
TIMELINE: dict[str, LocalText] = _MESSAGES.table("timeline")
TIMELINE_CAUSES: dict[str, LocalText] = _MESSAGES.table("timeline_causes")

POLICY_FIELD_LABELS: dict[str, LocalText] = _MESSAGES.table("policy_fields")

# The score bands of the explorer's slider: what the next score floor is, named short
# (a floor without a short name is named by its field label).
BAND_NAMES: dict[str, LocalText] = _MESSAGES.table("band_names")

BANDS: dict[str, LocalText] = _MESSAGES.table("bands")

# --- Refusals of invalid values -----------------------------------------------------

EXPECTED: dict[str, LocalText] = _MESSAGES.table("expected")
_EXPECTED_TEMPLATES: dict[str, LocalText] = _MESSAGES.table("expected_templates")
_FOUND: dict[str, LocalText] = _MESSAGES.table("found")


def _filled(text: LocalText, **fields: object) -> LocalText:
    return T(text.en.format(**fields), text.zh.format(**fields))


def expected_integer(lo: int, hi: int) -> LocalText:
    return _filled(_EXPECTED_TEMPLATES["integer"], lo=lo, hi=hi)


def expected_one_of(choices: Sequence[str]) -> LocalText:
    template = _EXPECTED_TEMPLATES["one_of"]
    return T(
        template.en.format(choices=LIST_SEPARATOR.en.join(f'"{c}"' for c in choices)),
        template.zh.format(choices=LIST_SEPARATOR.zh.join(repr(c) for c in choices)),
    )


def expected_derived(value: int) -> LocalText:
    """A count given beside the dated events it is counted from."""
    return _filled(_EXPECTED_TEMPLATES["derived"], value=value)


def expected_not_after(as_of: dt.date) -> LocalText:
    return _filled(_EXPECTED_TEMPLATES["not_after"], as_of=as_of.isoformat())


def expected_repaid_by(most: int, as_of: dt.date) -> LocalText:
    return _filled(_EXPECTED_TEMPLATES["repaid_by"], most=most, as_of=as_of.isoformat())


def found_phrase(key: str, **fields: object) -> LocalText:
    """A ``[found]`` phrase with its fields filled: ``found_phrase("text", value="'x'")``."""
    return _filled(_FOUND[key], **fields)


def describe_found(value: object) -> LocalText:
    """How a found value is shown in an error: its TOML-ish form and type."""
    if isinstance(value, bool):
        return _filled(_FOUND["boolean"], value=str(value).lower())
    if isinstance(value, int):
        return _filled(_FOUND["integer"], value=value)
    if isinstance(value, float):
        return _filled(_FOUND["float"], value=value)
    if isinstance(value, Enum):  # a member of a vocabulary, as the file spelled it
        return _filled(_FOUND["string"], value=repr(value.value))
    if isinstance(value, str):
        return _filled(_FOUND["string"], value=repr(value))
    if isinstance(value, dt.datetime):
        return _filled(_FOUND["datetime"], value=value.isoformat(sep=" "))
    if isinstance(value, dt.date):
        return _filled(_FOUND["date"], value=value.isoformat())
    if isinstance(value, dict):
        return _FOUND["table"]
    if isinstance(value, (list, tuple)):
        return _FOUND["array"]
    name = type(value).__name__
    return T(name, name)


def _conflicts(section: str) -> dict[tuple[str, str], LocalText]:
    return {
        (conflict, field): text
        for conflict in _MESSAGES.keys(section)
        for field, text in _MESSAGES.table(section, conflict).items()
    }


# Two overdue fields that constrain each other, phrased from the field being set.
# In a file the field is named by its key; in the explorer by its label.
CONFLICTS: dict[tuple[str, str], LocalText] = _conflicts("conflicts")

# The same, for a person editing one field in the explorer.
CONFLICTS_EDITED: dict[tuple[str, str], LocalText] = _conflicts("conflicts_edited")


def conflict_expected(conflict: Conflict, field: str, edited: bool = False) -> LocalText:
    """What `field` should be, given the other field of `conflict`."""
    table = CONFLICTS_EDITED if edited else CONFLICTS
    return _filled(table[(conflict.id, field)], **conflict.values)
