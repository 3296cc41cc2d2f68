"""SVG snapshots of the explorer: main screen narrow and wide, en and zh, compare, help.

Regenerate after a deliberate change with ``pytest tests/tui --snapshot-update``,
after reviewing the report of what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from credit_whatif.tui.app import CreditWhatIf

AppFactory = Callable[..., CreditWhatIf]
SnapCompare = Callable[..., bool]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_main_screen(
    snap_compare: SnapCompare, make_app: AppFactory, lang: str, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app("disbursement-outage", lang), terminal_size=size)


def test_main_screen_narrow_details_tab(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    async def show_details(pilot: Any) -> None:
        await pilot.click("#tab-details")

    app = make_app("regional-suspension")
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_details)


def test_compare_view(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    async def break_payments(pilot: Any) -> None:
        pilot.app.main_screen.query_one("#field-system-payment-network").value = "down"
        await pilot.pause()

    assert snap_compare(
        make_app("disbursement-outage"),
        run_before=break_payments,
        press=["f3"],
        terminal_size=(120, 40),
    )


def test_help_screen(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app("healthy"), press=["f1"], terminal_size=(120, 40))
