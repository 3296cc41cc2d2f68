"""Every feature across the score range, one band each, with the current score marked.

Like a partial-dependence plot: it shows at a glance where each feature switches
on. The sweep is exact (cut at the rules' thresholds), so it can run on every edit.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.enums import Lang
from ...domain.scenario import Scenario
from ...domain.sweep import Sweep, sweep
from ...report import sweep_lines
from ..text import ui


class BandStrip(Widget):
    """Status bands of all features over the score axis."""

    DEFAULT_CSS = """
    BandStrip {
        height: auto;
        padding: 0 1;
    }
    """

    scenario: reactive[Scenario | None] = reactive(None)
    """The scenario whose score is swept."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of names and the legend."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sweep: Sweep | None = None

    def watch_scenario(self, scenario: Scenario | None) -> None:
        self.sweep = None if scenario is None else sweep(scenario)

    def get_content_height(self, *_args: object) -> int:
        rows = len(self.sweep.features) if self.sweep is not None else 0
        return rows + 4  # title, bands, tick marks, labels, legend

    def render(self) -> RenderableType:
        if self.sweep is None:
            return Text()
        title = Text(ui("bands_title", self.lang, value=self.sweep.current), style="bold")
        lines = sweep_lines(self.sweep, self.lang, self.content_size.width)
        return Text("\n").join([title, *lines])
