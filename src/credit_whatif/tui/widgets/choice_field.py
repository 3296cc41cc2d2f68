"""A one-line drop-down for an enum or a region, relabelled when the language changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.widgets import Select

from ...domain.enums import Lang
from ..messages import ScenarioEdited

Labeller = Callable[[str, Lang], str]


def choice_of(value: Any) -> str:
    """The option value for a domain value: enums by value, booleans as "true"/"false"."""
    return str(value).lower() if isinstance(value, bool) else str(value)


class ChoiceField(Select[str]):
    """Posts :class:`ScenarioEdited` with the chosen option turned back into a domain value."""

    def __init__(
        self,
        key: str,
        values: Sequence[str],
        labeller: Labeller,
        parse: Callable[[str], Any] = str,
        *,
        id: str | None = None,
    ) -> None:
        self.key = key
        self._parse = parse
        self._shown = choice_of(values[0])
        self._choices = tuple(values)
        self._labeller = labeller
        super().__init__(
            self._labelled("en"), allow_blank=False, compact=True, id=id, value=self._choices[0]
        )

    def _labelled(self, lang: Lang) -> list[tuple[str, str]]:
        return [(self._labeller(value, lang), value) for value in self._choices]

    def relabel(self, lang: Lang) -> None:
        """Show the options in `lang`, keeping the selection."""
        current = self.value
        with self.prevent(Select.Changed):
            self.set_options(self._labelled(lang))
            self.value = current
            # An unchanged value does not redraw; force it so the new label shows.
            # mypy cannot see that the descriptor is per instance of a generic class.
            self.mutate_reactive(ChoiceField.value)  # type: ignore[misc]

    def show(self, value: Any) -> None:
        if choice_of(value) == self._shown == self.value:
            return
        self._shown = choice_of(value)
        with self.prevent(Select.Changed):
            self.value = self._shown

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        # Select announces its first value after mount, when the real one may already be
        # shown: only a change the user made (current and not yet shown) is an edit.
        if isinstance(event.value, str) and event.value == self.value != self._shown:
            self.post_message(ScenarioEdited(self.key, self._parse(event.value)))
