"""The bad-preset and bad-policy corpora in the explorer: every file is reported in a
notification with its exact error, the app keeps running, and the scenario and policy
being explored are kept.

The library and CLI side of the same corpora is in ``tests/test_bad_input.py`` and
``tests/test_policies.py``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from credit_whatif.domain.keypath import with_values
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.picker import PickerScreen

from ..bad_policies import BASE, CASES
from ..corpus import expected, expected_error
from .conftest import explorer_ready

AppFactory = Callable[..., CreditWhatIf]
TableCheck = Callable[[CreditWhatIf], None]
SIZE = (120, 40)
DATA = Path(__file__).parents[1] / "data"


PRESET_ERRORS: dict[str, str] = tomllib.loads((DATA / "bad_presets.toml").read_text("utf-8"))
PRESET_FILES = sorted((DATA / "bad_presets").iterdir())


def policy_error(name: str, path: Path) -> str:
    return expected_error(CASES[name], BASE, path)


def toasts(app: CreditWhatIf) -> list[tuple[str, str]]:
    return [(n.title, n.message) for n in app._notifications]


async def edited(app: CreditWhatIf, pilot: object) -> tuple[object, ...]:
    """Move away from the loaded preset and policy, so 'kept' means something."""
    app.scenario = with_values(app.scenario, {"borrower.score": 612})
    app.policy = app.table.with_value(app.scenario.policy.tightening, "withdrawal_min_score", 590)
    await pilot.pause()  # type: ignore[attr-defined]
    return app.baseline, app.scenario, app.baseline_policy, app.policy


async def pick(app: CreditWhatIf, pilot: object, key: str, typed: str) -> None:
    await pilot.press(key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, PickerScreen)
    app.screen.query_one(Input).value = typed
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


# Typed into the pickers: one of each family (file level, a directory, TOML syntax, an
# unknown value with did-you-mean, a bad name, a looser level, a missing field). The
# rest go through what the picker calls with a typed path.
THROUGH_THE_PICKER = {
    "non-utf8.toml",
    "directory.toml",
    "duplicate-key.toml",
    "unknown-health.toml",
    "name-control-characters.toml",
    "looser-tightened-floor.toml",
    "missing-field.toml",
}


async def test_every_bad_preset_is_reported_and_the_state_kept(
    make_app: AppFactory, table_matches: TableCheck
) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        kept = await edited(app, pilot)
        for path in PRESET_FILES:
            app.clear_notifications()
            if path.name in THROUGH_THE_PICKER:
                await pick(app, pilot, "f2", str(path))
            else:
                app.load_path(path)  # what the picker does with a typed path
                await pilot.pause()
            assert toasts(app) == [("Preset not loaded", expected(PRESET_ERRORS[path.name], path))]
            assert app.screen is app.main_screen
            assert (app.baseline, app.scenario, app.baseline_policy, app.policy) == kept
            table_matches(app)


async def test_every_bad_policy_is_reported_and_the_state_kept(
    make_app: AppFactory, table_matches: TableCheck, bad_policy_files: dict[str, Path]
) -> None:
    app = make_app("disbursement-outage")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        kept = await edited(app, pilot)
        await pilot.press("f7")  # the policy view: F2 there loads a policy
        await pilot.pause()
        await pilot.pause()
        assert THROUGH_THE_PICKER & set(bad_policy_files)
        for name, path in sorted(bad_policy_files.items()):
            app.clear_notifications()
            if name in THROUGH_THE_PICKER:
                await pick(app, pilot, "f2", str(path))
            else:
                assert app.read_policy(path) is None  # what the picker does with a path
                await pilot.pause()
            assert toasts(app) == [("Policy not loaded", policy_error(name, path))]
            assert (app.baseline, app.scenario, app.baseline_policy, app.policy) == kept
            table_matches(app)


async def test_bad_files_in_chinese_keep_their_exact_error(
    make_app: AppFactory, bad_policy_files: dict[str, Path]
) -> None:
    app = make_app("healthy", lang="zh")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await explorer_ready(pilot)
        path = bad_policy_files["looser-tightened-floor.toml"]
        app.action_load_policy()
        await pilot.pause()
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        said = (
            f"{path}：tightened.withdrawal_min_score："
            "应为不低于 600（normal 的取值；tightened 不能比 normal 宽松），实际为590"
        )
        assert toasts(app) == [("政策未加载", said)]


async def test_brackets_in_an_error_are_shown_not_parsed_as_markup(
    make_app: AppFactory, tmp_path: Path
) -> None:
    (tmp_path / "in[").mkdir()
    path = tmp_path / "in[" / "brackets].toml"
    path.write_text('[borrower]\nregion = "[/]"\n', encoding="utf-8")
    app = make_app("healthy")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await explorer_ready(pilot)
        app.load_path(path)
        await pilot.pause()
        assert app.is_running
        [(_title, message)] = toasts(app)
        assert message == f"{path}: borrower.region: " + (
            "expected an ISO 3166-2:CN province-level code such as \"CN-ZJ\", found string '[/]'"
        )


@pytest.mark.parametrize("name", ["broken", "mine"])
async def test_user_files_are_listed_and_broken_ones_say_why(
    make_app: AppFactory, user_presets: Path, name: str
) -> None:
    user_presets.mkdir(parents=True)
    (user_presets / "broken.toml").write_text("[borrower]\nscore = 5\n")
    (user_presets / "mine.toml").write_text('name = "Mine"\ndescription = "my case"\n')
    app = make_app("healthy")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await explorer_ready(pilot)
        await pick(app, pilot, "f2", name)
        if name == "broken":
            [(title, message)] = toasts(app)
            assert title == "Preset not loaded" and "borrower.score" in message
            assert app.baseline.slug == "healthy"
        else:
            assert app.baseline.name == "Mine"
