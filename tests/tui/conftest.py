"""Shared fixtures and helpers for the explorer's pilot and snapshot tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from credit_whatif.domain.enums import Lang
from credit_whatif.domain.evaluator import evaluate
from credit_whatif.domain.policy import PolicyTable
from credit_whatif.files.presets import resolve_preset
from credit_whatif.report import amount_label, status_label
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.widgets.feature_table import COMPACT_BELOW_WIDTH, FeatureTable


@pytest.fixture
def user_presets(user_config_dir: Path) -> Path:
    """The user's preset folder, inside the temporary config dir of ``tests/conftest.py``."""
    return user_config_dir / "presets"


AppFactory = Callable[..., CreditWhatIf]
TableCheck = Callable[[CreditWhatIf], None]


def make_explorer(
    name: str = "disbursement-outage", lang: Lang = "en", policy: PolicyTable | None = None
) -> CreditWhatIf:
    return CreditWhatIf(preset=resolve_preset(name), lang=lang, policy=policy)


@pytest.fixture
def make_app() -> AppFactory:
    """Build the explorer on a bundled preset (fixtures, since test modules are not a package)."""
    return make_explorer


def table_rows(app: CreditWhatIf) -> dict[str, tuple[str, str]]:
    """What the features table shows: feature id -> (status cell, amount cell)."""
    table = app.main_screen.query_one(FeatureTable)
    rows = {}
    for row_key in table.rows:
        cells = table.get_row(row_key)
        assert row_key.value is not None
        rows[row_key.value] = (str(cells[2]), str(cells[3]))
    return rows


def expected_rows(app: CreditWhatIf) -> dict[str, tuple[str, str]]:
    """The same cells computed straight from the domain for the app's scenario and policy."""
    evaluation = evaluate(app.scenario, app.table)
    unit = app.size.width >= COMPACT_BELOW_WIDTH  # narrow tables say "yuan" in the heading
    return {
        r.feature.id: (status_label(r.status, app.lang), amount_label(r, app.lang, unit=unit))
        for r in evaluation.features
    }


def _table_matches(app: CreditWhatIf) -> None:
    assert table_rows(app) == expected_rows(app)


@pytest.fixture
def table_matches() -> TableCheck:
    """Assert that the features table shows exactly ``evaluate(app.scenario, app.table)``."""
    return _table_matches


@pytest.fixture
def rows_of() -> Callable[[CreditWhatIf], dict[str, tuple[str, str]]]:
    return table_rows


def screen_text(app: CreditWhatIf) -> str:
    """Everything on screen, as plain text lines (what a user reads)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def explorer_ready(pilot: Pilot[None]) -> None:
    """Wait until the workspace (inputs, policy, details) has arrived after the first
    frame and shows the app's state."""
    app = pilot.app
    assert isinstance(app, CreditWhatIf)
    for _ in range(50):
        if app.main_screen.workspace is not None:
            break
        await pilot.pause()
    assert app.main_screen.workspace is not None, "the workspace never arrived"
    await pilot.pause()


async def open_save_dialog(pilot: Pilot[None], name: str) -> None:
    """F5, then the name typed into the Save dialog (not yet confirmed)."""
    from textual.widgets import Input

    await pilot.press("f5")
    await pilot.pause()
    pilot.app.screen.query_one("#name-input", Input).value = name
