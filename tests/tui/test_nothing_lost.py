"""Nothing the user edited is discarded without asking: quitting and resetting ask
first when there are unsaved edits, and a flow that fails on something unforeseen
leaves the explorer open with the edits as they were."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from credit_whatif.domain.keypath import with_values
from credit_whatif.files import presets
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.dialogs import ConfirmDialog

from ..portfolio.bad_books import CASES as BOOK_CASES
from ..portfolio.bad_books import BadBook, write_bad_books
from .conftest import explorer_ready, screen_text

AppFactory = Callable[..., CreditWhatIf]
NARROW = (80, 24)


async def test_ctrl_q_asks_before_discarding_edits(make_app: AppFactory) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.score": 400})
        edited = app.scenario
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "unsaved changes to the scenario" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and app.scenario == edited
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert not app.is_running


async def test_ctrl_q_twice_quits(make_app: AppFactory) -> None:
    app = make_app("healthy", lang="zh")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        app.policy = app.table.with_value(
            app.scenario.policy.tightening, "withdrawal_min_score", 640
        )
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "政策阈值有未保存的修改" in screen_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_ctrl_q_quits_at_once_after_a_save(make_app: AppFactory, user_presets: Path) -> None:
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.score": 600})
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Kept", "enter")
        await pilot.pause()
        assert (user_presets / "kept.toml").is_file()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_reset_without_edits_asks_nothing(make_app: AppFactory) -> None:
    app = make_app("score-drop")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert app.scenario == app.baseline.scenario


async def test_an_unforeseen_failure_while_loading_keeps_the_edits(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> list[presets.PresetEntry]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(presets, "list_presets", broken)
    app = make_app("healthy")
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.score": 420})
        edited = app.scenario
        await pilot.press("f2")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.scenario == edited
        notes = [(n.title, n.message) for n in app._notifications]
        assert (
            "Something went wrong; the scenario and policy are unchanged",
            "RuntimeError: disk on fire",
        ) in notes


async def test_a_book_that_fails_unforeseen_closes_the_view_and_keeps_the_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credit_whatif.portfolio import live

    def broken(path: object) -> object:
        raise MemoryError("the book does not fit")

    monkeypatch.setattr(live.Portfolio, "load", staticmethod(broken))
    messages = await open_a_book_over_edits(tmp_path / "book.csv")
    assert "MemoryError: the book does not fit" in messages


@pytest.mark.parametrize("kind", ["preset", "policy"])
async def test_save_refuses_as_you_type_what_loading_would_refuse(
    make_app: AppFactory, user_config_dir: Path, kind: str
) -> None:
    from textual.widgets import Button, Input, Label

    from credit_whatif.tui.screens.dialogs import NameDialog

    folder = "presets" if kind == "preset" else "policies"
    app = make_app("healthy")
    async with app.run_test(size=(120, 40)) as pilot:
        await explorer_ready(pilot)
        if kind == "policy":
            await pilot.press("f7")
            await pilot.pause()
            await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NameDialog)
        dialog.query_one("#name-input", Input).value = "Long story"
        dialog.query_one("#description-input", Input).value = "x" * 70_000
        await pilot.pause()
        error = str(dialog.query_one("#name-error", Label).render())
        assert error.startswith("Description: at most 65,536 bytes in the file")
        assert dialog.query_one("#name-ok", Button).disabled
        await pilot.press("enter")  # refused: the dialog stays, nothing is written
        await pilot.pause()
        assert app.screen is dialog
        assert not (user_config_dir / folder).exists() or not any(
            (user_config_dir / folder).iterdir()
        )
        dialog.query_one("#description-input", Input).value = "short"
        await pilot.pause()
        assert not dialog.query_one("#name-ok", Button).disabled
        await pilot.press("enter")
        await pilot.pause()
        assert (user_config_dir / folder / "long-story.toml").is_file()


POISON = {
    "digits": "[borrower]\nscore = " + "9" * 5_000 + "\n",
    "deep": "a = " + "[" * 20_000 + "]" * 20_000 + "\n",
}


@pytest.mark.parametrize("poison", sorted(POISON))
async def test_a_poisoned_user_file_is_listed_as_broken_and_the_others_load(
    make_app: AppFactory, user_config_dir: Path, poison: str
) -> None:
    from credit_whatif.tui.screens.picker import PickerScreen

    for folder in ("presets", "policies"):
        (user_config_dir / folder).mkdir(parents=True)
        (user_config_dir / folder / "poisoned.toml").write_text(POISON[poison])
    app = make_app("healthy")
    async with app.run_test(size=(120, 40)) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.score": 700})
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"poisoned")
        await pilot.pause()
        assert "✘ poisoned" in screen_text(app)
        await pilot.press("enter")  # the broken file says why; nothing changes
        await pilot.pause()
        assert app.is_running and app.scenario.borrower.score == 700
        await pilot.press("f7")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("f2")  # in the Policy view: load a policy
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"conservative", "enter")
        await pilot.pause()
        assert app.is_running and app.table.name == "Conservative policy"


@pytest.fixture(scope="module")
def bad_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BadBook]:
    """The bad-portfolio corpus (tests/portfolio/bad_books.py) written out."""
    return write_bad_books(tmp_path_factory.mktemp("bad_portfolios"))


@pytest.mark.parametrize("name", sorted(BOOK_CASES))
async def test_a_bad_book_in_the_portfolio_view_is_one_notice_and_the_edits_stay(
    bad_books: dict[str, BadBook], name: str
) -> None:
    book = bad_books[name]
    assert await open_a_book_over_edits(book.path) == [book.error]


async def open_a_book_over_edits(path: Path) -> list[str]:
    """Edit the scenario, press F8 on the book at `path` (which fails to load), and
    check the explorer is back on its main screen with the edit kept; the
    notifications shown."""
    from credit_whatif.files.presets import resolve_preset

    app = CreditWhatIf(preset=resolve_preset("healthy"), portfolio=path)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await explorer_ready(pilot)
        app.scenario = with_values(app.scenario, {"borrower.score": 430})
        edited = app.scenario
        await pilot.press("f8")
        for _ in range(5):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.is_running and app.screen is app.main_screen
        assert app.scenario == edited
        return [n.message for n in app._notifications]
