"""The explorer shows what would change each result and how each feature responds
across the score range, live."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console, RenderableType

from credit_whatif.domain.enums import Health, Tightening
from credit_whatif.domain.features import FEATURES
from credit_whatif.domain.sweep import sweep
from credit_whatif.report import BAND_CHARS, band_cells
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.widgets.band_strip import BandStrip
from credit_whatif.tui.widgets.detail_pane import DetailPane
from credit_whatif.tui.widgets.inputs_panel import InputsPanel

AppFactory = Callable[..., CreditWhatIf]
SIZE = (120, 40)


def plain(renderable: RenderableType, width: int = 200) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def detail_text(app: CreditWhatIf) -> str:
    return " ".join(plain(app.main_screen.query_one(DetailPane).render()).split())


def band_lines(app: CreditWhatIf) -> list[str]:
    strip = app.main_screen.query_one(BandStrip)
    return plain(strip.render(), width=strip.content_size.width).splitlines()


async def test_detail_pane_says_what_would_change_the_outcome(make_app: AppFactory) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = detail_text(app)  # the first row, cash withdrawal, is highlighted
        assert "What would change it" in text
        assert "raise the credit score to 650 or more" in text
        assert "in the borrower's control" in text
        assert "off by 10" in text  # the margin of the score floor (590 against 600)
        # Fix the cause: the suggestion goes away with the problem.
        app.main_screen.query_one(InputsPanel).control("borrower.score").focus()
        await pilot.press("end")
        await pilot.pause()
        assert "What would change it" not in detail_text(app)


async def test_detail_pane_marks_changes_outside_the_borrowers_control(
    make_app: AppFactory,
) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = detail_text(app)
        assert "disbursement channel back up" in text
        assert "not in the borrower's control" in text
        app.lang = "zh"
        await pilot.pause()
        assert "放款通道恢复为正常" in detail_text(app)


async def test_band_strip_tracks_the_score_and_the_policy(make_app: AppFactory) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        strip = app.main_screen.query_one(BandStrip)
        assert strip.sweep is not None and strip.sweep.current == 590
        lines = band_lines(app)
        assert "590" in lines[0]
        # Every feature's band shows exactly the sweep's status in each cell.
        name_width = max(len(f.name.en) for f in FEATURES) + 2  # names, then two spaces
        width = strip.content_size.width - name_width
        for feature, line in zip(FEATURES, lines[1:7], strict=True):
            assert line[:name_width].strip() == feature.name.en
            cells = band_cells(strip.sweep[feature.id], 350, 950, width)
            assert line[name_width : name_width + width] == "".join(BAND_CHARS[c] for c in cells)
        # The current score is marked on the axis under its cell.
        assert "▲" in lines[7]
        before = strip.sweep
        # Tightening moves the thresholds: the bands change with it.
        app.main_screen.query_one(InputsPanel).control("policy.tightening").value = "strict"
        await pilot.pause()
        assert app.scenario.policy.tightening is Tightening.STRICT
        assert strip.sweep == sweep(app.scenario)
        assert strip.sweep != before
        assert 680 in strip.sweep.breakpoints  # strict withdrawal floor
        # A system outage flattens the cash withdrawal band to unavailable.
        app.main_screen.query_one(InputsPanel).control("system.disbursement").value = "down"
        await pilot.pause()
        assert app.scenario.system.disbursement is Health.DOWN
        withdrawal_line = next(line for line in band_lines(app) if line.startswith("Cash"))
        assert BAND_CHARS[next(iter(BAND_CHARS))] not in withdrawal_line.split()[-1]
        assert set(withdrawal_line.split()[-1]) == {"░"}
