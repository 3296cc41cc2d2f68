"""Ask for a preset name (checked as a safe file name), and confirm an overwrite."""

from __future__ import annotations

from typing import ClassVar

import attrs
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from ...domain.enums import Lang
from ...presets import PRESET_SUFFIX, PresetError, check_file_stem, slugify, user_dir
from ..bindings import localize_bindings
from ..text import ui


@attrs.frozen
class SaveRequest:
    name: str
    description: str = ""

    @property
    def file_name(self) -> str:
        return f"{slugify(self.name)}{PRESET_SUFFIX}"


class SaveDialog(ModalScreen[SaveRequest | None]):
    """Dismisses with a request whose name makes a valid file name, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="cancel")
    ]

    def __init__(self, default: SaveRequest, lang: Lang) -> None:
        super().__init__()
        self.default = default
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="save-box", classes="dialog"):
            yield Label(ui("save.title", self.lang), classes="dialog-title")
            yield Label(ui("save.name", self.lang))
            yield Input(self.default.name, id="save-name")
            yield Label(ui("save.description", self.lang))
            yield Input(self.default.description, id="save-description")
            yield Label(ui("save.folder", self.lang, folder=str(user_dir())), classes="dim")
            yield Label("", id="save-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(ui("save.button", self.lang), variant="primary", id="save-ok")
                yield Button(ui("cancel", self.lang), id="save-cancel")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save-ok")
    def _save(self) -> None:
        name = self.query_one("#save-name", Input).value.strip()
        try:
            check_file_stem(slugify(name))
        except PresetError as exc:
            self.query_one("#save-error", Label).update(str(exc))
            self.notify(str(exc), title=ui("notify.not_saved", self.lang), severity="error")
            return
        description = self.query_one("#save-description", Input).value.strip()
        self.dismiss(SaveRequest(name, description))

    @on(Button.Pressed, "#save-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ConfirmOverwrite(ModalScreen[bool]):
    """Yes replaces the existing file; no (or escape) keeps it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "dismiss(False)", "Cancel", id="cancel"),
        Binding("y", "dismiss(True)", "Overwrite", id="overwrite"),
    ]

    def __init__(self, file_name: str, lang: Lang) -> None:
        super().__init__()
        self.file_name = file_name
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Label(ui("confirm.overwrite", self.lang, file=self.file_name))
            with Horizontal(classes="dialog-buttons"):
                yield Button(ui("confirm.yes", self.lang), variant="warning", id="confirm-yes")
                yield Button(ui("cancel", self.lang), id="confirm-no")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
