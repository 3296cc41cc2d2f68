"""Sweeps as text: the bands of each feature over a range of one input, the axis
with its breakpoints, and the ``sweep --json`` contract (the CLI and the explorer's
band strip share them)."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any

from . import i18n
from .domain.enums import Lang, Status
from .domain.policy import PolicyTable
from .domain.wording import word
from .report import STATUS_STYLES, policy_to_json
from .safe_text import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .domain.sweep import FeatureSweep, Sweep
    from .files.presets import Preset

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


def sweep_to_json(preset: Preset, sweep: Sweep, table: PolicyTable) -> dict[str, Any]:
    return {
        "preset": preset.name,
        "policy": policy_to_json(table),
        "key": sweep.key,
        "from": sweep.start,
        "to": sweep.end,
        "current": sweep.current,
        "breakpoints": list(sweep.breakpoints),
        # Inputs moved with the swept one to keep the scenario valid, and where.
        "tied": [
            {"key": t.key, "from": t.start, "to": t.end, "values": [t.first, t.last]}
            for t in sweep.tied
        ],
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


def sweep_lines(sweep: Sweep, names: dict[str, str], lang: Lang, width: int) -> list[Text]:
    """The bands of a sweep in `width` cells: one line per feature (name, then a
    symbol and colour per cell), the tick marks with the current value (▲), the
    threshold values, and a legend. Shared by the CLI and the explorer."""
    from rich.text import Text

    labels = [names[f.feature] for f in sweep.features]
    name_width = max(Text(name).cell_len for name in labels) + 2
    cells = max(10, width - name_width)
    lines = []
    for name, feature in zip(labels, sweep.features, strict=True):
        line = Text(name)
        line.pad_right(name_width - line.cell_len)
        # One span per run of a status, not per cell: the explorer draws each span.
        for status, run in groupby(band_cells(feature, sweep.start, sweep.end, cells)):
            band = BAND_CHARS[status] * len(list(run))
            line.append(band, style=STATUS_STYLES[status].replace("bold ", ""))
        lines.append(line)
    marks, axis = axis_labels(sweep, cells)
    lines.append(Text(" " * name_width + marks, style="dim"))
    lines.append(Text(" " * name_width + axis, style="dim"))
    legend = "   ".join(
        f"{BAND_CHARS[s]} {word(s.value, lang)}"
        for s in (Status.AVAILABLE, Status.LIMITED, Status.UNAVAILABLE)
    )
    current = i18n.UI["current_value"](lang).format(value=sweep.current)
    lines.append(Text(f"{legend}   ▲ {current}", style="dim"))
    for line in lines:
        line.no_wrap, line.overflow = True, "crop"
    return lines


def print_sweep(
    console: Console, preset: Preset, sweep: Sweep, names: dict[str, str], lang: Lang
) -> None:
    """Per feature a band over the range (symbol and colour), thresholds labelled,
    the current value marked."""
    from rich.text import Text

    heading = f"{preset.display_name(lang)}: {sweep.key} {sweep.start}..{sweep.end}"
    console.print(Text(printable(heading), style="bold"))
    for line in sweep_lines(sweep, names, lang, min(120, console.width)):
        console.print(line)
    for move in sweep.tied:
        note = i18n.UI["sweep.tied"](lang).format(
            key=sweep.key,
            start=move.start,
            end=move.end,
            tied=move.key,
            first=move.first,
            last=move.last,
        )
        console.print(Text(note, style="dim"))
