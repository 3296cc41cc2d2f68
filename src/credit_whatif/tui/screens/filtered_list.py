"""A modal list to choose from: a title, a filter box, the list that follows the
filter, and a line that says what enter will choose (or that nothing matches).

Up/down in the filter box move the highlight, enter or a click chooses, escape
closes. The preset and policy picker and the region picker are both this screen;
each says what its items are, how they match and what enter does with one.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList

from ...domain.enums import Lang
from ..actions import keys_of
from ..bindings import LocalizedBindings
from ..widgets.marked_list import MarkedOptionList

Item = TypeVar("Item")
Result = TypeVar("Result")


class FilteredListScreen(LocalizedBindings, ModalScreen[Result | None], Generic[Item, Result]):
    """Dismisses with what :meth:`choice_of` makes of the chosen item (or of the typed
    text, see :meth:`typed_choice`), or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="close"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        # A modal screen hides the app's bindings: the language switch works here too.
        Binding(keys_of("toggle_lang"), "app.toggle_lang", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the title, the hint and the items (the filter text stays)."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.shown: list[Item] = []
        self._filled = ""  # the filter text `shown` was made for
        self.set_reactive(FilteredListScreen.lang, lang)

    # --- What each list says ----------------------------------------------------------

    def heading(self) -> str:
        raise NotImplementedError

    def placeholder(self) -> str:
        raise NotImplementedError

    def matches(self, text: str) -> list[Item]:
        """The items shown for the filter `text`, in order."""
        raise NotImplementedError

    def prompt(self, item: Item) -> Text:
        raise NotImplementedError

    def status(self, item: Item | None, text: str) -> str:
        """What enter will do with `item` (None: nothing is highlighted) and `text`."""
        raise NotImplementedError

    def choice_of(self, item: Item) -> Result:
        raise NotImplementedError

    def typed_choice(self, text: str) -> Result | None:
        """What enter chooses from the typed text itself, ahead of the list."""
        return None

    def highlight_after_fill(self, previous: Item | None) -> int:
        """Index to highlight in a refilled list (`previous` was highlighted before)."""
        return 0

    # --- The screen -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="list-box", classes="dialog"):
            yield Label(classes="dialog-title")
            yield Input(id="list-filter")
            yield MarkedOptionList(id="list-options")
            yield Label(id="list-status")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._relabel()

    def watch_lang(self) -> None:
        super().watch_lang()
        if self.is_mounted:
            self._relabel()

    def _relabel(self) -> None:
        self.query_one(".dialog-title", Label).update(self.heading())
        search = self.query_one(Input)
        search.placeholder = self.placeholder()
        self._fill(search.value)

    def _fill(self, text: str) -> None:
        previous = self.highlighted()
        self._filled = text
        self.shown = self.matches(text)
        options = self.query_one(MarkedOptionList)
        options.clear_options()
        options.add_options(self.prompt(item) for item in self.shown)
        if self.shown:
            options.highlighted = self.highlight_after_fill(previous)
        self._say_what_enter_does()

    def highlighted(self) -> Item | None:
        if not self.is_mounted or not self.shown:
            return None
        index = self.query_one(MarkedOptionList).highlighted
        return None if index is None else self.shown[index]

    def _say_what_enter_does(self) -> None:
        text = self.query_one(Input).value.strip()
        self.query_one("#list-status", Label).update(self.status(self.highlighted(), text))

    @on(Input.Changed, "#list-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionHighlighted, "#list-options")
    def _highlight_changed(self) -> None:
        self._say_what_enter_does()

    @on(Input.Submitted, "#list-filter")
    def _submit(self, event: Input.Submitted) -> None:
        typed = self.typed_choice(event.value.strip())
        if typed is not None:
            self.dismiss(typed)
            return
        if event.value != self._filled:  # typed faster than the list was refilled
            self._fill(event.value)
        item = self.highlighted()
        if item is None:
            self.app.bell()
            self._say_what_enter_does()
            return
        self.dismiss(self.choice_of(item))

    @on(OptionList.OptionSelected, "#list-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choice_of(self.shown[event.option_index]))

    def action_move(self, delta: int) -> None:
        self.query_one(MarkedOptionList).step_highlight(delta)
