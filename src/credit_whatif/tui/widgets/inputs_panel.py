"""Every scenario input, grouped as in the preset format, marked where it differs."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from ...domain.bands import score_floors
from ...domain.enums import FundingQuota, Health, Lang, Tightening
from ...domain.inputs import InputKind
from ...domain.keypath import get_value
from ...domain.policy import PolicyTable
from ...domain.registry import REGISTRY, Registry
from ...domain.scenario import Scenario
from ...domain.wording import format_date, word
from ...files.presets import Preset
from ...i18n import label
from ..messages import ScenarioEdited
from .field_grid import FieldGrid, field_cells
from .number_field import NumberField
from .region_fields import RegionField, SuspendedRegions
from .score_slider import ScoreSlider
from .segmented_choice import SegmentedChoice


def _groups(registry: Registry) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(group label key, input keys) in the registry's order (the preset format's):
    ``borrower.overdue.count_24m`` is in the group labelled ``group.overdue``."""
    groups: dict[str, list[str]] = {}
    for declared in registry.inputs:
        label_key = "group." + declared.group.rpartition(".")[2]
        groups.setdefault(label_key, []).append(declared.key)
    return tuple((group, tuple(keys)) for group, keys in groups.items())


GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = _groups(REGISTRY)

FIELD_KEYS: tuple[str, ...] = tuple(key for _group, keys in GROUPS for key in keys)


def field_id(key: str) -> str:
    """A CSS id for the control of `key`."""
    return "field-" + key.replace(".", "-").replace("_", "-")


def _edit(key: str) -> Any:
    return lambda value: ScenarioEdited(key, value)


def make_control(key: str, registry: Registry = REGISTRY) -> Widget:
    """The widget that edits `key`, chosen by what the input holds."""
    widget_id = field_id(key)
    declared = registry.input(key)
    kind = declared.kind
    if kind is InputKind.SCORE:
        return ScoreSlider(id=widget_id)
    if kind is InputKind.SWITCH:
        return SegmentedChoice(
            key, ("true", "false"), word, lambda v: v == "true", _edit(key), id=widget_id
        )
    if kind is InputKind.REGION:
        return RegionField(id=widget_id)
    if kind is InputKind.HEALTH:
        healths = [h.value for h in Health if declared.allows(h)]
        return SegmentedChoice(key, healths, word, Health, _edit(key), id=widget_id)
    if kind is InputKind.QUOTA:
        quotas = [q.value for q in FundingQuota]
        return SegmentedChoice(key, quotas, word, FundingQuota, _edit(key), id=widget_id)
    if kind is InputKind.TIGHTENING:
        levels = [t.value for t in Tightening]
        return SegmentedChoice(key, levels, word, Tightening, _edit(key), id=widget_id)
    if kind is InputKind.REGIONS:
        return SuspendedRegions(id=widget_id)
    return NumberField(
        key, declared.step, declared.range, _edit(key), optional=declared.optional, id=widget_id
    )


class InputsPanel(FieldGrid, VerticalScroll, can_focus=False):
    """Shows the scenario it is given; edits go up as ``ScenarioEdited`` messages.

    Not a tab stop itself: tab goes straight to its fields, and focusing a field
    scrolls it into view.
    """

    scenario: reactive[Scenario] = reactive(Scenario, always_update=True)
    """The current scenario (set again after a refused edit, to restore the fields)."""
    baseline: reactive[Preset | None] = reactive(None)
    """The loaded preset, against which fields are marked as changed."""
    table: reactive[PolicyTable | None] = reactive(None)
    """The active policy, whose score floors tick the slider."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of labels and options."""

    def compose(self) -> ComposeResult:
        # Shown only for a scenario with dated events: the date the counts stand at
        # and the keys that move it, as a row of the grid (label, then value).
        yield Static(id="clock-label", classes="clock")
        yield Static(id="clock-note", classes="clock")
        for group, keys in GROUPS:
            yield Static(classes="group-title", id=group.replace(".", "-"))
            for key in keys:
                yield from field_cells(key, make_control(key))

    def on_mount(self) -> None:
        self._relabel_pending = True
        self._request_sync()

    # Scenario, baseline, policy and language often change together (a preset load,
    # the first mount): each watcher asks for one sync, and they are done once.
    def watch_scenario(self) -> None:
        self._request_sync()

    def watch_baseline(self) -> None:
        self._request_sync()

    def watch_table(self) -> None:
        self._request_sync()

    def watch_lang(self) -> None:
        self._relabel_pending = True
        self._request_sync()

    _sync_pending = False
    _relabel_pending = False

    def _request_sync(self) -> None:
        if not self._sync_pending:
            self._sync_pending = True
            self.call_next(self._flush)

    def _flush(self) -> None:
        self._sync_pending = False
        if self._relabel_pending:
            self._relabel_pending = False
            self._relabel()
        self.sync()

    def control(self, key: str) -> Any:
        return self.query_one(f"#{field_id(key)}")

    def _relabel(self) -> None:
        if not self.is_mounted:
            return
        for group, _keys in GROUPS:
            self.query_one(f"#{group.replace('.', '-')}", Static).update(label(group, self.lang))
        for region in self.query(RegionField):
            region.relabel(self.lang)
        for segmented in self.query(SegmentedChoice):
            segmented.relabel(self.lang)

    def _show_clock(self, scenario: Scenario) -> None:
        for cell in self.query(".clock"):
            cell.display = scenario.as_of is not None
        if scenario.as_of is not None:
            date = format_date(scenario.as_of, self.lang)
            self.query_one("#clock-label", Static).update(label("clock.title", self.lang))
            note = label("clock.note", self.lang, date=date)
            self.query_one("#clock-note", Static).update(Text(note, style="bold"))

    def sync(self) -> None:
        """Make every control show the scenario and every label its changed mark."""
        if not self.is_mounted:
            return
        scenario = self.scenario
        baseline = scenario if self.baseline is None else self.baseline.scenario
        self._show_clock(scenario)
        for field_label in self.field_labels():
            key = field_label.key
            value = get_value(scenario, key)
            field_label.show_label(label(key, self.lang), value != get_value(baseline, key))
            control = field_label.control
            if isinstance(control, ScoreSlider):
                control.value = value
                control.lang = self.lang
                if self.table is not None:
                    level = scenario.policy.tightening
                    control.floors = tuple(score_floors(self.table, level))
            elif isinstance(control, SuspendedRegions):
                control.show(value, self.lang)
            else:
                control.show(value)
                if isinstance(control, NumberField) and control.optional:
                    control.placeholder = label("field.not_stated", self.lang)
