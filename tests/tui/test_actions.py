"""The table of commands (tui/actions.py): each command runs by every one of its keys
where it applies and not where it is hidden, and the palette offers exactly the
commands the table puts in it, each of which runs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from credit_whatif.domain.enums import Lang
from credit_whatif.i18n import UI, label
from credit_whatif.tui.actions import ACTIONS, Action, Scope, palette_actions
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.compare import CompareScreen
from credit_whatif.tui.widgets.policy_panel import PolicyPanel

from .conftest import explorer_ready

AppFactory = Callable[..., CreditWhatIf]
NARROW = (80, 24)

KEYED = [(action, key) for action in ACTIONS for key in action.keys]


def record_actions(app: CreditWhatIf, spare: str = "") -> list[str]:
    """Replace the app's command methods (all but `spare`) by one that notes the
    command: a key press is then checked to reach its command, without the
    command's own effects (the tests of each command check those)."""
    ran: list[str] = []
    for action in ACTIONS:
        if action.method != spare:
            setattr(app, f"action_{action.method}", lambda m=action.method: ran.append(m))
    return ran


async def at_home(pilot: Pilot[None], action: Action) -> None:
    """Where the command's keys are meant to work: the explorer, with the focus in the
    Policy view for the view's own commands."""
    app = pilot.app
    assert isinstance(app, CreditWhatIf)
    await explorer_ready(pilot)
    if action.scope is Scope.POLICY_VIEW:
        app.main_screen.show_tab("policy", focus=True)
        for _ in range(20):
            if app.focused is not None and any(
                isinstance(node, PolicyPanel) for node in app.focused.ancestors
            ):
                break
            await pilot.pause()
        assert app.focused is not None
        assert any(isinstance(node, PolicyPanel) for node in app.focused.ancestors)


@pytest.mark.parametrize(("action", "key"), KEYED, ids=[f"{a.id}-{k}" for a, k in KEYED])
async def test_every_key_of_every_command_runs_it(
    make_app: AppFactory, action: Action, key: str
) -> None:
    app = make_app("healthy")
    ran = record_actions(app)
    async with app.run_test(size=NARROW) as pilot:
        await at_home(pilot, action)
        await pilot.press(key)
        await pilot.pause()
        assert ran == [action.method]


@pytest.mark.parametrize(("action", "key"), KEYED, ids=[f"{a.id}-{k}" for a, k in KEYED])
async def test_over_the_comparison_only_what_the_table_allows_runs(
    make_app: AppFactory, action: Action, key: str
) -> None:
    """The comparison is a full screen, so the app's bindings stay in its chain: what
    runs there is decided by the table's scope alone."""
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        ran = record_actions(app)
        await pilot.press(key)
        await pilot.pause()
        works = action.scope is Scope.ANYWHERE or "compare" in action.also_over
        assert ran == ([action.method] if works else [])


Entry = tuple[str, str]  # what the palette shows of a command: name, help


def entry(action: Action, lang: Lang) -> Entry:
    return (action.name(lang), label(action.help_key, lang))


async def open_palette(pilot: Pilot[None], wanted: list[Entry]) -> CommandList:
    """Open the palette and wait until every entry in `wanted` is listed."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    commands = pilot.app.screen.query_one(CommandList)
    for _ in range(100):
        if set(wanted) <= set(listed(commands)):
            break
        await pilot.pause(0.01)
    return commands


def listed(commands: CommandList) -> list[Entry]:
    options = [commands.get_option_at_index(i) for i in range(commands.option_count)]
    return [(str(option.hit.text), str(option.hit.help)) for option in options]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_palette_lists_the_table_s_commands_in_its_order(
    make_app: AppFactory, lang: Lang
) -> None:
    app = make_app("healthy", lang=lang)
    wanted = [entry(action, lang) for action in palette_actions()]
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        commands = await open_palette(pilot, wanted)
        # Textual's own commands (themes, its own Quit...) come with them.
        ours = [shown for shown in listed(commands) if shown in wanted]
        assert ours == wanted
        # ...and nothing the table keeps out of it.
        kept_out = {a.name(lang) for a in ACTIONS if not a.palette}
        assert kept_out
        assert not kept_out & {name for name, _help in listed(commands)}


@pytest.mark.parametrize("action", palette_actions(), ids=[a.id for a in palette_actions()])
async def test_every_palette_command_runs_from_the_palette(
    make_app: AppFactory, action: Action
) -> None:
    app = make_app("healthy")
    ran = record_actions(app, spare="command_palette")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        commands = await open_palette(pilot, [entry(action, "en")])
        commands.highlighted = listed(commands).index(entry(action, "en"))
        await pilot.press("enter")
        for _ in range(20):
            if ran:
                break
            await pilot.pause()
        assert ran == [action.method]


def test_every_command_has_its_name_and_help_in_both_languages() -> None:
    for action in ACTIONS:
        assert action.label_key in UI, action.id
        if action.palette:
            assert action.help_key in UI, action.id


def test_no_key_means_two_commands_in_one_place() -> None:
    for scopes in ((Scope.ANYWHERE, Scope.MAIN_SCREEN), (Scope.POLICY_VIEW,)):
        keys = [key for action in ACTIONS if action.scope in scopes for key in action.keys]
        assert len(keys) == len(set(keys)), scopes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_help_names_keys_as_they_are_typed(lang: Lang) -> None:
    """"{" and "esc", never Textual's names for them ("left_curly_bracket")."""
    from credit_whatif.tui.screens.help import binding_rows

    shown = [key.strip() for keys, _, _ in binding_rows(lang) for key in keys.split(",")]
    assert "{" in shown and "}" in shown
    assert not [key for key in shown if "_" in key or key in ("escape", "pageup", "enter")]
