"""Pick a preset or a policy (type to filter), or type the path of a .toml file.

Matches are ranked: names and file names that start with the text first, then
those that contain it, then descriptions. A line under the list says what Enter
will load, or that nothing matches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import attrs
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
from ...files.errors import InputError
from ...files.policies import PolicyEntry
from ...files.presets import PresetEntry, looks_like_path
from ...i18n import UI, label
from ..bindings import LocalizedBindings
from ..widgets.marked_list import MarkedOptionList


@attrs.frozen
class PickItem:
    """One thing to pick, whatever its kind."""

    ref: str  # what loads exactly this item (a file stem, or bundled:STEM)
    origin: str
    names: tuple[str, str]  # en, zh
    descriptions: tuple[str, str]
    error: InputError | None
    entry: Any  # the PresetEntry or PolicyEntry it came from
    note: str = ""  # a label key shown under the item (shadowing)

    def name(self, lang: Lang) -> str:
        return self.names[1] if lang == "zh" and self.names[1] else self.names[0]

    def description(self, lang: Lang) -> str:
        return (
            self.descriptions[1] if lang == "zh" and self.descriptions[1] else self.descriptions[0]
        )


def preset_items(entries: list[PresetEntry]) -> list[PickItem]:
    items = []
    for e in entries:
        note = "shadows" if e.shadows else "shadowed" if e.shadowed else ""
        items.append(
            PickItem(
                e.ref,
                e.origin,
                (e.name, e.display_name("zh")),
                (e.description, e.display_description("zh")),
                e.error,
                e,
                note,
            )
        )
    return items


def policy_items(entries: list[PolicyEntry]) -> list[PickItem]:
    items = []
    for e in entries:
        table = e.table
        names = (table.name, table.name_zh) if table else (e.slug, "")
        descriptions = (table.description, table.description_zh) if table else (str(e.error), "")
        items.append(PickItem(e.slug, e.origin, names, descriptions, e.error, e))
    return items


def rank(item: PickItem, needle: str) -> int | None:
    """0 exact name, 1 name starts with, 2 name contains, 3 description; None: no match."""
    if not needle:
        return 0
    names = [item.ref.casefold(), *(n.casefold() for n in item.names if n)]
    if needle in names:
        return 0
    if any(n.startswith(needle) for n in names):
        return 1
    if any(needle in n for n in names):
        return 2
    if any(needle in d.casefold() for d in item.descriptions):
        return 3
    return None


def item_prompt(item: PickItem, lang: Lang) -> Text:
    """Name, origin and description; a broken file shows its error instead."""
    origin = UI[item.origin](lang) if item.origin in UI else item.origin
    prompt = Text()
    if item.error is not None:
        prompt.append(f"✘ {item.ref}", style="bold")
        prompt.append(f"  ({origin}, {label('picker.broken', lang)})\n", style="dim")
        prompt.append(str(item.error), style="red")
        return prompt
    prompt.append(item.name(lang), style="bold")
    prompt.append(f"  ({origin}: {item.ref})\n", style="dim")
    prompt.append(item.description(lang), style="dim")
    if item.note:
        prompt.append(f"\n⚠ {label(item.note, lang, ref=item.ref)}", style="italic")
    return prompt


PickResult = PickItem | Path | None


class PickerScreen(LocalizedBindings, ModalScreen[PickResult]):
    """Dismisses with the chosen item (even a broken one, so the app can say why), a
    path, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="close"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        # A modal screen hides the app's bindings: the language switch works here too.
        Binding("f6,ctrl+l", "app.toggle_lang", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the title, the hint and the items (the filter text stays)."""

    def __init__(self, title_key: str, items: list[PickItem], lang: Lang) -> None:
        super().__init__()
        self.title_key = title_key
        self.items = items
        self.shown: list[PickItem] = []
        self._filled = ""  # the filter text `shown` was made for
        self.set_reactive(PickerScreen.lang, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box", classes="dialog"):
            yield Label(label(self.title_key, self.lang), classes="dialog-title")
            yield Input(placeholder=label("picker.placeholder", self.lang), id="picker-filter")
            yield MarkedOptionList(id="picker-list")
            yield Label("", id="picker-status")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._fill("")

    def watch_lang(self) -> None:
        super().watch_lang()
        if not self.is_mounted:
            return
        self.query_one(".dialog-title", Label).update(label(self.title_key, self.lang))
        search = self.query_one("#picker-filter", Input)
        search.placeholder = label("picker.placeholder", self.lang)
        self._fill(search.value)

    def _fill(self, text: str) -> None:
        self._filled = text
        options = self.query_one(OptionList)
        status = self.query_one("#picker-status", Label)
        options.clear_options()
        if looks_like_path(text.strip()):
            self.shown = []
            status.update(label("picker.enter_path", self.lang, path=text.strip()))
            return
        needle = text.casefold().strip()
        ranked = [(rank(item, needle), index, item) for index, item in enumerate(self.items)]
        self.shown = [item for r, _i, item in sorted(x for x in ranked if x[0] is not None)]
        options.add_options(Option(item_prompt(item, self.lang)) for item in self.shown)
        if self.shown:
            options.highlighted = 0
        self._say_what_enter_loads()

    def _say_what_enter_loads(self) -> None:
        status = self.query_one("#picker-status", Label)
        text = self.query_one("#picker-filter", Input).value.strip()
        item = self._highlighted()
        if item is not None:
            status.update(label("picker.enter_loads", self.lang, name=item.name(self.lang)))
        else:
            status.update(label("picker.no_match", self.lang, text=text))

    def _highlighted(self) -> PickItem | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.shown:
            return None
        return self.shown[options.highlighted]

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionHighlighted, "#picker-list")
    def _highlight_changed(self) -> None:
        self._say_what_enter_loads()

    @on(Input.Submitted, "#picker-filter")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if looks_like_path(text):
            self.dismiss(Path(text).expanduser())
            return
        if event.value != self._filled:  # typed faster than the list was refilled
            self._fill(event.value)
        item = self._highlighted()
        if item is None:
            self.app.bell()
            self._say_what_enter_loads()
            return
        self.dismiss(item)

    @on(OptionList.OptionSelected, "#picker-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[event.option_index])

    def action_move(self, delta: int) -> None:
        self.query_one(MarkedOptionList).step_highlight(delta)
