"""The explorer: the headline and the features table, and under them the workspace.

The headline and the features table are the first frame; the workspace (inputs,
policy, details) is imported and mounted just after it, so a user sees every
feature's status before anything else is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation
from ...domain.policy import PolicyTable
from ...domain.scenario import Scenario
from ...files.presets import Preset
from ..widgets.feature_table import FeatureTable
from ..widgets.headline import Headline
from ..widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from ..widgets.workspace import Workspace


class MainScreen(Screen[None]):
    """Holds copies of the app's state and hands them down to its widgets."""

    WIDE_FROM = 110
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]
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
    policy_origin: reactive[str] = reactive("bundled")
    """Where the loaded policy comes from: bundled, user or file."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of every label."""
    highlighted: reactive[str | None] = reactive(None)
    """The feature highlighted in the table, explained in the details."""

    def compose(self) -> ComposeResult:
        # Textual sets the breakpoint class on the first resize, after the first frame:
        # set it now, so that frame is already laid out for this width instead of
        # being restyled and drawn again.
        width = self.app.size.width
        breakpoints = sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True)
        chosen = next(name for least, name in breakpoints if width >= least)
        self.update_classes({name: name == chosen for _, name in breakpoints}, update=False)
        yield Headline(id="headline").data_bind(
            MainScreen.evaluation,
            MainScreen.baseline,
            MainScreen.baseline_policy,
            MainScreen.policy_origin,
            MainScreen.lang,
        )
        yield FeatureTable(id="features").data_bind(MainScreen.evaluation, MainScreen.lang)
        # The palette's key is one of the app's bindings, listed with the others.
        yield KeysFooter()

    def __init__(self) -> None:
        super().__init__()
        self.workspace: Workspace | None = None
        """The workspace, once it is mounted."""
        self._pending_tab: tuple[str, bool] | None = None

    async def mount_workspace(self) -> None:
        """Build the workspace under the table: the app calls this once the first
        frame is on screen (its ``Ready``)."""
        if self.workspace is not None:
            return
        from ..widgets.workspace import Workspace

        workspace = Workspace(wide=self.has_class("-wide"), id="body").data_bind(
            MainScreen.evaluation,
            MainScreen.scenario,
            MainScreen.baseline,
            MainScreen.table,
            MainScreen.baseline_policy,
            MainScreen.lang,
            MainScreen.highlighted,
        )
        await self.mount(workspace, before=self.query_one(KeysFooter))
        self.workspace = workspace
        if self._pending_tab is not None:
            name, focus = self._pending_tab
            workspace.show_tab(name, focus=focus)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def on_screen_resume(self) -> None:
        # The terminal may have been resized while a dialog was on top (this screen
        # then hears of it late, or not at all): fit what it is now.
        self._fit(self.app.size.width)

    def _fit(self, width: int) -> None:
        # By the width itself, not the breakpoint class, which Textual may not have
        # updated yet when this runs.
        if (workspace := self.workspace) is not None:
            workspace.fit(wide=width >= self.WIDE_FROM)

    def show_tab(self, name: str, *, focus: bool = False) -> None:
        """Activate the Inputs, Policy or Details tab (as soon as they exist)."""
        if (workspace := self.workspace) is None:
            self._pending_tab = (name, focus)
        else:
            workspace.show_tab(name, focus=focus)

    @on(DataTable.RowHighlighted, "#features")
    def _follow_highlight(self, event: DataTable.RowHighlighted) -> None:
        self.highlighted = event.row_key.value
