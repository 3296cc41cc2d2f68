"""The two region inputs, one line each in the inputs; the lists open on demand.

``RegionField`` shows the borrower's region (``Zhejiang CN-ZJ ▾``): left/right step
through the 31 province-level divisions, enter opens the list to pick from.
``SuspendedRegions`` shows what is suspended (``2 of 31 suspended: Henan and
Hubei ▾``); enter opens the checklist. The ▾ says a list opens; the footer names the
key while the field has focus. Two lines instead of a drop-down and an
eight-row checklist nested in the inputs' own scrolling, and the lists are built
only when opened.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.enums import Lang
from ...domain.regions import REGIONS, region_name
from ...domain.wording import join_words
from ...i18n import label
from ..bindings import LocalizedBindings
from ..messages import ScenarioEdited

REGION_KEY = "borrower.region"
SUSPENDED_KEY = "policy.suspended_regions"
OPENS = "▾"


def region_label(code: str, lang: Lang) -> str:
    return f"{region_name(code, lang)} {code}"


def region_matches(code: str, needle: str) -> bool:
    """Whether the region's English or Chinese name, or its code, contains `needle`
    (already casefolded)."""
    names = (code, region_name(code, "en"), region_name(code, "zh"))
    return any(needle in name.casefold() for name in names)


def suspended_summary(regions: tuple[str, ...], lang: Lang) -> str:
    """'2 of 31 suspended: Henan and Hubei' (in the checklist's order, north to
    south), or that none is."""
    if not regions:
        return label("regions_none", lang)
    ordered = [code for code in REGIONS if code in regions]
    names = join_words([region_name(code, lang) for code in ordered], lang)
    return label("regions_summary", lang, count=len(regions), total=len(REGIONS), names=names)


class RegionField(LocalizedBindings, Widget, can_focus=True):
    """Posts :class:`ScenarioEdited` when the user steps to or picks another region."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick", "Choose region", id="region_pick"),
        Binding("space", "pick", "Choose region", show=False, id="region_pick_space"),
        Binding("left", "step(-1)", "Previous region", show=False, id="region_previous"),
        Binding("right", "step(1)", "Next region", show=False, id="region_next"),
    ]

    DEFAULT_CSS = """
    RegionField {
        height: 1;
        width: 1fr;
    }
    """

    value: reactive[str] = reactive("CN-ZJ")
    """The region code shown."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the region's name."""

    def render(self) -> RenderableType:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(region_label(self.value, self.lang), style="bold")
        text.append(f" {OPENS}", style="dim")
        return text

    def show(self, value: str) -> None:
        """Show the model's value without treating it as an edit."""
        self.value = value

    def relabel(self, lang: Lang) -> None:
        self.lang = lang

    def action_step(self, delta: int) -> None:
        codes = list(REGIONS)
        index = codes.index(self.value) + delta
        if 0 <= index < len(codes):  # the list's ends stop, as the other choices do
            self.post_message(ScenarioEdited(REGION_KEY, codes[index]))

    def on_click(self) -> None:
        self.action_pick()

    def action_pick(self) -> None:
        from ..screens.regions import RegionPicker

        def picked(code: str | None) -> None:
            if code is not None and code != self.value:
                self.post_message(ScenarioEdited(REGION_KEY, code))

        self.app.push_screen(RegionPicker(self.value, self.lang), picked)


class SuspendedRegions(LocalizedBindings, Widget, can_focus=True):
    """Opens the checklist of suspended regions; the summary wraps, so every
    suspended region is named."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Choose regions", id="regions_open"),
        Binding("space", "open", "Choose regions", show=False, id="regions_open_space"),
    ]

    DEFAULT_CSS = """
    SuspendedRegions {
        height: auto;
        width: 1fr;
    }
    """

    regions: reactive[tuple[str, ...]] = reactive((), layout=True)
    """The suspended region codes."""
    lang: reactive[Lang] = reactive[Lang]("en", layout=True)
    """Language of the summary."""

    def render(self) -> RenderableType:
        text = Text(suspended_summary(self.regions, self.lang))
        text.append(f" {OPENS}", style="dim")
        return text

    def show(self, regions: tuple[str, ...], lang: Lang) -> None:
        self.regions, self.lang = regions, lang

    def on_click(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from ..screens.regions import SuspendedRegionsScreen

        self.app.push_screen(SuspendedRegionsScreen(self.lang))
