"""The lists behind the two region inputs: pick the borrower's region, tick the
suspended ones. Both are modal and built only when opened."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from ...domain.enums import Lang
from ...domain.regions import REGIONS, region_name
from ...domain.scenario import Scenario
from ...i18n import label
from ..bindings import LocalizedBindings
from ..widgets.marked_list import MarkedOptionList
from ..widgets.region_list import RegionList


def region_matches(code: str, needle: str) -> bool:
    """Whether the region's English or Chinese name, or its code, contains `needle`."""
    names = (code, region_name(code, "en"), region_name(code, "zh"))
    return any(needle in name.casefold() for name in names)


class RegionPicker(LocalizedBindings, ModalScreen[str | None]):
    """Dismisses with the chosen region's code, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="close"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("f6,ctrl+l", "app.toggle_lang", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the names (the filter matches both)."""

    def __init__(self, current: str, lang: Lang) -> None:
        super().__init__()
        self.current = current
        self.shown: list[str] = []
        self.set_reactive(RegionPicker.lang, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="regions-box", classes="dialog"):
            yield Label(classes="dialog-title")
            yield Input(id="regions-filter")
            yield MarkedOptionList(id="regions-list")
            yield Label(id="regions-status")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._relabel()

    def watch_lang(self) -> None:
        super().watch_lang()
        if self.is_mounted:
            self._relabel()

    def _relabel(self) -> None:
        self.query_one(".dialog-title", Label).update(label("regions.pick_title", self.lang))
        self.query_one(Input).placeholder = label("regions.filter", self.lang)
        self._fill(self.query_one(Input).value)

    def _fill(self, text: str) -> None:
        options = self.query_one(OptionList)
        highlighted = self._highlighted() or self.current
        needle = text.casefold().strip()
        self.shown = [code for code in REGIONS if region_matches(code, needle)]
        options.clear_options()
        options.add_options(Option(self._prompt(code)) for code in self.shown)
        if self.shown:
            index = self.shown.index(highlighted) if highlighted in self.shown else 0
            options.highlighted = index
        self._say_what_enter_picks()

    def _prompt(self, code: str) -> Text:
        mark = "● " if code == self.current else "○ "
        return Text(f"{mark}{region_name(code, self.lang)} {code}")

    def _highlighted(self) -> str | None:
        if not self.is_mounted or not self.shown:
            return None
        index = self.query_one(OptionList).highlighted
        return None if index is None else self.shown[index]

    def _say_what_enter_picks(self) -> None:
        status = self.query_one("#regions-status", Label)
        code = self._highlighted()
        if code is None:
            text = self.query_one(Input).value.strip()
            status.update(label("regions.no_match", self.lang, text=text))
        else:
            name = f"{region_name(code, self.lang)} {code}"
            status.update(label("regions.enter_picks", self.lang, name=name))

    @on(Input.Changed, "#regions-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionHighlighted, "#regions-list")
    def _highlight_changed(self) -> None:
        self._say_what_enter_picks()

    @on(Input.Submitted, "#regions-filter")
    def _submit(self) -> None:
        code = self._highlighted()
        if code is None:
            self.app.bell()
            return
        self.dismiss(code)

    @on(OptionList.OptionSelected, "#regions-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[event.option_index])

    def action_move(self, delta: int) -> None:
        self.query_one(MarkedOptionList).step_highlight(delta)


class SuspendedRegionsScreen(LocalizedBindings, ModalScreen[None]):
    """Every tick applies at once (the explorer updates behind the list); escape
    closes. Shows the app's scenario, whoever changed it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Done", id="done"),
        Binding("f6,ctrl+l", "app.toggle_lang", show=False),
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
