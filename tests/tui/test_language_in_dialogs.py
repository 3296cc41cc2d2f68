"""Switching language while the compare view or the help screen is open relabels it."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Label

from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.compare import CompareScreen
from credit_whatif.tui.screens.help import HelpScreen

from .conftest import screen_text

AppFactory = Callable[..., CreditWhatIf]


def shown_bindings(app: CreditWhatIf) -> set[str]:
    return {a.binding.description for a in app.screen.active_bindings.values() if a.binding.show}


def labels(app: CreditWhatIf) -> str:
    return " ".join(str(label.render()) for label in app.screen.query(Label))


async def test_compare_and_help_follow_the_language(make_app: AppFactory) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert "Close" in shown_bindings(app)
        assert "Compare" in labels(app)
        await pilot.press("f6")
        await pilot.pause()
        assert app.lang == "zh"
        assert isinstance(app.screen, CompareScreen)
        assert "关闭" in shown_bindings(app)
        assert "对比" in labels(app)
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "按键" in labels(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.lang == "en"
        assert "Keys" in labels(app)


async def test_the_preset_picker_follows_the_language_and_keeps_the_filter(
    make_app: AppFactory,
) -> None:
    from textual.widgets import Input, OptionList

    from credit_whatif.tui.screens.picker import PickerScreen

    app = make_app("healthy")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"drop")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1  # score-drop only
        assert "Load a preset" in labels(app)
        await pilot.press("f6")
        await pilot.pause()
        assert app.lang == "zh"
        assert isinstance(app.screen, PickerScreen)
        assert "加载预设" in labels(app)
        assert app.screen.query_one(Input).value == "drop"
        assert options.option_count == 1
        prompt = screen_text(app)
        assert "内置" in prompt and "信用分下降" in prompt  # the preset's Chinese name
        await pilot.press("enter")
        await pilot.pause()
        assert app.baseline.slug == "score-drop"
