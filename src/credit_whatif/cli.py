"""The command line: ``credit-whatif`` opens the explorer; subcommands work headless.

Imports stay inside commands so ``--help`` and ``eval`` never load Textual, and
importing this module loads none of the domain. The command starts in
:func:`credit_whatif.launch.run`, which opens the explorer without this module when
the arguments are only the explorer's options.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .clikit import (
    OneLineErrors,
    detect_lang,
    lang_option,
    policy_option,
    set_option,
    user_errors,
)
from .policy_cli import policy_group
from .portfolio.cli import register
from .timeline_cli import timeline_command

if TYPE_CHECKING:
    from .domain.policy import PolicyTable


def _policy(ref: str | None) -> PolicyTable:
    from .files.policies import resolve_policy

    return resolve_policy(ref)


@click.group(
    cls=OneLineErrors,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--preset", "preset_ref", metavar="NAME|PATH", help="Preset to open (default: healthy)."
)
@policy_option
@click.option(
    "--portfolio",
    "portfolio_path",
    metavar="PATH",
    type=click.Path(path_type=Path),
    default=None,
    help="Portfolio for the explorer's Portfolio view (default: a generated sample).",
)
@lang_option
@click.pass_context
@user_errors
def main(
    ctx: click.Context,
    preset_ref: str | None,
    policy_ref: str | None,
    portfolio_path: Path | None,
    lang: str | None,
) -> None:
    """Explore why one credit feature stops while the others keep working.

    With no command, opens the interactive what-if explorer.
    """
    if ctx.invoked_subcommand is not None:
        gc.enable()  # paused by launch.run for the explorer's start
        return
    # The garbage collector is paused while the explorer starts, until it is built
    # (launch.run says why), and back on when this command ends however it ends.
    gc.disable()
    ctx.call_on_close(gc.enable)
    from .launch import ExplorerRequest, explorer

    explorer(ExplorerRequest(preset_ref, policy_ref, portfolio_path, lang)).run()


@main.command("eval")
@click.argument("presets", nargs=-1, metavar="[PRESET ...]")
@set_option
@policy_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per preset, one per line.")
@lang_option
@user_errors
def eval_command(
    presets: Sequence[str],
    overrides: Sequence[str],
    policy_ref: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Evaluate presets (names or paths; default: healthy) and print every feature."""
    from .domain.evaluator import evaluate
    from .files.overrides import apply_overrides
    from .files.presets import DEFAULT_PRESET, resolve_preset

    loaded = [resolve_preset(ref) for ref in (presets or [DEFAULT_PRESET])]
    loaded = [apply_overrides(p, overrides) for p in loaded]
    table = _policy(policy_ref)
    if as_json:
        import json  # only for --json: kept off the explorer's start-up

        from .report import evaluation_to_json
        from .safe_text import string_escaped

        out = sys.stdout
        for preset in loaded:
            record = evaluation_to_json(preset, evaluate(preset.scenario, table))
            if preset.scenario.as_of is not None:
                from .domain.timeline import timeline
                from .timeline_report import timeline_entries_json

                record["timeline"] = timeline_entries_json(timeline(preset.scenario, table))
            out.write(string_escaped(json.dumps(record, ensure_ascii=False)) + "\n")
        return
    from .report import make_console, print_evaluation

    console = make_console()
    language = detect_lang(lang)
    for index, preset in enumerate(loaded):
        if index:
            console.print()
        print_evaluation(console, preset, evaluate(preset.scenario, table), language)
        if preset.scenario.as_of is not None:
            from .domain.timeline import timeline
            from .timeline_report import print_comes_back

            print_comes_back(console, timeline(preset.scenario, table), language)


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
@set_option
@policy_option
@click.option("--json", "as_json", is_flag=True, help="Segments per feature as one JSON object.")
@lang_option
@user_errors
def sweep_command(
    preset_ref: str | None,
    key: str,
    start: int | None,
    end: int | None,
    overrides: Sequence[str],
    policy_ref: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Show how every feature responds across the range of one input."""
    from .domain.catalogue import found_phrase
    from .domain.sweep import SWEEP_KEYS, default_range, field_range, sweep
    from .files.errors import InputError
    from .files.overrides import apply_overrides
    from .files.presets import DEFAULT_PRESET, resolve_preset
    from .files.refusals import expected, found, same

    preset = apply_overrides(resolve_preset(preset_ref or DEFAULT_PRESET), overrides)
    table = _policy(policy_ref)
    if key not in SWEEP_KEYS:
        keys = found_phrase("key_among", keys=", ".join(SWEEP_KEYS))  # "one of ..."
        raise InputError("--key", key, keys, same(repr(key)))
    full = default_range(preset.scenario, key, table)
    first = full.start if start is None else start
    last = full[-1] if end is None else end
    low, high = field_range(key)
    if not low <= first <= last <= high:
        raise InputError(
            "--from/--to",
            key,
            expected("sweep_range", low=low, high=high),
            found("sweep_range", first=first, last=last),
        )
    result = sweep(preset.scenario, table, key, range(first, last + 1))
    if as_json:
        import json  # only for --json: kept off the explorer's start-up

        from .safe_text import string_escaped
        from .sweep_report import sweep_to_json

        record = sweep_to_json(preset, result, table)
        click.echo(string_escaped(json.dumps(record, ensure_ascii=False)))
        return
    from .domain.features import FEATURES
    from .report import make_console
    from .sweep_report import print_sweep

    language = detect_lang(lang)
    names = {f.id: f.name(language) for f in FEATURES}
    print_sweep(make_console(), preset, result, names, language)


@main.command("presets")
@click.option("--json", "as_json", is_flag=True, help="The list as one JSON object, for scripts.")
@lang_option
def presets_command(as_json: bool, lang: str | None) -> None:
    """List bundled and user presets with their descriptions."""
    from .files.presets import list_presets, user_dir
    from .listing import ListedFile, print_file_listing, print_listing_json, shadow_notes

    language = detect_lang(lang)
    entries = list_presets()
    if as_json:
        from .domain.message_files import LANGS

        print_listing_json(
            "presets",
            [
                (
                    entry.ref,
                    entry.origin,
                    entry.path,
                    entry.error,
                    None
                    if entry.error is not None
                    else {
                        lang: (entry.display_name(lang), entry.display_description(lang))
                        for lang in LANGS
                    },
                    None,
                )
                for entry in entries
            ],
            user_dir(),
        )
        return
    files = [
        ListedFile(
            entry.ref,
            entry.origin,
            entry.display_name(language) if entry.error is None else "",
            entry.display_description(language) if entry.error is None else "",
            entry.error,
            shadow_notes(entry.file, "preset", language),
        )
        for entry in entries
    ]
    print_file_listing("preset", files, f"User presets folder: {user_dir()}", language)


@main.command("rules")
@policy_option
@click.option("--markdown", is_flag=True, help="Print the Markdown of docs/rules.md.")
@click.option("--json", "as_json", is_flag=True, help="Every rule as data, for scripts.")
@lang_option
@user_errors
def rules_command(policy_ref: str | None, markdown: bool, as_json: bool, lang: str | None) -> None:
    """Show the rule table: id, layer, requirement, thresholds per level, effects."""
    from .ruletable import rule_table_json, rule_table_markdown, rule_table_renderable

    table = _policy(policy_ref)
    if markdown:
        click.echo(rule_table_markdown(table), nl=False)
        return
    if as_json:
        import json

        from .safe_text import string_escaped

        click.echo(string_escaped(json.dumps(rule_table_json(table), ensure_ascii=False)))
        return
    from .report import make_console

    make_console().print(rule_table_renderable(table, lang=detect_lang(lang)))


main.add_command(policy_group)
main.add_command(timeline_command)
register(main)  # the portfolio commands, added last
