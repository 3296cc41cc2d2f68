"""The summary sentence, under the preset's name and a modified marker."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation
from ...presets import Preset
from ..text import ui


class Headline(Static):
    """'<preset> • modified' then the evaluation's headline."""

    evaluation: reactive[Evaluation | None] = reactive(None)
    """The results summarised."""
    baseline: reactive[Preset | None] = reactive(None)
    """The loaded preset, named in the title."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the sentence."""

    @property
    def modified(self) -> bool:
        return (
            self.evaluation is not None
            and self.baseline is not None
            and self.evaluation.scenario != self.baseline.scenario
        )

    def render(self) -> RenderableType:
        text = Text()
        if self.baseline is not None:
            text.append(self.baseline.name, style="bold")
        if self.modified:
            text.append(f"  {ui('modified', self.lang)}", style="italic")
        if self.evaluation is not None:
            text.append("  ")
            text.append(self.evaluation.headline(self.lang))
        return text
