"""``credit-whatif frontier``: one policy field swept over a loan book, in one pass."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ..clikit import detect_lang, lang_option, user_errors
from .cli import engine_option, progress_bar, shift_option, shifts_from

if TYPE_CHECKING:
    from ..domain.enums import Tightening
    from .kernel import Side


@click.command("frontier")
@click.argument("portfolio", metavar="PORTFOLIO")
@click.option(
    "--field",
    "field_name",
    required=True,
    metavar="POLICY_FIELD",
    help="The policy number to sweep (see `credit-whatif rules`).",
)
@click.option(
    "--level",
    type=click.Choice(["normal", "tightened", "strict"]),
    default="normal",
    show_default=True,
    help="The tightening level whose value is swept (and which is in effect).",
)
@click.option(
    "--feature",
    "feature_id",
    default=None,
    metavar="FEATURE",
    help="The feature counted (default: the first the field changes).",
)
@click.option("--from", "start", type=int, default=None, help="First value.")
@click.option("--to", "stop", type=int, default=None, help="Last value (included).")
@click.option(
    "--step",
    type=int,
    default=None,
    help="Between values. Without --from/--to/--step: about 31 values around the "
    "policy's own (10 points of score; whole days and counts; round yuan and percent).",
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="A lever held for every point: system.X=..., policy.suspended_regions=[...] (repeatable).",
)
@click.option(
    "--policy",
    "policy_ref",
    metavar="NAME|PATH",
    help="The policy the field is taken from (default).",
)
@shift_option
@engine_option
@click.option(
    "--plot",
    "plot_path",
    default=None,
    metavar="PATH",
    help="Also draw the curve to PATH (.svg, or .txt for plain text).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@lang_option
@user_errors
def frontier_command(
    portfolio: str,
    field_name: str,
    level: str,
    feature_id: str | None,
    start: int | None,
    stop: int | None,
    step: int | None,
    overrides: Sequence[str],
    policy_ref: str | None,
    shift_values: Sequence[str],
    engine: str | None,
    plot_path: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """For every value of one policy field, on the same book and levers: the
    borrowers who can use the feature, those restricted, the defaulted among the
    usable and their bad rate, and the defaults avoided and good customers turned
    away against the policy's own value (needs the book's defaulted_12m column)."""
    from ..domain.enums import Tightening
    from ..domain.scenario import LEVER_TABLES as ALLOWED  # levers, never a borrower's
    from ..files.overrides import apply_overrides
    from ..files.policies import resolve_policy
    from ..files.presets import Preset
    from .frontier import run_frontier
    from .frontier_report import frontier_table, label, plot_target, save_plot
    from .kernel import Levers, Side

    language = detect_lang(lang)
    if plot_path is not None:
        plot_target(plot_path)
    levers = Levers.of(apply_overrides(Preset("portfolio"), overrides, allowed=ALLOWED).scenario)
    side = Side(levers, resolve_policy(policy_ref), shifts_from(shift_values))
    values = _values(side, field_name, Tightening(level), (start, stop, step))
    with progress_bar(label("computing", language)) as advance:
        frontier = run_frontier(
            portfolio,
            side,
            field_name,
            Tightening(level),
            feature_id,
            values,
            engine=engine or "polars",
            progress=advance,
        )
    if plot_path is not None:
        from ..safe_text import printable

        written = save_plot(frontier, plot_path, language)
        click.echo(label("plotted", language, path=printable(str(written))), err=True)
    if as_json:
        import json

        sys.stdout.write(json.dumps(frontier.to_json(), ensure_ascii=False) + "\n")
        return
    from rich.text import Text

    from ..report import make_console

    console = make_console()
    console.print(frontier_table(frontier, language))
    if not frontier.outcomes:
        console.print(Text(label("no_outcome", language), style="dim"))


def _values(
    side: Side, field_name: str, level: Tightening, given: tuple[int | None, int | None, int | None]
) -> tuple[int, int, int]:
    """--from, --to and --step, each missing one from the default grid around the
    policy's own value (an unknown field is left for the run to name)."""
    from ..domain.registry import REGISTRY
    from .grids import default_grid

    field = next((f for f in REGISTRY.policy_fields if f.name == field_name), None)
    fallback = (0, 0, 1)
    if field is not None and not field.is_switch:
        fallback = default_grid(field, int(side.table[level][field_name]))
    start, stop, step = (v if v is not None else d for v, d in zip(given, fallback, strict=True))
    return start, stop, step
