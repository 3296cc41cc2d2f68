"""Baseline against current: feature results, scenario inputs and policy thresholds."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from ...domain import catalogue
from ...domain.enums import Lang
from ...domain.evaluator import FeatureResult, evaluate
from ...domain.keypath import get_value
from ...domain.policy import PolicyTable
from ...domain.scenario import Scenario
from ...domain.wording import format_value, word
from ...files.presets import Preset
from ...i18n import label
from ...policydiff import threshold_changes
from ...report import STATUS_STYLES, amount_label, status_label
from ..actions import first_key
from ..bindings import FocusedBody
from ..widgets.field_grid import CHANGED_MARK
from ..widgets.inputs_panel import FIELD_KEYS

CHANGED_STYLE = "bold reverse"


def _outcome(result: FeatureResult, lang: Lang) -> Text:
    text = Text(status_label(result.status, lang), style=STATUS_STYLES[result.status])
    text.append(f"\n{amount_label(result, lang)}", style="")
    return text


def _table(lang: Lang, *headings: str) -> Table:
    table = Table(expand=True, show_lines=False, header_style="bold")
    table.add_column("", width=1, no_wrap=True)
    for heading in headings:
        table.add_column(heading, overflow="fold")
    return table


def _mark(changed: bool) -> Text:
    return Text(CHANGED_MARK if changed else "", style=CHANGED_STYLE if changed else "")


def results_table(
    before: Scenario, after: Scenario, old: PolicyTable, new: PolicyTable, lang: Lang
) -> RenderableType:
    baseline, current = label("compare.baseline", lang), label("compare.current", lang)
    table = _table(lang, label("feature", lang), baseline, current)
    pairs = zip(evaluate(before, old).features, evaluate(after, new).features, strict=True)
    for x, y in pairs:
        changed = (x.status, x.amount, x.payout_cap) != (y.status, y.amount, y.payout_cap)
        table.add_row(_mark(changed), y.feature.name(lang), _outcome(x, lang), _outcome(y, lang))
    return table


def inputs_table(before: Scenario, after: Scenario, lang: Lang) -> RenderableType:
    baseline, current = label("compare.baseline", lang), label("compare.current", lang)
    table = _table(lang, label("compare.input", lang), baseline, current)
    for key in FIELD_KEYS:
        a, b = get_value(before, key), get_value(after, key)
        table.add_row(
            _mark(a != b),
            label(key, lang),
            format_value(key, a, lang),
            Text(format_value(key, b, lang), style="bold" if a != b else ""),
        )
    return table


def policy_table(old: PolicyTable, new: PolicyTable, lang: Lang) -> RenderableType:
    changes = threshold_changes(old, new)
    if not changes:
        return Text(label("compare.no_policy_changes", lang), style="dim")
    baseline, current = old.display_name(lang), new.display_name(lang)
    if baseline == current:
        baseline, current = label("compare.baseline", lang), label("compare.current", lang)
    table = _table(lang, label("compare.threshold", lang), baseline, current)
    for change in changes:
        name = catalogue.POLICY_FIELD_LABELS[change.field](lang)
        table.add_row(
            _mark(True),
            f"{name} ({word(change.level.value, lang)})",
            str(change.before).lower(),
            Text(str(change.after).lower(), style="bold"),
        )
    return table


class CompareScreen(FocusedBody, Screen[None]):
    """Rebuilt in the other language when the language changes; the body scrolls."""

    BODY = "#compare-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Close", id="close"),
        Binding(first_key("compare"), "app.pop_screen", "Close", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en", recompose=True)
    """Language of the comparison."""

    def __init__(
        self,
        baseline: Preset,
        current: Scenario,
        baseline_policy: PolicyTable,
        policy: PolicyTable,
        lang: Lang,
    ) -> None:
        super().__init__(id="compare")
        self.baseline = baseline
        self.current = current
        self.baseline_policy = baseline_policy
        self.policy = policy
        self.set_reactive(CompareScreen.lang, lang)

    def compose(self) -> ComposeResult:
        lang, before, after = self.lang, self.baseline.scenario, self.current
        old, new = self.baseline_policy, self.policy
        with VerticalScroll(id="compare-body", can_focus=True):
            yield Label(
                label("compare.title", lang, baseline=self.baseline.display_name(lang)),
                classes="dialog-title",
            )
            yield Label(label("compare.results", lang), classes="group-title")
            yield Static(results_table(before, after, old, new, lang))
            yield Label(label("compare.inputs", lang), classes="group-title")
            if before == after:
                yield Label(label("compare.no_changes", lang), classes="dim")
            else:
                yield Static(inputs_table(before, after, lang))
            yield Label(label("compare.policy", lang), classes="group-title")
            yield Static(policy_table(old, new, lang))
        yield Footer(show_command_palette=False)
