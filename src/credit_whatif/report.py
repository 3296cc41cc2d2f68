"""Turn results into the command line's outputs: JSON objects and Rich tables.

Shared by ``credit-whatif eval``/``sweep`` and the explorer, so statuses look the
same everywhere: a symbol and a word, with colour only as a third cue.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Any

from . import i18n
from .domain import catalogue
from .domain.effects import EffectKind
from .domain.enums import Lang, Layer, Ranked, Status
from .domain.evaluator import Evaluation, FeatureResult, Reason
from .domain.policy import PolicyTable
from .domain.wording import feature_words, format_yuan, word
from .safe_text import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .domain.explain import Explanation, Unlock
    from .files.presets import Preset

STATUS_SYMBOLS: dict[Status, str] = {
    Status.AVAILABLE: "✔",
    Status.LIMITED: "◐",
    Status.UNAVAILABLE: "✘",
}
STATUS_STYLES: dict[Status, str] = {
    Status.AVAILABLE: "green",
    Status.LIMITED: "yellow",
    Status.UNAVAILABLE: "bold red",
}


def make_console() -> Console:
    """A console for the commands' output: the terminal's width in a terminal; piped,
    wide enough that nothing wraps (lines are for grep and files, not for a screen)."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console()
    width = int(os.environ.get("COLUMNS", "0") or 0) or 400
    return Console(width=width, soft_wrap=True)


def status_label(status: Status, lang: Lang) -> str:
    """Symbol and word, e.g. '✘ unavailable' or '✘ 不可用'."""
    return f"{STATUS_SYMBOLS[status]} {word(status.value, lang)}"


def amount_label(result: FeatureResult, lang: Lang, *, unit: bool = True) -> str:
    """'38,000 yuan'; '5,000 yuan per withdrawal' where a per-payout cap sets it; '—'
    for a feature without an amount. Without `unit` (a column headed 'Amount (yuan)')
    '38,000' and '5,000 per withdrawal'."""
    if result.amount is None:
        return "—"
    amount = format_yuan(result.amount, lang) if unit else f"{result.amount:,}"
    if result.payout_cap is None:
        return amount
    payout = feature_words(result.feature, lang)["payout"]
    return f"{payout} {amount}" if lang == "zh" else f"{amount} per {payout}"


def policy_to_json(table: PolicyTable) -> dict[str, str]:
    return {"name": table.name, "sha256": table.digest}


def _plain(value: Any) -> Any:
    if isinstance(value, Ranked):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _json_dates(data: Any) -> Any:
    """TOML's dates as ISO text (JSON has no date type)."""
    if isinstance(data, dict):
        return {k: _json_dates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_json_dates(v) for v in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def reason_to_json(reason: Reason) -> dict[str, Any]:
    message, detail = reason.message, reason.detail
    return {
        "rule": reason.rule.id,
        "layer": reason.rule.layer.value,
        "key": reason.rule.key,
        "observed": _plain(reason.observed),
        "comparator": reason.rule.comparator.value,
        "threshold": _plain(reason.threshold),
        "effect": reason.effect.status.value,
        "effect_kind": reason.effect.kind.value,
        "margin": reason.margin,
        "cap": reason.amount,
        "message": {"en": message.en, "zh": message.zh},
        "detail": {"en": detail.en, "zh": detail.zh},
    }


def notice_to_json(result: FeatureResult) -> dict[str, str] | None:
    """The one thing the customer is told about a feature (None when it is available)."""
    notice = result.notice
    if notice is None:
        return None
    message = notice.message
    return {"rule": notice.rule.id, "en": message.en, "zh": message.zh}


def account_to_json(evaluation: Evaluation) -> dict[str, str | None]:
    account = evaluation.account
    return {"state": account.state.value, "reason": account.rule.id if account.rule else None}


def unlocks_to_json(unlocks: tuple[Unlock, ...]) -> list[Any]:
    """A single change as an object; a combination as a list of such objects."""
    out: list[Any] = []
    for unlock in unlocks:
        changes = [
            {
                "key": c.key,
                "to": _plain(c.to),
                "status": unlock.status.value,
                "actor": c.actor.value,
                "in_borrower_control": c.in_borrower_control,
            }
            for c in unlock.changes
        ]
        out.append(changes[0] if len(changes) == 1 else changes)
    return out


def evaluation_to_json(preset: Preset, evaluation: Evaluation) -> dict[str, Any]:
    """The ``eval --json`` contract: one object per preset."""
    from .files.presets import preset_to_dict

    headline = evaluation.headline
    from .domain.explain import explain

    explanations = explain(evaluation)
    return {
        "preset": preset.name,
        "policy": policy_to_json(evaluation.table),
        "scenario": _json_dates(preset_to_dict(preset)),
        "account": account_to_json(evaluation),
        "features": {
            r.feature.id: {
                "status": r.status.value,
                "notice": notice_to_json(r),
                "amount": r.amount,
                "available": r.available,
                "payout_cap": r.payout_cap,
                # How late a payout may arrive while the channel is delayed (else null).
                "delay_hours": next(
                    (x.value for x in r.reasons if x.effect.kind is EffectKind.DELAY), None
                ),
                "reasons": [reason_to_json(reason) for reason in r.reasons],
                "principal_reasons": [reason.rule.id for reason in why.principal],
                "unlock": unlocks_to_json(why.to_available),
                "unlock_limited": unlocks_to_json(why.to_limited),
                # True: no input can move towards lifting it (a regulatory maximum).
                "fixed": why.fixed,
            }
            for r, why in zip(evaluation.features, explanations, strict=True)
        },
        "summary": {
            "usable": evaluation.usable,
            "total": evaluation.total,
            "headline": {"en": headline.en, "zh": headline.zh},
        },
    }


def reason_label(result: FeatureResult, lang: Lang, *, short: bool = False) -> Text:
    """The decisive reason as '[layer] title' ('[layer] short title' with `short`, for
    narrow screens), or empty when nothing holds it back."""
    from rich.text import Text

    from .domain.catalogue import rule_short_title

    decisive = result.decisive
    text = Text()
    if decisive is not None:
        text.append(f"[{word(decisive.rule.layer.value, lang)}] ", style="dim")
        text.append(rule_short_title(decisive.rule.id)(lang) if short else decisive.title(lang))
    return text


def print_evaluation(console: Console, preset: Preset, evaluation: Evaluation, lang: Lang) -> None:
    """The features table, the headline, then for each feature that is not fully
    available: every reason (staff detail and customer sentence) and what would
    change it."""
    from rich.table import Table
    from rich.text import Text

    ui = i18n.UI
    title = f"{preset.display_name(lang)} · {evaluation.table.display_name(lang)}"
    table = Table(title=Text(printable(title)), title_justify="left", expand=False)
    table.add_column(ui["feature"](lang), no_wrap=True)
    table.add_column(ui["status"](lang), no_wrap=True)
    table.add_column(ui["amount"](lang), justify="right")
    table.add_column(ui["main_reason"](lang))
    for result in evaluation.features:
        table.add_row(
            result.feature.name(lang),
            Text(status_label(result.status, lang), style=STATUS_STYLES[result.status]),
            amount_label(result, lang),
            reason_label(result, lang),
        )
    console.print(table)
    console.print(evaluation.headline(lang))
    from .domain.explain import explain

    explanations = {e.feature: e for e in explain(evaluation)}
    for result in evaluation.features:
        if result.status is Status.AVAILABLE:
            continue
        console.print()
        header = Text(f"{result.feature.name(lang)} ", style="bold")
        header.append(status_label(result.status, lang), style=STATUS_STYLES[result.status])
        console.print(header)
        console.print(notice_line(result, lang, "  "))
        for line in reason_lines(result, lang):
            console.print(line)
        console.print(Text(f"  {ui['what_would_change'](lang)}", style="bold"))
        for text, note in unlock_lines(evaluation, explanations[result.feature.id], lang):
            line = Text(f"    {text}")
            if note:
                line.append(note_text(note, lang), style="dim")
            console.print(line)


def notice_line(result: FeatureResult, lang: Lang, pad: str = "") -> Text:
    """'Customer sees: “…”', the feature's one notice, with the rule it comes from."""
    notice = result.notice
    assert notice is not None  # only features that are not available have one
    line = _labelled(pad, i18n.UI["customer_sees"](lang), f"“{notice.message(lang)}”", lang)
    line.append(f"  {notice.rule.id}", style="dim")
    return line


def reason_lines(result: FeatureResult, lang: Lang, indent: int = 2) -> list[Text]:
    """Every reason by layer: title and rule id, and the staff detail; continuation
    lines keep their indent when they wrap."""
    from rich.text import Text

    ui = i18n.UI
    pad = " " * indent
    lines: list[Text] = []
    for layer in Layer:
        reasons = [r for r in result.reasons if r.rule.layer is layer]
        if not reasons:
            continue
        lines.append(Text(pad + layer_heading(layer, lang), "underline"))
        for reason in reasons:
            title = Text(f"{pad}• ")
            title.append(reason.title(lang), style="bold")
            title.append(f"  {reason.rule.id}", style="dim")
            lines.append(title)
            lines.append(_labelled(pad + "  ", ui["staff_detail"](lang), reason.detail(lang), lang))
    return lines


def note_text(note: str, lang: Lang) -> str:
    """A trailing note in brackets: '  (…)' or '(…)'."""
    return catalogue.NOTE(lang).format(note=note)


def layer_heading(layer: Layer, lang: Lang) -> str:
    """'Credit layer', '信用层'."""
    text = i18n.UI["layer_heading"](lang).format(layer=word(layer.value, lang))
    return text[:1].upper() + text[1:]


def _labelled(pad: str, label: str, body: str, lang: Lang) -> Text:
    from rich.text import Text

    line = Text(pad)
    line.append(label + catalogue.LABEL_SEPARATOR(lang), style="dim")
    line.append(body)
    return line


def unlock_lines(evaluation: Evaluation, why: Explanation, lang: Lang) -> list[tuple[str, str]]:
    """(text, trailing note) lines for the suggestions, shared by the CLI and the explorer."""
    from .domain.changes import actors_text, describe_changes

    ex = catalogue.EXPLAIN
    lines: list[tuple[str, str]] = []
    for title, unlocks in (
        (ex["to_available"], why.to_available),
        (ex["to_limited"], why.to_limited),
    ):
        if not unlocks:
            continue
        lines.append((title(lang), ""))
        if not any(len(u.moves) == 1 for u in unlocks):
            key = "no_single_one" if len(unlocks) == 1 else "no_single"
            lines.append((ex[key](lang), ""))
        for unlock in unlocks:
            words = describe_changes(unlock.changes, evaluation.scenario, lang)
            sep = catalogue.CLAUSE_SEPARATOR(lang)
            note = f"{status_label(unlock.status, lang)}{sep}{actors_text(unlock.actors, lang)}"
            lines.append((f"→ {words}", note))
    if not why.to_available and not why.to_limited:
        lines.append((ex["fixed" if why.fixed else "nothing"](lang), ""))
    return lines
