"""``evaluate(scenario, table) -> Evaluation``: pure, deterministic, every rule checked.

No rule stops the evaluation: every rule that fires becomes a reason on every
feature it gates, so a user sees every blocker at once.

One fold (:func:`_fold`) is shared by :func:`evaluate` (which keeps the reasons)
and :func:`feature_outcome` (the fast path for counterfactuals and sweeps, which
does not). It follows the steps written once in :mod:`.effects` and takes every bound
from :func:`.effects.bound`; the portfolio kernel follows the same steps over columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .effects import Effect, EffectKind, bound
from .enums import AccountState, Ranked, Status, Tightening
from .features import Base, Feature
from .figures import Line
from .plan import FeaturePlan, Fired, Hit, plan_for
from .policy import PolicyTable
from .registry import REGISTRY, Registry
from .rule_model import Comparator, Rule
from .scenario import Scenario
from .text import LocalText


@attrs.frozen
class Reason:
    """One rule that fired for one feature."""

    rule: Rule
    feature: Feature
    observed: Any
    threshold: Any
    effect: Effect
    level: Tightening  # the tightening level whose thresholds applied
    scenario: Scenario = attrs.field(eq=False, repr=False)  # for the customer's own figures
    value: int | None = None  # a cap's yuan, a share's or reduction's percent, a delay's hours
    amount: int | None = None  # what this reason alone leaves of the amount, in yuan
    before: int | None = None  # the amount before it (caps, shares, reductions)
    # The policy numbers of the level that applied (a measure's parts, for the detail).
    values: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def margin(self) -> int | None:
        """How far the observed value is past the threshold (score points, days,
        counts, yuan, or levels of health); None for yes/no and set rules."""
        observed, threshold = self.observed, self.threshold
        if isinstance(observed, Ranked) and isinstance(threshold, Ranked):
            observed, threshold = observed.rank, threshold.rank
        if isinstance(observed, bool) or not isinstance(observed, int):
            return None
        if not isinstance(threshold, int) or isinstance(threshold, bool):
            return None
        comparator = self.rule.comparator
        if comparator is Comparator.AT_LEAST:
            return threshold - observed
        if comparator is Comparator.AT_MOST:
            return observed - threshold
        if comparator is Comparator.BELOW:
            return observed - threshold + 1
        return 1 if comparator is Comparator.NOT_EQUAL else None

    @property
    def message(self) -> LocalText:
        """What the customer is told, in both languages."""
        from .wording import reason_message

        return LocalText(reason_message(self, "en"), reason_message(self, "zh"))

    @property
    def detail(self) -> LocalText:
        """What support or risk staff see: the rule, observed against threshold, margin."""
        from .wording import reason_detail

        return LocalText(reason_detail(self, "en"), reason_detail(self, "zh"))

    @property
    def title(self) -> LocalText:
        from .catalogue import rule_title

        return rule_title(self.rule.id)


@attrs.frozen
class FeatureResult:
    feature: Feature
    status: Status
    amount: int | None  # the most one payout (or repayment) can be now; 0 if unavailable
    reasons: tuple[Reason, ...]
    available: int | None = None  # credit usable in total (repayment: what is owed)
    payout_cap: int | None = None  # the tightest binding per-payout cap, if any

    @property
    def usable(self) -> bool:
        return self.status is not Status.UNAVAILABLE

    @property
    def decisive(self) -> Reason | None:
        """The reason that sets the outcome, and whose sentence is the customer's one
        notice about the feature: of the reasons that set its status, the first by
        notice topic (the account's state, an overdue payment, the line itself, other
        credit, policy, the lender's systems), then the one that leaves least, then in
        registry order. None when nothing holds the feature back."""
        setting = [r for r in self.reasons if r.effect.status is self.status]
        if not setting:
            return None
        # Among limits on the same topic, the one that leaves the least is the one felt.
        return min(setting, key=lambda r: (r.rule.notice_topic.rank, _left(r)))

    @property
    def notice(self) -> Reason | None:
        """The reason whose sentence the customer is told (the decisive one); None when
        the feature is available."""
        return None if self.status is Status.AVAILABLE else self.decisive


def _left(reason: Reason) -> int:
    return reason.amount if reason.amount is not None else 0


@attrs.frozen
class Account:
    """The account as a whole: its state and the rule that puts it there (None while
    it is active)."""

    state: AccountState
    rule: Rule | None = None


ACTIVE = Account(AccountState.ACTIVE)


@attrs.frozen
class Evaluation:
    scenario: Scenario
    table: PolicyTable
    features: tuple[FeatureResult, ...]
    registry: Registry = attrs.field(default=REGISTRY, repr=False)

    def __getitem__(self, feature_id: str) -> FeatureResult:
        for result in self.features:
            if result.feature.id == feature_id:
                return result
        raise KeyError(feature_id)

    @property
    def usable(self) -> int:
        return sum(r.usable for r in self.features)

    @property
    def account(self) -> Account:
        """Frozen or closed when a rule that says so fires (closed wins: a closed line
        is not also frozen); active otherwise."""
        found = ACTIVE
        for result in self.features:
            for reason in result.reasons:
                state = reason.rule.state
                if state is not None and state > found.state:
                    found = Account(state, reason.rule)
        return found

    @property
    def total(self) -> int:
        return len(self.features)

    @property
    def headline(self) -> LocalText:
        from .wording import headline

        return LocalText(headline(self, "en"), headline(self, "zh"))


_STATUSES = tuple(Status)
_AVAILABLE = Status.AVAILABLE.rank
_LIMITED = Status.LIMITED.rank
_UNAVAILABLE = Status.UNAVAILABLE.rank
_BLOCK = EffectKind.BLOCK
_DELAY = EffectKind.DELAY
_REDUCED = EffectKind.REDUCED_LIMIT
_LIMIT_CAP = EffectKind.LIMIT_CAP
_PAYOUT = EffectKind.PAYOUT_CAP
_AVAILABLE_CREDIT = Base.AVAILABLE_CREDIT
_OUTSTANDING = Base.OUTSTANDING

Outcome = tuple[Status, int | None, int | None, int | None]  # status, amount, available, cap


def _fold(  # noqa: PLR0915 - the hot path: one function, no calls per step
    plan: FeaturePlan,
    s: Scenario,
    t: Mapping[str, Any],
    level: Tightening,
    fired_inputs: Fired,
    sink: list[Reason] | None,
) -> Outcome:
    """One feature's status and amounts from the input rules that fired for it (in
    registry order); reasons go to `sink` when one is given."""
    feature = plan.feature
    rank = _AVAILABLE
    seen: set[str] | None = set() if plan.tracks_unless else None  # for 'unless'
    # Made only when needed: most features of most scenarios have neither. A cut of
    # the limit: (rule, effect, kind, number, hit), the number a percentage or yuan.
    reductions: list[tuple[Rule, Effect, EffectKind, int, Hit]] | None = None
    caps: list[tuple[Rule, Effect, EffectKind, int, Hit]] | None = None
    pending: Fired = fired_inputs
    # A feature on the line needs it for its amount; another only for rules on it.
    line_checked = plan.base is not _AVAILABLE_CREDIT and not plan.line
    line_reasons = False
    borrower = s.borrower
    available: int | None = None
    while True:
        for gate, hit in pending:
            rule = gate.rule
            if seen is not None:
                unless = gate.unless
                if unless and not seen.isdisjoint(unless):
                    continue
                seen.add(rule.id)
            kind = gate.kind
            if kind is _BLOCK or kind is _DELAY:
                rank = min(rank, gate.rank)
                if sink is not None:
                    # A delay's number (hours late) is the staff's to see, not an amount.
                    value = None if gate.field is None else t[gate.field]
                    sink.append(
                        Reason(
                            rule,
                            feature,
                            hit[0],
                            hit[1],
                            gate.effect,
                            level,
                            s,
                            value,
                            None,
                            None,
                            t,
                        )
                    )
            elif kind is _REDUCED or kind is _LIMIT_CAP:
                if reductions is None:
                    reductions = []
                # A limit cap's number is the threshold the limit exceeds.
                number = hit[1] if kind is _LIMIT_CAP else t[gate.field]  # type: ignore[index]
                reductions.append((rule, gate.effect, kind, number, hit))
            else:
                if caps is None:
                    caps = []
                caps.append((rule, gate.effect, kind, t[gate.field], hit))  # type: ignore[index]
        if line_checked:
            break
        # The credit line, now that the reductions are known; then the rules on it.
        line_checked = True
        limit = borrower.credit_limit
        outstanding = borrower.outstanding
        if reductions:
            line: tuple[int, int, int, int] = open_line(
                limit, outstanding, [(r[2], r[3]) for r in reductions]
            )
        else:  # the common case, written out: no call, a plain tuple in Line's order
            available = limit - outstanding if limit > outstanding else 0
            line = (limit, outstanding, limit, available)
        available = line[3]
        if reductions:
            before = limit - outstanding if limit > outstanding else 0
            effective = line[2]
            for rule, effect, cut_kind, number, hit in reductions:
                reduced = bound(cut_kind, limit, number)
                if reduced >= limit or reduced > effective:
                    continue  # a cut that does not lower the limit (more) limits nothing
                rank = min(rank, _LIMITED)
                if sink is not None:
                    left = reduced - outstanding if reduced > outstanding else 0
                    sink.append(
                        Reason(
                            rule, feature, hit[0], hit[1], effect, level, s, number, left, before, t
                        )
                    )
        pending = []
        for gate in plan.line:
            check, passes = gate.check, gate.passes
            observed, threshold = check(s, t, line)
            if not passes(observed, threshold):
                pending.append((gate, (observed, threshold)))
        if not pending:
            break
        line_reasons = True
        if seen is None:
            seen = set()  # input rules may silence a line rule ('unless')

    if plan.base is _OUTSTANDING:
        available = borrower.outstanding
    elif plan.base is not _AVAILABLE_CREDIT:
        available = None

    # Shares of available credit first (they set what is usable in total), then
    # per-payout caps against that: each only where it lowers the amount.
    credit = available
    payout: int | None = None
    if caps and available is not None:
        for rule, declared, kind, value, hit in sorted(caps, key=_shares_first):
            limit_before = available if kind is not _PAYOUT or credit is None else credit
            cap = bound(kind, limit_before, value)
            if cap >= limit_before:
                continue  # a cap that does not lower the amount limits nothing
            # A cap that leaves nothing to draw makes the feature unavailable.
            effect = attrs.evolve(declared, status=Status.UNAVAILABLE) if cap == 0 else declared
            rank = min(rank, effect.status.rank)
            if kind is _PAYOUT:
                payout = cap if payout is None or cap < payout else payout
            elif credit is not None and cap < credit:
                credit = cap
            if sink is not None:
                sink.append(
                    Reason(
                        rule, feature, hit[0], hit[1], effect, level, s, value, cap, limit_before, t
                    )
                )
    if sink is not None and (reductions or caps or line_reasons):
        # Reductions, caps and line rules were added after the blocks.
        order = plan.order
        sink.sort(key=lambda r: order[r.rule.id])
    if rank == _UNAVAILABLE and available is not None:
        return _STATUSES[rank], 0, 0, None
    amount = credit if payout is None else payout
    return _STATUSES[rank], amount, credit, payout


def _shares_first(cap: tuple[Rule, Effect, EffectKind, int, Hit]) -> bool:
    return cap[2] is _PAYOUT


def evaluate(scenario: Scenario, table: PolicyTable, registry: Registry = REGISTRY) -> Evaluation:
    """Evaluate every rule against `scenario` under `table` and derive each feature's outcome."""
    plan = plan_for(registry)
    level = scenario.policy.tightening
    t = table.levels[level].values
    # Each input rule is checked once; what fires goes to every feature it gates.
    fired: list[Fired] = [[] for _ in plan.features]
    for check, passes, targets in plan.phase_a:
        observed, threshold = check(scenario, t, None)
        if passes(observed, threshold):
            continue
        hit = (observed, threshold)
        for index, gate in targets:
            fired[index].append((gate, hit))
    results = []
    for feature_plan in plan.features:
        sink: list[Reason] = []
        status, amount, available, payout = _fold(
            feature_plan, scenario, t, level, fired[feature_plan.index], sink
        )
        results.append(
            FeatureResult(feature_plan.feature, status, amount, tuple(sink), available, payout)
        )
    return Evaluation(scenario, table, tuple(results), registry)


def feature_outcome(
    scenario: Scenario, feature_id: str, table: PolicyTable, registry: Registry = REGISTRY
) -> tuple[Status, int | None]:
    """One feature's status and amount without building reasons: the same fold as
    :func:`evaluate` (a property test checks they agree)."""
    plan = plan_for(registry).by_id[feature_id]
    level = scenario.policy.tightening
    t = table.levels[level].values
    fired: Fired = []
    for gate in plan.inputs:
        # Read into names first: a call through the attribute is slower.
        check, passes = gate.check, gate.passes
        observed, threshold = check(scenario, t, None)
        if not passes(observed, threshold):
            fired.append((gate, (observed, threshold)))
    status, amount, _available, _payout = _fold(plan, scenario, t, level, fired, None)
    return status, amount


def open_line(limit: int, outstanding: int, cuts: Iterable[tuple[EffectKind, int]] = ()) -> Line:
    """The credit line with the lowest of the `cuts` applied (each a reduction to a
    percentage of the granted limit, or a cap in yuan), and what it leaves available."""
    effective = limit
    for kind, number in cuts:
        reduced = bound(kind, limit, number)
        effective = reduced if reduced < effective else effective
    available = effective - outstanding if effective > outstanding else 0
    return Line(limit, outstanding, effective, available)
