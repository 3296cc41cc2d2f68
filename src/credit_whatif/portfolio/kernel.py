"""The columnar evaluator: Polars expressions generated from the declarative registry.

Nothing here knows a rule by name. For one side of a comparison (levers and a policy
table) every rule of ``registry.rules`` becomes a term: whether it fires, from its
comparator and operands. An input with a portfolio column (``borrower.score``) is
that column; a lever (``system.*``, ``funding.*``, ``policy.*``), a policy field and a constant are
plain Python values for the run, so a rule on the systems folds to ``True`` or
``False`` before Polars sees it; a figure of the credit line is its own declared
definition (:mod:`credit_whatif.domain.figures`) over columns. Anything else is a
:class:`KernelError`. Each feature's status and amount then follows the steps written
once in :mod:`credit_whatif.domain.effects`, with every bound from its
:func:`~credit_whatif.domain.effects.bound`, over terms:

1. input rules (not reading the credit line) fire; an ``unless`` rule that already
   acted for the feature silences them; blocks lower the rank;
2. features drawing on the line: the effective limit (lowest fired reduction), the
   available credit, a reduction lowering the limit limits; then the rules on the
   line's figures;
3. shares of available credit, then per-payout caps, each only where it binds; a
   bound of 0 makes the feature unavailable;
4. unavailable means an amount of 0; otherwise the credit after shares, or the
   tightest binding per-payout cap.

Ranks are combined with ``pl.min_horizontal`` over at most one ``when/then`` per
status (no chains), and every repeated sub-expression (a rule's firing, a feature's
credit line) is computed once as a named column of one of a few ``with_columns``
stages (:mod:`.terms`), shared by both sides when it is the same expression.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence

import attrs
import polars as pl

from ..domain.effects import STAGES, EffectKind, Stage, bound
from ..domain.enums import AccountState, Status
from ..domain.features import Base, Feature
from ..domain.figures import Figure, Line
from ..domain.inputs import CREDIT_LIMIT, OUTSTANDING, Input
from ..domain.keypath import get_value
from ..domain.measures import Measure
from ..domain.policy import PolicyField, PolicyTable
from ..domain.registry import REGISTRY, Registry
from ..domain.rule_model import Const, Operand, Rule
from ..domain.scenario import LEVER_TABLES, Funding, PolicyLevers, Scenario, Systems
from .terms import (
    POLARS_OPS,
    KernelError,
    Stages,
    Term,
    arith,
    both_and,
    either,
    fails,
    is_expr,
    lit,
    negate,
    pick,
    smallest,
)

AVAILABLE = Status.AVAILABLE.rank
LIMITED = Status.LIMITED.rank
UNAVAILABLE = Status.UNAVAILABLE.rank
STATUSES: tuple[Status, ...] = tuple(Status)  # by rank: unavailable, limited, available


@attrs.frozen
class Levers:
    """What is constant over a run: system health, the lender's funding and the
    policy levers (tightening, suspended regions). Borrower values come from the
    portfolio."""

    system: Systems = attrs.field(factory=Systems)
    policy: PolicyLevers = attrs.field(factory=PolicyLevers)
    funding: Funding = attrs.field(factory=Funding)

    @classmethod
    def of(cls, scenario: Scenario) -> Levers:
        return cls(scenario.system, scenario.policy, scenario.funding)

    @property
    def scenario(self) -> Scenario:
        return Scenario(system=self.system, policy=self.policy, funding=self.funding)


@attrs.frozen
class Side:
    """One side of a comparison: levers under a policy table, and the stress put on
    every borrower (``(input key, delta)`` pairs: a number added to the input's
    column, the result kept within the input's range)."""

    levers: Levers
    table: PolicyTable
    shifts: tuple[tuple[str, int], ...] = ()

    def column(self, declared: Input) -> Term:
        """The column of a declared input as this side reads it (shifted, if asked)."""
        name = _column(declared)
        delta = dict(self.shifts).get(declared.key, 0)
        if delta == 0:
            return pl.col(name)
        lo, hi = declared.range
        return (pl.col(name) + delta).clip(lo, hi)

    @property
    def headroom(self) -> pl.Expr:
        """The credit left on the line as granted: limit less balance, at least 0."""
        limit, outstanding = self.column(CREDIT_LIMIT), self.column(OUTSTANDING)
        return _not_below_zero(lit(limit) - outstanding)


# --- One side: the fold over terms ---------------------------------------------------


@attrs.frozen
class FeatureTerms:
    """A feature's outcome on one side: rank (0 unavailable .. 2 available), amount
    in yuan (0 for a feature without one) and, per rule gating it, whether the rule
    acts on it (gives a reason in :func:`evaluate`)."""

    feature: Feature
    rank: Term
    amount: Term
    acts: Mapping[str, Term]
    capped: Term = False  # limited by a per-payout cap (one payout, not the credit)


class _Reader:
    def __init__(self, side: Side, stages: Stages) -> None:
        self.side = side
        self.stages = stages
        self.scenario = side.levers.scenario
        self.values = side.table[side.levers.policy.tightening].values

    def operand(self, operand: Operand, line: Line | None) -> Term:
        if isinstance(operand, Input):
            if operand.column is not None:
                return self.side.column(operand)
            if operand.key.split(".", 1)[0] in LEVER_TABLES:
                return get_value(self.scenario, operand.key)
            raise KernelError(f"{operand.key} is neither a portfolio column nor a lever")
        if isinstance(operand, PolicyField):
            return self.values[operand.name]
        if isinstance(operand, Figure):
            if line is None:
                raise KernelError(f"{operand.key} is known only for features on the line")
            # A column: both sides' rules on it (at their own thresholds) read it.
            return self.stages.put(operand.define(line, POLARS_OPS))
        if isinstance(operand, Const):
            return operand.value
        if isinstance(operand, Measure):
            stated = self.operand(operand.input, line)
            # A column: the rules comparing with it and the cut it sets read it once.
            measure = operand.compute(stated, [self.values[f.name] for f in operand.fields])
            return self.stages.put(measure, "m")
        raise KernelError(f"the kernel cannot read {operand!r}")

    def fires(self, rule: Rule, line: Line | None = None) -> Term:
        observed = self.operand(rule.input, line)
        threshold = self.operand(rule.threshold, line)
        fired = fails(rule.comparator, observed, threshold)
        if rule.reads_optional and is_expr(fired):
            # What the borrower has not stated (null) cannot hold anything back.
            return fired.fill_null(False)
        return fired


def _not_below_zero(term: pl.Expr) -> pl.Expr:
    """``max(term, 0)`` as a horizontal maximum, which Polars runs about twice as
    fast as ``clip(lower_bound=0)`` (the values are never null here)."""
    return pl.max_horizontal(term, pl.lit(0, pl.Int64))


def _column(declared: Input) -> str:
    if declared.column is None:
        raise KernelError(f"{declared.key} has no portfolio column")
    return declared.column


def _rank(lowers: Iterable[tuple[Term, int]]) -> Term:
    """The lowest rank any true condition asks for: one ``when`` per rank, then a
    horizontal minimum."""
    best = AVAILABLE
    grouped: dict[int, list[Term]] = {}
    for condition, rank in lowers:
        if is_expr(condition):
            grouped.setdefault(rank, []).append(condition)
        elif condition:
            best = min(best, rank)
    parts = [
        pick(either(*conds), pl.lit(rank, pl.Int8), pl.lit(best, pl.Int8))
        for rank, conds in sorted(grouped.items())
        if rank < best
    ]
    return smallest(*parts) if parts else best


class _Fold:
    """One feature's fold on one side, step by step as in the evaluator."""

    def __init__(
        self, feature: Feature, rules: Sequence[Rule], reader: _Reader, stages: Stages
    ) -> None:
        self.feature = feature
        self.rules = rules
        self.reader = reader
        self.stages = stages
        self.taken: dict[str, Term] = {}  # rules that acted (fired, not silenced)
        self.lowers: list[tuple[Term, int]] = []  # (condition, rank it asks for)
        # (rule, acting, kind, number): a percentage of the limit, or a cap in yuan
        self.reductions: list[tuple[Rule, Term, EffectKind, Term]] = []
        self.caps: list[tuple[Rule, EffectKind, Term, int, int]] = []
        self.acts: dict[str, Term] = {rule.id: False for rule in rules}
        self.payout_bindings: list[Term] = []

    def take(self, rule: Rule, fires: Term) -> None:
        """A rule fired (where `fires`): unless a rule in its ``unless`` already
        acted, its effect applies."""
        silencers = [self.taken[u] for u in rule.unless if u in self.taken]
        # Named once: the rank, the rule's reason and the rules it silences all read it.
        acting = self.stages.put(both_and(fires, negate(either(*silencers))), "x")
        self.taken[rule.id] = acting
        effect = rule.gates[self.feature.id]
        if effect.kind in (EffectKind.BLOCK, EffectKind.DELAY):  # a status ceiling only
            self.lowers.append((acting, effect.status.rank))
            self.acts[rule.id] = acting
            return
        if effect.kind is EffectKind.LIMIT_CAP:  # the number is the threshold exceeded
            cap = self.reader.operand(rule.threshold, None)
            self.reductions.append((rule, acting, effect.kind, cap))
            return
        if effect.field is None or effect.kind not in STAGES:
            raise KernelError(f"{rule.id}: no arithmetic for a {effect.kind} effect")
        value = self.reader.values[effect.field.name]
        if STAGES[effect.kind] is Stage.LIMIT:
            self.reductions.append((rule, acting, effect.kind, value))
        else:
            self.caps.append((rule, effect.kind, acting, value, effect.status.rank))

    def credit_line(self) -> Term:
        """The effective limit and available credit of a feature drawing on the line,
        then the rules on those figures; returns the available credit."""
        limit = self.reader.side.column(CREDIT_LIMIT)
        outstanding = self.reader.side.column(OUTSTANDING)
        put = self.stages.put
        # Each cut is a column: the effective limit and whether the cut binds read it.
        cuts = [
            (rule, acting, put(bound(kind, limit, number), "c"))
            for rule, acting, kind, number in self.reductions
        ]
        effective = put(smallest(limit, *(pick(a, cut, limit) for _, a, cut in cuts)))
        available = put(_not_below_zero(lit(effective) - outstanding))
        for rule, acting, cut in cuts:
            # A cut that lowers the limit, and is the deepest that applies, limits.
            binding = put(both_and(acting, (cut < limit) & (cut <= lit(effective))), "x")
            self.lowers.append((binding, LIMITED))
            self.acts[rule.id] = binding
        line = Line(limit, outstanding, effective, available)
        for rule in self.rules:
            if rule.reads_line:
                self.take(rule, put(self.reader.fires(rule, line), "f"))
        return available

    def capped(self, available: Term) -> Term:
        """Shares of available credit first, then per-payout caps against what the
        shares leave; each counts only where it binds. Returns the amount."""
        shares = [c for c in self.caps if STAGES[c[1]] is Stage.CREDIT]
        payouts = [c for c in self.caps if STAGES[c[1]] is Stage.PAYOUT]
        share_caps = []
        for rule, kind, acting, pct, rank in shares:
            cap = self.stages.put(bound(kind, available, pct), "c")
            binding = self.stages.put(both_and(acting, arith(operator.lt, cap, available)), "x")
            self.lowers.append((binding, rank))
            self.lowers.append((both_and(binding, arith(operator.eq, cap, 0)), UNAVAILABLE))
            self.acts[rule.id] = binding
            share_caps.append(pick(acting, cap, available))
        credit = self.stages.put(smallest(available, *share_caps))
        payout_caps = []
        for rule, kind, acting, number, rank in payouts:
            value = bound(kind, credit, number)
            binding = self.stages.put(both_and(acting, arith(operator.lt, value, credit)), "x")
            self.lowers.append((binding, UNAVAILABLE if value == 0 else rank))
            self.acts[rule.id] = binding
            self.payout_bindings.append(binding)
            payout_caps.append(pick(acting, value, credit))
        return smallest(credit, *payout_caps)

    def run(self, fired: Mapping[str, Term]) -> FeatureTerms:
        for rule in self.rules:
            if not rule.reads_line:
                self.take(rule, fired[rule.id])
        # A feature on the line needs it for its amount; another only for rules on it.
        line_available: Term | None = None
        if self.feature.base is Base.AVAILABLE_CREDIT or any(r.reads_line for r in self.rules):
            line_available = self.credit_line()
        available: Term | None
        if self.feature.base is Base.AVAILABLE_CREDIT:
            available = line_available
        elif self.feature.base is Base.OUTSTANDING:
            available = self.reader.side.column(OUTSTANDING)
        else:
            available = None  # no amount: caps and reductions do nothing
        amount: Term = 0
        if available is not None:
            amount = self.capped(available) if self.caps else available
        put = self.stages.put
        rank = put(_rank(self.lowers), "r")
        if available is not None:
            amount = pick(arith(operator.eq, rank, UNAVAILABLE), 0, amount)
        acts = {rule_id: put(term, "x") for rule_id, term in self.acts.items()}
        capped = both_and(either(*self.payout_bindings), arith(operator.eq, rank, LIMITED))
        return FeatureTerms(self.feature, rank, put(amount, "a"), acts, capped)


def side_terms(registry: Registry, side: Side, stages: Stages) -> tuple[FeatureTerms, ...]:
    """Every feature's outcome on one side, as terms over `stages`' columns."""
    reader = _Reader(side, stages)
    fired = {
        rule.id: stages.put(reader.fires(rule), "f")
        for rule in registry.rules
        if not rule.reads_line
    }
    return tuple(
        _Fold(feature, registry.by_feature[feature.id], reader, stages).run(fired)
        for feature in registry.features
    )


def feature_terms(registry: Registry, side: Side, stages: Stages, feature: Feature) -> FeatureTerms:
    """One feature's outcome on one side (only its own rules are worked out)."""
    reader = _Reader(side, stages)
    rules = registry.by_feature[feature.id]
    fired = {rule.id: stages.put(reader.fires(rule), "f") for rule in rules if not rule.reads_line}
    return _Fold(feature, rules, reader, stages).run(fired)


# --- Per-row outcomes (the explorer's drill-down and the property test) --------------


def account_state(terms: Sequence[FeatureTerms], registry: Registry) -> Term:
    """The account's state (the rank of :class:`AccountState`): the worst state of a
    rule that acts on any feature, as :attr:`Evaluation.account` finds it."""
    state: Term = AccountState.ACTIVE.rank
    for declared in sorted(AccountState, key=lambda a: a.rank)[1:]:
        acting = [
            t.acts[rule.id]
            for rule in registry.rules
            if rule.state is declared
            for t in terms
            if rule.id in t.acts
        ]
        state = pick(either(*acting), declared.rank, state)
    return state


def outcome_columns(
    terms: Sequence[FeatureTerms], prefix: str = "", registry: Registry = REGISTRY
) -> list[pl.Expr]:
    """``account.state`` (rank), and ``<feature>.status`` (rank), ``<feature>.amount``
    and ``<feature>.<rule id>`` (acts) for every feature, as named expressions over the
    stages' columns."""
    out: list[pl.Expr] = [
        lit(account_state(terms, registry)).cast(pl.UInt8).alias(f"{prefix}account.state")
    ]
    for t in terms:
        fid = f"{prefix}{t.feature.id}"
        out.append(lit(t.rank).cast(pl.UInt8).alias(f"{fid}.status"))
        out.append(lit(t.amount).cast(pl.Int64).alias(f"{fid}.amount"))
        out.extend(lit(a).cast(pl.Boolean).alias(f"{fid}.{rule}") for rule, a in t.acts.items())
    return out


def row_outcomes(
    frame: pl.LazyFrame | pl.DataFrame,
    side: Side,
    registry: Registry = REGISTRY,
) -> pl.DataFrame:
    """Every row's outcome on one side (typed columns in, see :func:`outcome_columns`
    for what comes out)."""
    stages = Stages()
    terms = side_terms(registry, side, stages)
    return stages.apply(frame.lazy()).select(outcome_columns(terms, registry=registry)).collect()
