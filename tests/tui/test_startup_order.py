"""The explorer's start: the headline and the features table first, then the
workspace, whose Details tab is filled only when opened."""

from __future__ import annotations

from credit_whatif.files.presets import resolve_preset
from credit_whatif.tui.app import CreditWhatIf

from .conftest import explorer_ready, screen_text


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
