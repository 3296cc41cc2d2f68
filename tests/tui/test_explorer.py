"""Pilot tests: the explorer's main flows, checked against the domain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from credit_whatif.domain import FEATURE_IDS, REGISTRY, PolicyTable, Tightening
from credit_whatif.domain.catalogue import BAND_NAMES
from credit_whatif.domain.enums import Health, Status
from credit_whatif.domain.evaluator import evaluate
from credit_whatif.domain.keypath import with_values
from credit_whatif.domain.limits import SCORE_MAX, SCORE_MIN
from credit_whatif.domain.policy import FieldKind
from credit_whatif.files.presets import load_preset, resolve_preset
from credit_whatif.report import status_label
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.compare import CompareScreen
from credit_whatif.tui.screens.dialogs import ConfirmDialog, NameDialog
from credit_whatif.tui.screens.picker import PickerScreen
from credit_whatif.tui.widgets.detail_pane import DetailBody
from credit_whatif.tui.widgets.field_grid import FieldLabel
from credit_whatif.tui.widgets.inputs_panel import InputsPanel
from credit_whatif.tui.widgets.score_slider import ScoreSlider

from ..helpers import score_floor_values
from .conftest import explorer_ready, open_save_dialog, screen_text

AppFactory = Callable[..., CreditWhatIf]
TableCheck = Callable[[CreditWhatIf], None]
WIDE, NARROW = (120, 40), (80, 24)


def inputs(app: CreditWhatIf) -> InputsPanel:
    return app.main_screen.query_one(InputsPanel)


def row_for(app: CreditWhatIf, key: str) -> FieldLabel:
    return next(row for row in inputs(app).query(FieldLabel) if row.key == key)


async def test_opens_on_the_preset_with_the_table_right(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        assert app.scenario == resolve_preset("disbursement-outage").scenario
        table_matches(app)
        text = screen_text(app)
        assert "Disbursement outage (bundled)  ·  Default policy (bundled)" in text
        n = len(FEATURE_IDS)
        assert f"yet {n - 1} of {n} features still work" in text
        assert app.focused is app.main_screen.query_one("#features")


async def test_stepping_the_score_changes_the_table_and_stops_at_the_ends(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        slider = inputs(app).control("borrower.score")
        slider.focus()
        await pilot.press("right")  # 590 -> 591
        assert app.scenario.borrower.score == 591
        await pilot.press(*"600", "enter")
        assert app.scenario.borrower.score == 600
        table_matches(app)
        assert evaluate(app.scenario, app.table)["cash_withdrawal"].status is Status.LIMITED
        await pilot.press("home")
        assert app.scenario.borrower.score == SCORE_MIN
        await pilot.press("left", "left")
        assert app.scenario.borrower.score == SCORE_MIN
        await pilot.press("end", "pageup")
        assert app.scenario.borrower.score == SCORE_MAX
        table_matches(app)
        assert row_for(app, "borrower.score").has_class("-changed")


async def test_disbursement_down_stops_only_cash_withdrawal(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        inputs(app).control("system.disbursement").focus()
        await pilot.press("right")  # up -> delayed: paid in full, but late
        assert app.scenario.system.disbursement is Health.DELAYED
        delayed = evaluate(app.scenario, app.table)["cash_withdrawal"]
        assert delayed.status is Status.LIMITED and delayed.amount == 38_000
        await pilot.press("right", "right")
        assert app.scenario.system.disbursement is Health.DOWN
        table_matches(app)
        evaluation = evaluate(app.scenario, app.table)
        assert evaluation["cash_withdrawal"].status is Status.UNAVAILABLE
        assert evaluation.usable == len(FEATURE_IDS) - 1


async def test_number_fields_type_step_clamp_and_refuse(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await explorer_ready(pilot)
        field = inputs(app).control("borrower.outstanding")
        field.focus()
        await pilot.press(*"60000", "enter")  # typing replaces; over the limit is valid
        assert app.scenario.borrower.outstanding == 60_000
        table_matches(app)
        await pilot.press("down")
        assert app.scenario.borrower.outstanding == 59_000
        await pilot.press("shift+tab", "tab")  # back into the field: its value is selected
        await pilot.press(*"abc-5", "enter")  # the integer input keeps only "-5"
        assert app.scenario.borrower.outstanding == 59_000
        assert field.value == "59000"
        notes = list(app._notifications)
        assert (
            len(notes) == 1 and "Outstanding: expected an integer 0..10000000" in notes[0].message
        )
        checks = inputs(app).control("borrower.activity.failed_attempts_7d")
        checks.focus()
        for _ in range(5):
            await pilot.press("down")  # already 0: quiet, like the slider at 350
        assert app.scenario.borrower.activity.failed_attempts_7d == 0


async def test_a_cross_field_refusal_names_the_field_edited(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await explorer_ready(pilot)
        inputs(app).control("borrower.overdue.current_days").focus()
        await pilot.press(*"12", "enter")
        assert app.scenario.borrower.overdue.current_days == 0
        message = next(iter(app._notifications)).message
        assert message == (
            "Days overdue now: expected at most the worst days overdue (0); raise that first, "
            "found integer 12"
        )
        await pilot.press("f6")
        inputs(app).control("borrower.overdue.current_days").focus()
        await pilot.press(*"12", "enter")
        message = list(app._notifications)[-1].message
        assert (
            message == "当前逾期天数：应为不超过最长逾期天数（0）；请先调高最长逾期天数，实际为 12"
        )


async def test_loading_a_preset_from_the_picker_ranks_names_first(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f2")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await pilot.press(*"score")
        await pilot.pause()
        # "Healthy borrower" mentions a good score, but names come first.
        assert [item.ref for item in picker.shown][:2] == ["score-drop", "tightened-policy"]
        assert "Enter loads: Score drop" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.baseline.slug == "score-drop"
        table_matches(app)


async def test_the_picker_says_when_nothing_matches_and_stays_open(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f2", *"zzz", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "Nothing matches “zzz”" in screen_text(app)
        assert app.baseline.slug == "healthy"


async def test_loading_asks_before_discarding_edits(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        inputs(app).control("borrower.score").focus()
        await pilot.press("left")
        edited = app.scenario
        await pilot.press("f2", *"score-drop", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.scenario == edited and app.baseline.slug == "healthy"
        await pilot.press("f2", *"score-drop", "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.baseline.slug == "score-drop"


async def test_every_bundled_preset_loads_with_the_table_right(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        for path in sorted((Path(__file__).parents[2] / "presets").glob("*.toml")):
            app.load(load_preset(path))
            await pilot.pause()
            table_matches(app)


async def test_reset_returns_to_the_loaded_preset(make_app: AppFactory) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        inputs(app).control("borrower.score").focus()
        await pilot.press("end")
        edited = app.scenario
        assert edited != app.baseline.scenario
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # edits are discarded only on a yes
        await pilot.press("n")
        await pilot.pause()
        assert app.scenario == edited
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.scenario == app.baseline.scenario
        assert not row_for(app, "borrower.score").has_class("-changed")


async def test_compare_marks_changed_inputs_results_and_thresholds(
    make_app: AppFactory,
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.score": 590})
        app.policy = app.table.with_value(
            app.scenario.policy.tightening, "withdrawal_min_score", 580
        )
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        seen = screen_text(app)
        for _ in range(4):  # the body scrolls from the keyboard
            await pilot.press("pagedown")
            await pilot.pause()
            seen += screen_text(app)
        marked = {line.split("│")[2].strip() for line in seen.splitlines() if "│ •" in line}
        assert {"Cash withdrawal", "Credit score", "Withdrawal minimum score (normal)"} <= marked
        assert "Repayment" not in marked and "Outstanding" not in marked
        assert "Threshold" in seen  # the thresholds' table is not headed "Input"
        await pilot.press("escape")
        assert app.screen is app.main_screen


async def test_compare_with_nothing_changed_says_so_without_a_table(
    make_app: AppFactory,
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        text = screen_text(app)
        assert "No input differs from the baseline." in text
        assert "Credit score" not in text  # no table of unchanged inputs under it
        assert "No threshold differs from the baseline policy." in text


async def test_save_then_reload_round_trips(make_app: AppFactory, user_presets: Path) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        inputs(app).control("borrower.score").focus()
        await pilot.press("left")
        await pilot.press("f5")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NameDialog)
        dialog.query_one("#name-input", Input).value = "My scenario"
        await pilot.pause()
        assert "File: my-scenario.toml" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        saved = load_preset(user_presets / "my-scenario.toml")
        assert saved.scenario == app.scenario
        assert app.baseline.name == "My scenario"


async def test_save_asks_before_overwriting(make_app: AppFactory, user_presets: Path) -> None:
    user_presets.mkdir(parents=True)
    (user_presets / "mine.toml").write_text('name = "Mine"\ndescription = "old"\n')
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await open_save_dialog(pilot, "Mine")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert load_preset(user_presets / "mine.toml").description == "old"


async def test_language_toggle_switches_every_label(make_app: AppFactory) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f6")
        await pilot.pause()
        text = screen_text(app)
        assert "放款通道中断（内置） · 默认政策（内置）" in text.replace("  ", " ")
        assert status_label(Status.UNAVAILABLE, "zh") in text
        assert "提现已中断" in text
        for english in ("Feature", "Credit score", "Inputs", "Help"):
            assert english not in text, english
        await pilot.press("f6")
        await pilot.pause()
        assert "Credit score" in screen_text(app)


async def test_detail_pane_shows_both_tiers_labelled(make_app: AppFactory) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        text = screen_text(app)
        assert "Why (for staff): Score 590 is 10 points" in text
        assert "Customer sees: “After an overall assessment, you cannot" in text
        body = app.main_screen.query_one("#detail").query_one(DetailBody)
        assert body.feature_id == "cash_withdrawal"


def next_band(table: PolicyTable, level: Tightening, score: int) -> str:
    """The band the slider should print: the lowest score floor above `score`, named."""
    # Reversed, so the first declared of two equal floors names it.
    floors = {
        int(table[level][f.name]): f.name
        for f in reversed(REGISTRY.policy_fields)
        if f.kind is FieldKind.SCORE
    }
    value = min(v for v in floors if v > score)
    return f"next {value}: {BAND_NAMES[floors[value]].en}"


async def test_slider_ticks_and_band_follow_the_active_policy(make_app: AppFactory) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        slider: ScoreSlider = inputs(app).control("borrower.score")
        level, score = app.scenario.policy.tightening, app.scenario.borrower.score
        assert [v for v, _f in slider.floors] == score_floor_values(app.table, level)
        withdrawal = app.table[level]["withdrawal_min_score"]
        assert score < withdrawal  # the preset sits below the withdrawal floor
        before = next_band(app.table, level, score)
        assert before in screen_text(app)
        app.policy = app.table.with_value(level, "withdrawal_min_score", score - 10)
        await pilot.pause()
        floors = [v for v, _f in slider.floors]
        assert floors == score_floor_values(app.policy, level)
        assert score - 10 in floors and withdrawal not in floors
        after = next_band(app.policy, level, score)
        assert after != before and after in screen_text(app) and before not in screen_text(app)


async def test_resizing_with_a_dialog_open_keeps_the_layout_of_the_final_size(
    make_app: AppFactory,
) -> None:
    """Narrow, open the picker, widen, narrow again, close: the Details tab is there
    (and only once); the other way round it is gone and the side pane shows."""
    from textual.widgets import TabbedContent

    def details_tab_shown(app: CreditWhatIf) -> bool:
        tabs = app.main_screen.query_one(TabbedContent)
        return bool(tabs.get_tab("tab-details").display)

    app = make_app("score-drop")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        assert details_tab_shown(app)
        for there_and_back in ((WIDE, NARROW), (NARROW, WIDE)):
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            for size in there_and_back:
                await pilot.resize_terminal(*size)
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            final = there_and_back[-1]
            assert details_tab_shown(app) is (final == NARROW), final
            text = screen_text(app)
            assert text.count("Details") == (1 if final == NARROW else 0), final


async def test_typing_after_enter_replaces_the_value_just_applied(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await explorer_ready(pilot)
        inputs(app).control("borrower.credit_limit").focus()
        await pilot.press(*"60000", "enter", *"70000", "enter")
        assert app.scenario.borrower.credit_limit == 70_000
        await pilot.press("up", *"45000", "enter")  # after a step too
        assert app.scenario.borrower.credit_limit == 45_000
        assert not list(app._notifications)  # nothing was refused on the way


async def test_the_palettes_screenshot_is_saved_in_the_working_folder(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "no-such-home"))
    app = make_app("healthy")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await explorer_ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(40):
            await pilot.pause(0.05)
            if list(tmp_path.glob("*.svg")):
                break
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")
        for _ in range(20):
            await pilot.pause(0.05)
            notes = [n.message for n in app._notifications]
            if any("Saved screenshot" in n for n in notes):
                break
        assert any(str(tmp_path) in n for n in notes), notes


async def test_the_save_dialogs_buttons_keep_their_labels_at_80x24_with_a_long_refusal(
    make_app: AppFactory,
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)
        await pilot.press("ctrl+u", *"bundled:x/../../a very long name that does not work")
        await pilot.pause()
        error = app.screen.query_one("#name-error")
        assert error.region.height >= 2  # the refusal takes several rows
        box = app.screen.query_one("#name-box").region
        lines = screen_text(app).splitlines()
        for button_id, text in (("#name-ok", "Save"), ("#name-cancel", "Cancel")):
            region = app.screen.query_one(button_id).region
            assert region.height >= 1 and box.contains_region(region), button_id
            assert text in lines[region.y], (button_id, lines[region.y])


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("Healthy", "a plain credit-whatif opens your copy"),
        ("Score drop", "Your copy will be used instead"),
    ],
)
async def test_hiding_the_default_preset_says_what_changes(
    make_app: AppFactory, user_presets: Path, name: str, says: str
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await open_save_dialog(pilot, name)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert says in screen_text(app).replace("\n", " ").replace("█", " ")
        await pilot.press("n")
        await pilot.pause()
        assert not user_presets.exists() or not list(user_presets.glob("*.toml"))  # not saved


async def test_a_stated_income_caps_the_line_and_emptying_it_states_none(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")  # a 50,000 line, 12,000 owed, no income stated
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await explorer_ready(pilot)
        field = inputs(app).control("borrower.monthly_income")
        assert field.value == "" and field.placeholder == "not stated"
        field.focus()
        await pilot.press("down")  # stepping down from nothing states nothing
        assert app.scenario.borrower.monthly_income is None
        await pilot.press(*"5000", "enter")  # 6 months of it: 30,000 of debt, 18,000 left
        assert app.scenario.borrower.monthly_income == 5_000
        table_matches(app)
        withdrawal = evaluate(app.scenario, app.table)["cash_withdrawal"]
        assert (withdrawal.status, withdrawal.amount) == (Status.LIMITED, 18_000)
        assert "Line above what the stated income supports" in screen_text(app)
        await pilot.press("backspace", "enter")  # the value is selected: emptied, not stated
        assert app.scenario.borrower.monthly_income is None
        assert evaluate(app.scenario, app.table)["cash_withdrawal"].status is Status.AVAILABLE
        table_matches(app)
        assert not list(app._notifications)
