"""An OptionList whose highlighted entry is marked ``▸`` as well as shaded.

Textual draws the highlight as a background shade (an option's style takes no
reverse video), which a plain terminal or NO_COLOR reduces to one grey step. The
mark is shape: it shows everywhere. Every prompt gets a two-cell gutter for it,
so the text never shifts as the highlight moves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

HIGHLIGHT_MARK = "▸"


def _with_gutter(prompt: Text | str, marked: bool) -> Table:
    # A grid rather than a prefix, so a prompt that wraps keeps its indent.
    grid = Table.grid()
    grid.add_column(width=2, no_wrap=True)
    grid.add_column()
    grid.add_row(Text(f"{HIGHLIGHT_MARK} " if marked else "  ", style="bold"), prompt)
    return grid


class MarkedOptionList(OptionList):
    """Takes options as OptionList does (prompts as Text or str)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        # Set first: OptionList's own __init__ adds any options it is given.
        self._prompts: list[Text | str] = []
        self._marked: int | None = None
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clear_options(self) -> Self:
        self._prompts, self._marked = [], None
        return super().clear_options()

    def add_options(self, new_options: Iterable[object]) -> Self:
        options = [o if isinstance(o, Option) else Option(o) for o in new_options]  # type: ignore[arg-type]
        self._prompts.extend(o.prompt for o in options)  # type: ignore[misc]
        return super().add_options(
            Option(_with_gutter(o.prompt, False), id=o.id, disabled=o.disabled)  # type: ignore[arg-type]
            for o in options
        )

    def step_highlight(self, delta: int) -> None:
        """Move the highlight by `delta`, wrapping at the ends (up and down pressed in
        a filter box above the list)."""
        if self.option_count:
            self.highlighted = ((self.highlighted or 0) + delta) % self.option_count

    def watch_highlighted(self, highlighted: int | None) -> None:
        if self._marked is not None and self._marked < len(self._prompts):
            self.replace_option_prompt_at_index(
                self._marked, _with_gutter(self._prompts[self._marked], False)
            )
        if highlighted is not None and highlighted < len(self._prompts):
            self.replace_option_prompt_at_index(
                highlighted, _with_gutter(self._prompts[highlighted], True)
            )
        self._marked = highlighted
        super().watch_highlighted(highlighted)
