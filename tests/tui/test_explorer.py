"""Pilot tests: every action of the explorer, checked against the domain."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from credit_whatif.presets import load_preset, resolve_preset
from credit_whatif.tui.screens.preset_picker import PresetPicker
from credit_whatif.tui.screens.save_dialog import ConfirmOverwrite, SaveDialog
from rich.console import Console, RenderableType
from textual.widgets import DataTable, Input, OptionList

from credit_whatif.domain.enums import Health, Status
from credit_whatif.domain.evaluator import evaluate
from credit_whatif.domain.scenario import SCORE_MAX, SCORE_MIN, with_value
from credit_whatif.report import status_label
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.compare import CompareScreen
from credit_whatif.tui.screens.help import HelpScreen
from credit_whatif.tui.widgets.detail_pane import DetailPane
from credit_whatif.tui.widgets.feature_table import FeatureTable
from credit_whatif.tui.widgets.headline import Headline
from credit_whatif.tui.widgets.inputs_panel import FieldRow, InputsPanel, field_id
from credit_whatif.tui.widgets.score_slider import ScoreSlider

AppFactory = Callable[..., CreditWhatIf]
TableCheck = Callable[[CreditWhatIf], None]
SIZE = (120, 40)


def plain(renderable: RenderableType) -> str:
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def inputs(app: CreditWhatIf) -> InputsPanel:
    return app.main_screen.query_one(InputsPanel)


async def focus_field(app: CreditWhatIf, key: str) -> None:
    inputs(app).control(key).focus()


def row_for(app: CreditWhatIf, key: str) -> FieldRow:
    return next(row for row in inputs(app).rows() if row.key == key)


async def test_opens_on_the_preset_with_the_table_right(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.scenario == resolve_preset("disbursement-outage").scenario
        table_matches(app)
        headline = str(app.main_screen.query_one(Headline).render())
        assert "Disbursement outage" in headline
        assert "modified" not in headline
        table = app.main_screen.query_one(FeatureTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.pause()
        detail = app.main_screen.query_one(DetailPane)
        text = plain(detail.render())
        assert "Disbursement channel down" in text
        assert "system layer" in text
        await pilot.press("down")
        await pilot.pause()
        assert detail.feature_id == "installment_purchase"
        assert "No rule holds this feature back." in plain(detail.render())


async def test_stepping_the_score_changes_the_table(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_field(app, "borrower.score")
        start = app.scenario.borrower.score
        await pilot.press("right", "right", "left")
        assert app.scenario.borrower.score == start + 1
        await pilot.press("pagedown")
        assert app.scenario.borrower.score == start + 1 - 25
        await pilot.press("home")
        await pilot.pause()
        assert app.scenario.borrower.score == SCORE_MIN
        table_matches(app)
        # At the lowest score cash withdrawal is out, which the table must say.
        status = evaluate(app.scenario)["cash_withdrawal"].status
        assert status is Status.UNAVAILABLE
        assert row_for(app, "borrower.score").has_class("-changed")
        await pilot.press("end")
        await pilot.pause()
        assert app.scenario.borrower.score == SCORE_MAX
        table_matches(app)
        await pilot.press("5", "5", "0", "enter")
        await pilot.pause()
        assert app.scenario.borrower.score == 550
        table_matches(app)
        await pilot.press("9", "9", "9", "enter")
        await pilot.pause()
        assert app.scenario.borrower.score == 550
        assert app.main_screen.query_one(ScoreSlider).value == 550
        messages = [n.message for n in app._notifications]
        assert any("350..950" in m and "999" in m for m in messages)


async def test_disbursement_down_stops_only_cash_withdrawal(
    make_app: AppFactory, table_matches: TableCheck, rows_of: Callable[..., dict]
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=SIZE) as pilot:
        select = inputs(app).control("system.disbursement")
        select.value = "down"
        await pilot.pause()
        assert app.scenario.system.disbursement is Health.DOWN
        rows = rows_of(app)
        assert rows["cash_withdrawal"][0] == status_label(Status.UNAVAILABLE, "en")
        assert rows["installment_purchase"][0] == status_label(Status.AVAILABLE, "en")
        table_matches(app)
        assert row_for(app, "system.disbursement").has_class("-changed")
        # The row whose status changed is flashed with a mark.
        table = app.main_screen.query_one(FeatureTable)
        assert "cash_withdrawal" in table.changed
        assert "installment_purchase" not in table.changed
        app.load(resolve_preset("healthy"))
        await pilot.pause()
        region = app.scenario.borrower.region
        inputs(app).control("policy.suspended_regions").select(region)
        await pilot.pause()
        assert app.scenario.policy.suspended_regions == (region,)
        table_matches(app)
        assert evaluate(app.scenario)["cash_withdrawal"].status is Status.UNAVAILABLE
        healthy = resolve_preset("healthy").scenario
        assert app.scenario == with_value(healthy, "policy.suspended_regions", (region,))


async def test_numeric_field_typing_stepping_and_rejection(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")
    key = "borrower.overdue.current_days"
    async with app.run_test(size=SIZE) as pilot:
        await focus_field(app, key)
        await pilot.press("up")
        await pilot.pause()
        # Current days above worst days breaks the model's rule: rejected, value kept.
        assert app.scenario.borrower.overdue.current_days == 0
        field = inputs(app).control(key)
        assert field.value == "0"
        assert any("worst_days" in n.message or "current" in n.message for n in app._notifications)
        # In an order the model accepts: a count, then the worst, then the current days.
        for field_key, typed in (
            ("borrower.overdue.count_24m", "1"),
            ("borrower.overdue.worst_days", "40"),
        ):
            await focus_field(app, field_key)
            inputs(app).control(field_key).value = typed
            await pilot.press("enter")
        # Real typing once: the field is restricted to integers and applies on enter.
        await focus_field(app, key)
        await pilot.press("end", "backspace", "x", "5", "enter")
        await pilot.pause()
        overdue = app.scenario.borrower.overdue
        assert (overdue.count_24m, overdue.worst_days, overdue.current_days) == (1, 40, 5)
        await pilot.press("shift+up")
        await pilot.pause()
        assert app.scenario.borrower.overdue.current_days == 15
        table_matches(app)
        outstanding = inputs(app).control("borrower.outstanding")
        await focus_field(app, "borrower.outstanding")
        outstanding.value = "50000"
        await pilot.press("enter")
        assert app.scenario.borrower.outstanding == 50_000
        table_matches(app)
        assert evaluate(app.scenario)["cash_withdrawal"].status is Status.UNAVAILABLE
        outstanding.value = "60000"
        # Leaving the field applies what was typed, just as enter does.
        await focus_field(app, "borrower.credit_limit")
        await pilot.pause()
        assert app.scenario.borrower.outstanding == 50_000
        assert inputs(app).control("borrower.outstanding").value == "50000"


async def test_loading_a_preset_from_the_picker(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PresetPicker)
        await pilot.press(*"payment network")
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        expected = resolve_preset("payment-network-outage")
        assert app.baseline == expected
        assert app.scenario == expected.scenario
        table_matches(app)


async def test_every_bundled_preset_loads_with_the_table_right(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=SIZE) as pilot:
        picker_entries = PresetPicker("en").entries
        for entry in picker_entries:
            assert entry.preset is not None, entry.error
            app.load(entry.preset)
            await pilot.pause()
            assert app.scenario == entry.preset.scenario
            table_matches(app)


async def test_reset_returns_to_the_loaded_preset(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE) as pilot:
        await focus_field(app, "borrower.score")
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert app.scenario != app.baseline.scenario
        assert "modified" in str(app.main_screen.query_one(Headline).render())
        await pilot.press("f4")
        await pilot.pause()
        assert app.scenario == app.baseline.scenario
        assert not row_for(app, "borrower.score").has_class("-changed")
        assert "modified" not in str(app.main_screen.query_one(Headline).render())
        table_matches(app)


async def test_compare_marks_changed_inputs_and_results(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=SIZE) as pilot:
        inputs(app).control("system.disbursement").value = "down"
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        results = screen.query_one("#compare-results", DataTable)
        marked = {
            str(results.get_row_at(i)[1])
            for i in range(results.row_count)
            if str(results.get_row_at(i)[0])
        }
        assert marked == {"Cash withdrawal"}
        changed_inputs = screen.query_one("#compare-inputs", DataTable)
        marked_inputs = [
            changed_inputs.get_row_at(i)
            for i in range(changed_inputs.row_count)
            if str(changed_inputs.get_row_at(i)[0])
        ]
        assert [str(cell) for cell in marked_inputs[0][1:]] == ["Disbursement", "up", "down"]
        assert len(marked_inputs) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_save_then_reload_round_trips(make_app: AppFactory, user_presets: Path) -> None:
    app = make_app("healthy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_field(app, "borrower.score")
        await pilot.press("pagedown")
        inputs(app).control("policy.tightening").value = "strict"
        await pilot.pause()
        edited = app.scenario
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        name_input = app.screen.query_one("#save-name", Input)
        name_input.value = "My strict case"
        await pilot.press("enter")
        await pilot.pause()
        saved = user_presets / "my-strict-case.toml"
        assert saved.is_file()
        assert load_preset(saved).scenario == edited
        assert app.baseline.name == "My strict case"
        # Reload through the picker: the saved preset is listed and loads exactly.
        app.load(resolve_preset("healthy"))
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one(Input).value = "my strict"
        await pilot.press("enter")
        await pilot.pause()
        assert app.scenario == edited
        assert app.baseline.origin == "user"


async def test_save_asks_before_overwriting(make_app: AppFactory, user_presets: Path) -> None:
    app = make_app("healthy")
    async with app.run_test(size=SIZE) as pilot:
        for score_key in ("pagedown", "pagedown"):
            await focus_field(app, "borrower.score")
            await pilot.press(score_key)
            await pilot.press("f5")
            await pilot.pause()
            app.screen.query_one("#save-name", Input).value = "Twice"
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("n")
        await pilot.pause()
        first = load_preset(user_presets / "twice.toml").scenario
        assert first.borrower.score == app.scenario.borrower.score + 25
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#save-name", Input).value = "Twice"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert load_preset(user_presets / "twice.toml").scenario == app.scenario
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#save-name", Input).value = "///"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        assert any("expected a non-empty name" in n.message for n in app._notifications)
        assert sorted(path.name for path in user_presets.iterdir()) == ["twice.toml"]


async def test_language_toggle_switches_every_label(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert app.lang == "zh"
        table_matches(app)
        headline = str(app.main_screen.query_one(Headline).render())
        assert "提现已中断" in headline
        label = str(row_for(app, "borrower.score").query_one(".field-label").render())
        assert "信用分" in label
        table = app.main_screen.query_one(FeatureTable)
        assert str(table.get_row("cash_withdrawal")[1]) == "提现借款"
        assert str(table.ordered_columns[1].label) == "功能"
        footer = {
            active.binding.description
            for active in app.screen.active_bindings.values()
            if active.binding.show
        }
        assert {"English", "预设", "对比", "重置", "保存", "帮助", "退出"} <= footer
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.lang == "en"
        table_matches(app)


async def test_malformed_preset_is_reported_and_the_scenario_kept(
    make_app: AppFactory, tmp_path: Path, table_matches: TableCheck
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "Bad"\n[borrower]\nscore = "high"\n', encoding="utf-8")
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE) as pilot:
        await focus_field(app, "borrower.score")
        await pilot.press("left")
        before = app.scenario
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one(Input).value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert app.scenario == before
        assert app.baseline == resolve_preset("disbursement-outage")
        messages = [n.message for n in app._notifications]
        assert (
            f"{bad}: borrower.score: expected an integer 350..950, found string 'high'" in messages
        )
        table_matches(app)


async def test_broken_user_preset_is_listed_with_its_error(
    make_app: AppFactory, user_presets: Path
) -> None:
    user_presets.mkdir(parents=True)
    (user_presets / "broken.toml").write_text("[system]\ndisbursement = 'sideways'\n")
    app = make_app("healthy")
    async with app.run_test(size=SIZE) as pilot:
        before = app.scenario
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one(Input).value = "broken"
        await pilot.pause()
        prompt = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "system.disbursement" in prompt
        await pilot.press("enter")
        await pilot.pause()
        assert app.scenario == before
        assert any("sideways" in n.message for n in app._notifications)


async def test_help_lists_every_app_binding(make_app: AppFactory) -> None:
    from credit_whatif.tui.commands import ExplorerCommands

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        actions = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"Presets", "Reset", "Compare", "Save", "Quit", "Score −1", "Step up"} <= actions
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        provider = ExplorerCommands(app.screen)
        hits = [hit async for hit in provider.search("compare")]
        assert hits
        await hits[0].command()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


async def test_narrow_layout_uses_tabs(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.has_class("-narrow")
        assert screen.query_one(InputsPanel).display
        await pilot.click("#tab-details")
        await pilot.pause()
        assert screen.query_one(DetailPane).display
        assert not screen.query_one(InputsPanel).display
        assert field_id("borrower.score") == "field-borrower-score"


async def test_statuses_read_without_colour(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color
        screenshot = app.export_screenshot()
        # Symbol and word both reach the screen, so nothing depends on colour.
        assert "✘" in screenshot
        assert "unavailable" in screenshot
        assert "✔" in screenshot
