"""The Policy view: thresholds of the active level, edited live, refused like any
other input, loaded, reset and saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from credit_whatif.domain.enums import Status, Tightening
from credit_whatif.domain.evaluator import evaluate
from credit_whatif.domain.keypath import with_values
from credit_whatif.files.policies import load_policy, resolve_policy
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.dialogs import ConfirmDialog, NameDialog
from credit_whatif.tui.screens.picker import PickerScreen
from credit_whatif.tui.widgets.field_grid import FieldLabel
from credit_whatif.tui.widgets.policy_panel import PolicyPanel, threshold_id

from .conftest import explorer_ready, open_save_dialog, screen_text

AppFactory = Callable[..., CreditWhatIf]
TableCheck = Callable[[CreditWhatIf], None]
SIZE = (120, 40)


async def open_policy(app: CreditWhatIf, pilot: object) -> PolicyPanel:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("f7")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return app.main_screen.query_one(PolicyPanel)


async def test_editing_a_threshold_re_evaluates_at_once(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("score-drop")  # score 590, withdrawal floor 600
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_policy(app, pilot)
        field = panel.query_one(f"#{threshold_id('withdrawal_min_score')}", Input)
        assert app.focused is field
        await pilot.press(*"580", "enter")
        assert app.table[Tightening.NORMAL]["withdrawal_min_score"] == 580
        assert evaluate(app.scenario, app.table)["cash_withdrawal"].status is Status.LIMITED
        table_matches(app)
        row = next(r for r in panel.query(FieldLabel) if r.key == "withdrawal_min_score")
        assert row.has_class("-changed")
        text = screen_text(app)
        assert (
            "• edited" in text
            and "Score drop (bundled)  ·  Default policy (bundled)  • edited" in text
        )
        await pilot.press("down")  # steps of 5 points
        assert app.table[Tightening.NORMAL]["withdrawal_min_score"] == 575


async def test_the_view_follows_the_scenarios_level(make_app: AppFactory) -> None:
    app = make_app("tightened-policy")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_policy(app, pilot)
        assert panel.level is Tightening.TIGHTENED
        field = panel.query_one(f"#{threshold_id('withdrawal_min_score')}", Input)
        assert field.value == "640"
        app.scenario = with_values(app.scenario, {"policy.tightening": Tightening.STRICT})
        await pilot.pause()
        assert field.value == "680"
        assert "Default policy · strict level" in screen_text(app)


async def test_a_looser_tighter_level_is_refused_with_both_levels_named(
    make_app: AppFactory,
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_policy(app, pilot)
        before = app.table
        await pilot.press(*"650", "enter")  # normal above tightened's 640
        assert app.table is before or app.table.same_thresholds(before)
        [note] = list(app._notifications)
        assert note.message == (
            "Withdrawal minimum score (normal): expected at most 640 (tightened's value: "
            "tightened is never looser than normal), found integer 650"
        )
        await pilot.press(*"2000", "enter")
        [note] = list(app._notifications)  # one refusal at a time
        assert "expected an integer 350..950, found integer 2000" in note.message


async def test_switches_edit_as_choices(make_app: AppFactory) -> None:
    app = make_app("tightened-cap")  # tightened: increases open; strict: closed
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        panel = await open_policy(app, pilot)
        switch = panel.query_one(f"#{threshold_id('limit_increases_open')}")
        switch.focus()
        await pilot.press("right")
        assert app.table[Tightening.TIGHTENED]["limit_increases_open"] is False
        assert evaluate(app.scenario, app.table)["limit_increase"].status is Status.UNAVAILABLE
        app.scenario = with_values(app.scenario, {"policy.tightening": Tightening.NORMAL})
        await pilot.pause()
        switch.focus()
        await pilot.press("right")  # closing normal while tightened is closed: fine
        await pilot.press("left")  # reopening normal is fine too
        assert app.table[Tightening.NORMAL]["limit_increases_open"] is True
        app.scenario = with_values(app.scenario, {"policy.tightening": Tightening.STRICT})
        await pilot.pause()
        switch.focus()
        await pilot.press("left")  # strict open while tightened is closed: refused
        assert app.table[Tightening.STRICT]["limit_increases_open"] is False
        assert "tightened's value" in list(app._notifications)[-1].message


async def test_load_reset_and_save_a_policy(make_app: AppFactory, user_config_dir: Path) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=SIZE) as pilot:
        await open_policy(app, pilot)
        await pilot.press("f2")  # in the policy view: load a policy
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"growth", "enter")
        await pilot.pause()
        assert app.table.same_thresholds(resolve_policy("growth"))
        assert "Growth policy" in screen_text(app)
        await pilot.press(*"600", "enter")  # growth's normal floor is 580
        assert not app.table.same_thresholds(resolve_policy("growth"))
        await pilot.press("f4")  # reset the policy, not the preset
        await pilot.pause()
        await pilot.press("y")  # discard the edited threshold
        await pilot.pause()
        assert app.table.same_thresholds(resolve_policy("growth"))
        await pilot.press(*"600", "enter")
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)
        app.screen.query_one("#name-input", Input).value = "Growth, floor 600"
        await pilot.press("enter")
        await pilot.pause()
        saved = load_policy(user_config_dir / "policies" / "growth-floor-600.toml")
        assert saved.same_thresholds(app.table)
        assert app.baseline_policy is not None and app.baseline_policy.name == "Growth, floor 600"
        # Saving again under the same name asks first.
        await open_save_dialog(pilot, "Growth, floor 600")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")


async def test_the_explorer_opens_on_a_policy_given_on_the_command_line(
    make_app: AppFactory,
) -> None:
    app = make_app("score-drop", policy=resolve_policy("conservative"))
    async with app.run_test(size=SIZE) as pilot:
        await explorer_ready(pilot)
        assert "Score drop (bundled)  ·  Conservative policy (bundled)" in screen_text(app)
        assert app.baseline_policy is app.policy


async def test_the_views_keys_follow_the_language(make_app: AppFactory) -> None:
    app = make_app("healthy", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_policy(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "加载政策" in footer and "保存政策" in footer, footer
        await pilot.press("f6")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Load policy" in footer and "Save policy" in footer, footer


async def test_typing_a_second_threshold_after_enter_replaces_the_first(
    make_app: AppFactory,
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        panel = await open_policy(app, pilot)
        field = panel.query_one(f"#{threshold_id('withdrawal_min_score')}", Input)
        assert app.focused is field
        await pilot.press(*"580", "enter", *"590", "enter")
        level = app.scenario.policy.tightening
        assert app.table[level]["withdrawal_min_score"] == 590
        assert field.value == "590"
        assert not list(app._notifications)


async def test_in_the_policy_view_the_fallback_keys_act_on_the_policy_too(
    make_app: AppFactory,
) -> None:
    """ctrl+s, like F5, saves the policy there (not the preset): one meaning per key per
    view; Help lists them under the Policy view."""
    app = make_app("healthy")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_policy(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)
        assert "Save the thresholds as a policy" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        rows = [line for line in screen_text(app).splitlines() if "f5, ctrl+s" in line]
        assert any("Save policy" in row and "policy view" in row for row in rows), rows
        assert any(
            "Save " in row and "Save policy" not in row and "outside the policy view" in row
            for row in rows
        ), rows


async def test_the_view_says_why_and_since_when_the_policy_applies(make_app: AppFactory) -> None:
    app = make_app("healthy", policy=resolve_policy("growth"))
    async with app.run_test(size=SIZE) as pilot:
        await open_policy(app, pilot)
        assert "driven by growth · effective 1 Mar 2026" in screen_text(app)
        await pilot.press("f6")
        await pilot.pause()
        assert "因业务增长调整 · 2026年3月1日起生效" in screen_text(app)
