"""A one-line choice among a few options, all shown at once: ``● up  ○ degraded  ○ down``.

Lighter than a drop-down (one widget, nothing to open) and every option is in view;
the chosen one is marked by shape (●/○) and style, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.enums import Lang
from .number_field import MessageFor

CHOSEN, OTHER = "●", "○"
GAP = " "
Labeller = Callable[[str, Lang], str]


def choice_of(value: Any) -> str:
    """The option for a model value: enums by value, booleans as "true"/"false"."""
    return str(value).lower() if isinstance(value, bool) else str(value)


class SegmentedChoice(Widget, can_focus=True):
    """Posts the message `message_for` makes when the user picks another option."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Previous option", show=False, id="choice_previous"),
        Binding("right", "move(1)", "Next option", show=False, id="choice_next"),
        Binding(
            "space,enter", "move(1, True)", "Next option, wrapping", show=False, id="choice_cycle"
        ),
    ]

    DEFAULT_CSS = """
    SegmentedChoice {
        height: 1;
        width: 1fr;
    }
    """

    value: reactive[str] = reactive("")
    """The chosen option; setting it to a new option is an edit."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the option labels."""

    def __init__(
        self,
        key: str,
        values: Sequence[str],
        labeller: Labeller,
        parse: Callable[[str], Any],
        message_for: MessageFor,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.key = key
        self.choices = tuple(values)
        self._labeller = labeller
        self._parse = parse
        self._message_for = message_for
        self._shown = self.choices[0]
        self.set_reactive(SegmentedChoice.value, self.choices[0])

    def _labels(self) -> list[str]:
        return [self._labeller(choice, self.lang) for choice in self.choices]

    def render(self) -> RenderableType:
        line = Text(no_wrap=True, overflow="ellipsis")
        for index, (choice, label) in enumerate(zip(self.choices, self._labels(), strict=True)):
            if index:
                line.append(GAP)
            if choice == self.value:
                line.append(f"{CHOSEN} {label}", style="bold reverse")
            else:
                line.append(f"{OTHER} {label}", style="dim")
        return line

    def watch_value(self, value: str) -> None:
        if value != self._shown and value in self.choices:
            self.post_message(self._message_for(self._parse(value)))

    def show(self, value: Any) -> None:
        """Show the model's value without treating it as an edit."""
        self._shown = choice_of(value)
        self.value = self._shown

    def relabel(self, lang: Lang) -> None:
        self.lang = lang

    def action_move(self, step: int, wrap: bool = False) -> None:
        index = self.choices.index(self.value) + step
        if wrap:
            index %= len(self.choices)
        self.value = self.choices[max(0, min(index, len(self.choices) - 1))]

    def on_click(self, event: events.Click) -> None:
        x = 0
        for choice, label in zip(self.choices, self._labels(), strict=True):
            width = Text(f"{CHOSEN} {label}").cell_len
            if x <= event.x < x + width:
                self.value = choice
                return
            x += width + len(GAP)
