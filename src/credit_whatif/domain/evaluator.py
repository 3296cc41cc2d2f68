"""``evaluate(scenario) -> Evaluation``: pure, deterministic, every rule checked.

No rule stops the evaluation: every rule that fires becomes a reason on every
feature it gates, so a user sees every blocker at once.
"""

from __future__ import annotations

from typing import Any

import attrs

from .. import i18n
from .effects import Effect
from .enums import Lang, Ranked, Status
from .features import FEATURES, Base, Feature
from .policy import POLICY_TABLE, Thresholds
from .regions import region_name
from .rules import RULES, Comparator, Rule
from .scenario import Scenario
from .text import LocalText


@attrs.frozen
class Reason:
    """One rule that fired for one feature."""

    rule: Rule
    feature: str
    observed: Any
    threshold: Any
    effect: Effect
    cap: int | None = None  # the cap as configured: yuan or percent
    cap_amount: int | None = None  # the cap applied to this feature, in yuan

    @property
    def margin(self) -> int | None:
        """How far the observed value is past the threshold (score points, days,
        counts, yuan, or levels of health and tightening); None for yes/no rules."""
        comparator = self.rule.comparator
        observed, threshold = self.observed, self.threshold
        if isinstance(observed, Ranked):
            observed, threshold = observed.rank, threshold.rank
        if isinstance(observed, bool) or not isinstance(observed, int):
            return None
        if comparator is Comparator.AT_LEAST:
            return int(threshold - observed)
        if comparator is Comparator.AT_MOST:
            return int(observed - threshold)
        return 1 if comparator is Comparator.NOT_EQUAL else None

    @property
    def message(self) -> LocalText:
        """The sentence the customer would be shown, in both languages."""
        return LocalText(self._message("en"), self._message("zh"))

    @property
    def title(self) -> LocalText:
        return i18n.RULE_TITLES[self.rule.id]

    def _message(self, lang: Lang) -> str:
        key = self.rule.key
        cap = format_cap(self, lang) if self.cap is not None else ""
        return i18n.RULE_MESSAGES[self.rule.id](lang).format(
            observed=format_value(key, self.observed, lang),
            threshold=format_value(key, self.threshold, lang),
            cap=cap,
            cap_clause=i18n.CAP_CLAUSE(lang).format(cap=cap) if cap else "",
        )


@attrs.frozen
class FeatureResult:
    feature: Feature
    status: Status
    amount: int | None
    reasons: tuple[Reason, ...]

    @property
    def usable(self) -> bool:
        return self.status is not Status.UNAVAILABLE

    @property
    def decisive(self) -> Reason | None:
        """The reason that sets the outcome: the first of the worst effect, or the
        tightest cap when the feature is limited."""
        worst = [r for r in self.reasons if r.effect.status is self.status]
        if not worst:
            return None
        capped = [r for r in worst if r.cap_amount is not None]
        if self.status is Status.LIMITED and capped:
            return min(capped, key=lambda r: r.cap_amount or 0)
        return worst[0]


@attrs.frozen
class Evaluation:
    scenario: Scenario
    features: tuple[FeatureResult, ...]

    def __getitem__(self, feature_id: str) -> FeatureResult:
        for result in self.features:
            if result.feature.id == feature_id:
                return result
        raise KeyError(feature_id)

    @property
    def usable(self) -> int:
        return sum(r.usable for r in self.features)

    @property
    def total(self) -> int:
        return len(self.features)

    @property
    def headline(self) -> LocalText:
        return LocalText(_headline(self, "en"), _headline(self, "zh"))


def _bases(scenario: Scenario) -> dict[Base, int | None]:
    return {
        Base.NONE: None,
        Base.AVAILABLE_CREDIT: scenario.borrower.available_credit,
        Base.OUTSTANDING: scenario.borrower.outstanding,
    }


def evaluate(scenario: Scenario) -> Evaluation:
    """Evaluate every rule against `scenario` and derive each feature's outcome."""
    thresholds = POLICY_TABLE[scenario.policy.tightening]
    bases = _bases(scenario)
    reasons: dict[str, list[Reason]] = {f.id: [] for f in FEATURES}
    for rule in RULES:
        observed, threshold = rule.check(scenario, thresholds)
        if rule.passes(observed, threshold):
            continue
        for feature_id, effect in rule.gates.items():
            base = bases[_BASES[feature_id]]
            cap, cap_amount = _cap(effect, thresholds, base)
            reasons[feature_id].append(
                Reason(rule, feature_id, observed, threshold, effect, cap, cap_amount)
            )
    return Evaluation(
        scenario,
        tuple(_outcome(f, bases[f.base], tuple(reasons[f.id])) for f in FEATURES),
    )


_BASES = {f.id: f.base for f in FEATURES}
RULES_BY_FEATURE: dict[str, tuple[Rule, ...]] = {
    f.id: tuple(r for r in RULES if f.id in r.gates) for f in FEATURES
}


def feature_outcome(scenario: Scenario, feature_id: str) -> tuple[Status, int | None]:
    """One feature's status and amount without building reasons.

    The fast path for counterfactuals and sweeps, which ask this many times; the
    same rules and arithmetic as :func:`evaluate` (a property test checks they agree).
    """
    thresholds = POLICY_TABLE[scenario.policy.tightening]
    kind = _BASES[feature_id]
    borrower = scenario.borrower
    if kind is Base.AVAILABLE_CREDIT:
        base: int | None = borrower.credit_limit - borrower.outstanding
    elif kind is Base.OUTSTANDING:
        base = borrower.outstanding
    else:
        base = None
    rank, amount = _AVAILABLE_RANK, base
    for check, passes, effect, effect_rank in _GATES[feature_id]:
        observed, threshold = check(scenario, thresholds)
        if passes(observed, threshold):
            continue
        rank = min(rank, effect_rank)
        if amount is not None and (effect.cap_yuan or effect.cap_pct):
            cap_amount = _cap(effect, thresholds, base)[1]
            if cap_amount is not None:
                amount = min(amount, cap_amount)
    if rank == _UNAVAILABLE_RANK and base is not None:
        amount = 0
    return _STATUS_BY_RANK[rank], amount


_STATUS_BY_RANK = tuple(Status)
_AVAILABLE_RANK = Status.AVAILABLE.rank
_UNAVAILABLE_RANK = Status.UNAVAILABLE.rank
# Per feature, the rules that gate it, unpacked once for the hot loop above.
_GATES: dict[str, tuple[tuple[Any, Any, Effect, int], ...]] = {
    feature_id: tuple(
        (r.check, r.passes, r.gates[feature_id], r.gates[feature_id].status.rank) for r in rules
    )
    for feature_id, rules in RULES_BY_FEATURE.items()
}


def _cap(effect: Effect, thresholds: Thresholds, base: int | None) -> tuple[int | None, int | None]:
    if effect.cap_yuan is not None:
        yuan: int | None = getattr(thresholds, effect.cap_yuan)
        return yuan, yuan
    if effect.cap_pct is not None:
        pct: int = getattr(thresholds, effect.cap_pct)
        return pct, None if base is None else base * pct // 100
    return None, None


def _outcome(feature: Feature, base: int | None, reasons: tuple[Reason, ...]) -> FeatureResult:
    status = min((r.effect.status for r in reasons), default=Status.AVAILABLE)
    amount = base
    if base is not None:
        if status is Status.UNAVAILABLE:
            amount = 0
        else:
            amount = min([base, *(r.cap_amount for r in reasons if r.cap_amount is not None)])
    return FeatureResult(feature, status, amount, reasons)


# --- Formatting for messages ---------------------------------------------------

_YUAN_KEYS = frozenset({"borrower.credit_limit", "borrower.outstanding"})


def format_yuan(amount: int, lang: Lang) -> str:
    return f"{amount:,} 元" if lang == "zh" else f"{amount:,} yuan"


def format_value(key: str, value: Any, lang: Lang) -> str:
    """An observed value or threshold as the customer would read it."""
    if type(value) is int:  # the common case first: scores, days, counts, yuan
        return format_yuan(value, lang) if key in _YUAN_KEYS else str(value)
    if isinstance(value, bool):
        return i18n.word(str(value).lower(), lang)
    if isinstance(value, Ranked):
        return i18n.word(value.value, lang)
    if isinstance(value, tuple):
        if not value:
            return i18n.word("none", lang)
        return i18n.LIST_SEPARATOR(lang).join(region_name(v, lang) for v in value)
    if key == "borrower.region" and isinstance(value, str):
        return f"{region_name(value, lang)} {value}"
    if isinstance(value, int) and key in _YUAN_KEYS:
        return format_yuan(value, lang)
    return str(value)


def format_cap(reason: Reason, lang: Lang) -> str:
    if reason.cap is None:
        return ""
    if reason.effect.cap_pct is not None:
        return f"{reason.cap}%"
    return format_yuan(reason.cap, lang)


# --- Headline -------------------------------------------------------------------


def _headline(evaluation: Evaluation, lang: Lang) -> str:
    templates = i18n.HEADLINES
    total, usable = evaluation.total, evaluation.usable
    withdrawal = evaluation["cash_withdrawal"]
    not_available = [r for r in evaluation.features if r.status is not Status.AVAILABLE]
    if not not_available:
        return templates["all_available"](lang).format(total=total)
    worst_first = sorted(not_available, key=lambda r: r.status.rank)
    focus = withdrawal if withdrawal.status is not Status.AVAILABLE else worst_first[0]
    decisive = focus.decisive
    assert decisive is not None  # a feature that is not available has a reason
    fields: dict[str, Any] = {
        "total": total,
        "usable": usable,
        "layer": i18n.word(decisive.rule.layer.value, lang),
        "title": decisive.title(lang),
    }
    if usable == 0:
        key = "nothing_works"
    elif withdrawal.status is Status.UNAVAILABLE:
        key = "withdrawal_interrupted"
    elif withdrawal.status is Status.LIMITED:
        key = "withdrawal_limited"
    else:
        worst = worst_first[0].status
        names = [r.feature.name(lang) for r in worst_first if r.status is worst]
        fields["names"] = i18n.LIST_SEPARATOR(lang).join(names)
        key = "some_unavailable" if worst is Status.UNAVAILABLE else "some_limited"
    return templates[key](lang).format(**fields)
