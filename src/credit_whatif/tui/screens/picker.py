"""Pick a preset or a policy (type to filter), or type the path of a .toml file.

Matches are ranked: names and file names that start with the text first, then
those that contain it, then descriptions. A line under the list says what Enter
will load, or that nothing matches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
from rich.text import Text

from ...domain.enums import Lang
from ...files.errors import InputError
from ...files.policies import PolicyEntry
from ...files.presets import PresetEntry, looks_like_path
from ...i18n import UI, label
from ...safe_text import printable
from .filtered_list import FilteredListScreen


@attrs.frozen
class PickItem:
    """One thing to pick, whatever its kind."""

    ref: str  # what loads exactly this item (a file stem, or bundled:STEM)
    origin: str
    names: tuple[str, str]  # en, zh
    descriptions: tuple[str, str]
    error: InputError | None
    entry: Any  # the PresetEntry or PolicyEntry it came from
    note: str = ""  # a label key shown under the item (shadowing)

    def name(self, lang: Lang) -> str:
        return self.names[1] if lang == "zh" and self.names[1] else self.names[0]

    def description(self, lang: Lang) -> str:
        return (
            self.descriptions[1] if lang == "zh" and self.descriptions[1] else self.descriptions[0]
        )


def preset_items(entries: list[PresetEntry]) -> list[PickItem]:
    items = []
    for e in entries:
        note = "shadows" if e.shadows else "shadowed" if e.shadowed else ""
        items.append(
            PickItem(
                e.ref,
                e.origin,
                (e.name, e.display_name("zh")),
                (e.description, e.display_description("zh")),
                e.error,
                e,
                note,
            )
        )
    return items


def policy_items(entries: list[PolicyEntry]) -> list[PickItem]:
    items = []
    for e in entries:
        table = e.table
        names = (table.name, table.name_zh) if table else (e.slug, "")
        descriptions = (table.description, table.description_zh) if table else (str(e.error), "")
        note = "policy.shadows" if e.shadows else "policy.shadowed" if e.shadowed else ""
        items.append(PickItem(e.ref, e.origin, names, descriptions, e.error, e, note))
    return items


def rank(item: PickItem, needle: str) -> int | None:
    """0 exact name, 1 name starts with, 2 name contains, 3 description; None: no match."""
    if not needle:
        return 0
    names = [item.ref.casefold(), *(n.casefold() for n in item.names if n)]
    if needle in names:
        return 0
    if any(n.startswith(needle) for n in names):
        return 1
    if any(needle in n for n in names):
        return 2
    if any(needle in d.casefold() for d in item.descriptions):
        return 3
    return None


def item_prompt(item: PickItem, lang: Lang) -> Text:
    """Name, origin and description; a broken file shows its error instead."""
    origin = UI[item.origin](lang) if item.origin in UI else item.origin
    prompt = Text()
    if item.error is not None:
        prompt.append(f"✘ {item.ref}", style="bold")
        prompt.append(f"  ({origin}, {label('picker.broken', lang)})\n", style="dim")
        prompt.append(str(item.error), style="red")
        return prompt
    # Names and descriptions come from files: shown, never acted on by the terminal.
    prompt.append(printable(item.name(lang)), style="bold")
    # What to type to load it: a shadowed bundled file's ref already says "bundled:".
    where = label("picker.where", lang, origin=origin, ref=printable(item.ref))
    if item.ref.startswith(f"{item.origin}:"):
        where = label("picker.ref", lang, ref=printable(item.ref))
    prompt.append(f"  {where}\n", style="dim")
    prompt.append(printable(item.description(lang)), style="dim")
    if item.note:
        prompt.append(f"\n⚠ {label(item.note, lang, ref=item.ref)}", style="italic")
    return prompt


PickResult = PickItem | Path | None


class PickerScreen(FilteredListScreen[PickItem, PickItem | Path]):
    """Dismisses with the chosen item (even a broken one, so the app can say why), a
    path, or None."""

    def __init__(self, title_key: str, items: list[PickItem], lang: Lang) -> None:
        super().__init__(lang)
        self.title_key = title_key
        self.items = items

    def heading(self) -> str:
        return label(self.title_key, self.lang)

    def placeholder(self) -> str:
        return label("picker.placeholder", self.lang)

    def matches(self, text: str) -> list[PickItem]:
        if looks_like_path(text.strip()):
            return []
        needle = text.casefold().strip()
        ranked = [(rank(item, needle), index, item) for index, item in enumerate(self.items)]
        return [item for r, _i, item in sorted(x for x in ranked if x[0] is not None)]

    def prompt(self, item: PickItem) -> Text:
        return item_prompt(item, self.lang)

    def status(self, item: PickItem | None, text: str) -> str:
        if looks_like_path(text):
            return label("picker.enter_path", self.lang, path=text)
        if item is None:
            return label("picker.no_match", self.lang, text=text)
        return label("picker.enter_loads", self.lang, name=item.name(self.lang))

    def choice_of(self, item: PickItem) -> PickItem:
        return item

    def typed_choice(self, text: str) -> Path | None:
        return Path(text).expanduser() if looks_like_path(text) else None
