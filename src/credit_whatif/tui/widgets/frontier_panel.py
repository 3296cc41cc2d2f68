"""The frontier of one policy field in the Portfolio view: a chooser of the field
and the curve (borrowers restricted across, the bad rate of the usable up, the
policy's own value marked), redrawn whenever the screen hands it a new frontier."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Select, Static
from textual_plotext import PlotextPlot

from ...domain.enums import Lang
from ...i18n import label

if TYPE_CHECKING:
    from ...portfolio.frontier import Frontier


class FrontierPanel(Vertical):
    """Choose a field with the Select; the screen answers with :meth:`show`."""

    class FieldChosen(Message):
        def __init__(self, field: str) -> None:
            super().__init__()
            self.field = field

    def __init__(self, options: Sequence[tuple[str, str]], chosen: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._options = list(options)
        self._chosen = chosen
        self._offering = False
        self.frontier: Frontier | None = None  # the one drawn

    def compose(self) -> ComposeResult:
        with Horizontal(id="frontier-head"):
            yield Label(id="frontier-label")
            yield Select[str](
                self._options,
                value=self._chosen,
                allow_blank=False,
                id="frontier-field",
                compact=True,
            )
        yield PlotextPlot(id="frontier-plot")
        yield Static(id="frontier-note")

    def relabel(self, lang: Lang) -> None:
        self.query_one("#frontier-label", Label).update(label("frontier.choose", lang))

    def offer(self, options: Sequence[tuple[str, str]], chosen: str) -> None:
        """The fields that change the highlighted feature, `chosen` selected."""
        select = self.query_one("#frontier-field", Select)
        if list(options) != self._options:
            self._offering = True
            select.set_options(options)
            self._options = list(options)
        if select.value != chosen:
            self._offering = True
            select.value = chosen
        self._chosen = chosen
        self.call_after_refresh(self._done_offering)

    def _done_offering(self) -> None:
        self._offering = False

    @on(Select.Changed, "#frontier-field")
    def _chosen_by_user(self, event: Select.Changed) -> None:
        event.stop()
        if self._offering or event.value is Select.BLANK or event.value == self._chosen:
            return
        self._chosen = str(event.value)
        self.post_message(self.FieldChosen(self._chosen))

    def show(self, frontier: Frontier, lang: Lang, color: bool) -> None:
        from ...portfolio.frontier_report import draw, legend, title

        self.frontier = frontier
        plot = self.query_one(PlotextPlot)
        draw(plot.plt, frontier, lang, color=color)
        plot.refresh()
        note = "" if frontier.outcomes else label("frontier.no_outcome", lang)
        if len({p.unavailable for p in frontier.points}) == 1:
            note = f"{label('frontier.flat', lang)} {note}".strip()
        reference = frontier.reference
        summary = label(
            "frontier.summary",
            lang,
            own=f"{frontier.own:,}",
            usable=f"{reference.usable:,}",
            restricted=f"{reference.unavailable:,}",
        )
        lines = Text(title(frontier, lang), style="bold")
        lines.append("\n" + legend(frontier, lang))
        lines.append("\n" + f"{summary} {note}".strip(), style="dim")
        self.query_one("#frontier-note", Static).update(lines)

    def show_none(self, message: str) -> None:
        self.frontier = None
        self.query_one(PlotextPlot).plt.clear_figure()
        self.query_one(PlotextPlot).refresh()
        self.query_one("#frontier-note", Static).update(Text(message, style="dim"))
