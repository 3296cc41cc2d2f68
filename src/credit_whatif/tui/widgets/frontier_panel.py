"""The frontier of one policy field in the Portfolio view: a chooser of the field
and the curve (borrowers restricted across, the bad rate of the usable up, the
policy's own value marked). The screen says which feature is highlighted
(:meth:`FrontierPanel.follow`); the panel works the curve out in a thread worker over
the explorer's book, levers and policy, and remembers the field chosen per feature."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select, Static
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from ...domain.enums import Lang
from ...domain.registry import REGISTRY
from ...i18n import label

if TYPE_CHECKING:
    from ...portfolio.frontier import Frontier


def curve_options(feature_id: str, lang: Lang) -> list[tuple[str, str]]:
    """(label, field) of each policy number that changes the feature."""
    from ...domain.catalogue import POLICY_FIELD_LABELS
    from ...portfolio.grids import curve_fields

    return [(POLICY_FIELD_LABELS[f.name](lang), f.name) for f in curve_fields(feature_id)]


class FrontierPanel(Vertical):
    """Choose a field with the Select; the curve follows it, the feature and the levers."""

    def __init__(self, feature_id: str, lang: Lang, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.feature_id, self.lang = feature_id, lang
        self.choice: dict[str, str] = {}  # feature id -> the field on its curve
        self._options = curve_options(feature_id, lang)
        self._chosen = self._field_for(feature_id)
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
            # Same value, new words (another language): the Select shows its choice
            # again only when told to, as its value did not change.
            select.mutate_reactive(Select.value)  # type: ignore[misc]  # the one reactive
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
        self.choice[self.feature_id] = self._chosen
        self._run(self.feature_id, self._chosen)

    def _field_for(self, feature_id: str) -> str:
        names = [name for _, name in curve_options(feature_id, self.lang)]
        chosen = self.choice.get(feature_id)
        return chosen if chosen in names else (names[0] if names else "")

    def follow(self, feature_id: str, lang: Lang) -> None:
        """Show `feature_id`'s curve (its chosen field, or the first) for now."""
        self.feature_id, self.lang = feature_id, lang
        options = curve_options(feature_id, lang)
        if not options:
            name = REGISTRY.feature(feature_id).name(lang)
            self.show_none(label("frontier.none", lang, feature=name))
            return
        field = self._field_for(feature_id)
        self.offer(options, field)
        self._run(feature_id, field)

    @work(thread=True, exclusive=True, group="portfolio-frontier", exit_on_error=False)
    def _run(self, feature_id: str, field_name: str) -> None:
        from ...portfolio.frontier import frontier_of_frame
        from ...portfolio.grids import default_grid
        from ...portfolio.kernel import Levers, Side

        app = self.app
        book = getattr(app, "portfolio", None)
        if book is None:
            return
        worker = get_current_worker()
        scenario, table = app.scenario, app.table  # type: ignore[attr-defined]
        registry = app.evaluation().registry  # type: ignore[attr-defined]
        level = scenario.policy.tightening
        own = int(table[level][field_name])
        values = default_grid(registry.field(field_name), own)
        side = Side(Levers.of(scenario), table)
        frontier = frontier_of_frame(
            book.frame, side, field_name, level, feature_id, values, registry
        )
        if not worker.is_cancelled:
            app.call_from_thread(self._arrived, frontier)

    def _arrived(self, frontier: Frontier) -> None:
        if frontier.feature.id == self.feature_id:
            self.show(frontier, self.lang, color=not getattr(self.app, "no_color", False))

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
