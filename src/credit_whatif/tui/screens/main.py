"""The explorer: inputs on the left (or a tab when narrow), results on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Tab, Tabs

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation, evaluate
from ...domain.scenario import Scenario
from ...presets import Preset
from ..text import ui
from ..widgets.band_strip import BandStrip
from ..widgets.detail_pane import DetailPane
from ..widgets.feature_table import FeatureTable
from ..widgets.headline import Headline
from ..widgets.inputs_panel import InputsPanel


class MainScreen(Screen[None]):
    """Holds copies of the app's state and hands them down to its widgets."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    scenario: reactive[Scenario] = reactive(Scenario, always_update=True)
    """The scenario being explored (always_update so a rejected edit restores the inputs)."""
    baseline: reactive[Preset | None] = reactive(None)
    """The loaded preset."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of every label."""
    evaluation: reactive[Evaluation] = reactive(lambda: evaluate(Scenario()))
    """The results for ``scenario``; evaluating takes microseconds, so it runs on each edit."""

    def compute_evaluation(self) -> Evaluation:
        return evaluate(self.scenario)

    def compose(self) -> ComposeResult:
        yield Headline(id="headline").data_bind(
            MainScreen.evaluation, MainScreen.baseline, MainScreen.lang
        )
        with Container(id="body"):
            yield Tabs(
                Tab(ui("tab.inputs", self.lang), id="tab-inputs"),
                Tab(ui("tab.details", self.lang), id="tab-details"),
                id="narrow-tabs",
            )
            yield InputsPanel(id="inputs").data_bind(
                MainScreen.scenario, MainScreen.baseline, MainScreen.lang
            )
            yield FeatureTable(id="features").data_bind(MainScreen.evaluation, MainScreen.lang)
            yield BandStrip(id="bands").data_bind(MainScreen.scenario, MainScreen.lang)
            yield DetailPane(id="detail").data_bind(MainScreen.evaluation, MainScreen.lang)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FeatureTable).focus()
        self._label_tabs()

    def watch_lang(self) -> None:
        self._label_tabs()

    def _label_tabs(self) -> None:
        if not self.is_mounted:
            return
        tabs = self.query_one(Tabs)
        tabs.query_one("#tab-inputs", Tab).label = ui("tab.inputs", self.lang)
        tabs.query_one("#tab-details", Tab).label = ui("tab.details", self.lang)

    @on(Tabs.TabActivated, "#narrow-tabs")
    def _switch_pane(self, event: Tabs.TabActivated) -> None:
        self.set_class(event.tab.id == "tab-details", "-show-details")

    @on(DataTable.RowHighlighted, "#features")
    def _follow_highlight(self, event: DataTable.RowHighlighted) -> None:
        self.query_one(DetailPane).feature_id = event.row_key.value
