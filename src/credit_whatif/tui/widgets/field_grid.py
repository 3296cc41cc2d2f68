"""Fields as label and control side by side in a grid: the inputs, the policy view and
the portfolio's levers.

A row is two cells of its container's grid rather than a container of its own: the
inputs have sixteen fields, and a container per row was a sixth of the widgets
Textual had to mount before the explorer could be used.

The label carries two marks that are shape, not colour: ``▸`` while its control (or
anything inside it) has focus, and ``•`` when the value differs from what was loaded.
Both also set classes (``-focused``, ``-changed``) for the theme's styles.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual import events
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Static

FOCUS_MARK, CHANGED_MARK = "▸", "•"


class FieldLabel(Static):
    """The label of one field, which knows its key and its control."""

    def __init__(self, key: str, control: Widget) -> None:
        super().__init__(classes="field-label")
        self.key = key
        self.control: Any = control
        """The control, whose ``show(value)`` displays the model's value."""
        self._text = ""
        self._changed = False

    def show_label(self, text: str, changed: bool) -> None:
        self._text, self._changed = text, changed
        self.set_class(changed, "-changed")
        self._redraw()

    def mark_focus(self, focused: bool) -> None:
        self.set_class(focused, "-focused")
        self._redraw()

    def _redraw(self) -> None:
        focus = FOCUS_MARK if self.has_class("-focused") else " "
        changed = CHANGED_MARK if self._changed else " "
        text = f"{focus}{changed}{self._text}"
        if str(self.content) != text:
            self.update(text)


def field_cells(key: str, control: Widget) -> Iterator[Widget]:
    """The two cells of one field: its label, then its control."""
    yield FieldLabel(key, control)
    yield control


class FieldGrid:
    """Mixed into a container whose grid holds :func:`field_cells`: moves the focus
    mark to the label of whichever control holds the focus."""

    def field_labels(self) -> list[FieldLabel]:
        assert isinstance(self, Widget)
        return list(self.query(FieldLabel))

    def _label_of(self, widget: DOMNode | None) -> FieldLabel | None:
        labels = {id(label.control): label for label in self.field_labels()}
        while widget is not None and id(widget) != id(self):
            if (found := labels.get(id(widget))) is not None:
                return found
            widget = widget.parent
        return None

    def on_resize(self, _event: events.Resize) -> None:
        # A longer headline can take a line from the fields: the one being edited
        # stays in view.
        assert isinstance(self, Widget)
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.call_after_refresh(focused.scroll_visible, animate=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if (label := self._label_of(event.widget)) is not None:
            label.mark_focus(True)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if (label := self._label_of(event.widget)) is not None:
            label.mark_focus(False)
