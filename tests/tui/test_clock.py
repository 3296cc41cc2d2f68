"""The clock of a preset with dated events, by real key presses: the as-of date moves
a day or a month either way, everything is evaluated again, the Details say when a
feature comes back, and a date before a recorded event is refused."""

from __future__ import annotations

import datetime as dt

from credit_whatif.domain.enums import Status
from credit_whatif.domain.evaluator import evaluate
from credit_whatif.tui.app import CreditWhatIf

from .conftest import AppFactory, TableCheck, explorer_ready, screen_text

WIDE = (120, 40)


def _withdrawal(app: CreditWhatIf) -> Status:
    return evaluate(app.scenario, app.table)["cash_withdrawal"].status


async def test_clock_keys_move_the_date_and_the_outcomes(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("frequent-checks")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        text = screen_text(app)
        assert "as of 28 Nov 2026" in text
        assert "When it comes back" in text and "until 10 Dec 2026" in text
        assert _withdrawal(app) is Status.UNAVAILABLE
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.scenario.as_of == dt.date(2026, 11, 29)
        assert "as of 29 Nov 2026" in screen_text(app)
        # The inputs' first row shows the clock and its keys.
        assert "29 Nov 2026 · [ ] a day" in screen_text(app)
        assert app.scenario.borrower.activity.limit_checks_30d == 14
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert app.scenario.as_of == dt.date(2026, 12, 29)
        assert _withdrawal(app) is Status.AVAILABLE
        table_matches(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.scenario.as_of == dt.date(2026, 12, 28)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.scenario.as_of == dt.date(2026, 11, 28)
        assert _withdrawal(app) is Status.UNAVAILABLE
        table_matches(app)
        # A month back puts recorded checks in the future: refused, the clock kept.
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert app.scenario.as_of == dt.date(2026, 11, 28)
        assert any("cannot go to 28 Oct 2026" in str(n.message) for n in app._notifications)


async def test_a_preset_without_dates_says_it_has_no_clock(make_app: AppFactory) -> None:
    app = make_app("healthy", lang="zh")
    async with app.run_test(size=WIDE) as pilot:
        await explorer_ready(pilot)
        before = app.scenario
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.scenario == before
        assert "一天" not in screen_text(app)  # no clock row without dated events
        assert any("没有可调整的时钟" in str(n.message) for n in app._notifications)
