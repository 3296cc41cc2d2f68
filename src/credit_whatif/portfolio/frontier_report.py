"""The frontier as a table and as a curve, in English or Chinese: the table for the
terminal, the curve for the explorer (a ``textual-plotext`` widget) and for a
committee paper (``frontier --plot out.svg``), drawn by one function."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.catalogue import POLICY_FIELD_LABELS
from ..domain.enums import Lang
from ..domain.wording import word
from ..files.errors import InputError
from ..files.refusals import expected, found
from ..i18n import UI
from .frontier import Frontier, Point
from .paths import atomic_file, suffix_found, write_error
from .report import count, rate_text

if TYPE_CHECKING:
    from rich.table import Table

PLOT_SUFFIXES = (".svg", ".txt")


def label(key: str, lang: Lang, **fields: object) -> str:
    return UI[f"frontier.{key}"](lang).format(**fields)


def _count(n: int | None) -> str:
    return "—" if n is None else count(n)


def title(frontier: Frontier, lang: Lang) -> str:
    return label(
        "title",
        lang,
        field=POLICY_FIELD_LABELS[frontier.field.name](lang),
        feature=frontier.feature.name(lang),
        level=word(frontier.level.value, lang),
        rows=f"{frontier.rows:,}",
    )


def frontier_table(frontier: Frontier, lang: Lang) -> Table:
    """One row per value; the policy's own value marked."""
    from rich.table import Table

    table = Table(title=title(frontier, lang), title_justify="left")
    for key in ("value", "usable", "unavailable", "defaulted", "bad_rate", "avoided", "goods"):
        table.add_column(label(key, lang), justify="right")
    table.add_column("")
    for point in frontier.points:
        own = point.value == frontier.own
        table.add_row(
            *_cells(point), label("own", lang) if own else "", style="bold" if own else None
        )
    if frontier.own not in {p.value for p in frontier.points}:
        table.add_row(*_cells(frontier.reference), label("own", lang), style="bold")
    return table


def _cells(point: Point) -> list[str]:
    return [
        f"{point.value:,}",
        f"{point.usable:,}",
        f"{point.unavailable:,}",
        _count(point.defaulted_usable),
        rate_text(point.bad_rate),
        _count(point.defaults_avoided),
        _count(point.goods_restricted),
    ]


OWN_MARK = "●"


def legend(frontier: Frontier, lang: Lang) -> str:
    """The key to the curve: '⣿ each value of the field   ● the policy's 600'."""
    own = label("own_point", lang, value=f"{frontier.own:,}")
    return f"⣿ {label('curve', lang)}   {OWN_MARK} {own}"


def draw(plt: Any, frontier: Frontier, lang: Lang, *, color: bool = True) -> None:
    """The curve on a plotext figure (the module, or a ``PlotextPlot``'s ``plt``):
    borrowers restricted across, the bad rate of the usable up (or, with no outcome,
    the field's value), the policy's own value marked."""
    plt.clear_figure() if hasattr(plt, "clear_figure") else plt.clear_data()
    if not color:
        plt.theme("clear")
    points = frontier.points
    xs = [p.unavailable for p in points]
    if frontier.outcomes:
        ys = [round((p.bad_rate or 0) * 100, 3) for p in points]
        own_y = round((frontier.reference.bad_rate or 0) * 100, 3)
        plt.ylabel(label("axis_bad_rate", lang))
    else:
        ys = [p.value for p in points]
        own_y = frontier.own
        plt.ylabel(label("value", lang))
    # No legend on the canvas: plotext counts a Chinese character as one column, so
    # the key is a line of its own (:func:`legend`).
    plt.plot(xs, ys, marker="braille")
    plt.scatter([frontier.reference.unavailable], [own_y], marker=OWN_MARK)
    low, high = min(xs), max(xs)
    ticks = sorted({low + (high - low) * k // 4 for k in range(5)})
    plt.xticks(ticks, [f"{t:,}" for t in ticks])
    plt.xlabel(label("axis_restricted", lang))


def plot_target(path: str) -> Path:
    """Where ``--plot`` writes, checked before any work is done."""
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise InputError("--plot", path, expected("plot_path"), suffix_found(suffix, "path"))
    if not target.parent.is_dir():
        raise InputError("--plot", path, expected("path_in_folder"), found("no_such_folder"))
    return target


def save_plot(
    frontier: Frontier, path: str, lang: Lang, width: int = 100, height: int = 30
) -> Path:
    """The curve written to `path`: ``.svg`` (the chart as a terminal shows it) or
    ``.txt`` (plain characters)."""
    import plotext as plt

    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise InputError("--plot", path, expected("plot_path"), suffix_found(suffix, "path"))
    plt.clear_figure()
    plt.plotsize(width, height)
    draw(plt, frontier, lang, color=suffix == ".svg")
    text = plt.build()
    from rich.console import Console
    from rich.text import Text

    chart = Text(title(frontier, lang) + "\n", style="bold")
    chart.append_text(Text.from_ansi(text))
    chart.append("\n" + legend(frontier, lang))
    if suffix == ".txt":
        body = chart.plain.rstrip() + "\n"
    else:
        console = Console(
            record=True, width=width + 2, file=io.StringIO(), color_system="truecolor"
        )
        console.print(chart)
        body = console.export_svg(title=title(frontier, lang))
    try:
        with atomic_file(target) as out:
            out.write(body.encode("utf-8"))
    except OSError as exc:
        raise write_error(target, exc, "plot") from None
    return target
