"""The suspended regions: a checklist of the 31 province-level divisions, with a
summary of what is ticked. Ticked rows read ``☒`` and bold; the others ``☐``.
Typing filters the list by name (English or Chinese) or code; ctrl+a ticks every
region shown, ctrl+n unticks them.

Shown in the checklist screen that the inputs' ``SuspendedRegions`` line opens."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...domain.enums import Lang
from ...domain.regions import REGIONS
from ...i18n import label
from ..bindings import LocalizedBindings
from ..messages import ScenarioEdited
from .marked_list import MarkedOptionList
from .region_fields import SUSPENDED_KEY, region_label, region_matches, suspended_summary

TICKED, UNTICKED = "☒", "☐"


class RegionChecklist(LocalizedBindings, MarkedOptionList):
    """Space or enter ticks or unticks the highlighted region; letters filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick or untick", id="toggle_region"),
        Binding("ctrl+a", "tick_all(True)", "Tick all shown", id="tick_all_regions"),
        Binding("ctrl+n", "tick_all(False)", "Untick all shown", id="untick_all_regions"),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of its key in the footer."""
    filtering = False
    """Whether the list is filtered (set by its :class:`RegionList`)."""

    class FilterEdited(Message):
        """A character typed (``text``), or the last one taken back (``None``), or
        the filter cleared (``""`` with ``clear``)."""

        def __init__(self, text: str | None, clear: bool = False) -> None:
            super().__init__()
            self.text = text
            self.clear = clear

    class TickAll(Message):
        def __init__(self, ticked: bool) -> None:
            super().__init__()
            self.ticked = ticked

    def action_tick(self) -> None:
        if self.highlighted is not None:
            self.action_select()

    def action_tick_all(self, ticked: bool) -> None:
        self.post_message(self.TickAll(ticked))

    def on_key(self, event: events.Key) -> None:
        if event.key == "backspace":
            self.post_message(self.FilterEdited(None))
        elif event.key == "escape" and self.filtering:  # escape first widens, then closes
            self.post_message(self.FilterEdited("", clear=True))
        elif event.character and event.is_printable and event.character != " ":
            self.post_message(self.FilterEdited(event.character))
        else:
            return
        event.stop()
        event.prevent_default()


class RegionList(Vertical):
    """Posts the whole new set of suspended regions when one is ticked or unticked."""

    DEFAULT_CSS = """
    RegionList {
        height: 1fr;
        width: 1fr;
    }
    RegionList > .regions-summary {
        width: 1fr;
        margin-bottom: 1;
    }
    RegionList > .regions-filter {
        width: 1fr;
    }
    RegionList > RegionChecklist {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Lang, tuple[str, ...], str] | None = None
        self.chosen: tuple[str, ...] = ()
        self.lang: Lang = "en"
        self.filter = ""

    def compose(self) -> ComposeResult:
        yield Label(classes="regions-summary")
        yield Label(classes="regions-filter dim")
        yield RegionChecklist(compact=True)

    @staticmethod
    def _prompt(code: str, lang: Lang, ticked: bool) -> Text:
        mark = TICKED if ticked else UNTICKED
        return Text(f"{mark} {region_label(code, lang)}", style="bold" if ticked else "")

    @property
    def matching(self) -> list[str]:
        needle = self.filter.casefold()
        return [code for code in REGIONS if region_matches(code, needle)]

    def show(self, regions: tuple[str, ...], lang: Lang) -> None:
        """Tick exactly `regions`, labelled in `lang`, keeping the highlight."""
        if self._shown == (lang, regions, self.filter):
            return
        self._shown = (lang, regions, self.filter)
        self.chosen, self.lang = regions, lang
        checklist = self.query_one(RegionChecklist)
        checklist.lang = lang
        checklist.filtering = bool(self.filter)
        highlighted = checklist.highlighted
        was = checklist.get_option_at_index(highlighted).id if highlighted is not None else None
        checklist.clear_options()
        shown = self.matching
        checklist.add_options(
            Option(self._prompt(code, lang, code in regions), id=code) for code in shown
        )
        if shown:
            checklist.highlighted = shown.index(was) if was in shown else 0
        self.query_one(".regions-summary", Label).update(suspended_summary(regions, lang))
        if self.filter:
            key = "regions.filtered" if shown else "regions.no_match"
            hint = label(key, lang, text=self.filter, count=len(shown))
        else:
            hint = label("regions.filter", lang)
        self.query_one(".regions-filter", Label).update(Text(hint))

    def on_region_checklist_filter_edited(self, event: RegionChecklist.FilterEdited) -> None:
        event.stop()
        if event.clear:
            self.filter = ""
        elif event.text is None:
            self.filter = self.filter[:-1]
        else:
            self.filter += event.text
        self.show(self.chosen, self.lang)

    def on_region_checklist_tick_all(self, event: RegionChecklist.TickAll) -> None:
        event.stop()
        shown = set(self.matching)
        chosen = set(self.chosen) | shown if event.ticked else set(self.chosen) - shown
        self.post_message(ScenarioEdited(SUSPENDED_KEY, tuple(c for c in REGIONS if c in chosen)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        code = event.option.id
        if code is None:
            return
        chosen = set(self.chosen) ^ {code}
        self.post_message(ScenarioEdited(SUSPENDED_KEY, tuple(c for c in REGIONS if c in chosen)))
