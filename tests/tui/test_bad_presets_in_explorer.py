"""The bad-preset corpus in the explorer: every file is reported in a notification with
its exact error, the app keeps running and the scenario being explored is kept.

The library and CLI side of the same corpus is in ``tests/test_bad_input.py``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from credit_whatif.presets import Preset
from credit_whatif.tui.screens.preset_picker import PresetPicker
from credit_whatif.tui.text import ui
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widgets import Input

from credit_whatif.domain.enums import Lang
from credit_whatif.domain.scenario import Scenario
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.widgets.inputs_panel import InputsPanel

AppFactory = Callable[..., CreditWhatIf]
TableCheck = Callable[[CreditWhatIf], None]
SIZE = (120, 40)

DATA = Path(__file__).parents[1] / "data"
CORPUS = DATA / "bad_presets"
EXPECTED: dict[str, str] = tomllib.loads((DATA / "bad_presets.toml").read_text(encoding="utf-8"))
BAD_FILES = sorted(CORPUS.iterdir())

# Typed key by key into the picker, relative to the working folder: one of each family
# (file-level, a directory, TOML syntax, unknown enum value with did-you-mean, bad name).
TYPED = [
    "non-utf8.toml",
    "directory.toml",
    "duplicate-key.toml",
    "unknown-health.toml",
    "name-control-characters.toml",
]
# Also loaded with the explorer in Chinese: the title is translated, the error is not.
IN_CHINESE = ["empty.toml", "unknown-region.toml", "syntax-missing-value.toml"]


@dataclass(frozen=True)
class Note:
    """One call of ``App.notify``."""

    message: str
    title: str
    severity: SeverityLevel


def record_notifications(app: CreditWhatIf, monkeypatch: pytest.MonkeyPatch) -> list[Note]:
    """Log every ``app.notify`` call (the toast is still shown)."""
    notes: list[Note] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        notes.append(
            Note(message, options.get("title", ""), options.get("severity", "information"))
        )
        original(message, **options)

    monkeypatch.setattr(app, "notify", notify)
    return notes


def toast_texts(app: CreditWhatIf) -> list[str]:
    """The plain text of the toasts on screen (title, newline, message)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def settle(app: CreditWhatIf, pilot: Pilot[None]) -> None:
    """Let the app handle the notification and mount its toast (a few refreshes at most)."""
    for _ in range(5):
        await pilot.pause()
        if not app.is_running or toast_texts(app):
            return


def expected_error(path: Path) -> str:
    return EXPECTED[path.name].format(path=path)


async def edit_away_from_the_preset(app: CreditWhatIf, pilot: Pilot[None]) -> None:
    """Step the score so the scenario differs from the baseline (a bad load must keep both)."""
    app.main_screen.query_one(InputsPanel).control("borrower.score").focus()
    await pilot.press("pagedown", "left")
    await pilot.pause()
    assert app.scenario != app.baseline.scenario


async def assert_reported_and_kept(
    app: CreditWhatIf,
    pilot: Pilot[None],
    notes: list[Note],
    path: Path,
    kept: tuple[Preset, Scenario],
    table_matches: TableCheck,
) -> None:
    await settle(app, pilot)
    message = expected_error(path)
    title = ui("notify.bad_preset", app.lang)
    assert notes == [Note(message, title, "error")], path.name
    assert app.is_running
    assert app.screen is app.main_screen
    assert (app.baseline, app.scenario) == kept
    # The toast shows the message as it is: no markup eaten, no crash while rendering.
    assert toast_texts(app) == [f"{title}\n{message}"], path.name
    table_matches(app)


def test_the_corpus_is_all_here() -> None:
    assert len(BAD_FILES) >= 30
    assert {p.name for p in BAD_FILES} == set(EXPECTED)
    assert set(TYPED) | set(IN_CHINESE) <= set(EXPECTED)


async def test_paths_typed_into_the_picker_are_reported_and_the_scenario_kept(
    make_app: AppFactory, table_matches: TableCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPUS)
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await edit_away_from_the_preset(app, pilot)
        kept = (app.baseline, app.scenario)
        notes = record_notifications(app, monkeypatch)
        for name in TYPED:
            path = Path(name)
            app.clear_notifications()
            notes.clear()
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, PresetPicker)
            await pilot.press(*name)
            assert app.screen.query_one(Input).value == name
            await pilot.press("enter")
            await assert_reported_and_kept(app, pilot, notes, path, kept, table_matches)


async def test_every_bad_file_is_reported_and_the_scenario_kept(
    make_app: AppFactory, table_matches: TableCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await edit_away_from_the_preset(app, pilot)
        kept = (app.baseline, app.scenario)
        notes = record_notifications(app, monkeypatch)
        runs: list[tuple[Lang, Path]] = [("en", path) for path in BAD_FILES] + [
            ("zh", CORPUS / n) for n in IN_CHINESE
        ]
        for lang, path in runs:
            app.lang = lang
            app.clear_notifications()
            notes.clear()
            # What the picker's result handler does with a typed path.
            app.load_path(path)
            await assert_reported_and_kept(app, pilot, notes, path, kept, table_matches)


async def test_brackets_in_an_error_are_shown_not_parsed_as_markup(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Brackets in the value and in the path: the path reads ".../in[/brackets].toml".
    (tmp_path / "in[").mkdir()
    path = tmp_path / "in[" / "brackets].toml"
    path.write_text('[borrower]\nregion = "[/]"\n', encoding="utf-8")
    app = make_app("healthy")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        kept = (app.baseline, app.scenario)
        notes = record_notifications(app, monkeypatch)
        app.load_path(path)
        await settle(app, pilot)
        assert app.is_running
        assert (app.baseline, app.scenario) == kept
        [note] = notes
        assert note.message == f"{path}: borrower.region: " + (
            "expected an ISO 3166-2:CN province-level code such as \"CN-ZJ\", found string '[/]'"
        )
        assert toast_texts(app) == [f"{note.title}\n{note.message}"]
