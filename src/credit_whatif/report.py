"""Turn an evaluation into the CLI's outputs: a JSON object or a Rich table.

Shared by ``credit-whatif eval`` and the explorer, so statuses look the same
everywhere: a symbol and a word, with colour only as a third cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import i18n
from .domain.enums import Lang, Ranked, Status
from .domain.evaluator import Evaluation, FeatureResult, Reason, format_yuan
from .domain.explain import Change, Explanation, Unlock, describe_changes, explain
from .domain.sweep import FeatureSweep, Sweep

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

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
        "margin": reason.margin,
        "cap": reason.cap_amount,
        "message": {"en": message.en, "zh": message.zh},
    }


def change_to_json(change: Change, status: Status) -> dict[str, Any]:
    return {
        "key": change.key,
        "to": _plain(change.to),
        "status": status.value,
        "in_borrower_control": change.in_borrower_control,
    }


def unlocks_to_json(unlocks: tuple[Unlock, ...]) -> list[Any]:
    """A single change as an object; a combination as a list of such objects."""
    out: list[Any] = []
    for unlock in unlocks:
        changes = [change_to_json(c, unlock.status) for c in unlock.changes]
        out.append(changes[0] if len(changes) == 1 else changes)
    return out


def evaluation_to_json(preset: Preset, evaluation: Evaluation) -> dict[str, Any]:
    """The ``eval --json`` contract: one object per preset."""
    from .presets import preset_to_dict

    headline = evaluation.headline
    explanations = explain(evaluation)
    return {
        "preset": preset.name,
        "scenario": preset_to_dict(preset),
        "features": {
            r.feature.id: {
                "status": r.status.value,
                "amount": r.amount,
                "reasons": [reason_to_json(reason) for reason in r.reasons],
                "principal_reasons": [reason.rule.id for reason in why.principal],
                "unlock": unlocks_to_json(why.to_available),
                "unlock_limited": unlocks_to_json(why.to_limited),
            }
            for r, why in zip(evaluation.features, explanations, strict=True)
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
    explanations = [e for e in explain(evaluation) if e.status is not Status.AVAILABLE]
    if explanations:
        console.print()
        console.print(i18n.UI["what_would_change"](lang), style="bold")
        for result, why in ((evaluation[e.feature], e) for e in explanations):
            print_explanation(console, evaluation, result, why, lang)


def unlock_lines(evaluation: Evaluation, why: Explanation, lang: Lang) -> list[tuple[str, str]]:
    """(text, trailing note) lines for the suggestions, shared by the CLI and the explorer."""
    ex = i18n.EXPLAIN
    lines: list[tuple[str, str]] = []
    for title, unlocks in (
        (ex["to_available"], why.to_available),
        (ex["to_limited"], why.to_limited),
    ):
        if not unlocks:
            continue
        lines.append((title(lang), ""))
        if not any(len(u.changes) == 1 for u in unlocks):
            lines.append((ex["no_single"](lang), ""))
        for unlock in unlocks:
            words = describe_changes(unlock.changes, evaluation.scenario, lang)
            control = ex["in_control" if unlock.in_borrower_control else "not_in_control"](lang)
            lines.append((f"→ {words}", f"{status_label(unlock.status, lang)}; {control}"))
    if not why.to_available and not why.to_limited:
        lines.append((ex["nothing"](lang), ""))
    return lines


def print_explanation(
    console: Console, evaluation: Evaluation, result: FeatureResult, why: Explanation, lang: Lang
) -> None:
    from rich.text import Text

    header = Text(f"  {result.feature.name(lang)} ")
    header.append(status_label(result.status, lang), style=STATUS_STYLES[result.status])
    console.print(header)
    for text, note in unlock_lines(evaluation, why, lang):
        line = Text(f"    {text}")
        if note:
            line.append(f"  ({note})", style="dim")
        console.print(line)


# --- Sweeps -----------------------------------------------------------------------

BAND_CHARS: dict[Status, str] = {
    Status.AVAILABLE: "█",
    Status.LIMITED: "▒",
    Status.UNAVAILABLE: "░",
}


def band_cells(feature: FeatureSweep, start: int, end: int, width: int) -> list[Status]:
    """The status shown in each of `width` cells spanning ``start..end``: the status
    at the first value each cell covers."""
    span = end - start + 1
    cells = []
    for index in range(width):
        value = start + (index * span) // width
        cells.append(feature.at(min(value, end)).status)
    return cells


def cell_of(value: int, start: int, end: int, width: int) -> int:
    """The cell that shows `value`."""
    span = end - start + 1
    return min(width - 1, max(0, ((value - start) * width) // span))


def axis_labels(sweep: Sweep, width: int) -> tuple[str, str]:
    """Two lines under the bands: tick marks at every breakpoint and the current value
    (▲), and the breakpoint values, placed where they don't collide."""
    marks = [" "] * width
    labels = [" "] * width
    points = [sweep.start, *sweep.breakpoints, sweep.end]
    for value in points:
        marks[cell_of(value, sweep.start, sweep.end, width)] = (
            "┴" if value in sweep.breakpoints else "╵"
        )
    if sweep.start <= sweep.current <= sweep.end:
        marks[cell_of(sweep.current, sweep.start, sweep.end, width)] = "▲"
    free_from = 0
    for value in points:
        text = str(value)
        at = cell_of(value, sweep.start, sweep.end, width)
        at = min(max(at, free_from), width - len(text))
        if at < free_from:
            continue
        labels[at : at + len(text)] = list(text)
        free_from = at + len(text) + 1
    return "".join(marks), "".join(labels)


def sweep_to_json(preset: Preset, sweep: Sweep) -> dict[str, Any]:
    return {
        "preset": preset.name,
        "key": sweep.key,
        "from": sweep.start,
        "to": sweep.end,
        "current": sweep.current,
        "breakpoints": list(sweep.breakpoints),
        "features": {
            f.feature: {
                "segments": [
                    {"from": s.start, "to": s.end, "status": s.status.value, "amount": s.amount}
                    for s in f.segments
                ]
            }
            for f in sweep.features
        },
    }


def sweep_lines(sweep: Sweep, lang: Lang, width: int) -> list[Text]:
    """The bands of a sweep in `width` cells: one line per feature (name, then a
    symbol and colour per cell), the tick marks with the current value (▲), the
    threshold values, and a legend. Shared by the CLI and the explorer."""
    from rich.text import Text

    from .domain.features import FEATURES_BY_ID

    names = [FEATURES_BY_ID[f.feature].name(lang) for f in sweep.features]
    name_width = max(Text(name).cell_len for name in names) + 2
    cells = max(10, width - name_width)
    lines = []
    for name, feature in zip(names, sweep.features, strict=True):
        line = Text(name)
        line.pad_right(name_width - line.cell_len)
        for status in band_cells(feature, sweep.start, sweep.end, cells):
            line.append(BAND_CHARS[status], style=STATUS_STYLES[status].replace("bold ", ""))
        lines.append(line)
    marks, labels = axis_labels(sweep, cells)
    lines.append(Text(" " * name_width + marks, style="dim"))
    lines.append(Text(" " * name_width + labels, style="dim"))
    legend = "   ".join(
        f"{BAND_CHARS[s]} {i18n.word(s.value, lang)}"
        for s in (Status.AVAILABLE, Status.LIMITED, Status.UNAVAILABLE)
    )
    current = i18n.UI["current_value"](lang).format(value=sweep.current)
    lines.append(Text(f"{legend}   ▲ {current}", style="dim"))
    for line in lines:
        line.no_wrap, line.overflow = True, "crop"
    return lines


def print_sweep(console: Console, preset: Preset, sweep: Sweep, lang: Lang) -> None:
    """Per feature a band over the range (symbol and colour), thresholds labelled,
    the current value marked."""
    from rich.text import Text

    console.print(Text(f"{preset.name}: {sweep.key} {sweep.start}..{sweep.end}", style="bold"))
    for line in sweep_lines(sweep, lang, min(120, console.width)):
        console.print(line)
