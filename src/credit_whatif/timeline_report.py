"""Timelines in words and as data: the "When it comes back" line of each feature
(``eval``, ``timeline`` and the explorer's Details share it), the ``timeline`` table
and its ``--json`` contract."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from . import i18n
from .domain.catalogue import TIMELINE, TIMELINE_CAUSES
from .domain.enums import Lang, Status
from .domain.inputs import OVERDUE_COUNT
from .domain.wording import format_date, format_value, format_yuan
from .report import STATUS_STYLES, policy_to_json, status_label
from .safe_text import printable

if TYPE_CHECKING:
    from rich.console import Console

    from .domain.policy import PolicyTable
    from .domain.timeline import Entry, FeatureTimeline, Timeline
    from .files.presets import Preset


def _state(entry: Entry, lang: Lang) -> str:
    """'unavailable', 'available (25,000 yuan)'."""
    from .domain.wording import word

    state = word(entry.status.value, lang)
    if entry.amount is None or entry.status is Status.UNAVAILABLE:
        return state
    amount = format_yuan(entry.amount, lang)
    return f"{state}（{amount}）" if lang == "zh" else f"{state} ({amount})"


def cause_text(entry: Entry, lang: Lang) -> str:
    """Why the entry begins on its date: the counts its rules read, as they are then."""
    values = dict(entry.values)
    causes = []
    if values.get(OVERDUE_COUNT.key) == 0:  # the whole record ages out: said once
        causes.append(TIMELINE["record_clear"](lang))
        values = {k: v for k, v in values.items() if not k.startswith("borrower.overdue.")}
    causes.extend(
        TIMELINE_CAUSES[key](lang).format(value=format_value(key, value, lang))
        for key, value in values.items()
        if key in TIMELINE_CAUSES
    )
    if not causes:
        return TIMELINE["rules_lift"](lang)
    joiner = "，" if lang == "zh" else ", "
    return joiner.join(causes)


def comes_back(feature: FeatureTimeline, until: dt.date, lang: Lang) -> str | None:
    """The feature's "When it comes back" sentence; None when it is available now
    and stays so."""
    first, *later = feature.entries
    if not later:
        if first.status is Status.AVAILABLE:
            return None
        return TIMELINE["stays"](lang).format(
            status=_state(first, lang), until=format_date(until, lang)
        )
    parts = [
        TIMELINE["until"](lang).format(
            status=_state(first, lang),
            date=format_date(later[0].start, lang),
            cause=cause_text(later[0], lang),
        ),
        TIMELINE["then"](lang).format(status=_state(later[0], lang)),
    ]
    parts.extend(
        TIMELINE["then_from"](lang).format(
            date=format_date(entry.start, lang),
            status=_state(entry, lang),
            cause=cause_text(entry, lang),
        )
        for entry in later[1:]
    )
    return ("；" if lang == "zh" else "; ").join(parts)


def comes_back_lines(timeline: Timeline, lang: Lang) -> list[tuple[str, str]]:
    """(feature name, sentence) for every feature that is not available for good."""
    out = []
    for feature in timeline.features:
        sentence = comes_back(feature, timeline.until, lang)
        if sentence is not None:
            out.append((feature.feature.name(lang), sentence))
    return out


def timeline_to_json(preset: Preset, timeline: Timeline, table: PolicyTable) -> dict[str, Any]:
    """The ``timeline --json`` contract: per feature, its entries from ``as_of``."""
    return {
        "preset": preset.name,
        "policy": policy_to_json(table),
        **timeline_entries_json(timeline),
    }


def timeline_entries_json(timeline: Timeline) -> dict[str, Any]:
    """``as_of``, ``until`` and every feature's entries (``eval --json`` has them too)."""
    return {
        "as_of": timeline.as_of.isoformat(),
        "until": timeline.until.isoformat(),
        "features": {
            item.feature.id: [_entry_json(e) for e in item.entries] for item in timeline.features
        },
    }


def print_comes_back(console: Console, timeline: Timeline, lang: Lang) -> None:
    """The "When it comes back" section of ``eval``: one line per feature held back."""
    from rich.text import Text

    lines = comes_back_lines(timeline, lang)
    if not lines:
        return
    console.print()
    heading = (
        TIMELINE["title"](lang)
        + " · "
        + TIMELINE["as_of"](lang).format(date=format_date(timeline.as_of, lang))
    )
    console.print(Text(heading, style="bold"))
    separator = "：" if lang == "zh" else ": "
    for name, sentence in lines:
        console.print(Text(f"  {name}{separator}{sentence}"))


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "from": entry.start.isoformat(),
        "status": entry.status.value,
        "amount": entry.amount,
        "lifted": list(entry.lifted),
        "imposed": list(entry.imposed),
        "counts": dict(entry.values),
    }


def print_timeline(
    console: Console, preset: Preset, timeline: Timeline, table: PolicyTable, lang: Lang
) -> None:
    """Every feature's entries as a table, then the sentences."""
    from rich.table import Table
    from rich.text import Text

    ui = i18n.UI
    title = f"{preset.display_name(lang)} · {table.display_name(lang)} · " + TIMELINE["as_of"](
        lang
    ).format(date=format_date(timeline.as_of, lang))
    grid = Table(title=Text(printable(title)), title_justify="left", expand=False)
    grid.add_column(ui["feature"](lang), no_wrap=True)
    grid.add_column(TIMELINE["from"](lang), no_wrap=True)
    grid.add_column(ui["status"](lang), no_wrap=True)
    grid.add_column(ui["amount"](lang), justify="right")
    grid.add_column(TIMELINE["lifted"](lang))
    for item in timeline.features:
        for index, entry in enumerate(item.entries):
            grid.add_row(
                item.feature.name(lang) if index == 0 else "",
                format_date(entry.start, lang),
                Text(status_label(entry.status, lang), style=STATUS_STYLES[entry.status]),
                "—" if entry.amount is None else format_yuan(entry.amount, lang),
                cause_text(entry, lang) if index else "",
            )
    console.print(grid)
    lines = comes_back_lines(timeline, lang)
    if not lines:
        console.print(TIMELINE["unchanged"](lang).format(until=format_date(timeline.until, lang)))
    for name, sentence in lines:
        console.print(Text(f"{name}{'：' if lang == 'zh' else ': '}{sentence}"))
