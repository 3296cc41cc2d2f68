"""The what-if explorer: owns the scenario and the policy, checks every edit, and
routes actions to screens and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App
from textual.binding import BindingType
from textual.notifications import Notification, Notify, SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..domain.clock import scenario_with
from ..domain.enums import Lang
from ..domain.evaluator import Evaluation, evaluate
from ..domain.policy import PolicyTable, refuse_threshold
from ..domain.registry import REGISTRY
from ..domain.scenario import InvalidValueError, Scenario
from ..domain.wording import refusal
from ..files import policies, presets
from ..files.errors import InputError
from ..i18n import label
from ..safe_text import printable
from .actions import APP_SCOPES, bindings, hidden_over
from .bindings import localize_bindings
from .clock import ClockActions
from .commands import ExplorerCommands
from .messages import ScenarioEdited, ThresholdEdited
from .refusals import threshold_refusal
from .screens.main import MainScreen

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from ..portfolio.live import Portfolio
    from .flows import Flows

# The other screens are imported when first opened: the first frame needs only the
# main screen.


class CreditWhatIf(ClockActions, App[None]):
    """Change a borrower's scenario or the policy and see every feature's outcome."""

    CSS_PATH = "app.tcss"
    # Set on the explorer while a dialog covers it: its footer then hides (app.tcss),
    # so only the dialog's keys show.
    SUSPENDED_SCREEN_CLASS = "-covered"
    TITLE = "credit-whatif"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    # Built from the table of commands (actions.py), as are the palette and the help.
    BINDINGS: ClassVar[list[BindingType]] = [*bindings(APP_SCOPES)]

    scenario: reactive[Scenario] = reactive(Scenario, always_update=True)
    """The scenario being explored; set again unchanged to restore the inputs."""
    baseline: reactive[presets.Preset] = reactive(lambda: presets.Preset("default"))
    """The preset loaded last: what reset returns to and compare starts from."""
    policy: reactive[PolicyTable | None] = reactive(None, always_update=True)
    """The policy whose thresholds apply; set again unchanged to restore the fields."""
    baseline_policy: reactive[PolicyTable | None] = reactive(None)
    policy_origin: reactive[str] = reactive("bundled")
    """Where the loaded policy comes from: bundled, user or file."""
    """The policy loaded last."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of every label, status and message."""

    def __init__(
        self,
        preset: presets.Preset,
        lang: Lang = "en",
        policy: PolicyTable | None = None,
        portfolio: Path | None = None,
        policy_origin: str = "bundled",
        when_built: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.when_built = when_built
        """Called once, when the whole explorer (the workspace too) is on screen."""
        self.portfolio_source = portfolio
        """The portfolio file or folder of the Portfolio view; None: the sample."""
        self.portfolio: Portfolio | None = None
        """The portfolio, once read (kept for the life of the app)."""
        table = policy if policy is not None else policies.default_policy()
        self.main_screen = MainScreen()
        self._refusal: Notification | None = None
        self._last_note: Notification | None = None
        self.set_reactive(CreditWhatIf.baseline, preset)
        self.set_reactive(CreditWhatIf.scenario, preset.scenario)
        self.set_reactive(CreditWhatIf.policy, table)
        self.set_reactive(CreditWhatIf.baseline_policy, table)
        self.set_reactive(CreditWhatIf.policy_origin, policy_origin)
        self.set_reactive(CreditWhatIf.lang, lang)

    @cached_property
    def flows(self) -> Flows:
        """Loading, saving and resetting, each asking what it must first."""
        # Imported when first used: the first frame needs none of it.
        from .flows import Flows

        return Flows(self)

    @property
    def table(self) -> PolicyTable:
        assert self.policy is not None
        return self.policy

    def get_default_screen(self) -> Screen[Any]:
        return self.main_screen

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry user data (names, paths, values found in files), so
        they are never parsed as markup: '[/]' in a value must show, not raise."""
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self._last_note = Notification(message, title, severity, timeout, markup=False)
        self.post_message(Notify(self._last_note))

    def on_mount(self) -> None:
        self._hand_down()
        localize_bindings(self, self.lang)
        self.refresh_bindings()

    def on_ready(self) -> None:
        # The first frame (headline and features table) has just been written: build
        # the workspace now. Waiting instead for the screen's next idle moment
        # (call_after_refresh) let a repaint and the footer's keys go first, ~40 ms.
        self.main_screen.call_next(self._build_workspace)

    async def _build_workspace(self) -> None:
        await self.main_screen.mount_workspace()
        if self.when_built is not None:
            # The first refresh after the mount may come before the workspace is laid
            # out; the one after it draws it.
            self.call_after_refresh(self.call_after_refresh, self.when_built)

    def evaluation(self) -> Evaluation:
        return evaluate(self.scenario, self.table)

    def _hand_down(self) -> None:
        main = self.main_screen
        main.baseline = self.baseline
        main.baseline_policy = self.baseline_policy
        main.policy_origin = self.policy_origin
        main.lang = self.lang
        main.table = self.table
        main.scenario = self.scenario
        main.evaluation = self.evaluation()

    def watch_scenario(self) -> None:
        self.main_screen.scenario = self.scenario
        self.main_screen.evaluation = self.evaluation()
        self._refresh_portfolio()

    def watch_policy(self) -> None:
        self.main_screen.table = self.policy
        self.main_screen.evaluation = self.evaluation()
        self._refresh_portfolio()

    def _refresh_portfolio(self) -> None:
        for screen in self.screen_stack:
            if screen.id == "portfolio":
                screen.recompute()  # type: ignore[attr-defined]

    def watch_baseline(self) -> None:
        self.main_screen.baseline = self.baseline

    def watch_policy_origin(self) -> None:
        self.main_screen.policy_origin = self.policy_origin

    def watch_baseline_policy(self) -> None:
        self.main_screen.baseline_policy = self.baseline_policy
        self._refresh_portfolio()

    def watch_lang(self) -> None:
        self.main_screen.lang = self.lang
        for screen in self.screen_stack:
            if hasattr(screen, "lang") and screen is not self.main_screen:
                screen.lang = self.lang
        localize_bindings(self, self.lang)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a dialog is open, only what it offers (and quitting) is shown."""
        return self.screen is self.main_screen or not hidden_over(action, self.screen.id)

    # --- Edits ----------------------------------------------------------------------

    def _refuse(self, message: str) -> None:
        """One refusal on screen at a time: holding a key past a limit must not stack them."""
        if self._refusal is not None:
            self._unnotify(self._refusal)
        self.notify(message, title=label("notify.invalid_title", self.lang), severity="error")
        self._refusal = self._last_note

    @on(ScenarioEdited)
    def _apply_edit(self, event: ScenarioEdited) -> None:
        try:
            self.scenario = scenario_with(self.scenario, {event.key: event.value})
        except InvalidValueError as exc:
            expected, found = refusal(exc, event.key, event.value)
            self._refuse(
                label(
                    "notify.invalid",
                    self.lang,
                    field=label(event.key, self.lang),
                    expected=expected(self.lang),
                    found=found(self.lang),
                )
            )
            # Same value again: the inputs drop the refused text and show the last good one.
            self.scenario = self.scenario

    @on(ThresholdEdited)
    def _apply_threshold(self, event: ThresholdEdited) -> None:
        field = REGISTRY.field(event.field)
        problem = refuse_threshold(self.table, event.level, field, event.value)
        if problem is None:
            self.policy = self.table.with_value(event.level, event.field, event.value)
            return
        self._refuse(threshold_refusal(problem, field, event.level, event.value, self.lang))
        self.policy = self.policy  # restore the field

    # --- Loading --------------------------------------------------------------------

    def load(self, preset: presets.Preset) -> None:
        """Make `preset` the baseline and the current scenario."""
        self.baseline = preset
        self.scenario = preset.scenario
        self.notify(label("notify.loaded", self.lang, name=preset.display_name(self.lang)))

    def load_path(self, path: Path) -> None:
        """Load a preset file; a bad one is reported and the scenario kept."""
        try:
            preset = presets.load_preset(path)
        except InputError as exc:
            self.report_bad(exc, "notify.bad_preset")
        else:
            self.load(preset)

    def report_bad(self, error: InputError, title: str) -> None:
        # Markup off: the line quotes file names and values as they are.
        message, heading = error.message(self.lang), label(title, self.lang)
        self.notify(message, title=heading, severity="error", markup=False)

    def read_policy(self, path: Path) -> PolicyTable | None:
        """A policy file's table, or None after reporting why it cannot be used."""
        try:
            return policies.load_policy(path)
        except InputError as exc:
            self.report_bad(exc, "notify.bad_policy")
            return None

    def load_policy_table(self, table: PolicyTable, origin: str) -> None:
        self.policy_origin = origin
        self.baseline_policy = table
        self.policy = table
        self.notify(label("notify.policy_loaded", self.lang, name=table.display_name(self.lang)))

    # --- Actions --------------------------------------------------------------------

    def action_toggle_lang(self) -> None:
        self.lang = "zh" if self.lang == "en" else "en"

    @property
    def scenario_edited(self) -> bool:
        """The scenario differs from the preset loaded (or saved) last."""
        return self.scenario != self.baseline.scenario

    @property
    def policy_edited(self) -> bool:
        """The thresholds differ from the policy loaded (or saved) last."""
        assert self.baseline_policy is not None
        return not self.table.same_thresholds(self.baseline_policy)

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """The palette's Screenshot, saved in the working folder unless told otherwise:
        Textual's default, ~/Downloads, is missing on many machines (and the save then
        fails). The notification says where it went."""
        return super().deliver_screenshot(filename, path or str(Path.cwd()), time_format)

    async def action_quit(self) -> None:
        """Quit at once when nothing is unsaved; else ask (ctrl+q again quits)."""
        from .screens.dialogs import ConfirmDialog

        scenario, policy = self.scenario_edited, self.policy_edited
        if not (scenario or policy) or getattr(self.screen, "asks_to_quit", False):
            self.exit()
            return
        what = "unsaved.both" if scenario and policy else "unsaved.scenario"
        if not scenario:
            what = "unsaved.policy"
        question = partial(_quit_question, what)
        dialog = ConfirmDialog(question, partial(label, "confirm.quit_yes"), self.lang)
        dialog.asks_to_quit = True
        self.push_screen(dialog, self._quit_if_confirmed)

    def _quit_if_confirmed(self, answer: bool | None) -> None:
        if answer:
            self.exit()

    @on(Worker.StateChanged)
    def _report_failed_worker(self, event: Worker.StateChanged) -> None:
        """A flow or a computation that fails on something unforeseen is reported, and
        the explorer stays open with the scenario and policy as they were: an
        unexpected error must never cost the user their edits. (Every worker of the
        explorer is started with ``exit_on_error=False``; the state changes of a screen's
        workers reach only that screen, which calls :meth:`report_failure`.)"""
        if event.state is WorkerState.ERROR:
            self.report_failure(event.worker.error)

    def report_failure(self, error: BaseException | None) -> None:
        """Say that something unforeseen failed, and what."""
        self.notify(
            printable(f"{type(error).__name__}: {error}"),
            title=label("notify.failed", self.lang),
            severity="error",
        )

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def action_compare(self) -> None:
        from .screens.compare import CompareScreen

        if not isinstance(self.screen, CompareScreen):
            assert self.baseline_policy is not None
            self.push_screen(
                CompareScreen(
                    self.baseline, self.scenario, self.baseline_policy, self.table, self.lang
                )
            )

    def action_policy(self) -> None:
        """Show the Policy view and put the cursor in its first field."""
        self.main_screen.show_tab("policy", focus=True)

    def action_portfolio(self) -> None:
        from .screens.portfolio import PortfolioScreen

        if not isinstance(self.screen, PortfolioScreen):
            self.push_screen(PortfolioScreen(self.portfolio_source, self.lang))

    def action_reset(self) -> None:
        self._flow(self.flows.reset_scenario())

    def action_reset_policy(self) -> None:
        self._flow(self.flows.reset_policy())

    def action_pick_preset(self) -> None:
        self._flow(self.flows.pick_preset())

    def action_load_policy(self) -> None:
        self._flow(self.flows.load_policy())

    def action_save(self) -> None:
        self._flow(self.flows.save_preset())

    def action_save_policy(self) -> None:
        self._flow(self.flows.save_policy())

    def _flow(self, flow: Coroutine[Any, Any, None]) -> None:
        """Run a dialog flow; a new one replaces one still open, and one that fails
        on something unforeseen is reported, never the end of the explorer."""
        self.run_worker(flow, group="dialog", exclusive=True, exit_on_error=False)


def _quit_question(what: str, lang: Lang) -> str:
    return label("confirm.quit", lang, what=label(what, lang))
