"""Footer and help texts for bindings in the current language.

Textual keeps binding descriptions on the class; to switch language at run time a
node's bindings are rebuilt with descriptions from the catalogue, found by each
binding's ``id`` (which is also its ``action.<id>`` label key). The node's *own*
bindings are rebuilt, not the class's: the App adds the command palette's binding
at run time, and rebuilding from the class would drop it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import ClassVar

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from ..domain.enums import Lang
from ..i18n import UI


def localized(binding: Binding, lang: Lang, own: Mapping[str, str] | None = None) -> Binding:
    if own and binding.id is not None and binding.id in own:
        return dataclasses.replace(binding, description=own[binding.id])
    label = UI.get(f"action.{binding.id}") if binding.id else None
    return binding if label is None else dataclasses.replace(binding, description=label(lang))


def localize_bindings(node: DOMNode, lang: Lang, own: Mapping[str, str] | None = None) -> None:
    """Give `node`'s bindings descriptions in `lang` (`own`: binding id -> a
    description already in that language, for words only the node knows)."""
    node._bindings = BindingsMap(localized(binding, lang, own) for _key, binding in node._bindings)


class LocalizedBindings:
    """For screens and widgets with a ``lang`` reactive: their Footer and help texts
    follow it."""

    lang: Lang

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)  # type: ignore[arg-type]

    def watch_lang(self) -> None:
        localize_bindings(self, self.lang)  # type: ignore[arg-type]
        self.refresh_bindings()  # type: ignore[attr-defined]


class FocusedBody(LocalizedBindings):
    """For screens that are one scrollable body (``BODY``, a selector): the body has
    the focus, so the arrow and page keys scroll it, also after a language switch
    has composed it anew."""

    BODY: ClassVar[str]

    def on_mount(self) -> None:
        super().on_mount()
        self._focus_body()

    def watch_lang(self) -> None:
        super().watch_lang()
        self.call_after_refresh(self._focus_body)  # type: ignore[attr-defined]

    def _focus_body(self) -> None:
        for body in self.query(self.BODY):  # type: ignore[attr-defined]
            body.focus()
