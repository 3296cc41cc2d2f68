"""Messages that carry user intent up to the app, which owns the scenario."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class ScenarioEdited(Message):
    """An input asks to set one scenario field; the app validates and applies it."""

    def __init__(self, key: str, value: Any) -> None:
        super().__init__()
        self.key = key
        """Dotted key path, e.g. ``borrower.overdue.current_days``."""
        self.value = value
        """The requested value, possibly invalid (the domain decides)."""
