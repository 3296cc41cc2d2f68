"""Every key binding, where it works and what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ...domain.enums import Lang
from ..bindings import LocalizedBindings, localized
from ..text import ui
from ..widgets.number_field import NumberField
from ..widgets.score_slider import ScoreSlider
from ..widgets.segmented_choice import SegmentedChoice


def binding_rows(lang: Lang) -> list[tuple[Text, Text, Text]]:
    """(keys, action, where) for the bindings of the app and of each kind of input."""
    from ..app import CreditWhatIf

    groups: list[tuple[str, list[BindingType]]] = [
        ("where.app", CreditWhatIf.BINDINGS),
        ("where.score", ScoreSlider.BINDINGS),
        ("where.number", NumberField.BINDINGS),
        ("where.choice", SegmentedChoice.BINDINGS),
    ]
    rows: list[tuple[Text, Text, Text]] = []
    for where, bindings in groups:
        keys_by_action: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for binding in Binding.make_bindings(bindings):
            keys_by_action.setdefault(binding.action, []).append(binding.key)
            if binding.description:
                descriptions[binding.action] = localized(binding, lang).description
        for action, keys in keys_by_action.items():
            rows.append(
                (
                    Text(", ".join(keys), style="bold"),
                    Text(descriptions.get(action, action)),
                    Text(ui(where, lang), style="dim"),
                )
            )
    return rows


class HelpScreen(LocalizedBindings, ModalScreen[None]):
    """Closed with escape, F1 or q."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss(None)", "Close", id="close"),
        # A modal screen hides the app's bindings: keep the language switch here too,
        # so the help can be read in either language.
        Binding("f6,ctrl+l", "app.toggle_lang", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en", recompose=True)
    """Language of the listing."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.set_reactive(HelpScreen.lang, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Label(ui("help.title", self.lang), classes="dialog-title")
            table: DataTable[Text] = DataTable(id="help-table", cursor_type="row")
            table.add_columns(
                ui("help.key", self.lang), ui("help.action", self.lang), ui("help.where", self.lang)
            )
            table.add_rows(binding_rows(self.lang))
            yield table
            yield Label(ui("help.palette", self.lang), classes="dim")
