"""Every scenario input, grouped as in the preset format, marked where it differs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, Static

from ... import i18n
from ...domain.enums import Health, Lang, Tightening
from ...domain.regions import REGIONS
from ...domain.scenario import Scenario, get_value
from ...presets import Preset
from ..text import ui
from .choice_field import ChoiceField
from .number_field import NumberField
from .region_list import RegionList, region_label
from .score_slider import ScoreSlider
from .segmented_choice import SegmentedChoice

CHANGED_MARK = "•"

# (group label key, field keys); the order of the preset format.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "group.borrower",
        (
            "borrower.score",
            "borrower.credit_limit",
            "borrower.outstanding",
            "borrower.identity_verified",
            "borrower.region",
        ),
    ),
    (
        "group.overdue",
        (
            "borrower.overdue.count_24m",
            "borrower.overdue.worst_days",
            "borrower.overdue.current_days",
        ),
    ),
    (
        "group.activity",
        ("borrower.activity.limit_checks_30d", "borrower.activity.failed_attempts_7d"),
    ),
    (
        "group.system",
        (
            "system.disbursement",
            "system.risk_engine",
            "system.payment_network",
            "system.account_service",
        ),
    ),
    ("group.policy", ("policy.tightening", "policy.suspended_regions")),
)

FIELD_KEYS: tuple[str, ...] = tuple(key for _group, keys in GROUPS for key in keys)

# Steps big enough to matter for each quantity: yuan in thousands, days and counts in ones.
_NUMBER_STEPS = {
    "borrower.credit_limit": 1_000,
    "borrower.outstanding": 1_000,
}


def field_id(key: str) -> str:
    """A CSS id for the control of `key`."""
    return "field-" + key.replace(".", "-").replace("_", "-")


def _word(value: str, lang: Lang) -> str:
    return i18n.word(value, lang)


def make_control(key: str) -> Widget:
    """The widget that edits `key`."""
    widget_id = field_id(key)
    if key == "borrower.score":
        return ScoreSlider(id=widget_id)
    if key == "borrower.identity_verified":
        return SegmentedChoice(key, ("true", "false"), _word, lambda v: v == "true", id=widget_id)
    if key == "borrower.region":
        return ChoiceField(key, tuple(REGIONS), region_label, id=widget_id)
    if key.startswith("system."):
        return SegmentedChoice(key, [h.value for h in Health], _word, Health, id=widget_id)
    if key == "policy.tightening":
        return SegmentedChoice(key, [t.value for t in Tightening], _word, Tightening, id=widget_id)
    if key == "policy.suspended_regions":
        return RegionList(id=widget_id)
    return NumberField(key, _NUMBER_STEPS.get(key, 1), id=widget_id)


class FieldRow(Horizontal):
    """A label and its control; ``-changed`` and a bullet when it differs from the preset."""

    def __init__(self, key: str) -> None:
        super().__init__(classes="field-row")
        self.key = key

    def compose(self) -> ComposeResult:
        yield Label(classes="field-label")
        yield make_control(self.key)

    def show_label(self, lang: Lang, changed: bool) -> None:
        text = f"{CHANGED_MARK if changed else ' '} {ui(self.key, lang)}"
        label = self.query_one(".field-label", Label)
        if str(label.content) != text:
            label.update(text)
        self.set_class(changed, "-changed")


class InputsPanel(VerticalScroll, can_focus=False):
    """Shows the scenario it is given; edits go up as ``ScenarioEdited`` messages.

    Not a tab stop itself: tab goes straight to its fields, and focusing a field
    scrolls it into view.
    """

    scenario: reactive[Scenario] = reactive(Scenario, always_update=True)
    """The current scenario (set again after a rejected edit, to restore the fields)."""
    baseline: reactive[Preset | None] = reactive(None)
    """The loaded preset, against which fields are marked as changed."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of labels and options."""

    def compose(self) -> ComposeResult:
        for group, keys in GROUPS:
            yield Static(classes="group-title", id=group.replace(".", "-"))
            for key in keys:
                yield FieldRow(key)

    def on_mount(self) -> None:
        self._relabel()
        self.sync()

    # Scenario, baseline and language often change together (a preset load, the
    # first mount): each watcher asks for one sync, and they are done once.
    def watch_scenario(self) -> None:
        self._request_sync()

    def watch_baseline(self) -> None:
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

    def rows(self) -> Iterator[FieldRow]:
        return iter(self.query(FieldRow))

    def control(self, key: str) -> Any:
        return self.query_one(f"#{field_id(key)}")

    def _relabel(self) -> None:
        if not self.is_mounted:
            return
        for group, _keys in GROUPS:
            self.query_one(f"#{group.replace('.', '-')}", Static).update(ui(group, self.lang))
        for choice in self.query(ChoiceField):
            choice.relabel(self.lang)
        for segmented in self.query(SegmentedChoice):
            segmented.relabel(self.lang)

    def sync(self) -> None:
        """Make every control show the scenario and every label its changed mark."""
        if not self.is_mounted:
            return
        scenario = self.scenario
        baseline = scenario if self.baseline is None else self.baseline.scenario
        for row in self.rows():
            value = get_value(scenario, row.key)
            row.show_label(self.lang, value != get_value(baseline, row.key))
            control = self.control(row.key)
            if isinstance(control, ScoreSlider):
                control.value = value
                control.tightening = scenario.policy.tightening
                control.lang = self.lang
            elif isinstance(control, RegionList):
                control.show(value, self.lang)
            else:
                control.show(value)
