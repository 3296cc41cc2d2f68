"""The domain's en/zh catalogue: every sentence about rules, results and changes.

Two tiers of text for every rule:

- ``message``: what the customer is shown. Plain and polite: what happened, what
  they can do, when it may recover. Never an internal cut-off, rule id, system
  component or region code; the customer's own figures (score, days overdue,
  balance, limit, checks) may appear. The Chinese never contains a Latin letter.
- ``detail``: what support or risk staff see: the rule, the observed value against
  the threshold, the margin and the policy level, in plain words.

Placeholders are filled by :mod:`.wording`, which formats every value for the
language (units, plurals, thousands separators). Labels of the command line and
the explorer live in :mod:`credit_whatif.i18n`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .text import LocalText

if TYPE_CHECKING:
    from .scenario import Conflict

T = LocalText

WORDS: dict[str, LocalText] = {
    # statuses
    "available": T("available", "可用"),
    "limited": T("limited", "受限"),
    "unavailable": T("unavailable", "不可用"),
    # system health
    "up": T("up", "正常"),
    "degraded": T("degraded", "降级"),
    "down": T("down", "中断"),
    # tightening levels
    "normal": T("normal", "常规"),
    "tightened": T("tightened", "收紧"),
    "strict": T("strict", "严格"),
    # layers
    "system": T("system", "系统"),
    "policy": T("policy", "政策"),
    "credit": T("credit", "信用"),
    # booleans and the empty set
    "true": T("yes", "是"),
    "false": T("no", "否"),
    "none": T("none", "无"),
}

LIST_SEPARATOR = T(", ", "、")

SYSTEM_NAMES: dict[str, LocalText] = {
    "disbursement": T("disbursement channel", "放款通道"),
    "risk_engine": T("risk engine", "风控引擎"),
    "payment_network": T("payment network", "支付网络"),
    "account_service": T("account service", "账户服务"),
}


@attrs.frozen
class RuleText:
    """The texts of one rule.

    ``messages`` maps an effect variant to the customer's sentence: ``"*"`` for any,
    or ``"unavailable"``, ``"limited"``, ``"payout_cap"``, ``"share"``,
    ``"reduced_limit"`` where the rule does different things to different features.
    ``detail_at_zero`` replaces ``detail`` when the threshold is 0 (so staff read
    "needs no overdue payment", never "at most 0 days").
    """

    title: LocalText
    messages: Mapping[str, LocalText]
    detail: LocalText
    detail_at_zero: LocalText | None = None


def _text(
    title: LocalText,
    message: LocalText | Mapping[str, LocalText],
    detail: LocalText,
    detail_at_zero: LocalText | None = None,
) -> RuleText:
    messages = {"*": message} if isinstance(message, LocalText) else dict(message)
    return RuleText(title, messages, detail, detail_at_zero)


_TRY_LATER_OUTAGE = T(
    "{Feature} is temporarily unavailable because of a service interruption. "
    "Please try again later.",
    "受系统服务中断影响,{feature}暂时无法使用,请稍后再试。",
)

RULE_TEXTS: dict[str, RuleText] = {
    # --- system -------------------------------------------------------------------
    "system.disbursement_down": _text(
        T("Disbursement channel down", "放款通道中断"),
        _TRY_LATER_OUTAGE,
        T(
            "The disbursement channel is down: no cash can be paid out until it recovers.",
            "放款通道中断,恢复前无法放款。",
        ),
    ),
    "system.disbursement_degraded": _text(
        T("Disbursement channel degraded", "放款通道降级"),
        T(
            "Withdrawals are very busy right now, so each withdrawal is limited to a smaller "
            "amount for the time being. For a larger amount, please try again later.",
            "当前提现业务繁忙,单笔提现金额暂时受限;如需提取更多,请稍后再试。",
        ),
        T(
            "The disbursement channel is degraded under load and pays out only small amounts.",
            "放款通道高峰降级,只能小额放款。",
        ),
    ),
    "system.risk_engine_down": _text(
        T("Risk engine down", "风控引擎中断"),
        _TRY_LATER_OUTAGE,
        T(
            "The real-time risk engine is down: nothing that needs a fresh risk review can run.",
            "实时风控引擎中断,需要实时风控审核的操作均无法进行。",
        ),
    ),
    "system.risk_engine_degraded": _text(
        T("Risk engine degraded under load", "风控引擎高峰降级"),
        {
            "unavailable": T(
                "{Feature} is temporarily unavailable because our systems are very busy. "
                "Please try again later.",
                "系统繁忙,{feature}暂时无法使用,请稍后再试。",
            ),
            "payout_cap": T(
                "Our systems are very busy, so each {payout} is limited to a smaller amount "
                "for now. For a larger amount, please try again later.",
                "系统繁忙,{payout}金额暂时受限;如需更高金额,请稍后再试。",
            ),
        },
        T(
            "The risk engine is degraded under peak load and runs only light reviews.",
            "风控引擎高峰降级,只能进行简化审核。",
        ),
    ),
    "system.payment_network_down": _text(
        T("Payment network down", "支付网络中断"),
        T(
            "{Feature} is temporarily unavailable because payments cannot be processed right "
            "now. Please try again later.",
            "支付服务暂时中断,{feature}暂时无法使用,请稍后再试。",
        ),
        T(
            "The payment network is down: no merchant payment or repayment can go through.",
            "支付网络中断,商户付款和还款均无法完成。",
        ),
    ),
    "system.payment_network_degraded": _text(
        T("Payment network degraded", "支付网络降级"),
        {
            "payout_cap": T(
                "Payments are slower than usual, so each {payout} is limited to a smaller "
                "amount for now.",
                "支付服务繁忙,{payout}金额暂时受限。",
            ),
            "limited": T(
                "Payments are slower than usual, so your repayment may take longer to show "
                "in your account.",
                "支付服务繁忙,还款到账可能延迟。",
            ),
        },
        T(
            "The payment network is degraded: payments are slow and large ones are held back.",
            "支付网络降级,付款变慢,大额付款暂缓处理。",
        ),
    ),
    "system.account_service_down": _text(
        T("Account service down", "账户服务中断"),
        T(
            "{Feature} is temporarily unavailable because your account details cannot be "
            "loaded right now. Please try again later.",
            "暂时无法读取您的账户信息,{feature}暂时无法使用,请稍后再试。",
        ),
        T(
            "The account service is down: the limit and balance cannot be read.",
            "账户服务中断,无法读取额度和余额。",
        ),
    ),
    "system.account_service_degraded": _text(
        T("Account service degraded", "账户服务降级"),
        {
            "share": T(
                "Your account details are being updated, so for now only part of your "
                "available credit can be used.",
                "账户信息更新中,暂时只能使用部分可用额度。",
            ),
            "limited": T(
                "Your account details are being updated, so the figures shown may not be "
                "the latest.",
                "账户信息更新中,显示的额度可能不是最新数据。",
            ),
            "unavailable": T(
                "{Feature} is paused while your account details are being updated. "
                "Please try again later.",
                "账户信息更新中,{feature}暂停办理,请稍后再试。",
            ),
        },
        T(
            "The account service is degraded: limit and balance come from a cached copy.",
            "账户服务降级,额度和余额数据来自缓存。",
        ),
    ),
    # --- policy -------------------------------------------------------------------
    "policy.region_suspended": _text(
        T("Region suspended", "所在地区暂停办理"),
        T(
            "{Feature} is paused in your area for now. We will let you know when it is "
            "available again.",
            "您所在地区暂停办理{feature}业务,恢复后我们会通知您。",
        ),
        T(
            "The borrower's region, {observed}, is on the policy's suspended list ({threshold}).",
            "借款人所在地区{observed}在政策暂停名单中(暂停地区:{threshold})。",
        ),
    ),
    "policy.identity_unverified": _text(
        T("Identity not verified", "身份未认证"),
        T(
            "Please complete identity verification to use {feature}.",
            "请先完成身份认证,再使用{feature}功能。",
        ),
        T(
            "Identity is not verified; policy requires verification for {feature}.",
            "借款人尚未完成身份认证;政策要求完成认证后才能使用{feature}功能。",
        ),
    ),
    "policy.limit_increases_closed": _text(
        T("Limit increases closed", "暂停受理提额"),
        T(
            "We are not accepting limit increase applications at the moment. "
            "Please try again later.",
            "目前暂不受理提额申请,请稍后再试。",
        ),
        T(
            "Limit increases are closed under {level} policy.",
            "{level}政策下不受理提额申请。",
        ),
    ),
    "policy.withdrawal_cap": _text(
        T("Per-withdrawal cap", "单笔提现限额"),
        T(
            "For now each cash withdrawal has a lower maximum than usual; the amount shown "
            "is the most you can take in one withdrawal.",
            "当前单笔提现上限有所下调,页面显示的金额即单笔最高可提金额。",
        ),
        T(
            "Under {level} policy each withdrawal is capped at {threshold}; {observed} is "
            "available.",
            "{level}政策下单笔提现上限为 {threshold},当前可用 {observed}。",
        ),
    ),
    # --- credit -------------------------------------------------------------------
    "credit.no_credit_line": _text(
        T("No credit line granted", "未获授信额度"),
        T(
            "You don't have a credit line yet, so {feature} is not available.",
            "您目前尚未获得授信额度,暂时无法使用{feature}功能。",
        ),
        T(
            "The credit limit is 0: no credit line has been granted.",
            "授信额度为 0,尚未开通授信。",
        ),
    ),
    "credit.over_limit": _text(
        T("Balance over the limit", "欠款超出额度"),
        T(
            "Your balance of {outstanding} is above your credit limit of {limit}, so "
            "{feature} is paused. Repaying to below your limit will restore it.",
            "您的待还金额 {outstanding} 已超过授信额度 {limit},{feature}暂停使用;"
            "还款至额度以内即可恢复。",
        ),
        T(
            "Outstanding {observed} is {margin} above the granted limit of {threshold}; "
            "the limit is below the balance (as after a limit cut).",
            "待还金额 {observed},超出授信额度 {threshold} 共 {margin}(额度低于欠款,"
            "常见于额度下调之后)。",
        ),
    ),
    "credit.no_available_credit": _text(
        T("No credit available", "可用额度已用完"),
        T(
            "You have used all of your available credit ({outstanding} outstanding). "
            "Repaying will free up credit again.",
            "您的可用额度已用完(待还 {outstanding}),还款后即可恢复。",
        ),
        T(
            "Outstanding {observed} has reached the usable limit of {threshold}; nothing is "
            "left to draw.",
            "待还金额 {observed} 已达到可用的授信额度 {threshold},没有剩余额度。",
        ),
    ),
    "credit.min_score": _text(
        T("Score below the withdrawal minimum", "信用分低于提现门槛"),
        T(
            "Your credit score ({observed}) does not meet the requirement for cash "
            "withdrawals at the moment. Repaying on time helps your score recover.",
            "您当前的信用分({observed})暂不满足提现要求,按时还款有助于提升信用分。",
        ),
        T(
            "Score {observed} is {margin} below the withdrawal minimum of {threshold} "
            "({level} policy).",
            "信用分 {observed},低于{level}政策的提现最低分 {threshold},相差 {margin}。",
        ),
    ),
    "credit.score_reduced_limit": _text(
        T("Limit reduced for the score", "信用分不足,额度下调"),
        T(
            "Based on your current credit score ({observed}), your credit limit has been "
            "lowered to {reduced_limit} for now.",
            "根据您当前的信用分({observed}),您的授信额度暂时下调至 {reduced_limit}。",
        ),
        T(
            "Score {observed} is {margin} below the full-limit score of {threshold} "
            "({level} policy), so the limit is cut.",
            "信用分 {observed},低于{level}政策的全额使用分数线 {threshold},相差 {margin},"
            "授信额度因此下调。",
        ),
    ),
    "credit.installment_min_score": _text(
        T("Score below the installment minimum", "信用分低于分期门槛"),
        T(
            "Your credit score ({observed}) does not meet the requirement for installment "
            "purchases at the moment.",
            "您当前的信用分({observed})暂不满足分期购物要求。",
        ),
        T(
            "Score {observed} is {margin} below the installment minimum of {threshold} "
            "({level} policy).",
            "信用分 {observed},低于{level}政策的分期最低分 {threshold},相差 {margin}。",
        ),
    ),
    "credit.spending_min_score": _text(
        T("Score below the spending minimum", "信用分低于消费门槛"),
        T(
            "Your credit score ({observed}) does not meet the requirement for spending on "
            "credit at the moment.",
            "您当前的信用分({observed})暂不满足额度内消费要求。",
        ),
        T(
            "Score {observed} is {margin} below the spending minimum of {threshold} "
            "({level} policy).",
            "信用分 {observed},低于{level}政策的消费最低分 {threshold},相差 {margin}。",
        ),
    ),
    "credit.limit_increase_min_score": _text(
        T("Score below the limit-increase minimum", "信用分低于提额门槛"),
        T(
            "Your credit score ({observed}) does not meet the requirement for a limit "
            "increase at the moment.",
            "您当前的信用分({observed})暂不满足提额要求。",
        ),
        T(
            "Score {observed} is {margin} below the limit-increase minimum of {threshold} "
            "({level} policy).",
            "信用分 {observed},低于{level}政策的提额最低分 {threshold},相差 {margin}。",
        ),
    ),
    "credit.current_overdue": _text(
        T("Overdue now", "当前逾期"),
        T(
            "A payment is {observed} overdue. Please repay the overdue amount to use "
            "{feature} again.",
            "您有一笔还款已逾期 {observed},还清逾期款项后即可恢复使用{feature}功能。",
        ),
        T(
            "{observed} overdue now, {margin} more than the {threshold} that {level} policy "
            "allows for new borrowing.",
            "当前逾期 {observed},{level}政策下新增借款最多允许逾期 {threshold},超出 {margin}。",
        ),
        T(
            "{observed} overdue now; under {level} policy new borrowing needs no overdue payment.",
            "当前逾期 {observed};{level}政策下新增借款要求无逾期。",
        ),
    ),
    "credit.current_overdue_spending": _text(
        T("Overdue now (spending)", "当前逾期(消费)"),
        T(
            "A payment is {observed} overdue. Please repay the overdue amount to use "
            "{feature} again.",
            "您有一笔还款已逾期 {observed},还清逾期款项后即可恢复使用{feature}功能。",
        ),
        T(
            "{observed} overdue now, {margin} more than the {threshold} that {level} policy "
            "allows for spending.",
            "当前逾期 {observed},{level}政策下额度内消费最多允许逾期 {threshold},超出 {margin}。",
        ),
        T(
            "{observed} overdue now; under {level} policy spending needs no overdue payment.",
            "当前逾期 {observed};{level}政策下额度内消费要求无逾期。",
        ),
    ),
    "credit.past_overdue_count": _text(
        T("Repeated late payments in 24 months", "近24个月多次逾期"),
        T(
            "Because of late payments in the last 24 months ({observed}), only part of your "
            "available credit can be withdrawn for now.",
            "由于您近 24 个月内有逾期记录({observed}),目前只能提取部分可用额度。",
        ),
        T(
            "{observed} in 24 months, more than the {threshold} that {level} policy allows "
            "before holding withdrawals to a share of available credit.",
            "近 24 个月逾期 {observed},超过{level}政策允许的 {threshold},"
            "提现只能使用部分可用额度。",
        ),
        T(
            "{observed} in 24 months; under {level} policy any late payment holds "
            "withdrawals to a share of available credit.",
            "近 24 个月逾期 {observed};{level}政策下只要有逾期,提现只能使用部分可用额度。",
        ),
    ),
    "credit.past_overdue_severity": _text(
        T("Serious late payment in 24 months", "近24个月严重逾期"),
        T(
            "Because of a serious late payment in the last 24 months (up to {observed} "
            "overdue), cash withdrawals are paused. They can resume once that record is more "
            "than 24 months old.",
            "由于您近 24 个月内有较严重的逾期记录(最长逾期 {observed}),提现暂停;"
            "该记录超过 24 个月后可恢复。",
        ),
        T(
            "Worst episode in 24 months: {observed} overdue, {margin} past the {threshold} "
            "that {level} policy allows.",
            "近 24 个月最长逾期 {observed},超过{level}政策允许的 {threshold},超出 {margin}。",
        ),
        T(
            "Worst episode in 24 months: {observed} overdue; under {level} policy any overdue "
            "episode pauses withdrawals.",
            "近 24 个月最长逾期 {observed};{level}政策下有任何逾期即暂停提现。",
        ),
    ),
    "credit.limit_increase_clean_history": _text(
        T("Late payments block an increase", "逾期记录影响提额"),
        T(
            "Because of late payments in the last 24 months ({observed}), a limit increase "
            "cannot be approved for now.",
            "由于您近 24 个月内有逾期记录({observed}),暂时无法提额。",
        ),
        T(
            "{observed} in 24 months, more than the {threshold} that {level} policy allows "
            "for an increase.",
            "近 24 个月逾期 {observed},超过{level}政策提额允许的 {threshold}。",
        ),
        T(
            "{observed} in 24 months; under {level} policy an increase needs a clean "
            "24-month record.",
            "近 24 个月逾期 {observed};{level}政策下提额要求近 24 个月无逾期。",
        ),
    ),
    "credit.frequent_limit_checks": _text(
        T("Too many limit checks", "额度查询过于频繁"),
        T(
            "You have checked your limit often recently ({observed} in 30 days). To keep "
            "your account safe, {feature} is paused for a while and will resume on its own.",
            "您近 30 天内查询额度较为频繁({observed}),为保障账户安全,{feature}功能"
            "暂停使用,一段时间后将自动恢复。",
        ),
        T(
            "{observed} in 30 days, over the {threshold} that {level} policy allows by {margin}.",
            "近 30 天查询额度 {observed},超过{level}政策允许的 {threshold},多 {margin}。",
        ),
    ),
    "credit.inquiry_rate_limit": _text(
        T("Limit checks rate-limited", "额度查询限频"),
        T(
            "You have checked your limit often recently ({observed} in 30 days), so for now "
            "we show the figures from your last check.",
            "您近 30 天内查询额度较为频繁({observed}),暂时显示上次查询的结果。",
        ),
        T(
            "{observed} in 30 days, more than the {threshold} that {level} policy answers "
            "live; further checks show the last figures.",
            "近 30 天查询额度 {observed},超过{level}政策允许实时查询的 {threshold},"
            "后续查询显示上次结果。",
        ),
    ),
    "credit.failed_attempts": _text(
        T("Repeated failed attempts", "多次借款失败"),
        T(
            "Several recent borrowing attempts did not go through ({observed} in 7 days). "
            "To keep your account safe, {feature} is paused for a while and will resume on "
            "its own.",
            "您近 7 天内多次借款未成功({observed}),为保障账户安全,{feature}功能暂停使用,"
            "一段时间后将自动恢复。",
        ),
        T(
            "{observed} in 7 days, over the {threshold} that {level} policy allows by {margin}.",
            "近 7 天借款失败 {observed},超过{level}政策允许的 {threshold},多 {margin}。",
        ),
    ),
}


def rule_title(rule_id: str) -> LocalText:
    return RULE_TEXTS[rule_id].title


# What a rule's effect does to one feature, appended to the staff detail.
EFFECT_TEXT: dict[str, LocalText] = {
    "unavailable": T("{Feature} is unavailable.", "{feature}不可用。"),
    "limited": T("{Feature} is limited.", "{feature}受限。"),
    "payout_cap": T(
        "Each {payout} is capped at {value}; {before} is available.",
        "{payout}上限 {value},当前可用 {before}。",
    ),
    "share": T(
        "Only {value} of the {before} available can be used: {amount}.",
        "可用额度 {before} 中只能使用 {value},即 {amount}。",
    ),
    "reduced_limit": T(
        "The limit is cut to {value} of {limit}, that is {reduced_limit}; {amount} is left to use.",
        "授信额度降为原来的 {value}({limit} → {reduced_limit}),剩余可用 {amount}。",
    ),
    "cap_to_nothing": T(
        "The cap of {value} leaves nothing to draw, so {feature} is unavailable.",
        "上限 {value} 使可用金额为零,{feature}不可用。",
    ),
}

# --- Units --------------------------------------------------------------------------

# en singular, en plural, zh; "{n}" is the number.
UNITS: dict[str, tuple[str, str, str]] = {
    "yuan": ("{n} yuan", "{n} yuan", "{n} 元"),
    "days": ("{n} day", "{n} days", "{n} 天"),
    "count": ("{n}", "{n}", "{n} 次"),
    "late_payments": ("{n} late payment", "{n} late payments", "{n} 次"),
    "limit_checks": ("{n} limit check", "{n} limit checks", "{n} 次"),
    "failed_attempts": ("{n} failed attempt", "{n} failed attempts", "{n} 次"),
    "points": ("{n} point", "{n} points", "{n} 分"),
    "percent": ("{n}%", "{n}%", "{n}%"),
    "levels": ("{n} level", "{n} levels", "{n} 级"),
}

# --- Headline -----------------------------------------------------------------------

HEADLINES: dict[str, LocalText] = {
    "all_available": T("All {total} features are available.", "全部 {total} 项功能可用。"),
    "withdrawal_interrupted": T(
        "Cash withdrawal is interrupted ({layer} layer: {title}), yet {usable} of {total} "
        "features still work: they use other channels and rules.",
        "提现已中断({layer}层:{title}),但 {total} 项功能中仍有 {usable} 项可用:"
        "这些功能依赖不同的通道和规则。",
    ),
    "withdrawal_interrupted_one": T(
        "Cash withdrawal is interrupted ({layer} layer: {title}), yet 1 of {total} "
        "features still works: it uses other channels and rules.",
        "提现已中断({layer}层:{title}),但 {total} 项功能中仍有 1 项可用:"
        "该功能依赖不同的通道和规则。",
    ),
    "withdrawal_limited_all_usable": T(
        "Cash withdrawal is limited ({layer} layer: {title}); all {total} features are usable.",
        "提现受限({layer}层:{title});全部 {total} 项功能均可使用。",
    ),
    "withdrawal_limited": T(
        "Cash withdrawal is limited ({layer} layer: {title}); {usable} of {total} features "
        "are usable.",
        "提现受限({layer}层:{title});{total} 项功能中 {usable} 项可用。",
    ),
    "some_unavailable": T(
        "{usable} of {total} features are usable; {names} {verb} unavailable "
        "({layer} layer: {title}).",
        "{total} 项功能中 {usable} 项可用;{names}不可用({layer}层:{title})。",
    ),
    "some_limited": T(
        "All {total} features are usable; {names} {verb} limited ({layer} layer: {title}).",
        "全部 {total} 项功能可用;{names}受限({layer}层:{title})。",
    ),
    "nothing_works": T(
        "Nothing works: all {total} features are unavailable ({layer} layer: {title}).",
        "全部 {total} 项功能均不可用({layer}层:{title})。",
    ),
}

# --- What would change it -----------------------------------------------------------

# Who or what brings a change about.
ACTORS: dict[str, LocalText] = {
    "borrower": T("the borrower can do this", "借款人可自行完成"),
    "time": T("only time: records age out", "只需等待,记录到期自动移出"),
    "lender": T("the lender's side", "取决于贷款机构"),
}

CHANGE_TEXT: dict[str, LocalText] = {
    "borrower.score": T("raise the credit score to {to} or more", "信用分提升至 {to} 或以上"),
    "borrower.outstanding": T(
        "repay until the balance is at most {to}", "还款至待还金额不超过 {to}"
    ),
    "borrower.credit_limit": T(
        "the lender raises the credit limit to {to}", "贷款机构将授信额度提高至 {to}"
    ),
    "borrower.credit_limit.grant": T("the lender grants a credit line", "贷款机构开通授信额度"),
    "borrower.identity_verified": T("verify identity", "完成身份认证"),
    "borrower.overdue.current_days": T("repay the overdue amount", "还清逾期款项"),
    "borrower.overdue.worst_days": T(
        "wait for episodes longer than {to} to age out of the 24-month window (up to 24 months)",
        "等待逾期超过 {to} 的记录移出近 24 个月的统计范围(最长 24 个月)",
    ),
    "borrower.overdue.count_24m": T(
        "wait until the 24-month window holds at most {to} (up to 24 months)",
        "等待近 24 个月内的逾期降至 {to}以内(最长 24 个月)",
    ),
    "overdue_record_ages_out": T(
        "wait for the whole overdue record to age out of the 24-month window (up to 24 months)",
        "等待全部逾期记录移出近 24 个月的统计范围(最长 24 个月)",
    ),
    "borrower.activity.limit_checks_30d": T(
        "wait until the last 30 days hold at most {to} (up to 30 days)",
        "等待近 30 天内的额度查询降至 {to}以内(最长 30 天)",
    ),
    "borrower.activity.failed_attempts_7d": T(
        "wait until the last 7 days hold at most {to} (up to 7 days)",
        "等待近 7 天内的借款失败降至 {to}以内(最长 7 天)",
    ),
    "system.up": T("the {system} recovers fully", "{system}完全恢复"),
    "system.degraded": T(
        "the {system} recovers partly (degraded, no longer down)",
        "{system}由中断恢复为降级运行",
    ),
    "policy.tightening": T("the lender loosens policy to {to}", "贷款机构将风控政策放宽至{to}"),
    "policy.suspended_regions": T(
        "the lender lifts the suspension in {region}", "贷款机构解除{region}的暂停"
    ),
}

EXPLAIN: dict[str, LocalText] = {
    "to_available": T("Would make it available", "以下变化可使其可用"),
    "to_limited": T("Would make it at least limited", "以下变化可使其至少受限可用"),
    "no_single_one": T(
        "No single change is enough; the smallest combination:",
        "单项变化不足以解除限制;最小的组合为:",
    ),
    "no_single": T(
        "No single change is enough; the smallest combinations:",
        "单项变化不足以解除限制;最小的组合为:",
    ),
    "nothing": T("No change to one or two inputs unlocks it.", "改变一两项输入都无法解除限制。"),
}

# --- Policy fields ------------------------------------------------------------------

POLICY_FIELD_LABELS: dict[str, LocalText] = {
    "withdrawal_min_score": T("Withdrawal minimum score", "提现最低信用分"),
    "full_limit_min_score": T("Full-limit score", "全额使用最低信用分"),
    "installment_min_score": T("Installment minimum score", "分期最低信用分"),
    "spending_min_score": T("Spending minimum score", "消费最低信用分"),
    "limit_increase_min_score": T("Limit-increase minimum score", "提额最低信用分"),
    "max_current_days_borrowing": T("Days overdue allowed, borrowing", "借款允许逾期天数"),
    "max_current_days_spending": T("Days overdue allowed, spending", "消费允许逾期天数"),
    "max_worst_days_24m": T("Worst overdue allowed, 24 m", "近24个月最长逾期上限(天)"),
    "max_overdue_count_24m": T("Late payments allowed, 24 m", "近24个月逾期次数上限"),
    "max_overdue_count_for_increase": T("Late payments allowed, increase", "提额允许的逾期次数"),
    "max_limit_checks_30d": T("Limit checks allowed in 30 d", "30天额度查询上限"),
    "max_inquiries_30d": T("Live limit checks in 30 d", "30天实时查询上限"),
    "max_failed_attempts_7d": T("Failed attempts allowed in 7 d", "7天借款失败上限"),
    "reduced_limit_pct": T("Reduced limit, % of the limit", "降额后额度(原额度的%)"),
    "overdue_history_share_pct": T("Cash share after late pay %", "有逾期时可提现比例%"),
    "degraded_account_share_pct": T("Account degraded: usable share %", "账户降级时可用比例%"),
    "withdrawal_cap_yuan": T("Per-withdrawal cap (yuan)", "单笔提现上限(元)"),
    "degraded_disbursement_cap_yuan": T(
        "Payouts degraded: withdrawal cap", "放款降级时单笔提现上限"
    ),
    "degraded_payment_cap_yuan": T("Payments degraded: payment cap", "支付降级时单笔上限"),
    "degraded_risk_installment_cap_yuan": T(
        "Risk engine degraded: order cap", "风控降级时单笔分期上限"
    ),
    "limit_increases_open": T("Limit increases open", "受理提额申请"),
}

# The score bands of the explorer's slider: what the next score floor is, named short
# (a floor without a short name is named by its field label).
BAND_NAMES: dict[str, LocalText] = {
    "withdrawal_min_score": T("withdrawal", "提现"),
    "full_limit_min_score": T("full limit", "全额额度"),
    "installment_min_score": T("installments", "分期"),
    "spending_min_score": T("spending", "消费"),
    "limit_increase_min_score": T("limit increase", "提额"),
}

BANDS: dict[str, LocalText] = {
    "clear": T("clears every floor", "达到全部门槛"),
    "next": T("next {value}: {label}", "下一门槛 {value}:{label}"),
}

# --- Refusals of invalid values -----------------------------------------------------

EXPECTED: dict[str, LocalText] = {
    "bool": T("true or false", "true 或 false"),
    "region": T('a region code such as "CN-ZJ"', '地区代码,例如 "CN-ZJ"'),
    "region_code": T(
        'an ISO 3166-2:CN province-level code such as "CN-ZJ"',
        'ISO 3166-2:CN 省级行政区代码,例如 "CN-ZJ"',
    ),
    "regions": T("an array of region codes", "地区代码数组"),
}


def expected_integer(lo: int, hi: int) -> LocalText:
    return T(f"an integer {lo}..{hi}", f"{lo} 到 {hi} 之间的整数")


def expected_one_of(choices: Sequence[str]) -> LocalText:
    listed = ", ".join(f'"{c}"' for c in choices)
    return T(f"one of {listed}", f"{'、'.join(repr(c) for c in choices)} 之一")


def describe_found(value: object) -> LocalText:
    """How a found value is shown in an error: its TOML-ish form and type."""
    if isinstance(value, bool):
        word = str(value).lower()
        return T(f"boolean {word}", f"布尔值 {word}")
    if isinstance(value, int):
        return T(f"integer {value}", f"整数 {value}")
    if isinstance(value, float):
        return T(f"float {value}", f"小数 {value}")
    if isinstance(value, str):
        return T(f"string {value!r}", f"字符串 {value!r}")
    if isinstance(value, dict):
        return T("a table", "表")
    if isinstance(value, (list, tuple)):
        return T("an array", "数组")
    name = type(value).__name__
    return T(name, name)


# Two overdue fields that constrain each other, phrased from the field being set.
# In a file the field is named by its key; in the explorer by its label.
CONFLICTS: dict[tuple[str, str], LocalText] = {
    ("worst_below_current", "worst_days"): T(
        "at least current_days ({current})", "不少于 current_days({current})"
    ),
    ("worst_below_current", "current_days"): T(
        "at most worst_days ({worst})", "不超过 worst_days({worst})"
    ),
    ("no_count_with_worst", "count_24m"): T(
        "at least 1 when worst_days is above 0 ({worst})",
        "worst_days 大于 0({worst})时至少为 1",
    ),
    ("no_count_with_worst", "worst_days"): T("0 while count_24m is 0", "count_24m 为 0 时只能为 0"),
}

# The same, for a person editing one field in the explorer.
CONFLICTS_EDITED: dict[tuple[str, str], LocalText] = {
    ("worst_below_current", "worst_days"): T(
        "at least the days overdue now ({current})", "不少于当前逾期天数({current})"
    ),
    ("worst_below_current", "current_days"): T(
        "at most the worst days overdue ({worst}); raise that first",
        "不超过最长逾期天数({worst});请先调高最长逾期天数",
    ),
    ("no_count_with_worst", "count_24m"): T(
        "at least 1 while the worst days overdue is {worst}",
        "最长逾期天数为 {worst} 时至少为 1",
    ),
    ("no_count_with_worst", "worst_days"): T(
        "0 while late payments in 24 months is 0; raise that first",
        "近24个月逾期次数为 0 时只能为 0;请先调高逾期次数",
    ),
}


def conflict_expected(conflict: Conflict, field: str, edited: bool = False) -> LocalText:
    """What `field` should be, given the other field of `conflict`."""
    table = CONFLICTS_EDITED if edited else CONFLICTS
    text = table[(conflict.id, field)]
    return T(text.en.format(**conflict.values), text.zh.format(**conflict.values))
