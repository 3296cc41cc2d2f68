"""A widget's width from its own last layout.

Textual's ``content_size`` and ``*_region`` ask the screen's compositor where the
widget is; right after a layout change that means mapping every widget on the
screen, hidden ones included (about 15 ms for the explorer, paid inside a render).
The size a widget was last laid out at is already on the widget.
"""

from __future__ import annotations

from textual.widget import Widget


def content_width(widget: Widget) -> int:
    """Cells inside the widget's border and padding."""
    return widget.outer_size.width - widget.styles.gutter.width


def scrollable_width(widget: Widget) -> int:
    """Cells inside the border, padding and a vertical scrollbar."""
    return content_width(widget) - widget.scrollbar_gutter.width
