"""Everything under the features table: the tabs and, on a wide screen, the details.

Wide (>= 110 columns): tabs Inputs | Policy on the left, the score bands and the
details on the right. Narrow: tabs Inputs | Policy | Details (the Details tab has its
own band strip and detail pane).

The main screen mounts this after its first frame, so the headline and the features
table appear before any of it is imported or built. It holds copies of the screen's
state (bound with ``data_bind``) and hands them down to its own widgets the same way.
The Policy view and the Details tab's pane are built the first time their tab is
opened (most sessions open neither, and a wide screen hides the Details tab), and
handed their state by the watchers here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import AwaitMount, Widget
from textual.widgets import TabbedContent, TabPane

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation
from ...domain.policy import PolicyTable
from ...domain.scenario import Scenario
from ...files.presets import Preset
from ...i18n import label
from .band_strip import BandStrip
from .detail_pane import DetailPane
from .inputs_panel import InputsPanel

if TYPE_CHECKING:
    from .policy_panel import PolicyPanel

TABS = ("inputs", "policy", "details")


class Workspace(Horizontal):
    """The inputs, the policy and the details of the highlighted feature."""

    evaluation: reactive[Evaluation | None] = reactive(None, always_update=True)
    scenario: reactive[Scenario] = reactive(Scenario, always_update=True)
    baseline: reactive[Preset | None] = reactive(None)
    table: reactive[PolicyTable | None] = reactive(None, always_update=True)
    baseline_policy: reactive[PolicyTable | None] = reactive(None)
    lang: reactive[Lang] = reactive[Lang]("en")
    highlighted: reactive[str | None] = reactive(None)

    def __init__(self, *, wide: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self._wide = wide
        self._policy_panel: PolicyPanel | None = None
        self._details_pane: DetailPane | None = None
        self._mounting: list[AwaitMount] = []
        """Mounts of the views built on opening, awaited before focusing into them."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs", initial="tab-inputs"):
            with TabPane(label("tab.inputs", self.lang), id="tab-inputs"):
                yield InputsPanel(id="inputs").data_bind(
                    Workspace.scenario, Workspace.baseline, Workspace.table, Workspace.lang
                )
            # Filled the first time each is opened.
            yield TabPane(label("tab.policy", self.lang), id="tab-policy")
            yield TabPane(label("tab.details", self.lang), id="tab-details")
        with Vertical(id="side"):
            yield BandStrip(id="bands").data_bind(Workspace.evaluation, Workspace.lang)
            yield DetailPane(id="detail").data_bind(
                Workspace.evaluation, Workspace.lang, feature_id=Workspace.highlighted
            )

    def on_mount(self) -> None:
        self._label_tabs()
        self.fit(wide=self._wide)
        self._hand_to_policy_panel()

    def watch_lang(self) -> None:
        self._label_tabs()
        self._hand_to_policy_panel()
        self._hand_to_details_pane()

    def watch_evaluation(self) -> None:
        self._hand_to_details_pane()

    def watch_highlighted(self) -> None:
        self._hand_to_details_pane()

    def watch_scenario(self) -> None:
        self._hand_to_policy_panel()

    def watch_table(self) -> None:
        self._hand_to_policy_panel()

    def watch_baseline_policy(self) -> None:
        self._hand_to_policy_panel()

    def _label_tabs(self) -> None:
        if not self.is_mounted:
            return
        tabs = self.query_one(TabbedContent)
        for name in TABS:
            tab, text = tabs.get_tab(f"tab-{name}"), label(f"tab.{name}", self.lang)
            # Only a label that changes: each new one makes the tab bar place its
            # underline again (it is set on mounting, and each time the bindings
            # hand the language down, mostly unchanged).
            if tab.label_text != text:
                tab.label = text

    def fit(self, *, wide: bool) -> None:
        """The Details tab only where the details are not already on screen."""
        self._wide = wide
        tabs = self.query_one(TabbedContent)
        if wide:
            if tabs.active == "tab-details":
                tabs.active = "tab-inputs"
            tabs.hide_tab("tab-details")
        else:
            tabs.show_tab("tab-details")

    def show_tab(self, name: str, *, focus: bool = False) -> None:
        """Activate the Inputs, Policy or Details tab (building its view first), and
        with `focus` put the cursor in its first field."""
        pane: Widget = self.query_one(f"#tab-{name}", TabPane)
        if name == "policy":
            pane = self.ensure_policy_panel()
        elif name == "details":
            pane = self.ensure_details_pane()
        self.query_one(TabbedContent).active = f"tab-{name}"
        if focus:
            self._focus_first(pane)

    @work(exclusive=True, group="focus", exit_on_error=False)
    async def _focus_first(self, pane: Widget) -> None:
        # A view built just now has no fields until its mount completes.
        for mounting in self._mounting:
            await mounting
        self.call_after_refresh(self._focus_first_field, pane)

    @staticmethod
    def _focus_first_field(pane: Widget) -> None:
        focusable = [widget for widget in pane.query("*") if widget.focusable]
        if focusable:
            focusable[0].focus()

    def ensure_policy_panel(self) -> PolicyPanel:
        from .policy_panel import PolicyPanel

        if self._policy_panel is None:
            # Built after compose, so it is handed its state here and by the watchers
            # rather than bound (binding needs the parent's compose).
            self._policy_panel = PolicyPanel(id="policy")
            self._mounting.append(self.query_one("#tab-policy", TabPane).mount(self._policy_panel))
            self._hand_to_policy_panel()
        return self._policy_panel

    def ensure_details_pane(self) -> DetailPane:
        if self._details_pane is None:
            self._details_pane = DetailPane(bands=True, id="detail-narrow")
            self._hand_to_details_pane()
            self._mounting.append(self.query_one("#tab-details", TabPane).mount(self._details_pane))
        return self._details_pane

    def _hand_to_policy_panel(self) -> None:
        panel: Any = self._policy_panel
        if panel is None:
            return
        panel.level = self.scenario.policy.tightening
        panel.lang = self.lang
        panel.baseline = self.baseline_policy
        panel.table = self.table

    def _hand_to_details_pane(self) -> None:
        pane = self._details_pane
        if pane is None:
            return
        pane.evaluation = self.evaluation
        pane.lang = self.lang
        pane.feature_id = self.highlighted

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-policy":
            self.ensure_policy_panel()
        elif event.pane.id == "tab-details":
            self.ensure_details_pane()
