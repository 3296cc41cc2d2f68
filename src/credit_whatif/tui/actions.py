"""The explorer's commands in one table. The app's key bindings, the Policy view's,
which commands a dialog hides, the command palette and the help screen's first rows
are all built from it, so a command added here shows up in each of them.

Keys that only edit a field (the score slider's arrows, a number's steps...) stay
with their widgets: they are no commands of the explorer.
"""

from __future__ import annotations

import enum
import re

import attrs
from textual.binding import Binding
from textual.keys import format_key

from ..domain.enums import Lang
from ..i18n import label


class Scope(enum.Enum):
    """Where a command works."""

    ANYWHERE = "anywhere"
    """Never hidden: works over other views too, and over a dialog when its key has
    priority or the dialog binds it again (as the help and pickers do for the
    language switch)."""
    MAIN_SCREEN = "main"
    """Only on the explorer itself: hidden (and off) while a dialog asks something."""
    POLICY_VIEW = "policy"
    """Bound in the Policy view (its keys mean something else elsewhere); like
    MAIN_SCREEN otherwise, and in the palette from anywhere on the explorer."""


def _help_key(action: Action) -> str:
    return f"help.{action.id}"


@attrs.frozen
class Action:
    """One command of the explorer."""

    id: str
    """The binding's id and the ``action.<id>`` catalogue key of its name."""
    keys: tuple[str, ...]
    """The key shown in the footer first, then fallbacks for terminals that eat it."""
    scope: Scope
    method: str = attrs.field(default=attrs.Factory(lambda self: self.id, takes_self=True))
    """The app's ``action_<method>`` it runs."""
    footer: bool = True
    """Shown in the footer (with its first key)."""
    palette: bool = True
    """Offered in the command palette."""
    help_key: str = attrs.field(default=attrs.Factory(_help_key, takes_self=True))
    """Catalogue key of the sentence the palette shows under its name."""
    priority: bool = False
    """Checked before any widget's bindings (the keys that must always work)."""
    also_over: frozenset[str] = frozenset()
    """Ids of screens over which a main-screen command still works."""

    @property
    def label_key(self) -> str:
        return f"action.{self.id}"

    def name(self, lang: Lang) -> str:
        return label(self.label_key, lang)


# In the order the command palette lists them.
ACTIONS: tuple[Action, ...] = (
    Action("pick_preset", ("f2", "ctrl+o"), Scope.MAIN_SCREEN),
    Action("reset", ("f4", "ctrl+r"), Scope.MAIN_SCREEN),
    Action("compare", ("f3", "ctrl+b"), Scope.MAIN_SCREEN),
    Action("save", ("f5", "ctrl+s"), Scope.MAIN_SCREEN),
    Action("policy", ("f7",), Scope.MAIN_SCREEN),
    # In the Policy view the same keys, fallbacks too, act on the policy: one meaning
    # per key per view.
    Action("load_policy", ("f2", "ctrl+o"), Scope.POLICY_VIEW),
    Action("reset_policy", ("f4", "ctrl+r"), Scope.POLICY_VIEW),
    Action("save_policy", ("f5", "ctrl+s"), Scope.POLICY_VIEW),
    Action("portfolio", ("f8",), Scope.MAIN_SCREEN),
    # The clock of a preset with dated events: a day or a month either way, and back
    # to the preset's own date (off the footer: the help and the palette list them).
    Action("clock_day_back", ("left_square_bracket",), Scope.MAIN_SCREEN, footer=False),
    Action("clock_day_forward", ("right_square_bracket",), Scope.MAIN_SCREEN, footer=False),
    Action("clock_month_back", ("left_curly_bracket",), Scope.MAIN_SCREEN, footer=False),
    Action("clock_month_forward", ("right_curly_bracket",), Scope.MAIN_SCREEN, footer=False),
    Action("clock_reset", ("ctrl+t",), Scope.MAIN_SCREEN, footer=False),
    Action("toggle_lang", ("f6", "ctrl+l"), Scope.ANYWHERE),
    # The comparison is a full screen that leaves the explorer's keys visible: the
    # help about them opens over it too.
    Action("help", ("f1",), Scope.MAIN_SCREEN, also_over=frozenset({"compare"})),
    Action("quit", ("ctrl+q",), Scope.ANYWHERE, priority=True),
    Action(
        "palette",
        ("ctrl+p",),
        Scope.ANYWHERE,
        method="command_palette",
        palette=False,
        priority=True,
    ),
)

ACTIONS_BY_ID = {action.id: action for action in ACTIONS}
ACTIONS_BY_METHOD = {action.method: action for action in ACTIONS}


def keys_of(action_id: str) -> str:
    """Every key of a command, as a Binding's key string (dialogs that keep one of
    the explorer's commands bind the same keys)."""
    return ",".join(ACTIONS_BY_ID[action_id].keys)


def first_key(action_id: str) -> str:
    """The key a command shows in the footer (a view it opens closes with it too)."""
    return ACTIONS_BY_ID[action_id].keys[0]


def _key_order(key: str) -> tuple[int, int, str]:
    """The palette's key first, then the function keys by number."""
    function_key = re.fullmatch(r"f(\d+)", key)
    return (1, int(function_key[1]), "") if function_key else (0, 0, key)


def in_footer_order(scope: Scope | tuple[Scope, ...]) -> list[Action]:
    """The commands of `scope` as the footer and the help list them: shown ones by
    key, then the others."""
    scopes = scope if isinstance(scope, tuple) else (scope,)
    chosen = [a for a in ACTIONS if a.scope in scopes]
    return sorted(chosen, key=lambda a: (not a.footer, _key_order(a.keys[0])))


APP_SCOPES = (Scope.ANYWHERE, Scope.MAIN_SCREEN)
"""The commands the app itself binds."""


def bindings(scope: Scope | tuple[Scope, ...], namespace: str = "") -> list[Binding]:
    """Bindings of the commands of `scope`: each one's first key (with its footer
    name and id), then the fallbacks, unnamed and never shown. `namespace` is
    ``"app."`` for bindings declared on a widget."""
    actions = in_footer_order(scope)
    first = [
        Binding(
            a.keys[0],
            namespace + a.method,
            a.name("en"),
            show=a.footer,
            priority=a.priority,
            id=a.id,
        )
        for a in actions
    ]
    fallbacks = [
        Binding(key, namespace + a.method, show=False, priority=a.priority)
        for a in actions
        for key in a.keys[1:]
    ]
    return first + fallbacks


def hidden_over(action: str, screen_id: str | None) -> bool:
    """Whether the app's `action` is hidden (and off) while the screen `screen_id`
    covers the explorer."""
    command = ACTIONS_BY_METHOD.get(action)
    if command is None or command.scope is Scope.ANYWHERE:
        return False
    return screen_id not in command.also_over


def shown_keys(keys: tuple[str, ...] | list[str]) -> str:
    """Keys as a person reads them: "{" and "esc", not "left_curly_bracket" and
    "escape" (Textual's own names for the footer)."""
    return ", ".join(format_key(key) for key in keys)


def help_rows(lang: Lang) -> list[tuple[str, str, str]]:
    """(keys, name, where) of every command, as the help screen lists them; a command
    whose keys the Policy view gives another meaning works outside it."""
    in_policy_view = {key for a in ACTIONS if a.scope is Scope.POLICY_VIEW for key in a.keys}

    def where(action: Action) -> str:
        if action.scope is Scope.POLICY_VIEW:
            return label("where.policy", lang)
        if in_policy_view & set(action.keys):
            return label("where.not_policy", lang)
        return label("where.app", lang)

    return [
        (shown_keys(action.keys), action.name(lang), where(action))
        for scope in (APP_SCOPES, Scope.POLICY_VIEW)
        for action in in_footer_order(scope)
    ]


def palette_actions() -> list[Action]:
    return [action for action in ACTIONS if action.palette]
