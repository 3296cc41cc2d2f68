"""Pick a bundled or saved preset (type to filter), or type the path of a .toml file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ... import i18n
from ...domain.enums import Lang
from ...presets import PRESET_SUFFIX, PresetEntry, list_presets
from ..bindings import LocalizedBindings
from ..text import ui

PickResult = PresetEntry | Path | None


def looks_like_path(text: str) -> bool:
    return text.endswith(PRESET_SUFFIX) or "/" in text or text.startswith("~")


def entry_prompt(entry: PresetEntry, lang: Lang) -> Text:
    """Name, origin and description; a broken preset shows its error instead."""
    origin = i18n.UI[entry.origin](lang) if entry.origin in i18n.UI else entry.origin
    prompt = Text()
    if entry.error is not None:
        prompt.append(f"✘ {entry.slug}", style="bold")
        prompt.append(f"  ({origin}, {ui('picker.broken', lang)})\n", style="dim")
        prompt.append(str(entry.error), style="red")
        return prompt
    prompt.append(entry.name, style="bold")
    prompt.append(f"  ({origin})\n", style="dim")
    prompt.append(entry.description, style="dim")
    return prompt


class PresetPicker(LocalizedBindings, ModalScreen[PickResult]):
    """Dismisses with the chosen entry (even a broken one, so the app can say why)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="close"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        # A modal screen hides the app's bindings: the language switch works here too.
        Binding("f6,ctrl+l", "app.toggle_lang", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the title, the hint and the origin words (the filter text stays)."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.set_reactive(PresetPicker.lang, lang)
        self.entries = list_presets()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box", classes="dialog"):
            yield Label(ui("picker.title", self.lang), classes="dialog-title")
            yield Input(placeholder=ui("picker.placeholder", self.lang), id="picker-filter")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")

    def watch_lang(self) -> None:
        super().watch_lang()
        self.query_one(".dialog-title", Label).update(ui("picker.title", self.lang))
        search = self.query_one("#picker-filter", Input)
        search.placeholder = ui("picker.placeholder", self.lang)
        if not looks_like_path(search.value):
            self._fill(search.value)

    def _matching(self, text: str) -> list[PresetEntry]:
        needle = text.casefold().strip()
        return [
            entry
            for entry in self.entries
            if needle in f"{entry.slug} {entry.name} {entry.description}".casefold()
        ]

    def _fill(self, text: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(entry_prompt(entry, self.lang), id=str(index))
            for index, entry in enumerate(self.entries)
            if entry in self._matching(text)
        )
        if options.option_count:
            options.highlighted = 0

    def _highlighted_entry(self) -> PresetEntry | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return None if option_id is None else self.entries[int(option_id)]

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        if not looks_like_path(event.value):
            self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if looks_like_path(text):
            self.dismiss(Path(text).expanduser())
        else:
            self.dismiss(self._highlighted_entry())

    @on(OptionList.OptionSelected, "#picker-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.entries[int(event.option.id)])

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = (current + delta) % options.option_count
