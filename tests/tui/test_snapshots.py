"""SVG snapshots of the explorer: the main screen at 80x24 and 120x40 in both
languages (the interrupted-yet-usable preset, whose reasons and headline are the
longest), the details tab, compare, help and the Policy view.

Regenerate after a deliberate change with ``pytest tests/tui --snapshot-update``,
after reviewing the report of what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Input

from credit_whatif.domain.enums import Health
from credit_whatif.domain.keypath import with_values
from credit_whatif.tui.app import CreditWhatIf

from .conftest import explorer_ready

AppFactory = Callable[..., CreditWhatIf]
SnapCompare = Callable[..., bool]


async def settle(pilot: Any) -> None:
    """Until the workspace has arrived after the first frame, scrolling has
    finished, and the app is idle.

    A focused input's cursor blinks on a timer, so a frame could catch it either way:
    it is held steady for the snapshot.
    """
    await explorer_ready(pilot)
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    # A list scrolled to its highlight animates there; on a loaded machine the frame
    # could catch the scrollbar half-way.
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_main_screen(
    snap_compare: SnapCompare, make_app: AppFactory, lang: str, size: tuple[int, int]
) -> None:
    app = make_app("interrupted-yet-usable", lang)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_details_tab_at_80x24(snap_compare: SnapCompare, make_app: AppFactory, lang: str) -> None:
    async def show_details(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("tab", "right", "right", "tab")
        await settle(pilot)

    app = make_app("recent-overdue", lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_details)


def test_compare_view_at_80x24(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    async def break_payments(pilot: Any) -> None:
        await settle(pilot)
        app = pilot.app
        app.scenario = with_values(app.scenario, {"system.payment_network": Health.DOWN})
        app.policy = app.table.with_value(
            app.scenario.policy.tightening, "withdrawal_min_score", 620
        )
        await settle(pilot)

    assert snap_compare(
        make_app("disbursement-outage"),
        run_before=break_payments,
        press=["f3"],
        terminal_size=(80, 24),
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_help_screen(
    snap_compare: SnapCompare, make_app: AppFactory, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app("healthy"), press=["f1"], terminal_size=size)


def test_policy_view_at_120x40(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    async def open_policy(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press(*"620", "enter")
        await settle(pilot)

    app = make_app("tightened-policy", "en")
    assert snap_compare(app, terminal_size=(120, 40), run_before=open_policy)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_suspended_regions_checklist_at_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, lang: str
) -> None:
    async def open_checklist(pilot: Any) -> None:
        await settle(pilot)
        app = pilot.app
        app.main_screen.query_one("#field-policy-suspended-regions").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "down", "space")  # tick Hebei too
        await settle(pilot)

    app = make_app("regional-suspension", lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_checklist)
