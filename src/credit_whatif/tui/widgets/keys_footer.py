"""The explorer's footer: every key of the screen's active bindings, drawn by one widget.

It looks and acts as Textual's compact ``Footer``: the same keys in the same order,
the same colours (the theme's footer variables), a key lit under the mouse, dimmed
when its action is disabled, pressed by a click, its tooltip shown on hover; and it
follows the bindings as they change (focus, the language, a screen's own keys). The
difference is the cost: ``Footer`` mounts a widget per key, and styling, laying out
and drawing those was ~13 ms of the explorer's start. Keys go on one row while they
fit the width, else on two (:mod:`.footer_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.css.styles import StylesBase
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from .footer_keys import FooterEntry, Placed, footer_entries, place, two_rows
from .geometry import content_width


def _fold(layers: Iterable[StylesBase]) -> Style:
    """The Rich style of a node whose styles and ancestors' are `layers`, outermost
    first: Textual's own fold (``DOMNode.rich_style``), here over the footer's
    ancestors, the key's layer and the key's part."""
    background = Color(0, 0, 0, 0)
    color = Color(255, 255, 255, 0)
    style = Style()
    opacity = 1.0
    for styles in layers:
        has_rule = styles.has_rule
        opacity *= styles.opacity
        if has_rule("background"):
            tinted = styles.background.tint(styles.background_tint)
            text_background = background + tinted
            background += tinted.multiply_alpha(opacity)
        else:
            text_background = background
        if has_rule("color"):
            color = styles.color
        style += styles.text_style
        if has_rule("auto_color") and styles.auto_color:
            color = text_background.get_contrast_text(color.a)
    return style + Style.from_color(
        (background + color).rich_color if (background.a or color.a) else None,
        background.rich_color if background.a else None,
    )


class KeysFooter(Widget, can_focus=False):
    """The screen's keys, at the bottom, on one row or two."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keys-footer--item",
        "keys-footer--hover",
        "keys-footer--disabled",
        "keys-footer--key",
        "keys-footer--description",
    }
    # Textual's Footer and FooterKey, in their compact style: a key is its item
    # (background; lit under the mouse, dim when disabled), then its key and its
    # description.
    DEFAULT_CSS = """
    KeysFooter {
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        &.-two-rows {
            height: 2;
        }
        .keys-footer--item {
            background: $footer-item-background;
        }
        .keys-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .keys-footer--disabled {
            text-style: dim;
        }
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: tuple[FooterEntry, ...] = ()
        """The keys shown, in order."""
        self._placed: list[Placed] = []
        self._hover: int | None = None
        self._pending = False
        self._style_cache: dict[tuple[bool, bool], tuple[Style, Style]] = {}
        """(hovered, enabled) -> the styles of a key's key and description."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # As Footer: not while the terminal has lost focus, and once for a burst of
        # changes (a focus move publishes several), after the next refresh.
        if not screen.app.app_focus or screen is not self.screen or self._pending:
            return
        self._pending = True
        self.call_after_refresh(self._take_entries)

    def _take_entries(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        entries = footer_entries(self.screen)
        if entries != self.entries:
            self.entries = entries
            self._hover = None
            self._arrange()

    def on_resize(self, _event: events.Resize) -> None:
        self._arrange()

    def _arrange(self) -> None:
        widths = [entry.width for entry in self.entries]
        width = content_width(self)
        self._placed = place(widths, width)
        self.set_class(two_rows(widths, width), "-two-rows")
        self.refresh()

    def entry_at(self, x: int, y: int) -> int | None:
        """The index of the key at cell (`x`, `y`) of the footer, if any."""
        for index, (entry, (left, row)) in enumerate(zip(self.entries, self._placed, strict=True)):
            if row == y and left <= x < left + entry.width:
                return index
        return None

    def key_region(self, index: int) -> tuple[int, int, int]:
        """Where the key `index` is on screen: (first cell, row, width)."""
        left, row = self._placed[index]
        region = self.content_region
        return region.x + left, region.y + row, self.entries[index].width

    def notify_style_update(self) -> None:
        self._style_cache.clear()
        super().notify_style_update()

    def _styles(self, index: int) -> tuple[Style, Style]:
        """The styles of key `index`'s key and description."""
        hovered, enabled = index == self._hover, self.entries[index].enabled
        if (styles := self._style_cache.get((hovered, enabled))) is not None:
            return styles
        outer = [node.styles for node in reversed(self.ancestors_with_self)]
        item = [self.get_component_styles("keys-footer--hover" if hovered else "keys-footer--item")]
        if not enabled:
            item.append(self.get_component_styles("keys-footer--disabled"))
        key = self.get_component_styles("keys-footer--key")
        description = self.get_component_styles("keys-footer--description")
        styles = _fold([*outer, *item, key]), _fold([*outer, *item, description])
        self._style_cache[hovered, enabled] = styles
        return styles

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        # Between and after the keys, the footer's background (no colour: nothing is
        # written there), as a container's empty cells.
        blank = Style.from_color(bgcolor=self.rich_style.bgcolor)
        segments: list[Segment] = []
        end = 0
        for index, (entry, (left, row)) in enumerate(zip(self.entries, self._placed, strict=True)):
            if row != y:
                continue
            if left > end:
                segments.append(Segment(" " * (left - end), blank))
            key_style, description_style = self._styles(index)
            segments.append(Segment(entry.key_display, key_style))
            if entry.description:
                segments.append(Segment(" " + entry.description, description_style))
            end = left + entry.width
        strip = Strip(segments, end).crop(0, width)
        return strip.extend_cell_length(width, blank)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.entry_at(event.x, event.y))

    def on_leave(self, _event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index == self._hover:
            return
        self._hover = index
        entry = None if index is None else self.entries[index]
        self.tooltip = entry.tooltip if entry is not None and entry.tooltip else None
        self.styles.pointer = "default" if entry is None else "pointer"
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self.entry_at(event.x, event.y)
        if index is None:
            return
        if self.entries[index].enabled:
            self.app.simulate_key(self.entries[index].key)
        else:
            self.app.bell()
