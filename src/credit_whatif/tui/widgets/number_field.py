"""An integer input that also steps with the arrow keys, stopping at its range's ends;
an optional one may be left empty (not stated)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

MessageFor = Callable[[Any], Message]


class NumberField(Input):
    """Typing replaces the value (it is selected on focus, after enter and after a
    step) and applies on enter or when focus leaves; up/down step at once.

    Steps stop quietly at the ends of the range, as the score slider's knob does;
    a typed value out of range goes to the app, whose refusal says why. An optional
    field applies an emptied value as None (the borrower did not state it).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(1)", "Step up", show=False, id="step_up"),
        Binding("down", "step(-1)", "Step down", show=False, id="step_down"),
        Binding("shift+up,pageup", "step(10)", "Big step up", show=False, id="step_up_big"),
        Binding(
            "shift+down,pagedown", "step(-10)", "Big step down", show=False, id="step_down_big"
        ),
    ]

    def __init__(
        self,
        key: str,
        step: int,
        bounds: tuple[int, int],
        message_for: MessageFor,
        *,
        optional: bool = False,
        id: str | None = None,
    ) -> None:
        # The integer type keeps out what cannot be part of an integer; whether a value
        # is acceptable is the model's call when it is applied (its refusal says why),
        # so the input's own validation styling is left off.
        super().__init__(type="integer", id=id, select_on_focus=True, validate_on=())
        # Compact (no border), set without the reactive's class toggle: that restyles the
        # field once more while the inputs are being built.
        self.set_reactive(Input.compact, True)
        self.add_class("-textual-compact", update=False)
        self.key = key
        self.step = step
        self.bounds = bounds
        self._message_for = message_for
        self.optional = optional
        self._shown = ""

    def show(self, value: int | None) -> None:
        """Display the model's value (also after a refused edit); None shows empty."""
        self._shown = "" if value is None else str(value)
        if self.value != self._shown:
            self.value = self._shown
            if self.has_focus:
                self.select_all()  # typing still replaces the value shown

    def _submit(self) -> None:
        if self.value == self._shown:
            return
        text = self.value.strip()
        requested: int | str | None
        try:
            requested = int(text)
        except ValueError:
            requested = text  # the model refuses it and names what it found
        if not text and self.optional:
            requested = None
        self.post_message(self._message_for(requested))

    @on(Input.Submitted)
    def _apply_typed(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()
        # Applied: what is typed next is a new value, not more digits of this one.
        self.select_all()

    def on_blur(self, _event: events.Blur) -> None:
        self._submit()

    def action_step(self, multiple: int) -> None:
        if self.optional and not self.value.strip() and multiple < 0:
            return  # nothing stated: stepping down would state a zero, not less
        try:
            current = int(self.value)
        except ValueError:
            current = int(self._shown or 0)
        lo, hi = self.bounds
        wanted = min(hi, max(lo, current + multiple * self.step))
        if str(wanted) == self._shown and self.value == self._shown:
            return  # already at the end of the range: nothing to say
        self.value = str(wanted)
        self._submit()
        self.select_all()  # typing after a step replaces the stepped value
