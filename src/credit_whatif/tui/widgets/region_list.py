"""The suspended regions: a checklist of the 31 province-level divisions."""

from __future__ import annotations

from textual import on
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from ...domain.enums import Lang
from ...domain.regions import REGIONS, region_name
from ..messages import ScenarioEdited

KEY = "policy.suspended_regions"
SUSPENDED_MARK = "✘"


def region_label(code: str, lang: Lang) -> str:
    return f"{region_name(code, lang)} {code}"


class RegionList(SelectionList[str]):
    """Toggling a region posts the whole new set of suspended regions."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(*self._selections("en", ()), id=id, compact=True)
        self._shown: tuple[Lang, tuple[str, ...]] = ("en", ())

    @staticmethod
    def _selections(lang: Lang, chosen: tuple[str, ...]) -> list[Selection[str]]:
        # The mark repeats the tick in a form that survives NO_COLOR.
        return [
            Selection(
                f"{SUSPENDED_MARK if code in chosen else ' '} {region_label(code, lang)}",
                code,
                code in chosen,
            )
            for code in REGIONS
        ]

    def show(self, regions: tuple[str, ...], lang: Lang) -> None:
        """Tick exactly `regions`, labelled in `lang`, keeping the highlight."""
        if self._shown == (lang, regions):
            return
        self._shown = (lang, regions)
        highlighted = self.highlighted
        with self.prevent(SelectionList.SelectedChanged):
            self.clear_options()
            self.add_options(self._selections(lang, regions))
        self.highlighted = highlighted

    @on(SelectionList.SelectedChanged)
    def _toggled(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self.post_message(ScenarioEdited(KEY, tuple(self.selected)))
