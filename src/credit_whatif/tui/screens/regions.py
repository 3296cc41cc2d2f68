"""The lists behind the two region inputs: pick the borrower's region, tick the
suspended ones. Both are modal and built only when opened."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from ...domain.enums import Lang
from ...domain.regions import REGIONS, region_name
from ...domain.scenario import Scenario
from ...i18n import label
from ..actions import keys_of
from ..bindings import LocalizedBindings
from ..widgets.region_fields import region_matches
from ..widgets.region_list import RegionList
from .filtered_list import FilteredListScreen


class RegionPicker(FilteredListScreen[str, str]):
    """Dismisses with the chosen region's code, or None when closed."""

    def __init__(self, current: str, lang: Lang) -> None:
        super().__init__(lang)
        self.current = current

    def heading(self) -> str:
        return label("regions.pick_title", self.lang)

    def placeholder(self) -> str:
        return label("regions.filter", self.lang)

    def matches(self, text: str) -> list[str]:
        needle = text.casefold().strip()
        return [code for code in REGIONS if region_matches(code, needle)]

    def prompt(self, code: str) -> Text:
        mark = "● " if code == self.current else "○ "
        return Text(f"{mark}{region_name(code, self.lang)} {code}")

    def status(self, code: str | None, text: str) -> str:
        if code is None:
            return label("regions.no_match", self.lang, text=text)
        name = f"{region_name(code, self.lang)} {code}"
        return label("regions.enter_picks", self.lang, name=name)

    def choice_of(self, code: str) -> str:
        return code

    def highlight_after_fill(self, previous: str | None) -> int:
        # The regions keep their order: the highlight stays where it was (at first on
        # the borrower's region) while that region still matches.
        wanted = previous or self.current
        return self.shown.index(wanted) if wanted in self.shown else 0


class SuspendedRegionsScreen(LocalizedBindings, ModalScreen[None]):
    """Every tick applies at once (the explorer updates behind the list); escape
    closes. Shows the app's scenario, whoever changed it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Done", id="done"),
        Binding(keys_of("toggle_lang"), "app.toggle_lang", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the title and the names."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.set_reactive(SuspendedRegionsScreen.lang, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="regions-box", classes="dialog"):
            yield Label(classes="dialog-title")
            yield Label(classes="dim", id="regions-hint")
            yield RegionList(id="regions-checklist")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "scenario", self._show)
        self.query_one("#regions-checklist OptionList").focus()

    def watch_lang(self) -> None:
        super().watch_lang()
        if self.is_mounted:
            self._show(self.app.scenario)  # type: ignore[attr-defined]

    def _show(self, scenario: Scenario) -> None:
        self.query_one(".dialog-title", Label).update(label("regions.suspended_title", self.lang))
        self.query_one("#regions-hint", Label).update(label("regions.checklist_hint", self.lang))
        self.query_one(RegionList).show(scenario.policy.suspended_regions, self.lang)
