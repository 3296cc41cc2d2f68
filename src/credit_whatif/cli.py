"""The command line: ``credit-whatif`` opens the explorer; subcommands work headless.

Imports stay inside commands so ``--help`` and ``eval`` never load Textual.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from .domain.enums import Lang

F = TypeVar("F", bound=Callable[..., Any])


def detect_lang(explicit: str | None = None) -> Lang:
    """``--lang``, else the locale (zh* means Chinese), else English."""
    if explicit in ("en", "zh"):
        return explicit  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def user_errors(func: F) -> F:
    """Report a bad preset or override as one line on stderr and exit 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .presets import PresetError

        try:
            return func(*args, **kwargs)
        except PresetError as exc:
            click.echo(f"credit-whatif: error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default=None,
    help="Language of labels and messages (default: from the locale).",
)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--preset", "preset_ref", metavar="NAME|PATH", help="Preset to open (default: healthy)."
)
@lang_option
@click.pass_context
@user_errors
def main(ctx: click.Context, preset_ref: str | None, lang: str | None) -> None:
    """Explore why one credit feature stops while the others keep working.

    With no command, opens the interactive what-if explorer.
    """
    if ctx.invoked_subcommand is not None:
        return
    from .presets import DEFAULT_PRESET, resolve_preset

    preset = resolve_preset(preset_ref or DEFAULT_PRESET)
    from .tui.app import CreditWhatIf

    CreditWhatIf(preset=preset, lang=detect_lang(lang)).run()


@main.command("eval")
@click.argument("presets", nargs=-1, metavar="[PRESET ...]")
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a key by its dotted path, e.g. borrower.score=590 (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per preset, one per line.")
@lang_option
@user_errors
def eval_command(
    presets: Sequence[str], overrides: Sequence[str], as_json: bool, lang: str | None
) -> None:
    """Evaluate presets (names or paths; default: healthy) and print every feature."""
    from .domain.evaluator import evaluate
    from .presets import DEFAULT_PRESET, apply_overrides, resolve_preset

    loaded = [resolve_preset(ref) for ref in (presets or [DEFAULT_PRESET])]
    loaded = [apply_overrides(p, overrides) for p in loaded]
    if as_json:
        from .report import evaluation_to_json

        out = sys.stdout
        for preset in loaded:
            record = evaluation_to_json(preset, evaluate(preset.scenario))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    from rich.console import Console

    from .report import print_evaluation

    console = Console()
    language = detect_lang(lang)
    for index, preset in enumerate(loaded):
        if index:
            console.print()
        print_evaluation(console, preset, evaluate(preset.scenario), language)


@main.command("sweep")
@click.argument("preset_ref", required=False, metavar="[PRESET]")
@click.option(
    "--key",
    default="borrower.score",
    show_default=True,
    help="Input to sweep: borrower.score, borrower.overdue.*, borrower.activity.*.",
)
@click.option("--from", "start", type=int, default=None, help="First value (default: range start).")
@click.option("--to", "end", type=int, default=None, help="Last value (default: range end).")
@click.option(
    "--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Override a key first."
)
@click.option("--json", "as_json", is_flag=True, help="Segments per feature as one JSON object.")
@lang_option
@user_errors
def sweep_command(
    preset_ref: str | None,
    key: str,
    start: int | None,
    end: int | None,
    overrides: Sequence[str],
    as_json: bool,
    lang: str | None,
) -> None:
    """Show how every feature responds across the range of one input."""
    from .domain.sweep import SWEEP_KEYS, default_range, sweep
    from .presets import DEFAULT_PRESET, PresetError, apply_overrides, resolve_preset

    preset = apply_overrides(resolve_preset(preset_ref or DEFAULT_PRESET), overrides)
    if key not in SWEEP_KEYS:
        raise PresetError("--key", key, f"one of {', '.join(SWEEP_KEYS)}", repr(key))
    full = default_range(preset.scenario, key)
    lo, hi = full.start, full[-1]
    first = lo if start is None else start
    last = hi if end is None else end
    from .domain.sweep import field_range

    low, high = field_range(key)
    if not low <= first <= last <= high:
        raise PresetError(
            "--from/--to", key, f"{low} <= from <= to <= {high}", f"from {first}, to {last}"
        )
    result = sweep(preset.scenario, key, range(first, last + 1))
    if as_json:
        from .report import sweep_to_json

        click.echo(json.dumps(sweep_to_json(preset, result), ensure_ascii=False))
        return
    from rich.console import Console

    from .report import print_sweep

    print_sweep(Console(), preset, result, detect_lang(lang))


@main.command("presets")
@lang_option
def presets_command(lang: str | None) -> None:
    """List bundled and user presets with their descriptions."""
    from rich.console import Console
    from rich.table import Table

    from . import i18n
    from .presets import list_presets, user_dir

    language = detect_lang(lang)
    table = Table(expand=False)
    table.add_column("preset")
    table.add_column("origin")
    table.add_column("name / description")
    for entry in list_presets():
        origin = i18n.UI[entry.origin](language)
        if entry.error is not None:
            table.add_row(entry.slug, origin, f"[red]✘ cannot load:[/] {entry.error}")
        else:
            table.add_row(entry.slug, origin, f"[bold]{entry.name}[/]\n{entry.description}")
    console = Console()
    console.print(table)
    console.print(f"User presets folder: {user_dir()}", style="dim")


@main.command("rules")
@click.option("--markdown", is_flag=True, help="Print the Markdown of docs/rules.md.")
def rules_command(markdown: bool) -> None:
    """Show the rule table: id, layer, features, thresholds per level, effect."""
    from .ruletable import rule_table_markdown

    text = rule_table_markdown()
    if markdown:
        click.echo(text, nl=False)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(text))
