"""Labels of the command line and the explorer, in English and Chinese.

Sentences about rules, results and changes are in the domain's catalogue
(:mod:`credit_whatif.domain.catalogue`); this file holds the words around them.
"""

from __future__ import annotations

from .domain.enums import Lang
from .domain.text import LocalText
from .domain.wording import word

T = LocalText

__all__ = ["UI", "label", "word"]


UI: dict[str, LocalText] = {
    # results
    "feature": T("Feature", "功能"),
    "status": T("Status", "状态"),
    "amount": T("Amount", "金额"),
    "main_reason": T("Main reason", "主要原因"),
    "layer_heading": T("{layer} layer", "{layer}层"),
    "staff_detail": T("Why (for staff)", "原因(内部)"),
    "customer_sees": T("Customer sees", "客户看到"),
    "no_reasons": T("No rule holds this feature back.", "没有规则限制此功能。"),
    "what_would_change": T("What would change it", "如何改变结果"),
    "current_value": T("current value {value}", "当前值 {value}"),
    "available_total": T("available in total: {amount}", "总可用:{amount}"),
    "bundled": T("bundled", "内置"),
    "user": T("user", "用户"),
    "file": T("file", "文件"),
    "shadows": T("hides the bundled preset of this name", "覆盖同名内置预设"),
    "shadowed": T("hidden by your copy; load it as {ref}", "已被您的同名预设覆盖;用 {ref} 加载"),
    "policy.shadows": T("hides the bundled policy of this name", "覆盖同名内置政策"),
    "policy.shadowed": T(
        "hidden by your copy; load it as {ref}", "已被您的同名政策覆盖;用 {ref} 加载"
    ),
    "policy": T("Policy", "政策"),
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
    "borrower.overdue.count_24m": T("Late payments (24 m)", "逾期次数(24个月)"),
    "borrower.overdue.worst_days": T("Worst days overdue", "最长逾期天数"),
    "borrower.overdue.current_days": T("Days overdue now", "当前逾期天数"),
    "borrower.activity.limit_checks_30d": T("Limit checks (30 d)", "额度查询(30天)"),
    "borrower.activity.failed_attempts_7d": T("Failed attempts (7 d)", "借款失败(7天)"),
    "system.disbursement": T("Disbursement", "放款通道"),
    "system.risk_engine": T("Risk engine", "风控引擎"),
    "system.payment_network": T("Payment network", "支付网络"),
    "system.account_service": T("Account service", "账户服务"),
    "policy.tightening": T("Tightening", "政策级别"),
    "policy.suspended_regions": T("Suspended regions", "暂停办理地区"),
    "regions_summary": T("{count} of {total} suspended: {names}", "已暂停 {count}/{total}:{names}"),
    "regions_none": T("none suspended", "无"),
    "regions.pick_title": T("Borrower's region", "借款人所在地区"),
    "regions.suspended_title": T("Suspended regions", "暂停办理地区"),
    "regions.checklist_hint": T(
        "Space or enter ticks or unticks the highlighted region; it applies at once.",
        "空格或回车勾选/取消当前地区,立即生效。",
    ),
    "regions.filter": T("Type to filter by name or code", "输入名称或代码筛选"),
    "regions.enter_picks": T("Enter chooses {name}", "回车选择{name}"),
    "regions.no_match": T("No region matches “{text}”", "没有与“{text}”匹配的地区"),
    "score_typing": T(
        "typing {typed}_ (enter applies, esc cancels)", "输入 {typed}_(回车确认,Esc 取消)"
    ),
    # main screen
    "tab.inputs": T("Inputs", "输入"),
    "tab.details": T("Details", "详情"),
    "tab.policy": T("Policy", "政策"),
    "modified": T("• modified", "• 已修改"),
    "reasons_for": T("Why: {feature}", "原因:{feature}"),
    "no_feature": T("Highlight a feature to see why.", "选中一项功能查看原因。"),
    "bands_title": T(
        "Across the score range (now {value})", "信用分区间内各功能状态(当前 {value})"
    ),
    # actions (Footer, help screen and command palette)
    "action.pick_preset": T("Presets", "预设"),
    "action.reset": T("Reset", "重置"),
    "action.compare": T("Compare", "对比"),
    "action.save": T("Save", "保存"),
    "action.toggle_lang": T("中文", "English"),
    "action.help": T("Help", "帮助"),
    "action.quit": T("Quit", "退出"),
    "action.close": T("Close", "关闭"),
    "action.palette": T("Commands", "命令"),
    "action.policy": T("Policy", "政策"),
    "action.cancel": T("Cancel", "取消"),
    "action.overwrite": T("Overwrite", "覆盖"),
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
    "action.choice_previous": T("Previous option", "上一个选项"),
    "action.choice_next": T("Next option", "下一个选项"),
    "action.choice_cycle": T("Next option, wrapping", "循环切换选项"),
    "action.region_pick": T("Choose region", "选择地区"),
    "action.region_pick_space": T("Choose region", "选择地区"),
    "action.region_previous": T("Previous region", "上一个地区"),
    "action.region_next": T("Next region", "下一个地区"),
    "action.regions_open": T("Choose regions", "选择暂停地区"),
    "action.regions_open_space": T("Choose regions", "选择暂停地区"),
    "action.toggle_region": T("Tick or untick", "勾选或取消"),
    "action.done": T("Done", "完成"),
    "action.scroll": T("Scroll", "滚动"),
    "help.pick_preset": T(
        "Load a bundled or saved preset, or a .toml file",
        "加载内置或已保存的预设,或 .toml 文件",
    ),
    "help.reset": T("Go back to the loaded preset and policy", "恢复为已加载的预设和政策"),
    "help.compare": T("Baseline against current, side by side", "并排对比基准与当前"),
    "help.save": T("Save the current scenario as a preset", "将当前情景保存为预设"),
    "help.toggle_lang": T("Switch between English and Chinese", "切换中文和英文"),
    "help.help": T("Every key binding", "全部按键"),
    "help.quit": T("Leave the explorer", "退出程序"),
    "help.palette": T("Every action, and the themes", "全部操作及主题"),
    "help.load_policy": T(
        "Load a bundled or saved policy, or a .toml file", "加载内置或已保存的政策,或 .toml 文件"
    ),
    "help.reset_policy": T("Go back to the loaded policy's thresholds", "恢复为已加载政策的阈值"),
    "help.save_policy": T("Save the thresholds as a new policy", "将当前阈值保存为新政策"),
    "help.policy": T(
        "Edit the active level's thresholds; load, reset or save a policy",
        "编辑当前级别的阈值;加载、重置或保存政策",
    ),
    "help.portfolio": T(
        "What the levers and the policy do to a whole loan book",
        "政策与系统变化对整个资产组合的影响",
    ),
    # help screen
    "help.title": T("Keys", "按键"),
    "help.key": T("Key", "按键"),
    "help.action": T("Action", "操作"),
    "help.where": T("Where", "位置"),
    "where.app": T("anywhere", "任意位置"),
    "where.score": T("score slider", "信用分滑块"),
    "where.number": T("number fields", "数字输入框"),
    "where.choice": T("systems, policy, identity", "系统、政策、身份"),
    "where.scroll": T("scrolling panes", "可滚动区域"),
    "where.region": T("borrower's region", "借款人所在地区"),
    "where.suspended": T("suspended regions", "暂停办理地区"),
    "where.policy": T("policy view", "政策视图"),
    "help.note": T(
        "Tab moves between fields and panes; ctrl+p opens the command palette.",
        "Tab 在输入项和区域之间切换;ctrl+p 打开命令面板。",
    ),
    # compare view
    "compare.title": T("Compare: {baseline} → current", "对比:{baseline} → 当前"),
    "compare.input": T("Input", "输入项"),
    "compare.baseline": T("Baseline", "基准"),
    "compare.current": T("Current", "当前"),
    "compare.inputs": T("Inputs", "输入"),
    "compare.results": T("Feature results", "功能结果"),
    "compare.policy": T("Policy thresholds", "政策阈值"),
    "compare.no_changes": T("No input differs from the baseline.", "与基准相比没有输入变化。"),
    "compare.no_policy_changes": T(
        "No threshold differs from the baseline policy.", "与基准政策相比没有阈值变化。"
    ),
    # preset picker
    "picker.title": T("Load a preset", "加载预设"),
    "picker.placeholder": T(
        "Type to filter, or a path to a .toml file", "输入以筛选,或输入 .toml 文件路径"
    ),
    "picker.broken": T("cannot load", "无法加载"),
    "picker.enter_loads": T("Enter loads: {name}", "回车加载:{name}"),
    "picker.enter_path": T("Enter loads the file {path}", "回车加载文件 {path}"),
    "picker.no_match": T("Nothing matches “{text}”", "没有与“{text}”匹配的预设"),
    "picker.policy_title": T("Load a policy", "加载政策"),
    # save dialog
    "save.title": T("Save the scenario as a preset", "将情景保存为预设"),
    "save.policy_title": T("Save the thresholds as a policy", "将阈值保存为政策"),
    "save.name": T("Name", "名称"),
    "save.description": T("Description", "说明"),
    "save.folder": T("Saved in {folder}", "保存到 {folder}"),
    "save.file": T("File: {file}", "文件:{file}"),
    "save.button": T("Save", "保存"),
    "cancel": T("Cancel", "取消"),
    "confirm.overwrite": T("A file {file} exists. Overwrite it?", "文件 {file} 已存在。要覆盖吗?"),
    "confirm.shadow": T(
        "“{name}” is also the name of a bundled preset. Your copy will be used instead "
        "(the bundled one stays reachable as {ref}). Save anyway?",
        "“{name}”与内置预设同名。保存后将优先使用您的版本(内置版本仍可用 {ref} 加载)。仍要保存吗?",
    ),
    "confirm.shadow_policy": T(
        "“{name}” is also the name of a bundled policy. Your copy will be used instead "
        "(the bundled one stays reachable as {ref}). Save anyway?",
        "“{name}”与内置政策同名。保存后将优先使用您的版本(内置版本仍可用 {ref} 加载)。仍要保存吗?",
    ),
    "confirm.discard": T(
        "The current scenario has unsaved changes. Load {name} and discard them?",
        "当前情景有未保存的修改。要加载 {name} 并放弃这些修改吗?",
    ),
    "confirm.reset": T(
        "Discard your changes to the scenario and go back to {name}?",
        "要放弃对当前情景的修改,恢复为 {name} 吗?",
    ),
    "confirm.reset_policy": T(
        "Discard your changes to the thresholds and go back to {name}?",
        "要放弃对阈值的修改,恢复为 {name} 吗?",
    ),
    "confirm.reset_yes": T("Discard changes", "放弃修改"),
    "confirm.quit": T(
        "There are unsaved changes to {what}. Quit and discard them?",
        "{what}有未保存的修改。要退出并放弃这些修改吗?",
    ),
    "confirm.quit_yes": T("Quit without saving", "不保存并退出"),
    "unsaved.scenario": T("the scenario", "当前情景"),
    "unsaved.policy": T("the policy's thresholds", "政策阈值"),
    "unsaved.both": T("the scenario and the policy's thresholds", "当前情景和政策阈值"),
    "confirm.discard_policy": T(
        "The thresholds have unsaved changes. Load {name} and discard them?",
        "阈值有未保存的修改。要加载 {name} 并放弃这些修改吗?",
    ),
    "confirm.yes": T("Overwrite", "覆盖"),
    "confirm.save_anyway": T("Save anyway", "仍然保存"),
    "confirm.discard_yes": T("Discard and load", "放弃并加载"),
    # notifications
    "notify.loaded": T("Loaded {name}", "已加载 {name}"),
    "notify.reset": T("Back to {name}", "已恢复 {name}"),
    "notify.saved": T("Saved {name} to {path}", "已将 {name} 保存到 {path}"),
    "notify.invalid": T(
        "{field}: expected {expected}, found {found}", "{field}:应为{expected},实际为 {found}"
    ),
    "notify.bad_preset": T("Preset not loaded", "预设未加载"),
    "notify.bad_policy": T("Policy not loaded", "政策未加载"),
    "notify.not_saved": T("Not saved", "未保存"),
    "notify.failed": T(
        "Something went wrong; the scenario and policy are unchanged",
        "操作出错,情景和政策均未改变",
    ),
    "notify.invalid_title": T("Value not applied", "数值未应用"),
    "notify.no_match": T(
        "Nothing matches “{text}”; nothing loaded", "没有与“{text}”匹配的预设,未加载"
    ),
    "notify.policy_loaded": T("Policy: {name}", "政策:{name}"),
    "refuse.threshold": T(
        "{field} ({level}): expected {expected}, found {found}",
        "{field}({level}):应为{expected},实际为 {found}",
    ),
    "refuse.at_least": T(
        "at least {value} ({other}'s value: {tighter} is never looser than {looser})",
        "不低于 {value}({other}级别的值;{tighter}级别不能比{looser}级别宽松)",
    ),
    "refuse.at_most": T(
        "at most {value} ({other}'s value: {tighter} is never looser than {looser})",
        "不高于 {value}({other}级别的值;{tighter}级别不能比{looser}级别宽松)",
    ),
    "refuse.same_as": T(
        "{value} ({other}'s value: {tighter} is never looser than {looser})",
        "{value}({other}级别的值;{tighter}级别不能比{looser}级别宽松)",
    ),
    # policy view
    "policy.title": T("{name} · {level} level", "{name} · {level}级别"),
    "policy.hint": T(
        "Thresholds of the scenario's level; edits apply at once. "
        "Here F2 loads, F4 resets and F5 saves the policy.",
        "显示情景所处级别的阈值,修改即时生效。在此视图中 F2 加载、F4 重置、F5 保存政策。",
    ),
    "policy.digest": T("sha256 {digest}", "sha256 {digest}"),
    "policy.modified": T("• edited", "• 已修改"),
    "policygroup.score": T("Score floors", "信用分门槛"),
    "policygroup.days": T("Days overdue", "逾期天数"),
    "policygroup.count": T("Counts", "次数"),
    "policygroup.percent": T("Percentages", "比例"),
    "policygroup.yuan": T("Caps in yuan", "金额上限(元)"),
    "policygroup.switch": T("Switches", "开关"),
    "action.load_policy": T("Load policy", "加载政策"),
    "action.reset_policy": T("Reset policy", "重置政策"),
    "action.save_policy": T("Save policy", "保存政策"),
    # portfolio impact (the impact command and the explorer's Portfolio view)
    "portfolio.title": T("Portfolio impact: {rows} borrowers", "资产组合影响:{rows} 位借款人"),
    "portfolio.baseline": T("Baseline", "基准"),
    "portfolio.scenario": T("Scenario", "情景"),
    "portfolio.change": T("Change", "变化"),
    "portfolio.amount": T("Amount", "金额"),
    "portfolio.lost": T("Lost", "失去"),
    "portfolio.regained": T("Regained", "恢复"),
    "portfolio.lost_line": T(
        "{lost} lose it, {regained} regain it; {worse} are worse off, {better} better off.",
        "{lost} 人失去该功能,{regained} 人重新可用;{worse} 人情况变差,{better} 人情况变好。",
    ),
    "portfolio.transitions": T("Baseline → scenario", "基准 → 情景"),
    "portfolio.rules": T("Rules that newly block", "新增限制的规则"),
    "portfolio.borrowers": T("Borrowers", "借款人"),
    "portfolio.rule": T("Rule", "规则"),
    "portfolio.rule_title": T("What it checks", "检查内容"),
    "portfolio.no_rules": T("No rule newly blocks anyone.", "没有规则新增限制。"),
    "portfolio.levers": T("{side}: {levers}; {policy}", "{side}:{levers};{policy}"),
    "portfolio.all_up": T("all systems up", "所有系统正常"),
    "portfolio.tightening": T("policy level {level}", "政策级别{level}"),
    "portfolio.suspended": T("service suspended in {regions}", "{regions}暂停服务"),
    "portfolio.top_groups": T("Top groups by {by}", "按{by}排列的受影响最大分组"),
    "portfolio.by.region": T("region", "地区"),
    "portfolio.by.score_band": T("score band", "信用分段"),
    "portfolio.group": T("Group", "分组"),
    "portfolio.lost_total": T("Lost (all features)", "失去(全部功能)"),
    "portfolio.amount_change": T("Amount change", "金额变化"),
    "portfolio.reading": T("Reading the portfolio", "读取资产组合"),
    "portfolio.generating": T("Generating", "生成"),
    # the explorer's Portfolio view
    "portfolio.view_title": T(
        "Portfolio impact · {rows} borrowers · {source}",
        "资产组合影响 · {rows} 位借款人 · {source}",
    ),
    "portfolio.levers_hint": T(
        "The scenario: the explorer's systems, tightening, suspended regions and policy. "
        "The baseline: all systems up, normal level, nothing suspended, the loaded policy.",
        "情景:探索器中的系统状态、政策级别、暂停地区和政策阈值。基准:系统全部正常、常规级别、无暂停地区、已加载的政策。",
    ),
    "portfolio.preparing": T(
        "Making the sample portfolio ({rows} borrowers) in {folder}; this is done once.",
        "正在生成样本资产组合({rows} 位借款人),保存到 {folder};只需生成一次。",
    ),
    "portfolio.loading": T("Reading {source}…", "正在读取 {source}……"),
    "portfolio.computing": T("computing…", "计算中……"),
    "portfolio.took": T("updated in {ms} ms", "更新耗时 {ms} 毫秒"),
    "portfolio.summary_hint": T(
        "↑/↓ choose a feature; its transitions, rules and regions follow.",
        "↑/↓ 选择功能,下方显示其状态迁移、规则和地区。",
    ),
    "portfolio.usable_change": T("Usable before → after", "可用人数 前 → 后"),
    "portfolio.amount_short": T("Δ amount", "金额变化"),
    "portfolio.failed": T("Portfolio not loaded", "资产组合未加载"),
    "action.portfolio": T("Portfolio", "资产组合"),
}


def label(key: str, lang: Lang, **fields: object) -> str:
    """The label `key` in `lang`, with ``{fields}`` filled in."""
    text = UI[key](lang)
    return text.format(**fields) if fields else text
