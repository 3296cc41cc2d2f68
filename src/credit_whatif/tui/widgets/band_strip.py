"""Every feature across the score range, one band each, with the current score marked.

Like a partial-dependence plot: it shows at a glance where each feature switches
on under the active policy. The sweep is exact (cut at the rules' thresholds), so
it can run on every edit.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation
from ...domain.sweep import Sweep, sweep
from ...i18n import label
from ...sweep_report import sweep_lines
from .geometry import content_width


class BandStrip(Widget):
    """Status bands of all features over the score axis."""

    DEFAULT_CSS = """
    BandStrip {
        height: auto;
        padding: 0 1;
    }
    """

    evaluation: reactive[Evaluation | None] = reactive(None)
    """The scenario and policy whose score range is swept."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of names and the legend."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sweep: Sweep | None = None

    def watch_evaluation(self) -> None:
        self.sweep = None  # worked out when drawn: a hidden strip costs nothing on an edit

    def get_content_height(self, *_args: object) -> int:
        rows = len(self.evaluation.features) if self.evaluation is not None else 0
        return rows + 4  # title, bands, tick marks, labels, legend

    def render(self) -> RenderableType:
        evaluation = self.evaluation
        if evaluation is None:
            return Text()
        if self.sweep is None:
            self.sweep = sweep(evaluation.scenario, evaluation.table, registry=evaluation.registry)
        title = Text(label("bands_title", self.lang, value=self.sweep.current), style="bold")
        names = {f.id: f.name(self.lang) for f in evaluation.registry.features}
        lines = sweep_lines(self.sweep, names, self.lang, content_width(self))
        return Text("\n").join([title, *lines])
