"""The Policy view: the active tightening level's thresholds as editable fields.

Every edit goes up as a ``ThresholdEdited`` message; the app checks it (range, and
that no level becomes looser than the one below it) and re-evaluates at once. The
fields are grouped by kind, labelled from the catalogue, and marked where they
differ from the loaded policy. Inside the view, F2/F4/F5 load, reset and save the
policy rather than the preset.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from ...domain import catalogue
from ...domain.enums import Lang, Tightening
from ...domain.policy import FieldKind, PolicyField, PolicyTable
from ...domain.registry import REGISTRY
from ...domain.wording import word
from ...i18n import label
from ...provenance import provenance
from ..actions import Scope, bindings
from ..bindings import LocalizedBindings
from ..messages import ThresholdEdited
from .field_grid import FieldGrid, field_cells
from .number_field import NumberField
from .segmented_choice import SegmentedChoice

_STEPS = {
    FieldKind.SCORE: 5,
    FieldKind.DAYS: 1,
    FieldKind.HOURS: 1,
    FieldKind.MONTHS: 1,
    FieldKind.COUNT: 1,
    FieldKind.PERCENT: 5,
    FieldKind.YUAN: 1_000,
}


def threshold_id(name: str) -> str:
    return "threshold-" + name.replace("_", "-")


class PolicyPanel(LocalizedBindings, FieldGrid, VerticalScroll, can_focus=False):
    """Shows the thresholds of ``level`` in ``table``; edits go up as messages."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(Scope.POLICY_VIEW, "app.")]

    table: reactive[PolicyTable | None] = reactive(None, always_update=True)
    """The active policy (set again unchanged after a refused edit, to restore a field)."""
    baseline: reactive[PolicyTable | None] = reactive(None)
    """The loaded policy, against which thresholds are marked as edited."""
    level: reactive[Tightening] = reactive(Tightening.NORMAL)
    """The tightening level whose thresholds are shown (the scenario's)."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of labels."""

    def compose(self) -> ComposeResult:
        yield Static(id="policy-title")
        yield Static(classes="dim", id="policy-hint")
        # The fields in a grid of their own: a paragraph spanning grid columns would be
        # measured at the first column's width and leave blank lines under it.
        with Container(id="policy-fields"):
            kind = None
            for field in REGISTRY.policy_fields:
                if field.kind is not kind:
                    kind = field.kind
                    yield Static(classes="group-title", id=f"policy-group-{kind.value}")
                yield from field_cells(field.name, self._control(field))

    def _control(self, field: PolicyField) -> Widget:
        def edit(value: Any, name: str = field.name) -> ThresholdEdited:
            return ThresholdEdited(self.level, name, value)

        if field.is_switch:
            return SegmentedChoice(
                field.name,
                ("true", "false"),
                word,
                lambda v: v == "true",
                edit,
                id=threshold_id(field.name),
            )
        return NumberField(
            field.name, _STEPS[field.kind], field.range, edit, id=threshold_id(field.name)
        )

    def on_mount(self) -> None:
        self.call_after_refresh(self.sync)

    def watch_table(self) -> None:
        self.sync()

    def watch_baseline(self) -> None:
        self.sync()

    def watch_level(self) -> None:
        self.sync()

    def watch_lang(self) -> None:
        super().watch_lang()  # its keys in the footer, in the new language
        self.sync()

    def sync(self) -> None:
        if not self.is_mounted or self.table is None:
            return
        table, lang, level = self.table, self.lang, self.level
        baseline = self.baseline or table
        edited = not baseline.same_thresholds(table)
        name, level_word = table.display_name(lang), word(level.value, lang)
        title = Text(label("policy.title", lang, name=name, level=level_word), style="bold")
        if edited:
            title.append(f"  {label('policy.modified', lang)}", style="italic")
        title.append(f"\n{label('policy.digest', lang, digest=table.digest[:16])}", style="dim")
        about = provenance(table, lang)
        if about:
            title.append(f"\n{about}", style="dim")
        self.query_one("#policy-title", Static).update(title)
        self.query_one("#policy-hint", Static).update(label("policy.hint", lang))
        for kind in FieldKind:
            for group in self.query(f"#policy-group-{kind.value}"):
                if isinstance(group, Static):
                    group.update(label(f"policygroup.{kind.value}", lang))
        values, loaded = table[level].values, baseline[level].values
        for field_label in self.field_labels():
            name = field_label.key
            changed = values[name] != loaded[name]
            field_label.show_label(catalogue.POLICY_FIELD_LABELS[name](lang), changed)
            control = field_label.control
            if isinstance(control, SegmentedChoice):
                control.relabel(lang)
            control.show(values[name])
