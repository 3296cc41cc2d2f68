"""Baseline against current: inputs and feature results side by side."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from ...domain.enums import Lang
from ...domain.evaluator import evaluate, format_value
from ...domain.scenario import Scenario, get_value
from ...presets import Preset
from ...report import STATUS_STYLES, amount_label, status_label
from ..bindings import LocalizedBindings
from ..text import ui
from ..widgets.inputs_panel import CHANGED_MARK, FIELD_KEYS

CHANGED_STYLE = "bold reverse"


def input_rows(baseline: Scenario, current: Scenario, lang: Lang) -> list[tuple[Text, ...]]:
    rows: list[tuple[Text, ...]] = []
    for key in FIELD_KEYS:
        before, after = get_value(baseline, key), get_value(current, key)
        changed = before != after
        style = CHANGED_STYLE if changed else ""
        rows.append(
            (
                Text(CHANGED_MARK if changed else "", style=style),
                Text(ui(key, lang)),
                Text(format_value(key, before, lang)),
                Text(format_value(key, after, lang), style="bold" if changed else ""),
            )
        )
    return rows


def result_rows(baseline: Scenario, current: Scenario, lang: Lang) -> list[tuple[Text, ...]]:
    rows: list[tuple[Text, ...]] = []
    pairs = zip(evaluate(baseline).features, evaluate(current).features, strict=True)
    for before, after in pairs:
        changed = (before.status, before.amount) != (after.status, after.amount)
        rows.append(
            (
                Text(CHANGED_MARK if changed else "", style=CHANGED_STYLE if changed else ""),
                Text(after.feature.name(lang)),
                Text(status_label(before.status, lang), style=STATUS_STYLES[before.status]),
                Text(amount_label(before, lang), justify="right"),
                Text(status_label(after.status, lang), style=STATUS_STYLES[after.status]),
                Text(amount_label(after, lang), justify="right"),
            )
        )
    return rows


class CompareScreen(LocalizedBindings, Screen[None]):
    """Rebuilt in the other language when the language changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Close", id="close"),
        Binding("f3", "app.pop_screen", "Close", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en", recompose=True)
    """Language of the comparison."""

    def __init__(self, baseline: Preset, current: Scenario, lang: Lang) -> None:
        super().__init__()
        self.baseline = baseline
        self.current = current
        self.set_reactive(CompareScreen.lang, lang)

    def compose(self) -> ComposeResult:
        lang, before, after = self.lang, self.baseline.scenario, self.current
        with VerticalScroll():
            yield Label(
                ui("compare.title", lang, baseline=self.baseline.name), classes="dialog-title"
            )
            yield Label(ui("compare.results", lang), classes="group-title")
            results: DataTable[Text] = DataTable(id="compare-results", cursor_type="row")
            baseline, current = ui("compare.baseline", lang), ui("compare.current", lang)
            amount = ui("amount", lang)
            results.add_columns("", ui("feature", lang), baseline, amount, current, amount)
            results.add_rows(result_rows(before, after, lang))
            yield results
            yield Label(ui("compare.inputs", lang), classes="group-title")
            if before == after:
                yield Label(ui("compare.no_changes", lang), classes="dim")
            inputs: DataTable[Text] = DataTable(id="compare-inputs", cursor_type="row")
            inputs.add_columns("", ui("compare.input", lang), baseline, current)
            inputs.add_rows(input_rows(before, after, lang))
            yield inputs
        yield Footer()
