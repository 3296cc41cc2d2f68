"""The borrower's region: a drop-down of the 31 province-level divisions."""

from __future__ import annotations

from textual import on
from textual.widgets import Select

from ...domain.enums import Lang
from ...domain.regions import REGIONS
from ..messages import ScenarioEdited
from .region_list import region_label

KEY = "borrower.region"


class RegionSelect(Select[str]):
    """Posts :class:`ScenarioEdited` when the user picks another region."""

    def __init__(self, *, id: str | None = None) -> None:
        self._shown = "CN-ZJ"
        super().__init__(
            self._labelled("en"), allow_blank=False, compact=True, id=id, value="CN-ZJ"
        )

    @staticmethod
    def _labelled(lang: Lang) -> list[tuple[str, str]]:
        return [(region_label(code, lang), code) for code in REGIONS]

    def relabel(self, lang: Lang) -> None:
        """Show the options in `lang`, keeping the selection."""
        current = self.value
        with self.prevent(Select.Changed):
            self.set_options(self._labelled(lang))
            self.value = current
            # An unchanged value does not redraw; force it so the new label shows.
            self.mutate_reactive(RegionSelect.value)  # type: ignore[misc]

    def show(self, value: str) -> None:
        if value == self._shown == self.value:
            return
        self._shown = value
        with self.prevent(Select.Changed):
            self.value = value

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        # Select announces its first value after mount, when the real one may already be
        # shown: only a change the user made (current and not yet shown) is an edit.
        if isinstance(event.value, str) and event.value == self.value != self._shown:
            self.post_message(ScenarioEdited(KEY, event.value))
