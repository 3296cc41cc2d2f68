"""The explorer's actions in the command palette, named in the current language."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..i18n import label
from .actions import palette_actions

if TYPE_CHECKING:
    from .app import CreditWhatIf


class ExplorerCommands(Provider):
    """Every app action; themes come from Textual's own system commands."""

    def _commands(self) -> list[tuple[str, str, str]]:
        lang = cast("CreditWhatIf", self.app).lang
        return [
            (action.name(lang), label(action.help_key, lang), action.method)
            for action in palette_actions()
        ]

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = max(matcher.match(name), matcher.match(help_text))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
