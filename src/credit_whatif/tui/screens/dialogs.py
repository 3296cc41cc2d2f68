"""Small modal dialogs: a name to save under (checked as you type, with the same rule
loading applies), and a yes/no question."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import attrs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label

from ...domain.enums import Lang
from ...files.errors import InputError
from ...files.tomlfile import SUFFIX
from ...i18n import label
from ..actions import keys_of
from ..bindings import localize_bindings

Wording = Callable[[Lang], str]  # a sentence in the language asked for


@attrs.frozen
class NameRequest:
    name: str
    description: str = ""


class NameDialog(ModalScreen[NameRequest | None]):
    """Asks for a name and a description; refuses, as they are typed and before
    anything is written, every name and description that loading the saved file would
    refuse (its size included), and shows the file name it will use."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="cancel"),
        # A modal screen passes on no key to the app: the language keys are bound here.
        Binding(keys_of("toggle_lang"), "app.toggle_lang", "Language", id="toggle_lang"),
    ]
    # On a short screen the fields and buttons take one row each, so a refusal on
    # several rows still leaves the buttons (and their labels) in view.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    lang: reactive[Lang] = reactive[Lang]("en")
    """F6 / ctrl+l switch it, as everywhere: every label follows."""

    def __init__(
        self,
        title_key: str,
        default: NameRequest,
        folder: str,
        check: Callable[[NameRequest], str],
        lang: Lang,
    ) -> None:
        super().__init__()
        self.title_key = title_key
        self.default = default
        self.folder = folder
        self.check = check
        """The file stem the request would be saved under; raises InputError if the
        saved file could not be loaded back."""
        self.set_reactive(NameDialog.lang, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box", classes="dialog"):
            yield Label(id="name-title", classes="dialog-title")
            yield Label(id="name-label")
            yield Input(self.default.name, id="name-input")
            yield Label(id="description-label")
            yield Input(self.default.description, id="description-input")
            yield Label(id="name-folder", classes="dim")
            yield Label("", id="name-file", classes="dim")
            yield Label("", id="name-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("", variant="primary", id="name-ok")
                yield Button("", id="name-cancel")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self._relabel()

    def watch_lang(self) -> None:
        if self.is_mounted:
            self._relabel()

    def _relabel(self) -> None:
        lang = self.lang
        self.query_one("#name-title", Label).update(label(self.title_key, lang))
        self.query_one("#name-label", Label).update(label("save.name", lang))
        self.query_one("#description-label", Label).update(label("save.description", lang))
        folder = label("save.folder", lang, folder=self.folder)
        self.query_one("#name-folder", Label).update(Text(folder))  # a path, not markup
        self.query_one("#name-ok", Button).label = label("save.button", lang)
        self.query_one("#name-cancel", Button).label = label("cancel", lang)
        localize_bindings(self, lang)
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
            lang = self.lang if exc.translated else "en"
            reason = label(
                "save.refused", lang, expected=exc.expected_text(lang), found=exc.found_text(lang)
            )
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
        Binding(keys_of("toggle_lang"), "app.toggle_lang", "Language", id="toggle_lang"),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """F6 / ctrl+l switch it, as everywhere: the question and buttons follow."""

    def __init__(self, question: Wording, yes: Wording, lang: Lang) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.set_reactive(ConfirmDialog.lang, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Label(id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("", variant="warning", id="confirm-yes")
                yield Button("", id="confirm-no")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self._relabel()

    def watch_lang(self) -> None:
        if self.is_mounted:
            self._relabel()

    def _relabel(self) -> None:
        lang, yes = self.lang, self.yes(self.lang)
        self.query_one("#confirm-question", Label).update(Text(self.question(lang)))
        self.query_one("#confirm-yes", Button).label = f"{yes} (y)"
        self.query_one("#confirm-no", Button).label = f"{label('cancel', lang)} (n)"
        # The footer names what y does, in the words of the button it presses.
        localize_bindings(self, lang, {"confirm_yes": yes})

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
