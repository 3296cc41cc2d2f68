"""The keys a footer shows, and where each goes on one row or on two.

Which keys, and in what order, as Textual's ``Footer`` picks them: the screen's
active bindings that are shown, one key per action (the first). Where, as its compact
footer lays them out: on one row with a cell after each key while they fit the width;
else on two rows, as a grid of ``ceil(n / 2)`` columns, each as wide as its widest
key, a cell between columns.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.screen import Screen


class FooterEntry(NamedTuple):
    """One key as the footer shows it."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str

    @property
    def width(self) -> int:
        """Cells it takes: ``f1 Help`` (the key alone when it has no description)."""
        text = cell_len(self.key_display)
        return text + 1 + cell_len(self.description) if self.description else text


def footer_entries(screen: Screen[object]) -> tuple[FooterEntry, ...]:
    """The keys `screen`'s footer shows, in order."""
    shown: dict[str, FooterEntry] = {}
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in shown:
            shown[binding.action] = FooterEntry(
                binding.key,
                screen.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
            )
    return tuple(shown.values())


class Placed(NamedTuple):
    """Where an entry starts: its first cell and its row."""

    x: int
    row: int


def two_rows(widths: Sequence[int], width: int) -> bool:
    """Whether keys of these `widths` need two rows at `width` cells (0: not laid
    out yet, one row)."""
    return 0 < width < sum(w + 1 for w in widths)


def place(widths: Sequence[int], width: int) -> list[Placed]:
    """Where each key of these `widths` goes at `width` cells."""
    if not two_rows(widths, width):
        starts, x = [], 0
        for w in widths:
            starts.append(Placed(x, 0))
            x += w + 1
        return starts
    columns = max(1, ceil(len(widths) / 2))
    column_widths = [0] * columns
    for index, w in enumerate(widths):
        column_widths[index % columns] = max(column_widths[index % columns], w)
    lefts = [sum(column_widths[:c]) + c for c in range(columns)]
    return [Placed(lefts[i % columns], i // columns) for i in range(len(widths))]
