"""The explorer under any sequence of actions.

A hypothesis state machine drives one ``App.run_test()`` per example through the UI
(score keys, typed and stepped numbers, one-line choices, good and bad presets from the
picker, threshold edits in the Policy view, reset, language, compare) and checks after
every step that the app is alive, back on its main screen, and showing exactly
``evaluate(app.scenario, app.table)``.

``run_test()`` is an async context manager and the machine's rules are plain methods, so
each example owns an event loop: the context is entered in ``__init__``, every rule runs
its pilot actions to completion on that loop, and ``teardown`` exits the context (which
re-raises anything the app raised).
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import tomllib
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widgets import Input

from credit_whatif.domain.enums import FundingQuota, Health, Lang, Tightening
from credit_whatif.domain.evaluator import evaluate
from credit_whatif.domain.keypath import get_value, with_values
from credit_whatif.domain.limits import SCORE_MAX, SCORE_MIN
from credit_whatif.domain.policy import PolicyTable, refuse_threshold
from credit_whatif.domain.regions import REGIONS
from credit_whatif.domain.registry import REGISTRY
from credit_whatif.domain.scenario import InvalidValueError, Scenario
from credit_whatif.files.errors import InputError
from credit_whatif.files.presets import Preset, bundled_dir, resolve_preset
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.compare import CompareScreen
from credit_whatif.tui.screens.dialogs import ConfirmDialog
from credit_whatif.tui.screens.picker import PickerScreen
from credit_whatif.tui.screens.regions import RegionPicker, region_matches
from credit_whatif.tui.widgets.inputs_panel import FIELD_KEYS, InputsPanel
from credit_whatif.tui.widgets.number_field import NumberField
from credit_whatif.tui.widgets.policy_panel import PolicyPanel, threshold_id
from credit_whatif.tui.widgets.score_slider import ScoreSlider
from credit_whatif.tui.widgets.segmented_choice import SegmentedChoice, choice_of

from ..corpus import expected
from .conftest import explorer_ready, screen_text

AppFactory = Callable[..., CreditWhatIf]
TableCheck = Callable[[CreditWhatIf], None]
T = TypeVar("T")
SIZE = (80, 24)

DATA = Path(__file__).parents[1] / "data"
EXPECTED: dict[str, str] = tomllib.loads((DATA / "bad_presets.toml").read_text(encoding="utf-8"))
BAD_FILES = sorted((DATA / "bad_presets").iterdir())
GOOD_NAMES = sorted(path.stem for path in bundled_dir().glob("*.toml"))

SCORE = "borrower.score"
REGION = "borrower.region"
# Number fields, by what the registry says each input holds.
NUMBER_KEYS = [key for key in FIELD_KEYS if key != SCORE and REGISTRY.input(key).kind.is_number]
# The one-line choices and how an option becomes a domain value.
CHOICE_PARSERS: dict[str, Callable[[str], object]] = {
    **{key: Health for key in FIELD_KEYS if key.startswith("system.")},
    "funding.quota": FundingQuota,
    "policy.tightening": Tightening,
    "borrower.identity_verified": lambda option: option == "true",
}
CHOICE_KEYS = sorted(CHOICE_PARSERS)

# Slider keys and what each does to the score (steps stop at the range ends).
SLIDER_KEYS: dict[str, Callable[[int], int]] = {
    "left": lambda s: max(s - 1, SCORE_MIN),
    "right": lambda s: min(s + 1, SCORE_MAX),
    "pagedown": lambda s: max(s - 25, SCORE_MIN),
    "pageup": lambda s: min(s + 25, SCORE_MAX),
    "home": lambda _s: SCORE_MIN,
    "end": lambda _s: SCORE_MAX,
}
# Number-field keys and the multiple of the field's step each applies.
STEP_KEYS = {"up": 1, "down": -1, "pageup": 10, "pagedown": -10}

# What a user might type into a number field: in range, out of range at both ends,
# huge, and text the integer input filters or the domain rejects ("", "-", "1.5" -> "15").
TYPED_TEXT = st.one_of(
    st.integers(0, 60).map(str),
    st.integers(-100, 10_000_100).map(str),
    st.sampled_from(["999999999999", "-0", "007"]),
    st.text(alphabet="0123456789-x. ", max_size=6),
)

# Rejected in every number field: below every minimum, above every maximum, not a number.
INVALID_TEXT = ["", "-", "-1", "10000001", "999999999999"]


def shown(value: object) -> str:
    """What a number field shows: empty for what the borrower has not stated."""
    return "" if value is None else str(value)


def optional(key: str) -> bool:
    return REGISTRY.input(key).optional
NUMBER_THRESHOLDS = [f.name for f in REGISTRY.policy_fields if not f.is_switch]

# Small in CI (an app starts per example); more in the dev profile.
if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "dev":
    MACHINE_SETTINGS = settings(max_examples=25, stateful_step_count=20, deadline=None)
else:
    MACHINE_SETTINGS = settings(
        max_examples=6,
        stateful_step_count=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


@dataclass(frozen=True)
class Note:
    """One call of ``App.notify``."""

    message: str
    severity: SeverityLevel


class ExplorerMachine(RuleBasedStateMachine):
    """Drives the explorer; ``baseline`` and ``lang`` are the model the app must match."""

    def __init__(self, make_app: AppFactory, table_matches: TableCheck) -> None:
        super().__init__()
        self.table_matches = table_matches
        self.loop = asyncio.new_event_loop()
        # One context for every step, so what run_test() sets up in it stays visible.
        self.context = contextvars.copy_context()
        self.app = make_app("healthy")
        self.notes: list[Note] = []
        self._record_notifications()
        self.session = self.app.run_test(size=SIZE, notifications=True)
        self.pilot: Pilot[None] = self.run(self.session.__aenter__())
        self.run(explorer_ready(self.pilot))
        self.baseline: Preset = self.app.baseline
        self.lang: Lang = self.app.lang
        self.table: PolicyTable = self.app.table
        self.baseline_table: PolicyTable = self.app.table

    def _record_notifications(self) -> None:
        original = self.app.notify

        def notify(message: str, **options: Any) -> None:
            self.notes.append(Note(message, options.get("severity", "information")))
            original(message, **options)

        self.app.notify = notify  # type: ignore[method-assign]

    def run(self, step: Coroutine[Any, Any, T]) -> T:
        task = self.loop.create_task(step, context=self.context)
        return self.loop.run_until_complete(task)

    def teardown(self) -> None:
        try:
            self.run(self.session.__aexit__(None, None, None))
        finally:
            self.loop.close()

    # --- Helpers --------------------------------------------------------------------

    def control(self, key: str) -> Any:
        return self.app.main_screen.query_one(InputsPanel).control(key)

    def errors(self) -> list[str]:
        return [note.message for note in self.notes if note.severity == "error"]

    def check_edit(self, before: Scenario, key: str, requested: object) -> None:
        """The app applied `requested` if the domain accepts it, else kept `before` and said so."""
        try:
            expected = with_values(before, {key: requested})
        except InvalidValueError:
            assert self.app.scenario == before
            assert len(self.errors()) == 1, self.notes
        else:
            assert self.app.scenario == expected
            assert self.errors() == []

    async def _settle(self) -> None:
        await self.pilot.pause()

    # --- Edits through the inputs ---------------------------------------------------

    @rule(keys=st.lists(st.sampled_from(sorted(SLIDER_KEYS)), min_size=1, max_size=4))
    def step_score(self, keys: list[str]) -> None:
        before = self.app.scenario
        score = before.borrower.score
        for key in keys:
            score = SLIDER_KEYS[key](score)
        self.notes.clear()
        self.run(self._press_on(SCORE, *keys))
        self.check_edit(before, SCORE, score)
        assert self.app.scenario.borrower.score == score

    @rule(score=st.integers(0, 9999))
    def type_score(self, score: int) -> None:
        before = self.app.scenario
        self.notes.clear()
        self.run(self._press_on(SCORE, *str(score), "enter"))
        self.check_edit(before, SCORE, score)

    async def _press_on(self, key: str, *keys: str) -> None:
        self.control(key).focus()
        await self.pilot.press(*keys)
        await self._settle()

    @rule(
        key=st.sampled_from(NUMBER_KEYS), text=TYPED_TEXT, finish=st.sampled_from(["enter", "tab"])
    )
    def type_number(self, key: str, text: str, finish: str) -> None:
        before = self.app.scenario
        self.notes.clear()
        typed = self.run(self._type_number(key, text, finish))
        if typed == shown(get_value(before, key)):
            assert self.app.scenario == before
            assert self.notes == []
            return
        requested: int | str | None
        try:
            requested = int(typed)
        except ValueError:
            requested = typed
        if typed.strip() == "" and optional(key):
            requested = None  # emptied: not stated
        self.check_edit(before, key, requested)

    async def _type_number(self, key: str, text: str, finish: str) -> str:
        field: NumberField = self.control(key)
        field.focus()
        await self.pilot.press("home", "ctrl+k", *text)
        typed = field.value
        # The integer input drops what cannot be part of an integer.
        assert set(typed) <= set("-0123456789"), typed
        await self.pilot.press(finish)
        await self._settle()
        return typed

    @rule(key=st.sampled_from(NUMBER_KEYS), text=st.sampled_from(INVALID_TEXT))
    def type_invalid_number(self, key: str, text: str) -> None:
        if text == "" and optional(key):
            return  # emptying an optional field is a valid edit (type_number checks it)
        before = self.app.scenario
        self.notes.clear()
        self.run(self._type_number(key, text, "enter"))
        assert self.app.scenario == before
        assert len(self.errors()) == 1, self.notes

    @rule(key=st.sampled_from(NUMBER_KEYS), press=st.sampled_from(sorted(STEP_KEYS)))
    def step_number(self, key: str, press: str) -> None:
        """Steps stop quietly at the range's ends, as the slider's knob does."""
        before = self.app.scenario
        field: NumberField = self.control(key)
        lo, hi = field.bounds
        current = get_value(before, key)
        start = 0 if current is None else current  # an empty field steps up from 0
        requested = min(hi, max(lo, start + STEP_KEYS[press] * field.step))
        if current is None and STEP_KEYS[press] < 0:
            requested = None  # stepping down states nothing, not a zero
        self.notes.clear()
        self.run(self._press_on(key, press))
        if requested == get_value(before, key):
            assert self.app.scenario == before and self.notes == []
            return
        self.check_edit(before, key, requested)

    @rule(
        key=st.sampled_from(CHOICE_KEYS),
        keys=st.lists(st.sampled_from(["left", "right", "space"]), min_size=1, max_size=3),
    )
    def choose(self, key: str, keys: list[str]) -> None:
        before = self.app.scenario
        control: SegmentedChoice = self.control(key)
        choices = control.choices
        index = choices.index(choice_of(get_value(before, key)))
        for press in keys:
            if press == "space":
                index = (index + 1) % len(choices)
            else:
                index = max(0, min(index + (1 if press == "right" else -1), len(choices) - 1))
        self.notes.clear()
        self.run(self._press_on(key, *keys))
        self.check_edit(before, key, CHOICE_PARSERS[key](choices[index]))

    @rule(keys=st.lists(st.sampled_from(["left", "right"]), min_size=1, max_size=4))
    def step_region(self, keys: list[str]) -> None:
        before = self.app.scenario
        codes = list(REGIONS)
        index = codes.index(before.borrower.region)
        for press in keys:  # the list's ends stop the steps
            index = max(0, min(index + (1 if press == "right" else -1), len(codes) - 1))
        self.notes.clear()
        self.run(self._press_on(REGION, *keys))
        self.check_edit(before, REGION, codes[index])

    @rule(typed=st.sampled_from(["CN-GD", "sichuan", "上海", "zzz"]))
    def pick_region(self, typed: str) -> None:
        before = self.app.scenario
        matches = [code for code in REGIONS if region_matches(code, typed.casefold())]
        self.notes.clear()
        self.run(self._pick_region(typed))
        if matches:
            assert self.app.scenario == with_values(before, {REGION: matches[0]})
        else:
            assert self.app.scenario == before

    async def _pick_region(self, typed: str) -> None:
        self.control(REGION).focus()
        await self.pilot.press("enter")
        await self._settle()
        assert isinstance(self.app.screen, RegionPicker)
        await self.pilot.press(*typed, "enter")
        await self._settle()
        if isinstance(self.app.screen, RegionPicker):  # nothing matched: it stays open
            await self.pilot.press("escape")
            await self._settle()

    # --- Presets --------------------------------------------------------------------

    async def _pick(self, typed: str, answer: str | None = None) -> None:
        # In the Policy view F2 loads a policy: press it where it means "presets".
        self.app.main_screen.query_one("#features").focus()
        await self.pilot.press("f2")
        await self.pilot.pause()
        assert isinstance(self.app.screen, PickerScreen)
        self.app.screen.query_one(Input).value = typed
        await self.pilot.pause()
        await self.pilot.press("enter")
        await self._settle()
        if answer is not None:
            # Unsaved edits: the app asks before discarding them.
            assert isinstance(self.app.screen, ConfirmDialog), self.app.screen
            await self.pilot.press(answer)
            await self._settle()

    @rule(name=st.sampled_from(GOOD_NAMES), discard=st.booleans())
    def load_good_preset(self, name: str, discard: bool) -> None:
        edited = self.app.scenario != self.app.baseline.scenario
        before, before_baseline = self.app.scenario, self.app.baseline
        self.notes.clear()
        self.run(self._pick(name, answer=("y" if discard else "n") if edited else None))
        assert self.errors() == []
        if edited and not discard:
            assert self.app.baseline == before_baseline
            assert self.app.scenario == before
            return
        self.baseline = resolve_preset(name)
        assert self.app.baseline == self.baseline
        assert self.app.scenario == self.baseline.scenario

    @rule(path=st.sampled_from(BAD_FILES))
    def load_bad_preset(self, path: Path) -> None:
        before = self.app.scenario
        self.notes.clear()
        self.run(self._pick(str(path)))
        assert self.app.scenario == before
        try:
            resolve_preset(str(path))
        except InputError as exc:  # the same refusal, said in the explorer's language
            assert exc.message("en") == expected(EXPECTED[path.name], path)
            assert self.errors() == [exc.message(self.lang)]
        else:
            raise AssertionError(f"{path.name} loaded")

    # --- Thresholds in the Policy view --------------------------------------------

    @rule(field=st.sampled_from(NUMBER_THRESHOLDS), value=st.integers(-5, 1_000_000))
    def edit_threshold(self, field: str, value: int) -> None:
        level = self.app.scenario.policy.tightening
        refused = refuse_threshold(self.table, level, REGISTRY.field(field), value)
        self.notes.clear()
        self.run(self._type_threshold(field, value))
        if refused is None:
            self.table = self.table.with_value(level, field, value)
            assert self.errors() == []
        else:
            assert len(self.errors()) == 1, self.notes

    async def _type_threshold(self, field: str, value: int) -> None:
        await self.pilot.press("f7")
        await self._settle()
        await self._settle()
        panel = self.app.main_screen.query_one(PolicyPanel)
        box = panel.query_one(f"#{threshold_id(field)}", Input)
        box.focus()
        await self.pilot.press("home", "ctrl+k", *str(value), "enter")
        await self._settle()

    # --- Actions --------------------------------------------------------------------

    # One rule for the app's own actions, so a short run does not spend most of its
    # steps on them (and swarm testing does not switch off all but one).
    @rule(action=st.sampled_from(["reset", "toggle_language", "compare_and_close"]))
    def app_action(self, action: str) -> None:
        if action == "reset":
            self.reset()
        elif action == "toggle_language":
            self.run(self._press_and_settle("f6"))
            self.lang = "zh" if self.lang == "en" else "en"
        else:
            self.run(self._compare_and_close())

    def reset(self) -> None:
        """F4 resets what the focus is in: the policy inside the Policy view, else the
        scenario; with unsaved edits there, only after a yes."""
        focused = self.app.focused
        in_policy = focused is not None and any(
            isinstance(node, PolicyPanel) for node in focused.ancestors
        )
        if in_policy:
            edited = not self.table.same_thresholds(self.baseline_table)
        else:
            edited = self.app.scenario != self.baseline.scenario
        self.run(self._press_and_settle("f4"))
        assert isinstance(self.app.screen, ConfirmDialog) == edited
        if edited:
            self.run(self._press_and_settle("y"))
        if in_policy:
            self.table = self.baseline_table
        assert self.app.table.same_thresholds(self.table)
        if not in_policy:
            assert self.app.scenario == self.baseline.scenario

    async def _press_and_settle(self, key: str) -> None:
        await self.pilot.press(key)
        await self._settle()

    async def _compare_and_close(self) -> None:
        await self.pilot.press("f3")
        await self.pilot.pause()
        screen = self.app.screen
        assert isinstance(screen, CompareScreen)
        lines = screen_text(self.app).splitlines()
        names = {f.name(self.lang) for f in REGISTRY.features}
        marked = {
            line.split("│")[2].strip()
            for line in lines
            if "│ •" in line and line.split("│")[2].strip() in names
        }
        before = evaluate(self.baseline.scenario, self.app.baseline_policy)  # type: ignore[arg-type]
        after = evaluate(self.app.scenario, self.app.table)
        changed = {
            b.feature.name(self.lang)
            for b, a in zip(before.features, after.features, strict=True)
            if (b.status, b.amount, b.payout_cap) != (a.status, a.amount, a.payout_cap)
        }
        assert marked == changed
        await self.pilot.press("escape")
        await self._settle()

    # --- After every step -----------------------------------------------------------

    @invariant()
    def alive_on_the_main_screen(self) -> None:
        assert self.app.is_running
        assert self.app.screen_stack == [self.app.main_screen]

    @invariant()
    def matches_the_model(self) -> None:
        assert self.app.baseline == self.baseline
        assert self.app.lang == self.lang
        assert self.app.table.same_thresholds(self.table)

    @invariant()
    def table_shows_the_scenario(self) -> None:
        self.table_matches(self.app)

    @invariant()
    def inputs_show_the_scenario(self) -> None:
        scenario = self.app.scenario
        slider: ScoreSlider = self.control(SCORE)
        assert slider.value == scenario.borrower.score
        for key in NUMBER_KEYS:
            assert self.control(key).value == shown(get_value(scenario, key)), key
        for key in [*CHOICE_KEYS, "borrower.region"]:
            assert self.control(key).value == choice_of(get_value(scenario, key)), key


def test_no_sequence_of_actions_breaks_the_explorer(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    class Explorer(ExplorerMachine):
        def __init__(self) -> None:
            super().__init__(make_app, table_matches)

    run_state_machine_as_test(Explorer, settings=MACHINE_SETTINGS)
