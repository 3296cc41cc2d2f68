"""Messages that carry user intent up to the app, which owns the scenario and policy."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from ..domain.enums import Tightening


class ScenarioEdited(Message):
    """An input asks to set one scenario field; the app validates and applies it."""

    def __init__(self, key: str, value: Any) -> None:
        super().__init__()
        self.key = key
        """Dotted key path, e.g. ``borrower.overdue.current_days``."""
        self.value = value
        """The requested value, possibly invalid (the domain decides)."""


class ThresholdEdited(Message):
    """The policy view asks to set one threshold of one tightening level."""

    def __init__(self, level: Tightening, field: str, value: Any) -> None:
        super().__init__()
        self.level = level
        self.field = field
        """A policy field name, e.g. ``withdrawal_min_score``."""
        self.value = value
