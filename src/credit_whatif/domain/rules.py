"""The rule registry, declared as data.

Each rule says what it reads (an input of :mod:`.inputs` or a figure of the credit
line of :mod:`.figures`), what that must satisfy (a comparator and a threshold: a
policy field, a constant, another input or a figure), and its effect on every
feature it gates (:mod:`.effects`). Nothing else about a rule is written anywhere:
the scalar evaluator, the single-feature fast path, the counterfactual search, the
sweeps, the rule table and the columnar portfolio kernel are all derived from these
declarations.

A rule *fires* when its input does not satisfy its requirement. The system rules
are generated from the feature registry, so a system gates exactly the features
that use it. A rule may also say what the account is while it fires (frozen,
closed) and what its customer notice is about (:class:`.enums.NoticeTopic`), which
orders the notices. What a rule is: :mod:`.rule_model`; its sentences: the message
files; its numbers: the policy files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import inputs as i
from .effects import (
    LIMIT_CAPPED,
    LIMITED,
    UNAVAILABLE,
    Effect,
    payout_cap,
    reduced_limit,
    share_of_available,
)
from .enums import AccountState, FundingQuota, Health, NoticeTopic, System
from .features import FEATURES, Feature
from .figures import AVAILABLE_CREDIT, EFFECTIVE_LIMIT, UTILISATION
from .inputs import Input, InputKind
from .measures import Measure
from .policy import FieldKind, floor, maximum, minimum, switch
from .rule_model import Comparator, Const, Rule, rule


def _all(features: Iterable[str], effect: Effect) -> dict[str, Effect]:
    return dict.fromkeys(features, effect)


# --- System layer: generated from the feature registry ------------------------------


def system_rules(features: Sequence[Feature]) -> list[Rule]:
    """Two rules per system: down (unavailable, or a user's own stand-in effect) and
    degraded (each user's own effect); a third, delayed, for a system some feature
    declares an effect of delay for."""
    rules = []
    for system in System:
        users = [f for f in features if system in f.degraded]
        key = _SYSTEM_INPUTS[system]
        delayed = [f for f in users if system in f.delayed]
        if delayed:
            rules.append(
                rule(
                    f"system.{system.value}_delayed",
                    key,
                    Comparator.NOT_EQUAL,
                    Const(Health.DELAYED),
                    {f.id: f.delayed[system] for f in delayed},
                )
            )
        rules.append(
            rule(
                f"system.{system.value}_down",
                key,
                Comparator.NOT_EQUAL,
                Const(Health.DOWN),
                {f.id: f.down.get(system, UNAVAILABLE) for f in users},
            )
        )
        rules.append(
            rule(
                f"system.{system.value}_degraded",
                key,
                Comparator.NOT_EQUAL,
                Const(Health.DEGRADED),
                {f.id: f.degraded[system] for f in users},
            )
        )
    return rules


# --- Funding layer --------------------------------------------------------------------


def funding_rules() -> list[Rule]:
    """Cash loans are paid out of the lender's and its partner banks' funding quotas:
    a tight quota caps each withdrawal, an exhausted one pauses withdrawals. Purchases
    in installments and spending within the limit are settled with merchants, not
    funded as cash, so they go on."""
    return [
        rule(
            "funding.quota_exhausted",
            i.FUNDING_QUOTA,
            Comparator.NOT_EQUAL,
            Const(FundingQuota.EXHAUSTED),
            {"cash_withdrawal": UNAVAILABLE},
        ),
        rule(
            "funding.quota_tight",
            i.FUNDING_QUOTA,
            Comparator.NOT_EQUAL,
            Const(FundingQuota.TIGHT),
            {"cash_withdrawal": payout_cap("funding_tight_cap_yuan", default=5_000)},
        ),
    ]


# --- Policy and credit layers --------------------------------------------------------

_SYSTEM_INPUTS: dict[System, Input] = {
    System.DISBURSEMENT: i.DISBURSEMENT,
    System.RISK_ENGINE: i.RISK_ENGINE,
    System.PAYMENT_NETWORK: i.PAYMENT_NETWORK,
    System.ACCOUNT_SERVICE: i.ACCOUNT_SERVICE,
}
WITHDRAWAL_CAP = maximum("withdrawal_cap_yuan", FieldKind.YUAN)
# The most unsecured credit one lender may extend to one borrower (200,000 yuan under
# the 2020 interim rules on internet lending); 0 would close every line.
MAX_UNSECURED_LIMIT = maximum("max_unsecured_limit_yuan", FieldKind.YUAN, least=1, default=200_000)
# The most debt a stated monthly income supports: repaid over the policy's term, the
# monthly repayment stays within the policy's share of the income.
INCOME_DEBT_CEILING = Measure(
    "borrower.income_debt_ceiling",
    InputKind.YUAN,
    i.MONTHLY_INCOME,
    (
        maximum("max_repayment_to_income_pct", FieldKind.PERCENT, least=1, default=50),
        maximum("repayment_term_months", FieldKind.MONTHS, default=12),
    ),
    divisor=100,
)


def declared_rules(features: Sequence[Feature] = FEATURES) -> tuple[Rule, ...]:
    """The policy and credit rules. The rules of the credit line itself (no line, over
    the limit, nothing left, the score's reduced limit) gate every feature that draws on
    the line, so a new feature of that kind is covered without a new rule."""
    drawdowns = tuple(f.id for f in features if f.draws_credit)
    return _declared(drawdowns)


def _declared(drawdowns: tuple[str, ...]) -> tuple[Rule, ...]:
    return (
        rule(
            "policy.region_suspended",
            i.REGION,
            Comparator.NOT_IN,
            i.SUSPENDED_REGIONS,
            _all(("cash_withdrawal", "limit_increase"), UNAVAILABLE),
        ),
        # Real-name rules: no new credit of any kind until identity is verified.
        rule(
            "policy.identity_unverified",
            i.IDENTITY_VERIFIED,
            Comparator.EQUAL,
            Const(True),
            _all((*drawdowns, "limit_increase"), UNAVAILABLE),
        ),
        rule(
            "policy.limit_increases_closed",
            switch("limit_increases_open"),
            Comparator.EQUAL,
            Const(True),
            {"limit_increase": UNAVAILABLE},
        ),
        # A line granted above the regulatory maximum (granted before the rules, or
        # by a partner) stands, but only the maximum of it can be used.
        rule(
            "policy.max_unsecured_limit",
            i.CREDIT_LIMIT,
            Comparator.AT_MOST,
            MAX_UNSECURED_LIMIT,
            _all(drawdowns, LIMIT_CAPPED),
        ),
        # A line at the maximum cannot be raised.
        rule(
            "policy.limit_at_regulatory_max",
            i.CREDIT_LIMIT,
            Comparator.BELOW,
            MAX_UNSECURED_LIMIT,
            {"limit_increase": UNAVAILABLE},
        ),
        # Fires only where the cap is below what is available: a cap that does not
        # lower the amount does not limit anything.
        rule(
            "policy.withdrawal_cap",
            AVAILABLE_CREDIT,
            Comparator.AT_MOST,
            WITHDRAWAL_CAP,
            {"cash_withdrawal": payout_cap(WITHDRAWAL_CAP.name)},
        ),
        # No line: none granted, or closed with what is owed still to repay.
        rule(
            "credit.no_credit_line",
            i.CREDIT_LIMIT,
            Comparator.AT_LEAST,
            Const(1),
            _all((*drawdowns, "limit_increase"), UNAVAILABLE),
            state=AccountState.CLOSED,
        ),
        # Serious delinquency (M3 and worse) freezes the line: nothing new is drawn and
        # repaying does not thaw it by itself; the lender reviews and reinstates.
        rule(
            "credit.account_frozen",
            i.CURRENT_DAYS,
            Comparator.BELOW,
            # 0 would freeze every account, overdue or not.
            maximum("freeze_overdue_days", FieldKind.DAYS, least=1),
            _all((*drawdowns, "limit_increase"), UNAVAILABLE),
            state=AccountState.FROZEN,
        ),
        rule(
            "credit.over_limit",
            i.OUTSTANDING,
            Comparator.AT_MOST,
            i.CREDIT_LIMIT,
            # No increase either: the limit was just cut below the balance.
            _all((*drawdowns, "limit_increase"), UNAVAILABLE),
            unless=("credit.no_credit_line",),
            topic=NoticeTopic.LINE,
        ),
        rule(
            "credit.no_available_credit",
            i.OUTSTANDING,
            Comparator.BELOW,
            EFFECTIVE_LIMIT,
            _all(drawdowns, UNAVAILABLE),
            unless=("credit.no_credit_line", "credit.over_limit"),
            topic=NoticeTopic.LINE,
        ),
        # What is left is less than the smallest payout the product makes.
        rule(
            "credit.below_minimum_drawdown",
            AVAILABLE_CREDIT,
            Comparator.AT_LEAST,
            minimum("min_drawdown_yuan", FieldKind.YUAN),
            _all(drawdowns, UNAVAILABLE),
            unless=("credit.no_credit_line", "credit.over_limit", "credit.no_available_credit"),
            topic=NoticeTopic.LINE,
        ),
        rule(
            "credit.min_score",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("withdrawal_min_score"),
            {"cash_withdrawal": UNAVAILABLE},
        ),
        # The limit is cut in bands as the score falls (graduated, not a cliff): each
        # band below its floor cuts the granted limit to its share; the deepest cut
        # that applies is the one that counts (a shallower one limits nothing more).
        rule(
            "credit.score_reduced_limit",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("full_limit_min_score"),
            _all(drawdowns, reduced_limit("reduced_limit_pct")),
        ),
        rule(
            "credit.score_deeper_cut",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("deeper_cut_min_score"),
            _all(drawdowns, reduced_limit("deeper_cut_pct")),
        ),
        rule(
            "credit.score_deepest_cut",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("deepest_cut_min_score"),
            _all(drawdowns, reduced_limit("deepest_cut_pct")),
        ),
        rule(
            "credit.installment_min_score",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("installment_min_score"),
            {"installment_purchase": UNAVAILABLE},
        ),
        rule(
            "credit.spending_min_score",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("spending_min_score"),
            {"in_limit_spending": UNAVAILABLE},
        ),
        rule(
            "credit.limit_increase_min_score",
            i.SCORE,
            Comparator.AT_LEAST,
            floor("limit_increase_min_score"),
            {"limit_increase": UNAVAILABLE},
        ),
        rule(
            "credit.current_overdue",
            i.CURRENT_DAYS,
            Comparator.AT_MOST,
            maximum("max_current_days_borrowing", FieldKind.DAYS),
            _all(("cash_withdrawal", "installment_purchase", "limit_increase"), UNAVAILABLE),
            topic=NoticeTopic.OVERDUE,
        ),
        rule(
            "credit.current_overdue_spending",
            i.CURRENT_DAYS,
            Comparator.AT_MOST,
            maximum("max_current_days_spending", FieldKind.DAYS),
            {"in_limit_spending": UNAVAILABLE},
            topic=NoticeTopic.OVERDUE,
        ),
        rule(
            "credit.past_overdue_count",
            i.OVERDUE_COUNT,
            Comparator.AT_MOST,
            maximum("max_overdue_count_24m", FieldKind.COUNT),
            {"cash_withdrawal": share_of_available("overdue_history_share_pct")},
        ),
        rule(
            "credit.past_overdue_severity",
            i.WORST_DAYS,
            Comparator.AT_MOST,
            maximum("max_worst_days_24m", FieldKind.DAYS),
            {"cash_withdrawal": UNAVAILABLE},
        ),
        rule(
            "credit.limit_increase_clean_history",
            i.OVERDUE_COUNT,
            Comparator.AT_MOST,
            maximum("max_overdue_count_for_increase", FieldKind.COUNT),
            {"limit_increase": UNAVAILABLE},
        ),
        rule(
            "credit.limit_increase_severity",
            i.WORST_DAYS,
            Comparator.AT_MOST,
            maximum("max_worst_days_for_increase", FieldKind.DAYS),
            {"limit_increase": UNAVAILABLE},
        ),
        rule(
            "credit.limit_increase_utilisation",
            UTILISATION,
            Comparator.AT_MOST,
            maximum("max_utilisation_for_increase_pct", FieldKind.PERCENT),
            {"limit_increase": UNAVAILABLE},
            unless=("credit.no_credit_line", "credit.over_limit"),
        ),
        # Where the borrower has stated an income: a line larger than the debt it
        # supports stands, but new drawdowns stop at what fits; and it is not raised.
        rule(
            "credit.repayment_to_income",
            i.CREDIT_LIMIT,
            Comparator.AT_MOST,
            INCOME_DEBT_CEILING,
            _all(drawdowns, LIMIT_CAPPED),
        ),
        rule(
            "credit.limit_increase_income",
            i.CREDIT_LIMIT,
            Comparator.BELOW,
            INCOME_DEBT_CEILING,
            {"limit_increase": UNAVAILABLE},
        ),
        rule(
            "credit.frequent_limit_checks",
            i.LIMIT_CHECKS,
            Comparator.AT_MOST,
            maximum("max_limit_checks_30d", FieldKind.COUNT),
            _all(("cash_withdrawal", "limit_increase"), UNAVAILABLE),
        ),
        rule(
            "credit.inquiry_rate_limit",
            i.LIMIT_CHECKS,
            Comparator.AT_MOST,
            maximum("max_inquiries_30d", FieldKind.COUNT),
            {"limit_inquiry": LIMITED},
        ),
        rule(
            "credit.failed_attempts",
            i.FAILED_ATTEMPTS,
            Comparator.AT_MOST,
            maximum("max_failed_attempts_7d", FieldKind.COUNT),
            _all(("cash_withdrawal", "limit_increase"), UNAVAILABLE),
        ),
    )


def default_rules(features: Sequence[Feature] = FEATURES) -> tuple[Rule, ...]:
    """System rules for `features`, the funding rules, then the declared policy and
    credit rules."""
    return (*system_rules(features), *funding_rules(), *declared_rules(features))
