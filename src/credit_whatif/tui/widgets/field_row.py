"""A label and its control, one row of the inputs or the policy view.

The label carries two marks that are shape, not colour: ``▸`` while the control
(or anything inside it) has focus, and ``•`` when the value differs from what was
loaded. Both also set classes (``-focused``, ``-changed``) for the theme's styles.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

FOCUS_MARK, CHANGED_MARK = "▸", "•"


class FieldRow(Horizontal):
    def __init__(self, key: str, control: Widget, *, classes: str = "") -> None:
        super().__init__(classes=f"field-row {classes}".strip())
        self.key = key
        self.control: Any = control
        """The control, whose ``show(value)`` displays the model's value."""
        self._text = ""
        self._changed = False

    def compose(self) -> ComposeResult:
        yield Label(classes="field-label")
        yield self.control

    def show_label(self, text: str, changed: bool) -> None:
        self._text, self._changed = text, changed
        self.set_class(changed, "-changed")
        self._redraw()

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        focus = FOCUS_MARK if self.has_class("-focused") else " "
        changed = CHANGED_MARK if self._changed else " "
        label = self.query_one(".field-label", Label)
        text = f"{focus}{changed}{self._text}"
        if str(label.content) != text:
            label.update(text)

    def on_mount(self) -> None:
        self._redraw()

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self.add_class("-focused")
        self._redraw()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.remove_class("-focused")
        self._redraw()
