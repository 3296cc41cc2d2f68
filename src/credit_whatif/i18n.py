"""The en/zh message catalogue: every sentence the tool shows, in one place.

Rule messages are what a customer would be told. They are templates with
``{observed}``, ``{threshold}`` and, for rules that cap an amount, ``{cap}``;
values are formatted for the language before they are filled in.
"""

from __future__ import annotations

from .domain.enums import Lang
from .domain.text import LocalText

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
    # tightening
    "normal": T("normal", "常规"),
    "tightened": T("tightened", "收紧"),
    "strict": T("strict", "严格"),
    # layers
    "system": T("system", "系统"),
    "policy": T("policy", "政策"),
    "credit": T("credit", "信用"),
    # booleans
    "true": T("yes", "是"),
    "false": T("no", "否"),
    "none": T("none", "无"),
}

SYSTEM_NAMES: dict[str, LocalText] = {
    "disbursement": T("disbursement channel", "放款通道"),
    "risk_engine": T("risk engine", "风控引擎"),
    "payment_network": T("payment network", "支付网络"),
    "account_service": T("account service", "账户服务"),
}

# Short titles (for tables) and customer-facing messages, by rule id.
RULE_TITLES: dict[str, LocalText] = {
    "system.disbursement_down": T("Disbursement channel down", "放款通道中断"),
    "system.disbursement_degraded": T("Disbursement channel degraded", "放款通道降级"),
    "system.risk_engine_down": T("Risk engine down", "风控引擎中断"),
    "system.risk_engine_degraded": T("Risk engine degraded under load", "风控引擎高峰降级"),
    "system.payment_network_down": T("Payment network down", "支付网络中断"),
    "system.payment_network_degraded": T("Payment network degraded", "支付网络降级"),
    "system.account_service_down": T("Account service down", "账户服务中断"),
    "system.account_service_degraded": T("Account service degraded", "账户服务降级"),
    "policy.region_suspended": T("Region suspended", "地区暂停借款"),
    "policy.identity_unverified": T("Identity not verified", "身份未认证"),
    "policy.withdrawal_cap": T("Withdrawal cap under tightened policy", "政策收紧限制提现金额"),
    "policy.limit_increase_paused": T("Limit increases paused", "暂停提额"),
    "credit.limit_exhausted": T("Limit used up", "额度已用完"),
    "credit.min_score": T("Score below withdrawal minimum", "信用分低于提现门槛"),
    "credit.score_reduced_limit": T("Score below full-limit level", "信用分不足以使用全部额度"),
    "credit.installment_min_score": T("Score below installment minimum", "信用分低于分期门槛"),
    "credit.spending_min_score": T("Score below spending minimum", "信用分低于消费门槛"),
    "credit.limit_increase_min_score": T(
        "Score below limit-increase minimum", "信用分低于提额门槛"
    ),
    "credit.current_overdue": T("Currently overdue", "当前逾期"),
    "credit.current_overdue_severe": T("Seriously overdue now", "当前严重逾期"),
    "credit.past_overdue_count": T("Repeated overdue in 24 months", "24个月内多次逾期"),
    "credit.past_overdue_severity": T("Serious overdue in 24 months", "24个月内严重逾期"),
    "credit.limit_increase_clean_history": T("Overdue record blocks increase", "逾期记录影响提额"),
    "credit.frequent_limit_checks": T("Too many limit checks", "频繁查询额度"),
    "credit.inquiry_rate_limit": T("Limit inquiries rate-limited", "额度查询过于频繁"),
    "credit.failed_attempts": T("Repeated failed attempts", "多次借款失败"),
}

RULE_MESSAGES: dict[str, LocalText] = {
    "system.disbursement_down": T(
        "The disbursement channel is {observed}; cash cannot be paid out while it is "
        "{threshold}. Other features do not use it.",
        "放款通道当前{observed};通道{threshold}期间无法放款,其他功能不依赖该通道。",
    ),
    "system.disbursement_degraded": T(
        "The disbursement channel is {observed} under load; while it is {threshold}, "
        "payouts are queued and capped at {cap} each.",
        "放款通道高峰{observed};{threshold}期间放款排队处理,单笔上限 {cap}。",
    ),
    "system.risk_engine_down": T(
        "The real-time risk engine is {observed}; while it is {threshold}, anything "
        "that needs a fresh review is paused.",
        "实时风控引擎{observed};引擎{threshold}期间,需要实时审核的操作暂停。",
    ),
    "system.risk_engine_degraded": T(
        "The risk engine is {observed} under peak load; while it is {threshold} only "
        "light reviews run, so this is paused or capped{cap_clause}.",
        "风控引擎高峰{observed};{threshold}期间仅能进行简化审核,该功能暂停或限额{cap_clause}。",
    ),
    "system.payment_network_down": T(
        "The payment network is {observed}; payments cannot go through while it is {threshold}.",
        "支付网络{observed};网络{threshold}期间无法完成支付。",
    ),
    "system.payment_network_degraded": T(
        "The payment network is {observed}; while it is {threshold}, payments may be "
        "slow{cap_clause}.",
        "支付网络{observed};{threshold}期间支付可能延迟{cap_clause}。",
    ),
    "system.account_service_down": T(
        "The account service is {observed}; while it is {threshold} your limit cannot "
        "be read, so this is unavailable.",
        "账户服务{observed};服务{threshold}期间无法读取额度,该功能不可用。",
    ),
    "system.account_service_degraded": T(
        "The account service is {observed}; while it is {threshold}, figures come from "
        "a cached copy{cap_clause}.",
        "账户服务{observed};{threshold}期间额度数据来自缓存{cap_clause}。",
    ),
    "policy.region_suspended": T(
        "New borrowing is suspended in your region ({observed}; suspended: "
        "{threshold}); spending within your limit and repayment are not affected.",
        "您所在地区({observed};暂停地区:{threshold})暂停新增借款;额度内消费和还款不受影响。",
    ),
    "policy.identity_unverified": T(
        "Your identity is not verified (verified: {observed}; required: {threshold}); "
        "verify it to borrow cash or raise your limit.",
        "您尚未完成身份认证(已认证:{observed};要求:{threshold}),完成认证后才能提现或提额。",
    ),
    "policy.withdrawal_cap": T(
        "Risk policy is {observed} (no cap only when {threshold}); each cash "
        "withdrawal is capped at {cap}.",
        "风控政策{observed}(仅{threshold}政策下不设上限),单笔提现上限 {cap}。",
    ),
    "policy.limit_increase_paused": T(
        "Risk policy is {observed}; limit increases are paused (allowed up to {threshold}).",
        "风控政策{observed},暂停提额申请(仅在{threshold}及以下政策时开放)。",
    ),
    "credit.limit_exhausted": T(
        "You have used your whole limit: {observed} outstanding, and borrowing needs at "
        "most {threshold}; repay to free credit.",
        "额度已用完:待还 {observed},借款要求待还不超过 {threshold};还款后可恢复额度。",
    ),
    "credit.min_score": T(
        "Your credit score is {observed}, below the {threshold} needed for cash "
        "withdrawals, so withdrawals are paused.",
        "您的信用分为 {observed},低于提现所需的 {threshold},提现已暂停。",
    ),
    "credit.score_reduced_limit": T(
        "Your credit score is {observed}, below the {threshold} needed for your full "
        "limit; you can use {cap} of your available credit.",
        "您的信用分为 {observed},低于使用全部额度所需的 {threshold},可用额度降为 {cap}。",
    ),
    "credit.installment_min_score": T(
        "Your credit score is {observed}, below the {threshold} needed for installments.",
        "您的信用分为 {observed},低于分期所需的 {threshold}。",
    ),
    "credit.spending_min_score": T(
        "Your credit score is {observed}, below the {threshold} needed to spend on credit.",
        "您的信用分为 {observed},低于额度消费所需的 {threshold}。",
    ),
    "credit.limit_increase_min_score": T(
        "Your credit score is {observed}, below the {threshold} needed to apply for a "
        "higher limit.",
        "您的信用分为 {observed},低于申请提额所需的 {threshold}。",
    ),
    "credit.current_overdue": T(
        "You are {observed} days overdue (allowed: {threshold}); repay the overdue "
        "amount to borrow again.",
        "您当前逾期 {observed} 天(允许:{threshold} 天),还清逾期款项后可恢复借款。",
    ),
    "credit.current_overdue_severe": T(
        "You are {observed} days overdue, more than {threshold}; spending on credit "
        "stops until you repay.",
        "您当前逾期 {observed} 天,超过 {threshold} 天,额度消费暂停,还款后恢复。",
    ),
    "credit.past_overdue_count": T(
        "You were overdue {observed} times in 24 months (allowed: {threshold}); "
        "withdrawals are capped at {cap} of your available credit.",
        "您 24 个月内逾期 {observed} 次(允许:{threshold} 次),提现上限为可用额度的 {cap}。",
    ),
    "credit.past_overdue_severity": T(
        "Your worst overdue in 24 months was {observed} days (allowed: {threshold}); "
        "cash withdrawals are paused until it ages out.",
        "您 24 个月内最长逾期 {observed} 天(允许:{threshold} 天),提现暂停,记录过期后恢复。",
    ),
    "credit.limit_increase_clean_history": T(
        "You were overdue {observed} times in 24 months; a limit increase needs at most "
        "{threshold}.",
        "您 24 个月内逾期 {observed} 次,申请提额要求不超过 {threshold} 次。",
    ),
    "credit.frequent_limit_checks": T(
        "You checked your limit {observed} times in 30 days (more than {threshold}); "
        "risk control has paused borrowing for now.",
        "您 30 天内查询额度 {observed} 次(超过 {threshold} 次),已触发风控,暂停借款。",
    ),
    "credit.inquiry_rate_limit": T(
        "You checked your limit {observed} times in 30 days (more than {threshold}); "
        "further checks show the last figure.",
        "您 30 天内查询额度 {observed} 次(超过 {threshold} 次),后续查询显示上次结果。",
    ),
    "credit.failed_attempts": T(
        "{observed} borrowing attempts failed in 7 days (more than {threshold}); "
        "risk control has paused borrowing for now.",
        "7 天内借款失败 {observed} 次(超过 {threshold} 次),已触发风控,暂停借款。",
    ),
}

CAP_CLAUSE = T(", capped at {cap}", ",上限 {cap}")

HEADLINES: dict[str, LocalText] = {
    "all_available": T("All {total} features are available.", "全部 {total} 项功能可用。"),
    "withdrawal_interrupted": T(
        "Cash withdrawal is interrupted ({layer} layer: {title}), yet {usable} of {total} "
        "features still work: they use other channels and rules.",
        "提现已中断({layer}层:{title}),但 {total} 项功能中仍有 {usable} 项可用:"
        "它们依赖不同的通道和规则。",
    ),
    "withdrawal_limited": T(
        "Cash withdrawal is limited ({layer} layer: {title}); {usable} of {total} features usable.",
        "提现受限({layer}层:{title});{total} 项功能中 {usable} 项可用。",
    ),
    "some_unavailable": T(
        "{usable} of {total} features usable; {names} unavailable ({layer} layer: {title}).",
        "{total} 项功能中 {usable} 项可用;{names}不可用({layer}层:{title})。",
    ),
    "some_limited": T(
        "All {total} features usable; {names} limited ({layer} layer: {title}).",
        "全部 {total} 项功能可用;{names}受限({layer}层:{title})。",
    ),
    "nothing_works": T(
        "Nothing works: all {total} features are unavailable ({layer} layer: {title}).",
        "全部 {total} 项功能均不可用({layer}层:{title})。",
    ),
}

LIST_SEPARATOR = T(", ", "、")


def word(key: str, lang: Lang) -> str:
    """A catalogue word (status, health, level, layer), or the key itself."""
    text = WORDS.get(key)
    return text(lang) if text is not None else key


# Labels of the command line and the explorer.
UI: dict[str, LocalText] = {
    "feature": T("Feature", "功能"),
    "status": T("Status", "状态"),
    "amount": T("Amount", "金额"),
    "main_reason": T("Main reason", "主要原因"),
    "layer": T("Layer", "层级"),
    "rule": T("Rule", "规则"),
    "observed": T("Observed", "实际值"),
    "threshold": T("Threshold", "阈值"),
    "message": T("Customer message", "客户提示"),
    "no_reasons": T("No rule holds this feature back.", "没有规则限制此功能。"),
    "bundled": T("bundled", "内置"),
    "user": T("user", "用户"),
    "what_would_change": T("What would change it", "如何改变结果"),
    "current_value": T("current value {value}", "当前值 {value}"),
}

# Labels of the interactive explorer (``credit_whatif.tui``).
UI.update(
    {
        # input groups
        "group.borrower": T("Borrower", "借款人"),
        "group.overdue": T("Overdue history", "逾期记录"),
        "group.activity": T("Activity", "近期行为"),
        "group.system": T("Systems", "系统"),
        "group.policy": T("Policy", "政策"),
        # input fields, by key path
        "borrower.score": T("Credit score", "信用分"),
        "borrower.credit_limit": T("Credit limit", "授信额度"),
        "borrower.outstanding": T("Outstanding", "待还金额"),
        "borrower.identity_verified": T("Identity verified", "身份已认证"),
        "borrower.region": T("Region", "所在地区"),
        "borrower.overdue.count_24m": T("Times overdue (24 m)", "逾期次数(24个月)"),
        "borrower.overdue.worst_days": T("Worst days overdue", "最长逾期天数"),
        "borrower.overdue.current_days": T("Days overdue now", "当前逾期天数"),
        "borrower.activity.limit_checks_30d": T("Limit checks (30 d)", "额度查询(30天)"),
        "borrower.activity.failed_attempts_7d": T("Failed attempts (7 d)", "借款失败(7天)"),
        "system.disbursement": T("Disbursement", "放款通道"),
        "system.risk_engine": T("Risk engine", "风控引擎"),
        "system.payment_network": T("Payment network", "支付网络"),
        "system.account_service": T("Account service", "账户服务"),
        "policy.tightening": T("Tightening", "政策收紧"),
        "policy.suspended_regions": T("Suspended regions", "暂停借款地区"),
        # score bands: what the score alone still allows under the current policy
        "band.limit_increase": T("every feature", "全部功能"),
        "band.full_limit": T("full limit, no increase", "全额可用,不可提额"),
        "band.withdrawal": T("cash at a reduced limit", "可提现,额度降低"),
        "band.installment": T("no cash withdrawal", "不可提现"),
        "band.spending": T("spending only", "仅可消费"),
        "band.none": T("below every minimum", "低于全部门槛"),
        "score_typing": T(
            "typing {typed}_ (enter applies, esc cancels)", "输入 {typed}_(回车确认,Esc 取消)"
        ),
        # main screen
        "tab.inputs": T("Inputs", "输入"),
        "tab.details": T("Details", "详情"),
        "modified": T("• modified", "• 已修改"),
        "changed_marker_help": T("• differs from the preset", "• 与预设不同"),
        "reasons_for": T("Why: {feature}", "原因:{feature}"),
        "layer_heading": T("{layer} layer", "{layer}层"),
        "effect": T("Effect", "影响"),
        "no_feature": T("Highlight a feature to see why.", "选中一项功能查看原因。"),
        # actions (Footer, help screen and command palette)
        "action.pick_preset": T("Presets", "预设"),
        "action.reset": T("Reset", "重置"),
        "action.compare": T("Compare", "对比"),
        "action.save": T("Save", "保存"),
        "action.toggle_lang": T("中文", "English"),
        "action.help": T("Help", "帮助"),
        "action.quit": T("Quit", "退出"),
        "action.close": T("Close", "关闭"),
        "action.switch_pane": T("Inputs/Details", "输入/详情"),
        "action.score_down": T("Score −1", "信用分 −1"),
        "action.score_up": T("Score +1", "信用分 +1"),
        "action.score_down_big": T("Score −25", "信用分 −25"),
        "action.score_up_big": T("Score +25", "信用分 +25"),
        "action.score_min": T("Lowest score", "最低信用分"),
        "action.score_max": T("Highest score", "最高信用分"),
        "action.step_down": T("Step down", "减少"),
        "action.step_up": T("Step up", "增加"),
        "action.step_down_big": T("Big step down", "大幅减少"),
        "action.step_up_big": T("Big step up", "大幅增加"),
        "help.pick_preset": T(
            "Load a bundled or saved preset, or a .toml file",
            "加载内置或已保存的预设,或 .toml 文件",
        ),
        "help.reset": T("Go back to the loaded preset", "恢复为已加载的预设"),
        "help.compare": T("Baseline against current, side by side", "并排对比基准与当前"),
        "help.save": T("Save the current scenario as a preset", "将当前情景保存为预设"),
        "help.toggle_lang": T("Switch between English and Chinese", "切换中文和英文"),
        "help.help": T("Every key binding", "全部按键"),
        "help.quit": T("Leave the explorer", "退出程序"),
        # help screen
        "help.title": T("Keys", "按键"),
        "help.key": T("Key", "按键"),
        "help.action": T("Action", "操作"),
        "help.where": T("Where", "位置"),
        "where.app": T("anywhere", "任意位置"),
        "where.score": T("score slider", "信用分滑块"),
        "where.number": T("number fields", "数字输入框"),
        "where.main": T("main screen", "主界面"),
        "help.palette": T(
            "ctrl+p opens the command palette: every action and the themes.",
            "ctrl+p 打开命令面板:全部操作及主题。",
        ),
        # compare view
        "compare.title": T("Compare: {baseline} → current", "对比:{baseline} → 当前"),
        "compare.input": T("Input", "输入项"),
        "compare.baseline": T("Baseline", "基准"),
        "compare.current": T("Current", "当前"),
        "compare.changed": T("Changed", "变化"),
        "compare.inputs": T("Inputs", "输入"),
        "compare.results": T("Feature results", "功能结果"),
        "compare.no_changes": T("No input differs from the baseline.", "与基准相比没有输入变化。"),
        # preset picker
        "picker.title": T("Load a preset", "加载预设"),
        "picker.placeholder": T(
            "Type to filter, or a path to a .toml file", "输入以筛选,或输入 .toml 文件路径"
        ),
        "picker.broken": T("cannot load", "无法加载"),
        # save dialog
        "save.title": T("Save the scenario as a preset", "将情景保存为预设"),
        "save.name": T("Name", "名称"),
        "save.description": T("Description", "说明"),
        "save.folder": T("Saved in {folder}", "保存到 {folder}"),
        "save.button": T("Save", "保存"),
        "cancel": T("Cancel", "取消"),
        "confirm.overwrite": T(
            "A preset file {file} exists. Overwrite it?", "预设文件 {file} 已存在。要覆盖吗?"
        ),
        "confirm.yes": T("Overwrite", "覆盖"),
        # notifications
        "notify.loaded": T("Loaded {name}", "已加载 {name}"),
        "notify.reset": T("Back to {name}", "已恢复 {name}"),
        "notify.saved": T("Saved {name} to {path}", "已将 {name} 保存到 {path}"),
        "notify.invalid": T(
            "{field}: expected {expected}, found {found}", "{field}:应为 {expected},实际为 {found}"
        ),
        "notify.bad_preset": T("Preset not loaded", "预设未加载"),
        "notify.not_saved": T("Not saved", "未保存"),
        "notify.invalid_title": T("Value not applied", "数值未应用"),
    }
)

UI.update(
    {
        "action.cancel": T("Cancel", "取消"),
        "action.overwrite": T("Overwrite", "覆盖"),
    }
)
UI["needs"] = T("needs", "需满足")

# What a suggested change means, by the key it changes (explanations).
CHANGE_TEXT: dict[str, LocalText] = {
    "borrower.score": T("raise the credit score to {to} or more", "信用分提升到 {to} 或以上"),
    "borrower.outstanding": T(
        "repay until at most {to} is outstanding", "还款至待还金额不超过 {to}"
    ),
    "borrower.identity_verified": T("verify identity", "完成身份认证"),
    "borrower.overdue.current_days": T(
        "repay the overdue amount (current_days = 0)", "还清逾期款项(当前逾期天数 = 0)"
    ),
    "borrower.overdue.worst_days": T(
        "wait until episodes worse than {to} days age out of the 24-month window",
        "等待超过 {to} 天的逾期记录移出 24 个月窗口",
    ),
    "borrower.overdue.count_24m": T(
        "wait until at most {to} overdue episodes remain in the 24-month window (older ones age out)",
        "等待 24 个月窗口内的逾期次数降至 {to} 次以下(较早记录自然移出)",
    ),
    "borrower.activity.limit_checks_30d": T(
        "at most {to} limit checks in 30 days (older checks age out of the 30-day window)",
        "30 天内额度查询不超过 {to} 次(较早的查询移出 30 天窗口)",
    ),
    "borrower.activity.failed_attempts_7d": T(
        "at most {to} failed attempts in 7 days (older ones age out of the 7-day window)",
        "7 天内借款失败不超过 {to} 次(较早的记录移出 7 天窗口)",
    ),
    "overdue_record_ages_out": T(
        "wait until the whole overdue record ages out of the 24-month window",
        "等待全部逾期记录移出 24 个月窗口",
    ),
    "system": T("{system} back {to}", "{system}恢复为{to}"),
    "policy.tightening": T("policy loosened to {to}", "风控政策放宽为{to}"),
    "policy.suspended_regions": T("{region} no longer suspended", "{region}解除暂停"),
}

EXPLAIN: dict[str, LocalText] = {
    "in_control": T("in the borrower's control", "借款人可自行改变"),
    "not_in_control": T("not in the borrower's control", "借款人无法自行改变"),
    "to_available": T("Would make it available", "以下变化可使其可用"),
    "to_limited": T("Would make it at least limited", "以下变化可使其至少受限可用"),
    "together": T("together", "需同时满足"),
    "no_single": T(
        "No single change suffices; the smallest combinations:",
        "单一变化不足以解除限制;最小组合:",
    ),
    "nothing": T("No change to one or two inputs unlocks it.", "无法通过改变一两项输入解除限制。"),
    "margin": T("margin", "差距"),
    "principal": T("Principal reasons", "主要原因"),
}

UI.update(
    {
        "bands_title": T(
            "Across the score range (now {value})", "信用分区间内各功能状态(当前 {value})"
        ),
        "bands_current": T("current score", "当前信用分"),
        "short_by": T("off by {margin}", "相差 {margin}"),
    }
)

UI.update(
    {
        "action.choice_previous": T("Previous option", "上一个选项"),
        "action.choice_next": T("Next option", "下一个选项"),
        "action.choice_cycle": T("Next option, wrapping", "循环切换选项"),
        "where.choice": T("systems, policy, identity", "系统、政策、身份"),
    }
)
