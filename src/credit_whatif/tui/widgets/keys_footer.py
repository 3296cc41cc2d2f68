"""Textual's compact footer, in two rows when one row would cut keys off, rebuilt
only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable
from math import ceil

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from .geometry import content_width


def _key_width(key: FooterKey) -> int:
    """Cells a compact key takes: "f1 Help" and the margin after it."""
    return cell_len(key.key_display) + 1 + cell_len(key.description) + 1


class KeysFooter(Footer):
    """Keys on one row while they fit the width, else on two."""

    DEFAULT_CSS = """
    KeysFooter.-two-rows {
        layout: grid;
        height: 2;
        grid-rows: 1;
        grid-columns: auto;
        grid-gutter: 0 1;
        FooterKey {
            margin: 0;
        }
    }
    """

    _needed = 0
    """Cells the keys need on one row."""
    _composed_for: Hashable = None
    """The keys the footer was last composed with."""

    def _two_rows(self) -> bool:
        return 0 < content_width(self) < self._needed

    @staticmethod
    def _shown_keys(screen: Screen[object]) -> Hashable:
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Focus moving between widgets with the same keys (most moves), or a workspace
        # mounting under the table, changes nothing the footer shows: rebuilding its
        # dozen keys each time would cost a frame.
        if screen is self.screen and screen.app.app_focus:
            shown = self._shown_keys(screen)
            if self._bindings_ready and shown == self._composed_for:
                return
            self._composed_for = shown  # what the rebuild about to be scheduled shows
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._composed_for = self._shown_keys(self.screen)
        keys = []
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                keys.append(widget)
                # The class its `compact` watcher would add once mounted, given now: a
                # class added after mounting styles the key a second time.
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
        self._needed = sum(_key_width(key) for key in keys)
        two_rows = self._two_rows()
        self.set_class(two_rows, "-two-rows")
        # Footer lays its keys out as a grid of one row, one column per key.
        self.styles.grid_size_columns = max(1, ceil(len(keys) / 2) if two_rows else len(keys))

    def on_resize(self, _event: events.Resize) -> None:
        if self._two_rows() != self.has_class("-two-rows"):
            self.refresh(recompose=True)
