"""The credit-whatif rule set, ported by hand to a GoRules zen-engine decision.

This is the anchor for the benchmarks: the engine a user would pick instead of
writing Python. The thresholds are a decision table keyed by tightening level (the
default policy's numbers, read from policies/default.toml); the rules, the credit
line and the feature outcomes are expression nodes written out here, rule by rule,
not generated from our registry. ``check_agreement`` runs both engines on random
scenarios before anything is timed.

The port follows the model a lender would ship: a score below the full-limit score
cuts the limit itself; available credit is max(0, limit - outstanding); shares of
available credit (rounded up) and per-payout caps only count where they lower the
amount, and one that leaves nothing makes the feature unavailable.
"""

from __future__ import annotations

import json
import random
from typing import Any

from credit_whatif.domain import REGISTRY, Tightening
from credit_whatif.domain.regions import REGIONS
from credit_whatif.files.policies import default_policy

KEY = "credit-line"

# The most debt a stated monthly income supports.
_CEILING = (
    "floor(borrower.monthly_income * t.max_repayment_to_income_pct * t.repayment_term_months / 100)"
)

# rule id -> zen expression that is true when the rule fires (rules on the scenario).
FIRES: dict[str, str] = {
    "system.disbursement_down": 'system.disbursement == "down"',
    "system.disbursement_degraded": 'system.disbursement == "degraded"',
    "system.disbursement_delayed": 'system.disbursement == "delayed"',
    "system.risk_engine_down": 'system.risk_engine == "down"',
    "system.risk_engine_degraded": 'system.risk_engine == "degraded"',
    "system.payment_network_down": 'system.payment_network == "down"',
    "system.payment_network_degraded": 'system.payment_network == "degraded"',
    "system.account_service_down": 'system.account_service == "down"',
    "system.account_service_degraded": 'system.account_service == "degraded"',
    "funding.quota_exhausted": 'funding.quota == "exhausted"',
    "funding.quota_tight": 'funding.quota == "tight"',
    "policy.region_suspended": "borrower.region in policy.suspended_regions",
    "policy.identity_unverified": "borrower.identity_verified == false",
    "policy.limit_increases_closed": "t.limit_increases_open == false",
    "policy.max_unsecured_limit": "borrower.credit_limit > t.max_unsecured_limit_yuan",
    "policy.limit_at_regulatory_max": "borrower.credit_limit >= t.max_unsecured_limit_yuan",
    "credit.no_credit_line": "borrower.credit_limit < 1",
    "credit.over_limit": "borrower.outstanding > borrower.credit_limit",
    "credit.min_score": "borrower.score < t.withdrawal_min_score",
    "credit.score_reduced_limit": "borrower.score < t.full_limit_min_score",
    "credit.score_deeper_cut": "borrower.score < t.deeper_cut_min_score",
    "credit.score_deepest_cut": "borrower.score < t.deepest_cut_min_score",
    "credit.installment_min_score": "borrower.score < t.installment_min_score",
    "credit.spending_min_score": "borrower.score < t.spending_min_score",
    "credit.limit_increase_min_score": "borrower.score < t.limit_increase_min_score",
    "credit.current_overdue": "borrower.overdue.current_days > t.max_current_days_borrowing",
    "credit.current_overdue_spending": (
        "borrower.overdue.current_days > t.max_current_days_spending"
    ),
    "credit.past_overdue_count": "borrower.overdue.count_24m > t.max_overdue_count_24m",
    "credit.past_overdue_severity": "borrower.overdue.worst_days > t.max_worst_days_24m",
    "credit.limit_increase_clean_history": (
        "borrower.overdue.count_24m > t.max_overdue_count_for_increase"
    ),
    "credit.limit_increase_severity": (
        "borrower.overdue.worst_days > t.max_worst_days_for_increase"
    ),
    "credit.account_frozen": "borrower.overdue.current_days >= t.freeze_overdue_days",
    "credit.frequent_limit_checks": "borrower.activity.limit_checks_30d > t.max_limit_checks_30d",
    "credit.inquiry_rate_limit": "borrower.activity.limit_checks_30d > t.max_inquiries_30d",
    "credit.failed_attempts": "borrower.activity.failed_attempts_7d > t.max_failed_attempts_7d",
    "credit.repayment_to_income": (
        f"borrower.monthly_income != null and borrower.credit_limit > {_CEILING}"
    ),
    "credit.limit_increase_income": (
        f"borrower.monthly_income != null and borrower.credit_limit >= {_CEILING}"
    ),
}

# The credit line of the features that draw on it (the reductions gate them all alike,
# so one line).
LINE = [
    (  # the deepest band of the score's cut that applies
        "line.pct",
        "min([$.fired.credit_score_reduced_limit ? t.reduced_limit_pct : 100,"
        " $.fired.credit_score_deeper_cut ? t.deeper_cut_pct : 100,"
        " $.fired.credit_score_deepest_cut ? t.deepest_cut_pct : 100])",
    ),
    # ... and the regulatory maximum, where the line exceeds it
    (
        "line.limit",
        "min([floor(borrower.credit_limit * $.line.pct / 100),"
        " $.fired.policy_max_unsecured_limit ? t.max_unsecured_limit_yuan"
        " : borrower.credit_limit,"
        f" $.fired.credit_repayment_to_income ? {_CEILING} : borrower.credit_limit])",
    ),
    ("line.available", "max([0, $.line.limit - borrower.outstanding])"),
    ("line.reduced", "$.line.limit < borrower.credit_limit"),
    ("fired.credit_no_available_credit", "borrower.outstanding >= $.line.limit"),
    ("fired.credit_below_minimum_drawdown", "$.line.available < t.min_drawdown_yuan"),
    (
        "line.utilisation",
        "$.line.limit > 0 ? ceil(borrower.outstanding * 100 / $.line.limit) : 100",
    ),
    (
        "fired.credit_limit_increase_utilisation",
        "$.line.utilisation > t.max_utilisation_for_increase_pct",
    ),
]

DRAW_BLOCKERS = [
    "policy.identity_unverified",
    "credit.no_credit_line",
    "credit.account_frozen",
    "credit.over_limit",
    "credit.no_available_credit",
    "credit.below_minimum_drawdown",
]

# feature -> (blockers, shares {rule: percent}, payout caps {rule: yuan})
DRAWDOWNS: dict[str, tuple[list[str], dict[str, str], dict[str, str]]] = {
    "cash_withdrawal": (
        [
            "system.disbursement_down",
            "system.risk_engine_down",
            "system.risk_engine_degraded",
            "system.account_service_down",
            "funding.quota_exhausted",
            "policy.region_suspended",
            *DRAW_BLOCKERS,
            "credit.min_score",
            "credit.current_overdue",
            "credit.past_overdue_severity",
            "credit.frequent_limit_checks",
            "credit.failed_attempts",
        ],
        {
            "system.account_service_degraded": "t.degraded_account_share_pct",
            "credit.past_overdue_count": "t.overdue_history_share_pct",
        },
        {
            "system.disbursement_degraded": "t.degraded_disbursement_cap_yuan",
            "funding.quota_tight": "t.funding_tight_cap_yuan",
            "always": "t.withdrawal_cap_yuan",
        },
    ),
    "installment_purchase": (
        [
            "system.risk_engine_down",
            "system.payment_network_down",
            "system.account_service_down",
            *DRAW_BLOCKERS,
            "credit.installment_min_score",
            "credit.current_overdue",
        ],
        {"system.account_service_degraded": "t.degraded_account_share_pct"},
        {
            "system.payment_network_degraded": "t.degraded_payment_cap_yuan",
            "system.risk_engine_degraded": "t.degraded_risk_installment_cap_yuan",
        },
    ),
    "in_limit_spending": (
        [
            "system.payment_network_down",
            "system.account_service_down",
            *DRAW_BLOCKERS,
            "credit.spending_min_score",
            "credit.current_overdue_spending",
        ],
        {"system.account_service_degraded": "t.degraded_account_share_pct"},
        {
            "system.payment_network_degraded": "t.degraded_payment_cap_yuan",
            # With the risk engine degraded or down, payments run on fallback rules.
            "system.risk_engine_degraded": "t.degraded_risk_spending_cap_yuan",
            "system.risk_engine_down": "t.degraded_risk_spending_cap_yuan",
        },
    ),
}

# feature -> (amount expression or None, blockers, limiters)
OTHERS: dict[str, tuple[str | None, list[str], list[str]]] = {
    "repayment": (
        "borrower.outstanding",
        ["system.payment_network_down"],
        ["system.payment_network_degraded"],
    ),
    "limit_inquiry": (
        None,
        ["system.account_service_down"],
        ["system.account_service_degraded", "credit.inquiry_rate_limit"],
    ),
    "limit_increase": (
        None,
        [
            "system.risk_engine_down",
            "system.risk_engine_degraded",
            "system.account_service_down",
            "system.account_service_degraded",
            "policy.region_suspended",
            "policy.identity_unverified",
            "policy.limit_increases_closed",
            "policy.limit_at_regulatory_max",
            "credit.limit_increase_income",
            "credit.no_credit_line",
            "credit.account_frozen",
            "credit.over_limit",
            "credit.limit_increase_min_score",
            "credit.current_overdue",
            "credit.limit_increase_clean_history",
            "credit.limit_increase_severity",
            "credit.limit_increase_utilisation",
            "credit.frequent_limit_checks",
            "credit.failed_attempts",
        ],
        [],
    ),
}


# Rules that limit a drawdown without touching its amount (a payout arriving late).
DRAW_LIMITERS: dict[str, list[str]] = {"cash_withdrawal": ["system.disbursement_delayed"]}


def _flag(rule_id: str) -> str:
    return "true" if rule_id == "always" else "$.fired." + rule_id.replace(".", "_")


def _status(feature: str) -> tuple[str, str]:
    return (f"{feature}.status", f'["unavailable", "limited", "available"][$.{feature}.rank]')


def _drawdown(feature: str) -> list[tuple[str, str]]:
    blockers, shares, payouts = DRAWDOWNS[feature]
    out: list[tuple[str, str]] = []
    ranks = [f"{_flag(r)} ? 0 : 2" for r in blockers] + ["$.line.reduced ? 1 : 2"]
    ranks += [f"{_flag(r)} ? 1 : 2" for r in DRAW_LIMITERS.get(feature, [])]
    credits = ["$.line.available"]
    for index, (rule, pct) in enumerate(shares.items()):
        name = f"{feature}.share{index}"
        out.append((name, f"ceil($.line.available * {pct} / 100)"))
        binds = f"{_flag(rule)} and $.{name} < $.line.available"
        credits.append(f"{binds} ? $.{name} : $.line.available")
        ranks.append(f"{binds} ? ($.{name} == 0 ? 0 : 1) : 2")
    out.append((f"{feature}.credit", f"min([{', '.join(credits)}])"))
    amounts = [f"$.{feature}.credit"]
    for rule, yuan in payouts.items():
        binds = f"{_flag(rule)} and {yuan} < $.{feature}.credit"
        amounts.append(f"{binds} ? {yuan} : $.{feature}.credit")
        ranks.append(f"{binds} ? ({yuan} == 0 ? 0 : 1) : 2")
    out.append((f"{feature}.rank", f"min([{', '.join(ranks)}])"))
    amount = f"min([{', '.join(amounts)}])"
    out.append((f"{feature}.amount", f"$.{feature}.rank == 0 ? 0 : {amount}"))
    out.append(_status(feature))
    return out


def _other(feature: str) -> list[tuple[str, str]]:
    base, blockers, limiters = OTHERS[feature]
    ranks = [f"{_flag(r)} ? 0 : 2" for r in blockers] + [f"{_flag(r)} ? 1 : 2" for r in limiters]
    out = [(f"{feature}.rank", f"min([{', '.join([*ranks, '2'])}])")]
    if base is not None:
        out.append((f"{feature}.amount", f"$.{feature}.rank == 0 ? 0 : {base}"))
    out.append(_status(feature))
    return out


def decision() -> dict[str, Any]:
    """The JDM document: input -> policy table -> rules -> features -> output."""
    table_data = default_policy()
    fields = [f.name for f in REGISTRY.policy_fields]
    rows = []
    for index, level in enumerate(Tightening):
        row: dict[str, str] = {"_id": f"row{index}", "level": json.dumps(level.value)}
        for field in fields:
            row[field] = json.dumps(table_data[level][field])
        rows.append(row)
    table = {
        "hitPolicy": "first",
        "passThrough": True,
        "inputField": None,
        "outputPath": None,
        "executionMode": "single",
        "inputs": [{"id": "level", "name": "Tightening", "field": "policy.tightening"}],
        "outputs": [{"id": f, "name": f, "field": f"t.{f}"} for f in fields],
        "rules": rows,
    }
    expressions = [
        *(("fired." + rule.replace(".", "_"), text) for rule, text in FIRES.items()),
        *LINE,
        *(e for feature in DRAWDOWNS for e in _drawdown(feature)),
        *(e for feature in OTHERS for e in _other(feature)),
    ]
    position = {"x": 0, "y": 0}
    nodes = [
        {"id": "input", "type": "inputNode", "name": "Scenario", "position": position},
        {
            "id": "table",
            "type": "decisionTableNode",
            "name": "Policy table",
            "position": position,
            "content": table,
        },
        {
            "id": "rules",
            "type": "expressionNode",
            "name": "Rules",
            "position": position,
            "content": {
                "expressions": [
                    {"id": f"e{i}", "key": key, "value": value}
                    for i, (key, value) in enumerate(expressions)
                ]
            },
        },
        {"id": "output", "type": "outputNode", "name": "Result", "position": position},
    ]
    edges = [
        {"id": "e1", "sourceId": "input", "targetId": "table", "type": "edge"},
        {"id": "e2", "sourceId": "table", "targetId": "rules", "type": "edge"},
        {"id": "e3", "sourceId": "rules", "targetId": "output", "type": "edge"},
    ]
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


def engine() -> Any:
    """A ZenEngine that loads the decision once and caches it (the fast way)."""
    import zen

    content = json.dumps(decision())
    return zen.ZenEngine({"loader": lambda _key: content})


def random_scenario_dict(rng: random.Random) -> dict[str, Any]:
    """A valid scenario in the preset format, biased towards the thresholds."""
    limit = rng.choice([0, rng.randint(0, 200_000), rng.randint(150_000, 400_000)])
    current = rng.choice([0, 0, rng.randint(0, 45), rng.randint(45, 150)])
    worst = max(current, rng.choice([0, rng.randint(0, 100)]))
    count = rng.randint(1 if worst else 0, 5)
    healths = ["up", "up", "up", "degraded", "down"]
    region = rng.choice(sorted(REGIONS))
    suspended = rng.sample(sorted(REGIONS), rng.randint(0, 3))
    if rng.random() < 0.2:
        suspended.append(region)
    return {
        "borrower": {
            "score": rng.randint(350, 950),
            "credit_limit": limit,
            "outstanding": rng.choice([0, limit, rng.randint(0, limit), limit + rng.randint(1, 9)]),
            **(
                {"monthly_income": rng.choice([limit // 6, rng.randint(1_000, 60_000)])}
                if rng.random() < 0.4
                else {}
            ),
            "identity_verified": rng.random() < 0.85,
            "region": region,
            "overdue": {"count_24m": count, "worst_days": worst, "current_days": current},
            "activity": {
                "limit_checks_30d": rng.choice([0, rng.randint(0, 40)]),
                "failed_attempts_7d": rng.choice([0, rng.randint(0, 8)]),
            },
        },
        "system": {
            name: rng.choice(healths + (["delayed"] if name == "disbursement" else []))
            for name in ("disbursement", "risk_engine", "payment_network", "account_service")
        },
        "funding": {"quota": rng.choice(["ample", "ample", "ample", "tight", "exhausted"])},
        "policy": {
            "tightening": rng.choice(["normal", "tightened", "strict"]),
            "suspended_regions": sorted(set(suspended)),
        },
    }


def context(scenario: Any) -> dict[str, Any]:
    """A scenario as the port's input: every count as the evaluator reads it (dated
    events are already counted at as_of, so neither they nor the date go in)."""
    from credit_whatif.files.documents import converter

    data: dict[str, Any] = converter().unstructure(scenario)
    data.pop("as_of", None)
    data["borrower"].pop("events", None)
    return data


def check_agreement(count: int, seed: int = 7) -> int:
    """Both engines give the same status and amount for every feature of `count`
    random scenarios; returns how many features were compared."""
    from credit_whatif.domain import evaluate
    from credit_whatif.files.presets import preset_from_data  # the preset loader's checks

    rng = random.Random(seed)
    zen_engine = engine()
    table = default_policy()
    compared = 0
    for _ in range(count):
        data = random_scenario_dict(rng)
        ours = evaluate(preset_from_data(data, "random").scenario, table)
        theirs = zen_engine.evaluate(KEY, data)["result"]
        for result in ours.features:
            other = theirs[result.feature.id]
            expected = (result.status.value, result.amount)
            got = (other["status"], other.get("amount"))
            if expected != got:
                raise AssertionError(f"{result.feature.id}: ours {expected}, zen {got}\n{data}")
            compared += 1
    return compared
