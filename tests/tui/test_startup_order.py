"""The explorer's start: the headline and the features table first, then the
workspace (its Details tab filled only when opened); whoever started the explorer
hears once when all of it is on screen."""

from __future__ import annotations

from credit_whatif.files.presets import resolve_preset
from credit_whatif.tui.app import CreditWhatIf

from .conftest import explorer_ready, screen_text


async def test_when_built_is_called_once_with_the_workspace_on_screen() -> None:
    seen: list[bool] = []
    app = CreditWhatIf(
        preset=resolve_preset("healthy"),
        when_built=lambda: seen.append(app.main_screen.workspace is not None),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await explorer_ready(pilot)
        await pilot.pause()
        assert seen == [True]
        app.lang = "zh"  # nothing later calls it again
        await pilot.pause()
    assert seen == [True]


async def test_the_details_tab_is_built_when_first_opened() -> None:
    app = CreditWhatIf(preset=resolve_preset("recent-overdue"))
    async with app.run_test(size=(80, 24)) as pilot:
        await explorer_ready(pilot)
        assert not app.main_screen.query("#detail-narrow")
        assert "Why:" not in screen_text(app)
        app.main_screen.show_tab("details")
        await pilot.pause()
        await pilot.pause()
        assert app.main_screen.query("#detail-narrow")
        assert "Why:" in screen_text(app)
