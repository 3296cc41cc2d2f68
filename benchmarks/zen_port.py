"""The credit-whatif rule set, ported by hand to a GoRules zen-engine decision.

This is the anchor for the benchmarks: the engine a user would pick instead of
writing Python. The thresholds are a decision table keyed by tightening level (data
copied from the policy table); the rules and the feature outcomes are expression
nodes written out here, rule by rule, not generated from our rule functions.
``check_agreement`` runs both engines on random scenarios before anything is timed.
"""

from __future__ import annotations

import json
import random
from typing import Any

import attrs

from credit_whatif.domain import POLICY_TABLE, Thresholds, Tightening
from credit_whatif.domain.regions import REGIONS

KEY = "credit-line"

# rule id -> zen expression that is true when the rule fires
FIRES: dict[str, str] = {
    "system.disbursement_down": 'system.disbursement == "down"',
    "system.disbursement_degraded": 'system.disbursement == "degraded"',
    "system.risk_engine_down": 'system.risk_engine == "down"',
    "system.risk_engine_degraded": 'system.risk_engine == "degraded"',
    "system.payment_network_down": 'system.payment_network == "down"',
    "system.payment_network_degraded": 'system.payment_network == "degraded"',
    "system.account_service_down": 'system.account_service == "down"',
    "system.account_service_degraded": 'system.account_service == "degraded"',
    "policy.region_suspended": "borrower.region in policy.suspended_regions",
    "policy.identity_unverified": "borrower.identity_verified == false",
    "policy.withdrawal_cap": 'policy.tightening != "normal"',
    "policy.limit_increase_paused": 'policy.tightening == "strict"',
    "credit.limit_exhausted": "borrower.outstanding >= borrower.credit_limit",
    "credit.min_score": "borrower.score < t.withdrawal_min_score",
    "credit.score_reduced_limit": "borrower.score < t.full_limit_min_score",
    "credit.installment_min_score": "borrower.score < t.installment_min_score",
    "credit.spending_min_score": "borrower.score < t.spending_min_score",
    "credit.limit_increase_min_score": "borrower.score < t.limit_increase_min_score",
    "credit.current_overdue": "borrower.overdue.current_days > t.max_current_days_borrowing",
    "credit.current_overdue_severe": "borrower.overdue.current_days > t.max_current_days_spending",
    "credit.past_overdue_count": "borrower.overdue.count_24m > t.max_overdue_count_24m",
    "credit.past_overdue_severity": "borrower.overdue.worst_days > t.max_worst_days_24m",
    "credit.limit_increase_clean_history": (
        "borrower.overdue.count_24m > t.max_overdue_count_for_increase"
    ),
    "credit.frequent_limit_checks": "borrower.activity.limit_checks_30d > t.max_limit_checks_30d",
    "credit.inquiry_rate_limit": "borrower.activity.limit_checks_30d > t.max_inquiries_30d",
    "credit.failed_attempts": "borrower.activity.failed_attempts_7d > t.max_failed_attempts_7d",
}

# feature -> (base expression, rules that make it unavailable, rules that limit it
# with the cap expression or None)
FEATURES: dict[str, tuple[str | None, list[str], dict[str, str | None]]] = {
    "cash_withdrawal": (
        "borrower.credit_limit - borrower.outstanding",
        [
            "system.disbursement_down",
            "system.risk_engine_down",
            "system.risk_engine_degraded",
            "system.account_service_down",
            "policy.region_suspended",
            "policy.identity_unverified",
            "credit.limit_exhausted",
            "credit.min_score",
            "credit.current_overdue",
            "credit.past_overdue_severity",
            "credit.frequent_limit_checks",
            "credit.failed_attempts",
        ],
        {
            "system.disbursement_degraded": "t.degraded_disbursement_cap_yuan",
            "system.account_service_degraded": "floor(base * t.degraded_account_cap_pct / 100)",
            "policy.withdrawal_cap": "t.policy_withdrawal_cap_yuan",
            "credit.score_reduced_limit": "floor(base * t.reduced_limit_pct / 100)",
            "credit.past_overdue_count": "floor(base * t.overdue_history_cap_pct / 100)",
        },
    ),
    "installment_purchase": (
        "borrower.credit_limit - borrower.outstanding",
        [
            "system.risk_engine_down",
            "system.payment_network_down",
            "system.account_service_down",
            "credit.limit_exhausted",
            "credit.installment_min_score",
            "credit.current_overdue",
        ],
        {
            "system.payment_network_degraded": "t.degraded_payment_cap_yuan",
            "system.risk_engine_degraded": "t.degraded_risk_installment_cap_yuan",
            "system.account_service_degraded": "floor(base * t.degraded_account_cap_pct / 100)",
            "credit.score_reduced_limit": "floor(base * t.reduced_limit_pct / 100)",
        },
    ),
    "in_limit_spending": (
        "borrower.credit_limit - borrower.outstanding",
        [
            "system.payment_network_down",
            "system.account_service_down",
            "credit.limit_exhausted",
            "credit.spending_min_score",
            "credit.current_overdue_severe",
        ],
        {
            "system.payment_network_degraded": "t.degraded_payment_cap_yuan",
            "system.account_service_degraded": "floor(base * t.degraded_account_cap_pct / 100)",
            "credit.score_reduced_limit": "floor(base * t.reduced_limit_pct / 100)",
        },
    ),
    "repayment": (
        "borrower.outstanding",
        ["system.payment_network_down"],
        {"system.payment_network_degraded": None},
    ),
    "limit_inquiry": (
        None,
        ["system.account_service_down"],
        {"system.account_service_degraded": None, "credit.inquiry_rate_limit": None},
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
            "policy.limit_increase_paused",
            "credit.limit_increase_min_score",
            "credit.current_overdue",
            "credit.limit_increase_clean_history",
            "credit.frequent_limit_checks",
            "credit.failed_attempts",
        ],
        {},
    ),
}

STATUS_NAMES = ["unavailable", "limited", "available"]


def _flag(rule_id: str) -> str:
    return "$.fired." + rule_id.replace(".", "_")


def _feature_expressions(feature: str) -> list[tuple[str, str]]:
    base, blockers, limiters = FEATURES[feature]
    ranks = ", ".join(
        [
            *(f"{_flag(r)} ? 0 : 2" for r in blockers),
            *(f"{_flag(r)} ? 1 : 2" for r in limiters),
            "2",
        ]
    )
    out = [(f"{feature}.rank", f"min([{ranks}])")]
    if base is not None:
        caps = []
        for rule, cap in limiters.items():
            if cap is not None:
                expression = cap.replace("base", f"({base})")
                caps.append(f"{_flag(rule)} ? {expression} : {base}")
        amount = f"min([{', '.join([base, *caps])}])"
        out.append((f"{feature}.amount", f"$.{feature}.rank == 0 ? 0 : {amount}"))
    out.append((f"{feature}.status", f'["unavailable", "limited", "available"][$.{feature}.rank]'))
    return out


def decision() -> dict[str, Any]:
    """The JDM document: input -> policy table -> rules -> features -> output."""
    fields = [f.name for f in attrs.fields(Thresholds)]
    rows = []
    for index, level in enumerate(Tightening):
        row: dict[str, str] = {"_id": f"row{index}", "level": json.dumps(level.value)}
        for field in fields:
            value = getattr(POLICY_TABLE[level], field)
            row[field] = "null" if value is None else str(value)
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
    rules = [
        {"id": f"r{i}", "key": "fired." + rule.replace(".", "_"), "value": expression}
        for i, (rule, expression) in enumerate(FIRES.items())
    ]
    features = [
        {"id": f"f{i}", "key": key, "value": value}
        for i, (key, value) in enumerate(
            e for feature in FEATURES for e in _feature_expressions(feature)
        )
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
            "content": {"expressions": rules + features},
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
    limit = rng.choice([0, rng.randint(0, 200_000)])
    current = rng.choice([0, 0, rng.randint(0, 45)])
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
            "outstanding": rng.choice([0, limit, rng.randint(0, limit)]),
            "identity_verified": rng.random() < 0.85,
            "region": region,
            "overdue": {"count_24m": count, "worst_days": worst, "current_days": current},
            "activity": {
                "limit_checks_30d": rng.choice([0, rng.randint(0, 40)]),
                "failed_attempts_7d": rng.choice([0, rng.randint(0, 8)]),
            },
        },
        "system": {
            name: rng.choice(healths)
            for name in ("disbursement", "risk_engine", "payment_network", "account_service")
        },
        "policy": {
            "tightening": rng.choice(["normal", "tightened", "strict"]),
            "suspended_regions": sorted(set(suspended)),
        },
    }


def check_agreement(count: int, seed: int = 7) -> int:
    """Both engines give the same status and amount for every feature of `count`
    random scenarios; returns how many features were compared."""
    from credit_whatif.domain import evaluate
    from credit_whatif.presets import _from_data  # the preset loader's validation

    rng = random.Random(seed)
    zen_engine = engine()
    compared = 0
    for _ in range(count):
        data = random_scenario_dict(rng)
        ours = evaluate(_from_data(data, "random").scenario)
        theirs = zen_engine.evaluate(KEY, data)["result"]
        for result in ours.features:
            other = theirs[result.feature.id]
            expected = (result.status.value, result.amount)
            got = (other["status"], other.get("amount"))
            if expected != got:
                raise AssertionError(f"{result.feature.id}: ours {expected}, zen {got}\n{data}")
            compared += 1
    return compared
