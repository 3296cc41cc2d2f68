"""Turn an evaluation into the CLI's outputs: a JSON object or a Rich table.

Shared by ``credit-whatif eval`` and the explorer, so statuses look the same
everywhere: a symbol and a word, with colour only as a third cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import i18n
from .domain.enums import Lang, Ranked, Status
from .domain.evaluator import Evaluation, FeatureResult, Reason, format_yuan

if TYPE_CHECKING:
    from rich.console import Console

    from .presets import Preset

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


def status_label(status: Status, lang: Lang) -> str:
    """Symbol and word, e.g. '✘ unavailable' or '✘ 不可用'."""
    return f"{STATUS_SYMBOLS[status]} {i18n.word(status.value, lang)}"


def amount_label(result: FeatureResult, lang: Lang) -> str:
    return "—" if result.amount is None else format_yuan(result.amount, lang)


def _plain(value: Any) -> Any:
    if isinstance(value, Ranked):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def reason_to_json(reason: Reason) -> dict[str, Any]:
    message = reason.message
    return {
        "rule": reason.rule.id,
        "layer": reason.rule.layer.value,
        "key": reason.rule.key,
        "observed": _plain(reason.observed),
        "comparator": reason.rule.comparator.value,
        "threshold": _plain(reason.threshold),
        "effect": reason.effect.status.value,
        "cap": reason.cap_amount,
        "message": {"en": message.en, "zh": message.zh},
    }


def evaluation_to_json(preset: Preset, evaluation: Evaluation) -> dict[str, Any]:
    """The ``eval --json`` contract: one object per preset."""
    from .presets import preset_to_dict

    headline = evaluation.headline
    return {
        "preset": preset.name,
        "scenario": preset_to_dict(preset),
        "features": {
            r.feature.id: {
                "status": r.status.value,
                "amount": r.amount,
                "reasons": [reason_to_json(reason) for reason in r.reasons],
            }
            for r in evaluation.features
        },
        "summary": {
            "usable": evaluation.usable,
            "total": evaluation.total,
            "headline": {"en": headline.en, "zh": headline.zh},
        },
    }


def print_evaluation(console: Console, preset: Preset, evaluation: Evaluation, lang: Lang) -> None:
    """A table of features (status, amount, main reason) and the headline."""
    from rich.table import Table
    from rich.text import Text

    ui = i18n.UI
    table = Table(title=preset.name, title_justify="left", expand=False)
    table.add_column(ui["feature"](lang))
    table.add_column(ui["status"](lang))
    table.add_column(ui["amount"](lang), justify="right")
    table.add_column(ui["main_reason"](lang))
    for result in evaluation.features:
        decisive = result.decisive
        reason = Text()
        if decisive is not None:
            layer = i18n.word(decisive.rule.layer.value, lang)
            reason.append(f"[{layer}] ", style="dim")
            reason.append(decisive.title(lang))
        table.add_row(
            result.feature.name(lang),
            Text(status_label(result.status, lang), style=STATUS_STYLES[result.status]),
            amount_label(result, lang),
            reason,
        )
    console.print(table)
    console.print(evaluation.headline(lang))
