"""Every key binding, where it works and what it does; the list scrolls."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from ...domain.enums import Lang
from ...i18n import label
from ..actions import first_key, help_rows, keys_of, shown_keys
from ..bindings import FocusedBody, localized
from ..widgets.number_field import NumberField
from ..widgets.region_fields import RegionField, SuspendedRegions
from ..widgets.region_list import RegionChecklist
from ..widgets.score_slider import ScoreSlider
from ..widgets.segmented_choice import SegmentedChoice

SCROLL_KEYS = shown_keys(["up", "down", "pageup", "pagedown", "home", "end"])


def binding_rows(lang: Lang) -> list[tuple[str, str, str]]:
    """(keys, action, where): the explorer's commands, then the keys of each kind of
    input."""
    groups: list[tuple[str, list[BindingType]]] = [
        ("where.score", ScoreSlider.BINDINGS),
        ("where.number", NumberField.BINDINGS),
        ("where.choice", SegmentedChoice.BINDINGS),
        ("where.region", RegionField.BINDINGS),
        ("where.suspended", [*SuspendedRegions.BINDINGS, *RegionChecklist.BINDINGS]),
    ]
    rows = help_rows(lang)
    for where, bindings in groups:
        keys_by_action: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for binding in Binding.make_bindings(bindings):
            keys_by_action.setdefault(binding.action, []).append(binding.key)
            if binding.description:
                descriptions[binding.action] = localized(binding, lang).description
        for action, keys in keys_by_action.items():
            rows.append((shown_keys(keys), descriptions.get(action, action), label(where, lang)))
    rows.append((SCROLL_KEYS, label("action.scroll", lang), label("where.scroll", lang)))
    return rows


class HelpScreen(FocusedBody, ModalScreen[None]):
    """Closed with escape, F1 or q; ↑/↓ and the page keys scroll it."""

    BODY = "#help-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(f"escape,{first_key('help')},q", "dismiss(None)", "Close", id="close"),
        # A modal screen hides the app's bindings: keep the language switch here too,
        # so the help can be read in either language.
        Binding(keys_of("toggle_lang"), "app.toggle_lang", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en", recompose=True)
    """Language of the listing."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.set_reactive(HelpScreen.lang, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        table = Table(expand=True, box=None, padding=(0, 1), show_edge=False)
        table.add_column(label("help.key", lang), style="bold", ratio=2)
        table.add_column(label("help.action", lang), ratio=2)
        table.add_column(label("help.where", lang), style="dim", ratio=2)
        for keys, action, where in binding_rows(lang):
            table.add_row(keys, action, where)
        with Vertical(id="help-box", classes="dialog"):
            yield Label(label("help.title", lang), classes="dialog-title")
            with VerticalScroll(id="help-body", can_focus=True):
                yield Static(table)
            yield Label(Text(label("help.note", lang)), classes="dim")
        yield Footer(show_command_palette=False, compact=True)
