"""The what-if explorer: owns the scenario, validates edits, routes actions to screens."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive

from ..domain.enums import Lang
from ..domain.scenario import InvalidValueError, Scenario, with_value
from ..presets import (
    Preset,
    PresetEntry,
    PresetError,
    PresetExistsError,
    load_preset,
    save_preset,
)
from .bindings import LocalizedBindings, localize_bindings
from .commands import ExplorerCommands
from .messages import ScenarioEdited
from .screens.compare import CompareScreen
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.preset_picker import PresetPicker
from .screens.save_dialog import ConfirmOverwrite, SaveDialog, SaveRequest
from .text import ui


class CreditWhatIf(App[None]):
    """Change a borrower's scenario and see every feature's outcome at once."""

    CSS_PATH = "app.tcss"
    TITLE = "credit-whatif"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    # Function keys first (shown in the Footer); the ctrl fallbacks serve terminals
    # that eat function keys.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "pick_preset", "Presets", id="pick_preset"),
        Binding("f3", "compare", "Compare", id="compare"),
        Binding("f4", "reset", "Reset", id="reset"),
        Binding("f5", "save", "Save", id="save"),
        Binding("f6", "toggle_lang", "中文", id="toggle_lang"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("ctrl+o", "pick_preset", show=False),
        Binding("ctrl+b", "compare", show=False),
        Binding("ctrl+r", "reset", show=False),
        Binding("ctrl+s", "save", show=False),
        Binding("ctrl+l", "toggle_lang", show=False),
    ]

    scenario: reactive[Scenario] = reactive(Scenario, always_update=True)
    """The scenario being explored; set again unchanged to restore the inputs."""
    baseline: reactive[Preset] = reactive(lambda: Preset("default"))
    """The preset loaded last: what reset returns to and compare starts from."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of every label, status and message."""

    def __init__(self, preset: Preset, lang: Lang = "en") -> None:
        super().__init__()
        self.main_screen = MainScreen()
        self.set_reactive(CreditWhatIf.baseline, preset)
        self.set_reactive(CreditWhatIf.scenario, preset.scenario)
        self.set_reactive(CreditWhatIf.lang, lang)

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
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        self.push_screen(self.main_screen)
        self._hand_down()
        localize_bindings(self, self.lang)

    def _hand_down(self) -> None:
        main = self.main_screen
        main.baseline = self.baseline
        main.lang = self.lang
        main.scenario = self.scenario

    def watch_scenario(self) -> None:
        self.main_screen.scenario = self.scenario

    def watch_baseline(self) -> None:
        self.main_screen.baseline = self.baseline

    def watch_lang(self) -> None:
        self.main_screen.lang = self.lang
        for screen in self.screen_stack:
            if isinstance(screen, LocalizedBindings):
                screen.lang = self.lang
        localize_bindings(self, self.lang)
        self.refresh_bindings()

    # --- Edits ----------------------------------------------------------------------

    @on(ScenarioEdited)
    def _apply_edit(self, event: ScenarioEdited) -> None:
        try:
            self.scenario = with_value(self.scenario, event.key, event.value)
        except InvalidValueError as exc:
            self.notify(
                ui(
                    "notify.invalid",
                    self.lang,
                    field=ui(event.key, self.lang),
                    expected=exc.expected,
                    found=exc.found,
                ),
                title=ui("notify.invalid_title", self.lang),
                severity="error",
            )
            # Same value again: the inputs drop the rejected text and show the last good one.
            self.scenario = self.scenario

    def load(self, preset: Preset) -> None:
        """Make `preset` the baseline and the current scenario."""
        self.baseline = preset
        self.scenario = preset.scenario
        self.notify(ui("notify.loaded", self.lang, name=preset.name))

    def load_path(self, path: Path) -> None:
        """Load a preset file; a bad one is reported and the scenario kept."""
        try:
            preset = load_preset(path)
        except PresetError as exc:
            self.report_bad_preset(exc)
        else:
            self.load(preset)

    def report_bad_preset(self, error: PresetError) -> None:
        self.notify(str(error), title=ui("notify.bad_preset", self.lang), severity="error")

    # --- Actions --------------------------------------------------------------------

    def action_toggle_lang(self) -> None:
        self.lang = "zh" if self.lang == "en" else "en"

    def action_reset(self) -> None:
        self.scenario = self.baseline.scenario
        self.notify(ui("notify.reset", self.lang, name=self.baseline.name))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def action_compare(self) -> None:
        if not isinstance(self.screen, CompareScreen):
            self.push_screen(CompareScreen(self.baseline, self.scenario, self.lang))

    def action_pick_preset(self) -> None:
        if not isinstance(self.screen, PresetPicker):
            self.push_screen(PresetPicker(self.lang), self._picked)

    def _picked(self, choice: PresetEntry | Path | None) -> None:
        if isinstance(choice, Path):
            self.load_path(choice)
        elif choice is not None and choice.preset is not None:
            self.load(choice.preset)
        elif choice is not None and choice.error is not None:
            self.report_bad_preset(choice.error)

    def action_save(self) -> None:
        if not isinstance(self.screen, SaveDialog):
            self.save_flow()

    @work(exclusive=True, group="save")
    async def save_flow(self) -> None:
        """Ask for a name, confirm an overwrite, then write the preset."""
        default = SaveRequest(self.baseline.name, self.baseline.description)
        request = await self.push_screen_wait(SaveDialog(default, self.lang))
        if request is None:
            return
        preset = Preset(request.name, request.description, self.scenario)
        try:
            path = save_preset(preset)
        except PresetExistsError:
            if not await self.push_screen_wait(ConfirmOverwrite(request.file_name, self.lang)):
                return
            try:
                path = save_preset(preset, overwrite=True)
            except PresetError as exc:
                self._report_not_saved(exc)
                return
        except PresetError as exc:
            self._report_not_saved(exc)
            return
        self.baseline = Preset(request.name, request.description, self.scenario, path, "user")
        self.notify(ui("notify.saved", self.lang, name=request.name, path=str(path)))

    def _report_not_saved(self, error: PresetError) -> None:
        self.notify(str(error), title=ui("notify.not_saved", self.lang), severity="error")
