"""Small modal dialogs: a name to save under (checked as you type, with the same rule
loading applies), and a yes/no question."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import attrs
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label

from ...domain.enums import Lang
from ...files.errors import InputError
from ...files.tomlfile import SUFFIX
from ...i18n import label
from ..bindings import localize_bindings


@attrs.frozen
class NameRequest:
    name: str
    description: str = ""


class NameDialog(ModalScreen[NameRequest | None]):
    """Asks for a name and a description; refuses, as they are typed and before
    anything is written, every name and description that loading the saved file would
    refuse (its size included), and shows the file name it will use."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="cancel")
    ]
    # On a short screen the fields and buttons take one row each, so a refusal on
    # several rows still leaves the buttons (and their labels) in view.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def __init__(
        self,
        title: str,
        default: NameRequest,
        folder: str,
        check: Callable[[NameRequest], str],
        lang: Lang,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.folder = folder
        self.check = check
        """The file stem the request would be saved under; raises InputError if the
        saved file could not be loaded back."""
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="name-box", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(label("save.name", lang))
            yield Input(self.default.name, id="name-input")
            yield Label(label("save.description", lang))
            yield Input(self.default.description, id="description-input")
            yield Label(label("save.folder", lang, folder=self.folder), classes="dim")
            yield Label("", id="name-file", classes="dim")
            yield Label("", id="name-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(label("save.button", lang), variant="primary", id="name-ok")
                yield Button(label("cancel", lang), id="name-cancel")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self._check()

    def _request(self) -> NameRequest:
        return NameRequest(
            self.query_one("#name-input", Input).value.strip(),
            self.query_one("#description-input", Input).value.strip(),
        )

    def _check(self) -> str | None:
        """The file stem for what is typed, or None with the reason shown."""
        try:
            stem = self.check(self._request())
        except InputError as exc:
            what = label(f"save.{exc.key}", self.lang) if exc.key in ("name", "description") else ""
            reason = f"{exc.expected}; found {exc.found}"
            self.query_one("#name-error", Label).update(f"{what}: {reason}" if what else reason)
            self.query_one("#name-file", Label).update("")
            self.query_one("#name-ok", Button).disabled = True
            return None
        self.query_one("#name-error", Label).update("")
        self.query_one("#name-file", Label).update(
            label("save.file", self.lang, file=stem + SUFFIX)
        )
        self.query_one("#name-ok", Button).disabled = False
        return stem

    @on(Input.Changed)
    def _changed(self) -> None:
        self._check()

    @on(Input.Submitted)
    @on(Button.Pressed, "#name-ok")
    def _save(self) -> None:
        if self._check() is None:
            self.app.bell()
            return
        self.dismiss(self._request())

    @on(Button.Pressed, "#name-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Y (or the first button) answers yes; N, escape or the second button answers no."""

    asks_to_quit = False
    """Set on the question before quitting: ctrl+q pressed again there quits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "dismiss(False)", "Cancel", id="cancel"),
        Binding("y", "dismiss(True)", "Yes", id="confirm_yes"),
    ]

    def __init__(self, question: str, yes: str, lang: Lang) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Label(self.question)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="warning", id="confirm-yes")
                yield Button(f"{label('cancel', self.lang)} (n)", id="confirm-no")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        # The footer names what y does, in the words of the button it presses.
        localize_bindings(self, self.lang, {"confirm_yes": self.yes})

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
