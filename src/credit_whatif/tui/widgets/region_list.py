"""The suspended regions: a checklist of the 31 province-level divisions, with a
summary of what is ticked. Ticked rows read ``☒`` and bold; the others ``☐``.

Shown in the checklist screen that the inputs' ``SuspendedRegions`` line opens."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...domain.enums import Lang
from ...domain.regions import REGIONS
from ..bindings import LocalizedBindings
from ..messages import ScenarioEdited
from .marked_list import MarkedOptionList
from .region_fields import SUSPENDED_KEY, region_label, suspended_summary

TICKED, UNTICKED = "☒", "☐"


class RegionChecklist(LocalizedBindings, MarkedOptionList):
    """Space or enter ticks or unticks the highlighted region."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick or untick", id="toggle_region"),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of its key in the footer."""

    def action_tick(self) -> None:
        if self.highlighted is not None:
            self.action_select()


class RegionList(Vertical):
    """Posts the whole new set of suspended regions when one is ticked or unticked."""

    DEFAULT_CSS = """
    RegionList {
        height: 1fr;
        width: 1fr;
    }
    RegionList > Label {
        width: 1fr;
        margin-bottom: 1;
    }
    RegionList > RegionChecklist {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Lang, tuple[str, ...]] | None = None
        self.chosen: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Label(classes="regions-summary")
        yield RegionChecklist(compact=True)

    @staticmethod
    def _prompt(code: str, lang: Lang, ticked: bool) -> Text:
        mark = TICKED if ticked else UNTICKED
        return Text(f"{mark} {region_label(code, lang)}", style="bold" if ticked else "")

    def show(self, regions: tuple[str, ...], lang: Lang) -> None:
        """Tick exactly `regions`, labelled in `lang`, keeping the highlight."""
        if self._shown == (lang, regions):
            return
        self._shown = (lang, regions)
        self.chosen = regions
        checklist = self.query_one(RegionChecklist)
        checklist.lang = lang
        highlighted = checklist.highlighted
        checklist.clear_options()
        checklist.add_options(
            Option(self._prompt(code, lang, code in regions), id=code) for code in REGIONS
        )
        checklist.highlighted = highlighted if highlighted is not None else 0
        self.query_one(".regions-summary", Label).update(suspended_summary(regions, lang))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        code = event.option.id
        if code is None:
            return
        chosen = set(self.chosen) ^ {code}
        self.post_message(ScenarioEdited(SUSPENDED_KEY, tuple(c for c in REGIONS if c in chosen)))
