"""Values and sentences in a language: units, plurals, and the catalogue's templates
filled for a reason, a headline or a suggested change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import catalogue
from .effects import EffectKind, bound
from .enums import Lang, Ranked, Status
from .features import Feature
from .figures import Figure
from .inputs import Input
from .keypath import get_value
from .measures import Measure
from .policy import FieldKind, PolicyField
from .regions import region_name
from .registry import REGISTRY
from .text import LocalText

if TYPE_CHECKING:
    from .evaluator import Evaluation, Reason
    from .scenario import InvalidValueError

_CUTS = (EffectKind.REDUCED_LIMIT, EffectKind.LIMIT_CAP)
_KIND_UNITS: dict[FieldKind, str | None] = {
    FieldKind.SCORE: None,
    FieldKind.DAYS: "days",
    FieldKind.HOURS: "hours",
    FieldKind.MONTHS: "months",
    FieldKind.PERCENT: "percent",
    FieldKind.YUAN: "yuan",
}


def with_unit(unit: str | None, n: int, lang: Lang) -> str:
    """`n` with its unit in `lang`: '1 day', '12 days', '12 天', '12,000 yuan'."""
    number = f"{n:,}"
    if unit is None:
        return number
    one, many, zh = catalogue.UNITS[unit]
    if lang == "zh":
        return zh.format(n=number)
    return (one if n == 1 else many).format(n=number)


def format_date(date: dt.date, lang: Lang) -> str:
    """'13 Dec 2026', '2026年12月13日'."""
    months = catalogue.TIMELINE["months"](lang).split()
    return catalogue.TIMELINE["date"](lang).format(
        day=date.day, mon=months[date.month - 1], year=date.year
    )


def format_yuan(amount: int, lang: Lang) -> str:
    return with_unit("yuan", amount, lang)


MINUS = "\u2212"  # the one minus sign of every signed figure: "−1,200", not "-1,200"


def sign_of(n: int) -> str:
    """'+', '−' or '' (for 0)."""
    return "+" if n > 0 else MINUS if n < 0 else ""


def signed(n: int) -> str:
    """'+1,200', '−1,200', '0'."""
    return f"{sign_of(n)}{abs(n):,}"


def short_yuan(n: int, lang: Lang, *, sign: bool = True) -> str:
    """An amount in a few characters: '−1.2 bn yuan', '−1.2亿元', '+350 yuan' (with
    `sign`), for tables where the exact figure is shown elsewhere."""
    if n == 0:
        return "0"
    mark, size = (sign_of(n) if sign else ("" if n > 0 else MINUS)), abs(n)
    if lang == "zh":
        for unit, scale in (("亿元", 10**8), ("万元", 10**4)):
            if size >= scale:
                return f"{mark}{size / scale:,.1f}{unit}"
        return f"{mark}{format_yuan(size, lang)}"
    for unit, scale in (("bn yuan", 10**9), ("m yuan", 10**6), ("k yuan", 10**3)):
        if size >= scale:
            return f"{mark}{size / scale:,.1f} {unit}"
    return f"{mark}{format_yuan(size, lang)}"


def signed_yuan(n: int, lang: Lang) -> str:
    """'+1,200 yuan', '−1,200 元', '0'."""
    return f"{sign_of(n)}{format_yuan(abs(n), lang)}" if n else "0"


def word(key: str, lang: Lang) -> str:
    """A catalogue word (status, health, level, layer, yes/no), or the key itself."""
    text = catalogue.WORDS.get(key)
    return text(lang) if text is not None else key


def format_value(key: str, value: Any, lang: Lang) -> str:
    """An input's value as staff read it, with its unit ('12 days', '50,000 元')."""
    if type(value) is int:  # the common case first: scores, days, counts, yuan
        return with_unit(_value_unit(key), value, lang)
    if isinstance(value, bool):
        return word(str(value).lower(), lang)
    if isinstance(value, Ranked):
        return word(value.value, lang)
    if isinstance(value, tuple):
        if not value:
            return word("none", lang)
        return catalogue.LIST_SEPARATOR(lang).join(region_label(v, lang) for v in value)
    if key == "borrower.region" and isinstance(value, str):
        return region_label(value, lang)
    return str(value)


def _value_unit(key: str) -> str | None:
    declared = REGISTRY.by_key.get(key)
    return None if declared is None else declared.value_unit


def region_label(code: str, lang: Lang) -> str:
    """'Zhejiang (CN-ZJ)', '浙江(CN-ZJ)': for staff, never for customers."""
    return catalogue.WITH_CODE(lang).format(name=region_name(code, lang), code=code)


def format_field(
    field: PolicyField, value: Any, lang: Lang, limits: Input | Figure | Measure | None = None
) -> str:
    """A policy value with its unit; counts take the unit of the input they limit."""
    if field.is_switch:
        return word(str(bool(value)).lower(), lang)
    if field.kind is FieldKind.COUNT:
        unit = limits.value_unit if limits is not None else None
    else:
        unit = _KIND_UNITS[field.kind]
    return with_unit(unit, int(value), lang)


def _declared(operand: object) -> Input | Figure | Measure | None:
    return operand if isinstance(operand, (Input, Figure, Measure)) else None


def _threshold_text(reason: Reason, lang: Lang) -> str:
    threshold, source = reason.rule.threshold, _declared(reason.rule.input)
    if isinstance(threshold, PolicyField):
        return format_field(threshold, reason.threshold, lang, source)
    if isinstance(threshold, (Input, Figure, Measure)):
        return _with_units_of(threshold, reason.threshold, lang)
    return _with_units_of(source, reason.threshold, lang)


def _with_units_of(declared: Input | Figure | Measure | None, value: Any, lang: Lang) -> str:
    if type(value) is int:
        return with_unit(declared.value_unit if declared is not None else None, value, lang)
    return format_value(declared.key if declared is not None else "", value, lang)


def _observed_text(reason: Reason, lang: Lang) -> str:
    source = reason.rule.input
    if isinstance(source, PolicyField):
        return format_field(source, reason.observed, lang)
    return _with_units_of(_declared(source), reason.observed, lang)


def _margin_text(reason: Reason, lang: Lang) -> str:
    margin = reason.margin
    if margin is None:
        return ""
    declared = _declared(reason.rule.input)
    return with_unit(declared.margin_unit if declared is not None else None, margin, lang)


def feature_words(feature: Feature, lang: Lang) -> dict[str, str]:
    """{feature} (mid-sentence), {Feature} (to start one), {payout}, and {service}
    (the name customers know it by)."""
    name = feature.name(lang)
    payout = feature.payout(lang) if feature.payout is not None else name
    known_as = feature.service(lang) if feature.service is not None else None
    if lang == "zh":
        return {"feature": name, "Feature": name, "payout": payout, "service": known_as or name}
    return {
        "feature": name.lower(),
        "Feature": name,
        "payout": payout,
        "service": known_as or name.lower(),
    }


def _variant(reason: Reason) -> str:
    effect = reason.effect
    if effect.kind is EffectKind.BLOCK or effect.status is Status.UNAVAILABLE:
        return effect.status.value
    return effect.kind.value


_GENERIC = LocalText(
    "{Feature} is not available at the moment. Please try again later.",
    "{feature}暂时无法使用,请稍后再试。",
)


def reason_message(reason: Reason, lang: Lang) -> str:
    """The customer's sentence: no cut-offs, no rule ids, no system names, no codes."""
    messages = catalogue.RULE_TEXTS[reason.rule.id].messages
    template = (
        messages.get(reason.feature.id)
        or (messages.get("owed") if reason.scenario.borrower.outstanding > 0 else None)
        or messages.get(_variant(reason))
        or messages.get("*")
        or _GENERIC
    )
    scenario_figures = _figures(reason, lang)
    return template(lang).format(
        observed=_observed_text(reason, lang),
        **feature_words(reason.feature, lang),
        **scenario_figures,
    )


def reason_detail(reason: Reason, lang: Lang) -> str:
    """The staff's sentence: the rule, observed against threshold, margin, level, effect."""
    text = catalogue.RULE_TEXTS[reason.rule.id]
    at_zero = reason.threshold == 0 and not isinstance(reason.threshold, bool)
    template = text.detail_at_zero if at_zero and text.detail_at_zero else text.detail
    words = feature_words(reason.feature, lang)
    cause = template(lang).format(
        observed=_observed_text(reason, lang),
        threshold=_threshold_text(reason, lang),
        margin=_margin_text(reason, lang),
        level=word(reason.level.value, lang),
        **words,
        **_measure_parts(reason, lang),
    )
    return (
        f"{cause} {effect_text(reason, lang)}"
        if lang == "en"
        else cause + effect_text(reason, lang)
    )


def _measure_parts(reason: Reason, lang: Lang) -> dict[str, str]:
    """What a measure the rule reads is made of: {stated} (the borrower's input) and
    each policy number by its field's name."""
    parts: dict[str, str] = {}
    table = reason.values
    for measure in reason.rule.measures:
        stated = get_value(reason.scenario, measure.input.key)
        parts["stated"] = format_value(measure.input.key, stated, lang)
        for field in measure.fields:
            parts[field.name] = format_field(field, table[field.name], lang)
    return parts


def effect_text(reason: Reason, lang: Lang) -> str:
    """What the reason does to its feature, with the amounts."""
    effect = reason.effect
    if effect.kind is EffectKind.BLOCK:
        key = effect.status.value
    elif effect.status is Status.UNAVAILABLE:
        key = "cap_to_nothing"
    else:
        key = effect.kind.value
    value = ""
    if reason.value is not None:
        if effect.kind is EffectKind.PAYOUT_CAP or effect.kind is EffectKind.LIMIT_CAP:
            value = format_yuan(reason.value, lang)
        elif effect.kind is EffectKind.DELAY:
            value = with_unit("hours", reason.value, lang)
        else:
            value = with_unit("percent", reason.value, lang)
    figures = _figures(reason, lang)
    return catalogue.EFFECT_TEXT[key](lang).format(
        value=value,
        before=format_yuan(reason.before or 0, lang),
        amount=format_yuan(reason.amount or 0, lang),
        **feature_words(reason.feature, lang),
        **figures,
    )


def _figures(reason: Reason, lang: Lang) -> dict[str, str]:
    """The customer's own figures a sentence may quote: balance, limit, reduced limit."""
    borrower = reason.scenario.borrower
    limit, outstanding = borrower.credit_limit, borrower.outstanding
    if reason.value is None or reason.effect.kind not in _CUTS:
        reduced = limit
    else:
        reduced = bound(reason.effect.kind, limit, reason.value)
    return {
        "outstanding": format_yuan(outstanding, lang),
        "limit": format_yuan(limit, lang),
        "reduced_limit": format_yuan(reduced, lang),
    }


# --- Headline -------------------------------------------------------------------------


def headline(evaluation: Evaluation, lang: Lang) -> str:
    templates = catalogue.HEADLINES
    total, usable = evaluation.total, evaluation.usable
    not_available = [r for r in evaluation.features if r.status is not Status.AVAILABLE]
    if not not_available:
        return templates["all_available"](lang).format(total=total)
    worst_first = sorted(not_available, key=lambda r: r.status.rank)
    ids = [r.feature.id for r in evaluation.features]
    withdrawal = evaluation["cash_withdrawal"] if "cash_withdrawal" in ids else None
    focus = withdrawal if withdrawal and withdrawal.status is not Status.AVAILABLE else None
    focus = focus or worst_first[0]
    decisive = focus.decisive
    assert decisive is not None  # a feature that is not available has a reason
    fields: dict[str, Any] = {
        "total": total,
        "usable": usable,
        "layer": word(decisive.rule.layer.value, lang),
        "title": decisive.title(lang),
    }
    account = evaluation.account
    if account.rule is not None:  # frozen or closed says more than any one feature
        return templates[f"account_{account.state.value}"](lang).format(**fields)
    if usable == 0:
        key = "nothing_works"
    elif focus is withdrawal and focus.status is Status.UNAVAILABLE:
        key = "withdrawal_interrupted_one" if usable == 1 else "withdrawal_interrupted"
    elif focus is withdrawal:
        key = "withdrawal_limited_all_usable" if usable == total else "withdrawal_limited"
    else:
        worst = worst_first[0].status
        names = [
            feature_words(r.feature, lang)["feature"] for r in worst_first if r.status is worst
        ]
        fields["names"] = join_words(names, lang)
        fields["verb"] = "is" if len(names) == 1 else "are"
        key = "some_unavailable" if worst is Status.UNAVAILABLE else "some_limited"
    return templates[key](lang).format(**fields)


# --- Refusals ---------------------------------------------------------------------------


def refusal(error: InvalidValueError, edited_key: str, value: Any) -> tuple[LocalText, LocalText]:
    """(expected, found) for an edit of `edited_key` that was refused, phrased for the
    field the person edited even when the clash was found on another field."""
    conflict = error.conflict
    field = edited_key.rsplit(".", 1)[-1]
    if conflict is not None and (conflict.id, field) in catalogue.CONFLICTS_EDITED:
        return (
            catalogue.conflict_expected(conflict, field, edited=True),
            catalogue.describe_found(value),
        )
    return error.expected_text, error.found_text


def join_words(words: Sequence[str], lang: Lang) -> str:
    """'a, b and c' in English, 'a、b、c' in Chinese."""
    if lang == "zh" or len(words) < 2:
        return catalogue.LIST_SEPARATOR(lang).join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
