"""What a newcomer ran into (issue 10), each checked through real key presses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.pilot import Pilot

from credit_whatif.domain.enums import Health
from credit_whatif.domain.keypath import with_values
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.compare import CompareScreen
from credit_whatif.tui.screens.dialogs import ConfirmDialog, NameDialog
from credit_whatif.tui.screens.help import HelpScreen
from credit_whatif.tui.screens.picker import PickerScreen
from credit_whatif.tui.screens.regions import RegionPicker, SuspendedRegionsScreen
from credit_whatif.tui.widgets.detail_pane import DetailPane
from credit_whatif.tui.widgets.field_grid import FieldLabel
from credit_whatif.tui.widgets.inputs_panel import InputsPanel
from credit_whatif.tui.widgets.keys_footer import KeysFooter
from credit_whatif.tui.widgets.policy_panel import PolicyPanel
from credit_whatif.tui.widgets.region_list import RegionChecklist

from .conftest import explorer_ready, open_save_dialog, screen_text

AppFactory = Callable[..., CreditWhatIf]
WIDE, NARROW = (120, 40), (80, 24)


def control(app: CreditWhatIf, key: str):  # type: ignore[no-untyped-def]
    return app.main_screen.query_one(InputsPanel).control(key)


@pytest.mark.parametrize("where", ["table", "slider", "number", "choice"])
async def test_ctrl_p_opens_the_command_palette_from_anywhere(
    make_app: AppFactory, where: str
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        if where != "table":
            key = {
                "slider": "borrower.score",
                "number": "borrower.outstanding",
                "choice": "system.disbursement",
            }[where]
            control(app, key).focus()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"compare", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


# Every app binding that help lists, pressed for real, and what it must do.
APP_KEYS = [
    ("f1", HelpScreen),
    ("f2", PickerScreen),
    ("ctrl+o", PickerScreen),
    ("f3", CompareScreen),
    ("ctrl+b", CompareScreen),
    ("f5", NameDialog),
    ("ctrl+s", NameDialog),
    ("ctrl+p", CommandPalette),
]


@pytest.mark.parametrize(("key", "screen"), APP_KEYS, ids=[k for k, _ in APP_KEYS])
async def test_every_screen_key_in_help_opens_its_screen(
    make_app: AppFactory, key: str, screen: type
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


@pytest.mark.parametrize("key", ["f4", "ctrl+r"])
async def test_reset_keys_reset(make_app: AppFactory, key: str) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.score": 400})
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("y")  # discard the edit
        await pilot.pause()
        assert app.scenario == app.baseline.scenario


@pytest.mark.parametrize("key", ["f6", "ctrl+l"])
async def test_language_keys_switch(make_app: AppFactory, key: str) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press(key)
        assert app.lang == "zh"


@pytest.mark.parametrize("key", ["f6", "ctrl+l"])
async def test_language_keys_switch_the_save_dialog_too(
    make_app: AppFactory, user_presets: Path, key: str
) -> None:
    """One meaning per key: in the Save dialog F6 / ctrl+l switch its labels as they
    do everywhere, and what was typed stays."""
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await open_save_dialog(pilot, "My plan")
        await pilot.pause()
        assert "Save the scenario as a preset" in screen_text(app)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, NameDialog) and app.lang == "zh"
        text = screen_text(app)
        assert "将情景保存为预设" in text and "说明" in text and "Description" not in text
        assert app.screen.query_one("#name-input").value == "My plan"  # type: ignore[attr-defined]
        await pilot.press(key)
        await pilot.pause()
        assert "Save the scenario as a preset" in screen_text(app)


async def test_language_keys_switch_a_question(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.score": 400})
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = app.screen.query_one("#confirm-question")
        assert "Healthy borrower" in str(question.render())
        await pilot.press("f6")
        await pilot.pause()
        assert "信用良好的借款人" in str(question.render())  # the preset's name too
        assert "放弃修改" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.scenario == app.baseline.scenario


async def test_f7_opens_the_policy_view_with_a_field_focused(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f7")
        await pilot.pause()
        await pilot.pause()
        panel = app.main_screen.query_one(PolicyPanel)
        assert app.focused is not None and panel in app.focused.ancestors
        assert "Withdrawal minimum score" in screen_text(app)


async def test_ctrl_q_quits(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil", "path separators"),
        ("a/b", "path separators"),
        ("x" * 81, "at most 80 characters"),
        ("!!!", "at least one letter or digit"),
    ],
)
async def test_the_save_dialog_refuses_what_loading_would_refuse(
    make_app: AppFactory, user_presets: Path, name: str, reason: str
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await open_save_dialog(pilot, name)
        await pilot.pause()
        assert reason in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)  # still asking
        assert not user_presets.exists() or list(user_presets.iterdir()) == []


async def test_saving_over_a_bundled_name_warns_and_the_picker_shows_both(
    make_app: AppFactory, user_presets: Path
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await open_save_dialog(pilot, "Healthy")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "bundled:healthy" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert not (user_presets / "healthy.toml").exists()
        await open_save_dialog(pilot, "Healthy")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert (user_presets / "healthy.toml").exists()
        await pilot.press("f2", *"healthy")
        await pilot.pause()
        text = screen_text(app)
        assert "hides the bundled preset of this name" in text
        assert "hidden by your copy; load it as bundled:healthy" in text


async def test_enter_in_the_save_dialog_never_makes_a_second_of_a_name(
    make_app: AppFactory, user_presets: Path
) -> None:
    """The name offered is one no file goes by; once saved the header says where the
    preset comes from, and the picker tells the two apart."""
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        assert "Healthy borrower (bundled)" in screen_text(app)
        await pilot.press("f5")
        await pilot.pause()
        offered = app.screen.query_one("#name-input").value  # type: ignore[attr-defined]
        assert offered == "Healthy borrower 2"
        await pilot.press("enter")
        await pilot.pause()
        assert (user_presets / "healthy-borrower-2.toml").exists()
        assert "Healthy borrower 2 (user)" in screen_text(app)
        await pilot.press("f5")
        await pilot.pause()
        offered = app.screen.query_one("#name-input").value  # type: ignore[attr-defined]
        assert offered == "Healthy borrower 3"
        await pilot.press("escape", "f2", *"healthy")
        await pilot.pause()
        text = screen_text(app)
        assert "Healthy borrower  (bundled: healthy)" in text
        assert "Healthy borrower 2  (user: healthy-borrower-2)" in text


async def test_a_shadowed_bundled_file_says_what_to_type_once(
    make_app: AppFactory, user_presets: Path
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await open_save_dialog(pilot, "Healthy")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("f2", *"healthy")
        await pilot.pause()
        text = screen_text(app)
        assert "(bundled:healthy)" in text and "bundled: bundled:" not in text


async def test_the_save_dialog_footer_offers_only_what_works_there(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f5")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "esc Cancel" in footer
        for gone in ("f1", "f2", "f3", "f4", "f5"):
            assert gone not in footer
        await pilot.press("f2", "f3")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)


async def test_explanations_are_reachable_from_the_keyboard_at_80x24(make_app: AppFactory) -> None:
    app = make_app("interrupted-yet-usable")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        assert "What would change it" not in screen_text(app)
        await pilot.press("tab", "right", "right")  # to the tabs, then Details
        await pilot.pause()
        await pilot.press("tab")  # into the detail pane
        await pilot.pause()
        assert isinstance(app.focused, DetailPane)
        seen = ""
        for _ in range(8):
            seen += screen_text(app)
            await pilot.press("pagedown")
            await pilot.pause()
        for needle in ("Why (for staff)", "Customer sees", "What would change it", "age out"):
            assert needle in seen, needle


async def test_suggestions_are_reachable_at_120x40(make_app: AppFactory) -> None:
    app = make_app("interrupted-yet-usable")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        detail = app.main_screen.query_one("#detail", DetailPane)
        detail.focus()
        await pilot.press("end")
        # The pane scrolls after its content has been laid out: wait for it (a loaded
        # machine takes more than one refresh).
        for _ in range(50):
            await pilot.pause()
            if "(up to 30 days)" in screen_text(app):
                break
        assert "(up to 30 days)" in screen_text(app)


async def test_help_scrolls_at_80x24(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert "scrolling panes" not in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert "scrolling panes" in screen_text(app)


@pytest.mark.parametrize(("key", "body"), [("f1", "#help-body"), ("f3", "#compare-body")])
async def test_a_language_switch_keeps_the_body_scrollable(
    make_app: AppFactory, key: str, body: str
) -> None:
    """Help and Compare are composed anew in the other language; the new body has the
    focus, so the keys still scroll it."""
    app = make_app("interrupted-yet-usable")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        await pilot.pause()
        assert app.lang == "zh"
        scroller = app.screen.query_one(body)
        assert app.focused is scroller
        assert scroller.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert scroller.scroll_y > 0


async def test_nothing_needed_is_clipped_at_120x40(make_app: AppFactory) -> None:
    app = make_app("interrupted-yet-usable")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        text = screen_text(app)
        assert "[credit] Score below the limit-increase minimum" in text.replace("\n", " ") or (
            "Score below the" in text and "limit-increase minimum" in text
        )
        assert "…" not in text.split("Inputs")[0]  # table and headline: nothing cut
        # A longer headline after loading a preset: its height follows.
        down = with_values(app.scenario, {"system.payment_network": Health.DOWN})
        app.load(app.baseline.__class__("x", scenario=down))
        await pilot.pause()
        head = screen_text(app).split("Feature")[0]
        assert "channels and rules." in head  # the whole sentence, on as many lines as it needs


@pytest.mark.parametrize("focus", [None, "borrower.region", "policy.suspended_regions"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [NARROW, (100, 30), WIDE])
async def test_every_footer_key_is_shown_whole(
    make_app: AppFactory, lang: str, size: tuple[int, int], focus: str | None
) -> None:
    """Where the keys do not fit on one row, the footer takes two; none is cut off,
    also with a field's own key in front of them."""
    app = make_app("healthy")
    app.lang = lang  # type: ignore[assignment]
    async with app.run_test(size=size) as pilot:
        await explorer_ready(pilot)
        if focus is not None:
            control(app, focus).focus()
            await pilot.pause()
        await pilot.pause()
        footer = app.main_screen.query_one(KeysFooter)
        keys = footer.entries
        assert {key.action for key in keys} >= {"portfolio", "policy", "help"}
        if focus is not None:
            assert {key.action for key in keys} & {"pick", "open"}
        strips = app.screen._compositor.render_strips()
        regions = [footer.key_region(index) for index in range(len(keys))]
        for key, (x, y, width) in zip(keys, regions, strict=True):
            needed = cell_len(key.key_display) + 1 + cell_len(key.description)
            assert width >= needed, (key.description, width)
            assert x + width <= size[0], (key.description, x, width)
            shown = strips[y].crop(x, x + width).text
            assert shown == f"{key.key_display} {key.description}", shown  # drawn there, whole
        rows = {y for _x, y, _width in regions}
        assert rows <= {size[1] - 2, size[1] - 1}
        if focus is None:
            assert len(rows) == (2 if size[0] == 80 else 1)


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_a_click_on_a_footer_key_presses_it(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """Each key in the footer is lit under the mouse and, clicked, does what its key
    does: Help, Compare, then the language (the footer follows it)."""
    app = make_app("healthy")
    async with app.run_test(size=size) as pilot:
        await explorer_ready(pilot)
        await pilot.pause()
        footer = app.main_screen.query_one(KeysFooter)

        def where(action: str) -> tuple[int, int, int]:
            index = next(i for i, key in enumerate(footer.entries) if key.action == action)
            return footer.key_region(index)

        def offset(action: str) -> tuple[int, int]:
            x, y, _width = where(action)
            return x - footer.region.x + 1, y - footer.region.y

        def styles(action: str) -> list[object]:
            x, y, width = where(action)
            cells = app.screen._compositor.render_strips()[y].crop(x, x + width)
            return [segment.style for segment in cells]

        unlit = styles("help")
        await pilot.hover(KeysFooter, offset=offset("help"))
        await pilot.pause()
        assert footer.styles.pointer == "pointer"
        assert styles("help") != unlit and styles("compare") != styles("help")
        await pilot.click(KeysFooter, offset=offset("help"))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(KeysFooter, offset=offset("compare"))
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(KeysFooter, offset=offset("toggle_lang"))
        await pilot.pause()
        await pilot.pause()
        assert app.lang == "zh"
        assert any("帮助" in key.description for key in footer.entries)


async def test_labels_never_run_into_their_values(make_app: AppFactory) -> None:
    app = make_app("frequent-checks")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        text = screen_text(app)
        assert "Failed attempts (7 d) 5" in text
        assert "(7 d)5" not in text


@pytest.mark.parametrize("key", ["borrower.score", "system.risk_engine", "borrower.outstanding"])
async def test_focus_is_shown_by_shape_not_only_colour(make_app: AppFactory, key: str) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        await focus_in_view(pilot, app, key)
        row = next(r for r in app.main_screen.query(FieldLabel) if r.key == key)
        marked = [line for line in screen_text(app).splitlines() if "▸" in line]
        assert row.has_class("-focused")
        assert len(marked) == 1 and "▸" in marked[0]


def in_view(app: CreditWhatIf, key: str) -> bool:
    panel = app.main_screen.query_one(InputsPanel)
    field = control(app, key)
    return field.region.height >= 1 and panel.scrollable_content_region.contains_region(
        field.region
    )


def assert_in_view(app: CreditWhatIf, key: str) -> None:
    assert in_view(app, key), control(app, key).region


async def focus_in_view(pilot: Pilot[None], app: CreditWhatIf, key: str) -> None:
    """Focus a field and wait until it has scrolled into view (after a refresh)."""
    control(app, key).focus()
    for _ in range(50):
        await pilot.pause()
        if app.focused is control(app, key) and in_view(app, key):
            break
    assert_in_view(app, key)


async def test_the_suspended_regions_show_what_is_ticked(make_app: AppFactory) -> None:
    app = make_app("regional-suspension")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await focus_in_view(pilot, app, "policy.suspended_regions")
        text = screen_text(app)
        assert "2 of 31 suspended: Henan and Hubei ▾" in text
        assert "⏎ Choose regions" in text  # the footer names the key that opens the list
        assert_in_view(app, "policy.suspended_regions")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SuspendedRegionsScreen)
        checklist = app.screen.query_one(RegionChecklist)
        assert app.focused is checklist
        checklist.highlighted = 15  # Henan
        await pilot.pause()
        text = screen_text(app)
        assert "☒ Henan CN-HA" in text and "☐ Shandong CN-SD" in text
        await pilot.press("home", "space")
        await pilot.pause()
        # Applied at once, behind the list as well as in it.
        assert app.scenario.policy.suspended_regions == ("CN-BJ", "CN-HA", "CN-HB")
        assert "3 of 31 suspended: Beijing, Henan and Hubei" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert app.focused is control(app, "policy.suspended_regions")
        # The headline grew a line and took it from the inputs: the field stays in view.
        assert "3 of 31 suspended: Beijing, Henan and Hubei" in screen_text(app)
        assert_in_view(app, "policy.suspended_regions")


async def test_the_checklist_filters_as_you_type_and_ticks_all_shown(
    make_app: AppFactory,
) -> None:
    """Suspending Guangdong takes seven keys: its name's start and space. Typing
    filters, backspace and escape widen again, ctrl+a / ctrl+n tick and untick every
    region shown; the summary lists them north to south, as the list does."""
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await focus_in_view(pilot, app, "policy.suspended_regions")
        await pilot.press("enter")
        await pilot.pause()
        checklist = app.screen.query_one(RegionChecklist)
        await pilot.press(*"guangd", "space")
        await pilot.pause()
        assert app.scenario.policy.suspended_regions == ("CN-GD",)
        assert checklist.option_count == 1 and "Filter: guangd (1 shown" in screen_text(app)
        await pilot.press(*["backspace"] * 4)  # "gu": Guangdong, Guangxi, Guizhou
        await pilot.pause()
        assert checklist.option_count == 3
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert app.scenario.policy.suspended_regions == ("CN-GD", "CN-GX", "CN-GZ")
        assert "3 of 31 suspended: Guangdong, Guangxi and Guizhou" in screen_text(app)
        await pilot.press("escape")  # the filter goes, the list stays open
        await pilot.pause()
        assert isinstance(app.screen, SuspendedRegionsScreen) and checklist.option_count == 31
        await pilot.press(*"湖")  # Chinese names filter too: Hubei, Hunan
        await pilot.pause()
        assert checklist.option_count == 2
        await pilot.press("ctrl+a", "escape", "ctrl+n")
        await pilot.pause()
        assert app.scenario.policy.suspended_regions == ()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


async def test_the_region_is_stepped_or_picked_from_a_filtered_list(
    make_app: AppFactory,
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        region = control(app, "borrower.region")
        region.focus()
        await pilot.pause()
        assert "⏎ Choose region" in screen_text(app).splitlines()[-2]  # footer, row 1
        await pilot.press("right")
        await pilot.pause()
        assert app.scenario.borrower.region == "CN-AH"  # the next after Zhejiang
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RegionPicker)
        await pilot.press(*"湖北")  # Chinese names match in English too, and codes
        await pilot.pause()
        assert "Enter chooses Hubei CN-HB" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert app.scenario.borrower.region == "CN-HB"
        assert "Hubei CN-HB" in screen_text(app)
        await pilot.press("enter")
        await pilot.press(*"zzz")
        await pilot.pause()
        assert "No region matches “zzz”" in screen_text(app)
        await pilot.press("enter")  # nothing to pick: the list stays open
        await pilot.pause()
        assert isinstance(app.screen, RegionPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert app.scenario.borrower.region == "CN-HB"


async def test_holding_a_key_past_a_limit_does_not_pile_up_toasts(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.outstanding": 9_995_000})
        await pilot.pause()
        control(app, "borrower.outstanding").focus()
        await pilot.press(*(["shift+up"] * 12))
        await pilot.pause()
        assert app.scenario.borrower.outstanding == 10_000_000
        assert len(list(app._notifications)) == 0
        field = control(app, "borrower.credit_limit")
        field.focus()
        for _ in range(4):
            await pilot.press("shift+tab", "tab", *"99999999", "enter")
        await pilot.pause()
        assert len(list(app._notifications)) == 1


@pytest.mark.parametrize("key", ["f1", "f2", "f5"])
async def test_under_a_dialog_only_the_dialogs_keys_show(make_app: AppFactory, key: str) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not app.main_screen
        footer = screen_text(app).splitlines()[-2:]
        # The explorer's footer takes two rows at 80 columns; the dialog's one row
        # must not sit under the explorer's first.
        assert not any("f3 Compare" in line for line in footer), footer
        await pilot.press("escape")
        await pilot.pause()
        assert "f3 Compare" in screen_text(app)


def list_marks(app: CreditWhatIf) -> list[str]:
    """Lines with a ▸ inside the dialog (the field labels' ▸ is in the first columns)."""
    return [line for line in screen_text(app).splitlines() if "▸ " in line[6:]]


@pytest.mark.parametrize("opener", ["presets", "region", "suspended"])
async def test_the_highlighted_entry_of_a_list_is_marked_by_shape(
    make_app: AppFactory, opener: str
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        if opener == "presets":
            await pilot.press("f2")
        else:
            key = "borrower.region" if opener == "region" else "policy.suspended_regions"
            control(app, key).focus()
            await pilot.press("enter")
        await pilot.pause()
        marked = list_marks(app)
        await pilot.press("down")
        await pilot.pause()
        moved = list_marks(app)
        # One entry marked (a shade alone is lost under NO_COLOR), and the mark follows.
        assert len(marked) == len(moved) == 1, (marked, moved)
        assert marked != moved


async def test_the_region_lists_speak_the_explorers_language(make_app: AppFactory) -> None:
    app = make_app("regional-suspension", "zh")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        control(app, "policy.suspended_regions").focus()
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "已暂停 2/31：河南、湖北" in text and "☐ 北京 CN-BJ" in text
        assert "space 勾选或取消" in text.splitlines()[-1]
        await pilot.press("f6")
        await pilot.pause()
        text = screen_text(app)
        assert "2 of 31 suspended: Henan and Hubei" in text
        assert "space Tick or untick" in text.splitlines()[-1]


@pytest.mark.parametrize(
    ("key", "screen"),
    [("borrower.region", RegionPicker), ("policy.suspended_regions", SuspendedRegionsScreen)],
)
async def test_a_click_on_a_region_field_opens_its_list(
    make_app: AppFactory, key: str, screen: type
) -> None:
    app = make_app("healthy")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        control(app, key).scroll_visible(animate=False)  # as a user scrolls to it
        await pilot.pause()
        await pilot.click(f"#{control(app, key).id}")
        await pilot.pause()
        assert isinstance(app.screen, screen)
