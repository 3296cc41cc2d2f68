"""The explorer: results and inputs side by side, or stacked on a narrow screen.

The features table spans the width under the headline. Below it, wide (>= 110
columns): tabs Inputs | Policy on the left, the score bands and the details on the
right. Narrow: tabs Inputs | Policy | Details (the details tab has its own band strip
and detail pane, drawn only while shown).

The headline and the features table are drawn first; the inputs arrive a moment
later (``Lazy``), and the Policy view is built the first time it is opened.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.lazy import Lazy
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, TabbedContent, TabPane

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation
from ...domain.policy import PolicyTable
from ...domain.scenario import Scenario
from ...files.presets import Preset
from ...i18n import label
from ..widgets.band_strip import BandStrip
from ..widgets.detail_pane import DetailPane
from ..widgets.feature_table import FeatureTable
from ..widgets.headline import Headline
from ..widgets.inputs_panel import InputsPanel
from ..widgets.policy_panel import PolicyPanel

TABS = ("inputs", "policy", "details")


class MainScreen(Screen[None]):
    """Holds copies of the app's state and hands them down to its widgets."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    AUTO_FOCUS = "#features"

    evaluation: reactive[Evaluation | None] = reactive(None, always_update=True)
    """The results for the current scenario under the current policy."""
    scenario: reactive[Scenario] = reactive(Scenario, always_update=True)
    """The scenario being explored (always_update so a refused edit restores the inputs)."""
    baseline: reactive[Preset | None] = reactive(None)
    """The loaded preset."""
    table: reactive[PolicyTable | None] = reactive(None, always_update=True)
    """The active policy (always_update so a refused threshold restores the field)."""
    baseline_policy: reactive[PolicyTable | None] = reactive(None)
    """The loaded policy."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of every label."""
    highlighted: reactive[str | None] = reactive(None)
    """The feature highlighted in the table, explained in the details."""

    def compose(self) -> ComposeResult:
        yield Headline(id="headline").data_bind(
            MainScreen.evaluation,
            MainScreen.baseline,
            MainScreen.baseline_policy,
            MainScreen.lang,
        )
        yield FeatureTable(id="features").data_bind(MainScreen.evaluation, MainScreen.lang)
        with Horizontal(id="body"):
            with TabbedContent(id="tabs", initial="tab-inputs"):
                with TabPane(label("tab.inputs", self.lang), id="tab-inputs"):
                    yield Lazy(
                        InputsPanel(id="inputs").data_bind(
                            MainScreen.scenario,
                            MainScreen.baseline,
                            MainScreen.table,
                            MainScreen.lang,
                        )
                    )
                yield TabPane(label("tab.policy", self.lang), id="tab-policy")
                with TabPane(label("tab.details", self.lang), id="tab-details"):
                    yield DetailPane(bands=True, id="detail-narrow").data_bind(
                        MainScreen.evaluation, MainScreen.lang, feature_id=MainScreen.highlighted
                    )
            with Vertical(id="side"):
                yield BandStrip(id="bands").data_bind(MainScreen.evaluation, MainScreen.lang)
                yield DetailPane(id="detail").data_bind(
                    MainScreen.evaluation, MainScreen.lang, feature_id=MainScreen.highlighted
                )
        # The palette's key is one of the app's bindings, listed with the others.
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self._label_tabs()
        self._fit_tabs()

    def on_resize(self) -> None:
        self._fit_tabs()

    def watch_lang(self) -> None:
        self._label_tabs()
        self._hand_to_policy_panel()

    def _label_tabs(self) -> None:
        if not self.is_mounted:
            return
        tabs = self.query_one(TabbedContent)
        for name in TABS:
            tabs.get_tab(f"tab-{name}").label = label(f"tab.{name}", self.lang)

    def _fit_tabs(self) -> None:
        """The Details tab only where the details are not already on screen."""
        tabs = self.query_one(TabbedContent)
        if self.has_class("-wide"):
            if tabs.active == "tab-details":
                tabs.active = "tab-inputs"
            tabs.hide_tab("tab-details")
        else:
            tabs.show_tab("tab-details")

    def show_tab(self, name: str) -> None:
        """Activate the Inputs, Policy or Details tab (building the Policy view first)."""
        if name == "policy":
            self.ensure_policy_panel()
        self.query_one(TabbedContent).active = f"tab-{name}"

    def ensure_policy_panel(self) -> PolicyPanel:
        found = self.query(PolicyPanel)
        if found:
            return found.first()
        # Built after compose, so it is handed its state here and by the watchers
        # below rather than bound (binding needs the screen's compose).
        panel = PolicyPanel(id="policy")
        self.query_one("#tab-policy", TabPane).mount(panel)
        self._hand_to_policy_panel()
        return panel

    def _hand_to_policy_panel(self) -> None:
        for panel in self.query(PolicyPanel):
            panel.level = self.scenario.policy.tightening
            panel.lang = self.lang
            panel.baseline = self.baseline_policy
            panel.table = self.table

    def watch_scenario(self) -> None:
        self._hand_to_policy_panel()

    def watch_table(self) -> None:
        self._hand_to_policy_panel()

    def watch_baseline_policy(self) -> None:
        self._hand_to_policy_panel()

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-policy":
            self.ensure_policy_panel()

    @on(DataTable.RowHighlighted, "#features")
    def _follow_highlight(self, event: DataTable.RowHighlighted) -> None:
        self.highlighted = event.row_key.value
