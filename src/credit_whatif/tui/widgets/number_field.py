"""An integer input that also steps with the arrow keys."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.widgets import Input

from ..messages import ScenarioEdited


class NumberField(Input):
    """Typing applies on enter or when focus leaves; up/down step at once.

    Stepping is not clamped here: the domain's range check rejects a step past
    an end with the same message a typed value would get.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(1)", "Step up", show=False, id="step_up"),
        Binding("down", "step(-1)", "Step down", show=False, id="step_down"),
        Binding("shift+up,pageup", "step(10)", "Big step up", show=False, id="step_up_big"),
        Binding(
            "shift+down,pagedown", "step(-10)", "Big step down", show=False, id="step_down_big"
        ),
    ]

    def __init__(self, key: str, step: int, *, id: str | None = None) -> None:
        super().__init__(type="integer", compact=True, id=id, select_on_focus=False)
        self.key = key
        self.step = step
        self._shown = ""

    def show(self, value: int) -> None:
        """Display the scenario's value (also after a rejected edit)."""
        self._shown = str(value)
        if self.value != self._shown:
            self.value = self._shown

    def _submit(self) -> None:
        if self.value == self._shown:
            return
        text = self.value.strip()
        try:
            requested: int | str = int(text)
        except ValueError:
            requested = text  # the domain rejects it and names what it found
        self.post_message(ScenarioEdited(self.key, requested))

    @on(Input.Submitted)
    def _apply_typed(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_blur(self, _event: events.Blur) -> None:
        self._submit()

    def action_step(self, multiple: int) -> None:
        try:
            current = int(self.value)
        except ValueError:
            current = int(self._shown or 0)
        self.value = str(current + multiple * self.step)
        self.cursor_position = len(self.value)
        self._submit()
