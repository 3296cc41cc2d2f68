"""``credit-whatif portfolio generate`` and ``credit-whatif impact``.

Polars (and Dask) are imported inside the commands, so ``credit-whatif --help`` and
``eval`` never load them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from ..clikit import detect_lang, lang_option, user_errors

if TYPE_CHECKING:
    from .kernel import Levers

shift_option = click.option(
    "--shift",
    "shift_values",
    multiple=True,
    metavar="KEY=DELTA",
    help="Stress every borrower in the scenario: add DELTA to a number "
    "(borrower.score=-30), kept within its range (repeatable).",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(["polars", "dask"]),
    default=None,
    help="polars (embedded, default) or dask (a local 2-worker cluster, or --scheduler).",
)


@click.group("portfolio")
def portfolio_group() -> None:
    """Synthetic portfolios for `credit-whatif impact`."""


@portfolio_group.command("generate")
@click.option("--rows", type=click.IntRange(min=1), required=True, help="Number of borrowers.")
@click.option(
    "--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Random seed."
)
@click.option(
    "--parts",
    type=click.IntRange(min=1),
    default=None,
    help="Write a folder of this many Parquet files and its manifest.",
)
@click.option(
    "--force", is_flag=True, help="Replace an existing file, or a folder that generate wrote."
)
@click.argument("path", metavar="PATH")
@lang_option
@user_errors
def generate_command(
    rows: int, seed: int, parts: int | None, force: bool, path: str, lang: str | None
) -> None:
    """Write a reproducible synthetic portfolio to PATH (.csv, .parquet, or with
    --parts a folder of Parquet parts); the same seed writes the same bytes. An
    existing PATH is left alone unless --force."""
    from ..safe_text import printable
    from .generate import generate
    from .report import label

    language = detect_lang(lang)
    with progress_bar(label("generating", language)) as advance:
        written = generate(path, rows, seed=seed, parts=parts, progress=advance, force=force)
    done = label("generated", language, rows=f"{rows:,}", seed=seed, path=printable(str(written)))
    click.echo(done, err=True)


@portfolio_group.command("seal")
@click.argument("folder", metavar="FOLDER")
@lang_option
@user_errors
def seal_command(folder: str, lang: str | None) -> None:
    """Check a folder of Parquet parts made by another tool (readable, every column
    there, at least one borrower) and write its manifest, _manifest.json, so that
    `impact` reads it as a whole book."""
    from ..safe_text import printable
    from .report import label
    from .seal import seal

    manifest = seal(folder)
    done = label(
        "sealed",
        detect_lang(lang),
        folder=printable(folder),
        parts=len(manifest.parts),
        rows=f"{manifest.rows:,}",
    )
    click.echo(done, err=True)


@click.command("impact")
@click.argument("portfolio", metavar="PORTFOLIO")
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Scenario lever: system.X=up|degraded|down, policy.tightening=..., "
    "policy.suspended_regions=[...] (repeatable).",
)
@click.option("--policy", "policy_ref", metavar="NAME|PATH", help="Scenario policy.")
@shift_option
@click.option(
    "--baseline-set",
    "baseline_overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Baseline lever (default: all systems up, normal, nothing suspended).",
)
@click.option(
    "--baseline-policy", "baseline_ref", metavar="NAME|PATH", help="Baseline policy (default)."
)
@click.option("--by", default=None, metavar="region|score_band|COLUMN", help="Group by a column.")
@engine_option
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="A Dask scheduler to run on: tcp://HOST:PORT, or tls://HOST:PORT with the three "
    "--tls-* files. It is trusted completely: it can run code on this machine.",
)
@click.option(
    "--tls-ca-file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="With a tls:// --scheduler: the CA certificate (PEM) the cluster's certificates are "
    "signed with.",
)
@click.option(
    "--tls-cert",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="With a tls:// --scheduler: this client's certificate (PEM).",
)
@click.option(
    "--tls-key",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="With a tls:// --scheduler: this client's private key (PEM).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Groups shown with --by.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@lang_option
@user_errors
def impact_command(
    portfolio: str,
    overrides: Sequence[str],
    policy_ref: str | None,
    shift_values: Sequence[str],
    baseline_overrides: Sequence[str],
    baseline_ref: str | None,
    by: str | None,
    engine: str | None,
    scheduler: str | None,
    tls_ca_file: str | None,
    tls_cert: str | None,
    tls_key: str | None,
    top: int,
    as_json: bool,
    lang: str | None,
) -> None:
    """What a change of systems or policy does to every borrower of PORTFOLIO (CSV,
    Parquet, or a folder of Parquet files): per feature the borrowers available,
    limited and unavailable and the amount in yuan, baseline against scenario, the
    transitions between them, and the rules that newly block."""
    from ..files.errors import InputError
    from ..files.policies import resolve_policy
    from ..files.refusals import expected, same
    from .engine import run_impact
    from .kernel import Side
    from .report import label, print_report
    from .scheduler import scheduler_from_options

    if scheduler is not None and engine == "polars":
        wanted = expected("engine_dask")
        raise InputError("--scheduler", scheduler, wanted, same("--engine polars"))
    cluster = scheduler_from_options(scheduler, tls_ca_file, tls_cert, tls_key)
    engine = engine or ("dask" if scheduler is not None else "polars")
    baseline_levers, scenario_levers = levers_from(baseline_overrides, overrides)
    baseline_table = resolve_policy(baseline_ref)
    scenario_table = resolve_policy(policy_ref) if policy_ref is not None else baseline_table
    language = detect_lang(lang)
    with progress_bar(label("reading", language)) as advance:
        report = run_impact(
            portfolio,
            Side(baseline_levers, baseline_table),
            Side(scenario_levers, scenario_table, shifts_from(shift_values)),
            by,
            engine=engine,
            scheduler=cluster,
            progress=advance,
        )
    if as_json:
        import json  # only for --json: kept off the explorer's start-up

        from ..safe_text import has_unsafe

        text = json.dumps(report.to_json(), ensure_ascii=False)
        if has_unsafe(text):  # a C1 control or bidi override in a group value
            text = json.dumps(report.to_json())  # \u escapes: the same JSON, inert
        sys.stdout.write(text + "\n")
        return
    from ..report import make_console

    print_report(make_console(), report, language, top)


def levers_from(baseline: Sequence[str], scenario: Sequence[str]) -> tuple[Levers, Levers]:
    """The baseline's levers (defaults changed by `baseline`), and the scenario's
    (the baseline's changed by `scenario`); only lever keys (system.*, funding.*, policy.*)."""
    from ..domain.scenario import LEVER_TABLES as ALLOWED  # levers, never a borrower's
    from ..files.overrides import apply_overrides
    from ..files.presets import Preset
    from .kernel import Levers

    base = apply_overrides(Preset("portfolio"), baseline, allowed=ALLOWED)
    scen = apply_overrides(base, scenario, allowed=ALLOWED)
    return Levers.of(base.scenario), Levers.of(scen.scenario)


def shifts_from(values: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """``KEY=DELTA`` pairs: KEY a number of the borrower with a portfolio column and
    no other input tied to it, DELTA a whole number (a later one for the same key
    adds to it)."""
    from ..domain.catalogue import found_phrase
    from ..domain.registry import REGISTRY
    from ..domain.scenario import did_you_mean_text
    from ..files.errors import InputError
    from ..files.refusals import expected, found, same

    shiftable = {i.key: i for i in REGISTRY.columns if i.kind.is_number and not i.ties}
    expected_key = found_phrase("key_among", keys=", ".join(shiftable))  # "one of ..."
    shifts: dict[str, int] = {}
    for value in values:
        key, equals, delta = value.partition("=")
        key = key.strip()
        if not equals:
            raise InputError("--shift", value, expected("key_delta"), found("no_equals"))
        if key not in shiftable:
            column = next((i for i in REGISTRY.columns if i.key == key), None)
            if column is None:
                refused = same(repr(key)) + did_you_mean_text(key, list(shiftable))
            elif column.ties:
                refused = found("tied_key", key=repr(key))
            else:
                refused = found("not_number_key", key=repr(key))
            raise InputError("--shift", value, expected_key, refused)
        try:
            number = int(delta.strip().replace("\u2212", "-"))
        except ValueError:
            wanted = expected("delta")
            raise InputError("--shift", value, wanted, same(repr(delta))) from None
        shifts[key] = shifts.get(key, 0) + number
    return tuple((k, d) for k, d in shifts.items() if d != 0)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int | None], None] | None]:
    """A Rich progress bar on stderr when it is a terminal; otherwise nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn())
    counts = (MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, *counts, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def register(main: click.Group) -> None:
    """Add the portfolio commands to the ``credit-whatif`` group."""
    from .frontier_cli import frontier_command

    main.add_command(impact_command)
    main.add_command(frontier_command)
    main.add_command(portfolio_group)
