"""The command line's plumbing, shared by every command module: the language, the
one-line error contract (a bad input or a usage error is one line on stderr, exit 2)
and the options several commands take."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .language import detect_lang

if TYPE_CHECKING:
    from .domain.enums import Lang

__all__ = [  # detect_lang too: the command modules take it from here
    "OneLineErrors",
    "detect_lang",
    "lang_option",
    "policy_option",
    "set_option",
    "usage_line",
    "user_errors",
]

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Report a bad input as one line on stderr and exit 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .files.errors import InputError

        try:
            return func(*args, **kwargs)
        except InputError as exc:
            lang = detect_lang(kwargs.get("lang"))
            _report(exc.message(lang), 2, lang if exc.translated else "en")

    return wrapper  # type: ignore[return-value]


def _report(message: str, exit_code: int, lang: Lang = "en") -> None:
    from .safe_text import printable

    prefix = "credit-whatif：错误：" if lang == "zh" else "credit-whatif: error: "
    click.echo(f"{prefix}{printable(message)}", err=True)
    sys.exit(exit_code)


def usage_line(error: click.ClickException) -> str:
    """click's error as one line: which command, what is wrong, where help is."""
    message = error.format_message()
    ctx: click.Context | None = getattr(error, "ctx", None)
    if ctx is None:
        return message
    command = ctx.command_path.partition(" ")[2]  # the root's name depends on the caller
    full = f"credit-whatif {command}" if command else "credit-whatif"
    return f"{command + ': ' if command else ''}{message} (see '{full} --help')"


class OneLineErrors(click.Group):
    """The root group: every error of every command, the usage errors click finds
    included, is one line on stderr (``credit-whatif: error: ...``) and a non-zero
    exit; a usage error and a bad input exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        from .files.errors import InputError

        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()  # a group typed alone: its help, as click shows it
            sys.exit(error.exit_code)
        except click.ClickException as error:
            _report(usage_line(error), error.exit_code)
        except InputError as error:  # a command without @user_errors still keeps the contract
            _report(str(error), 2)
        # Without standalone mode click returns the code of an explicit exit (--help's 0).
        sys.exit(result if isinstance(result, int) else 0)


lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default=None,
    help="Language of labels and messages (default: from the locale).",
)
policy_option = click.option(
    "--policy",
    "policy_ref",
    metavar="NAME|PATH",
    default=None,
    help="Policy whose thresholds apply (default: the bundled 'default').",
)
set_option = click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a key by its dotted path, e.g. borrower.score=590 (repeatable).",
)
