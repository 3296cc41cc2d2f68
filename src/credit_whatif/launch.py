"""Opening the explorer, the ``credit-whatif`` command's default action, without click.

``credit-whatif`` and ``python -m credit_whatif`` start in :func:`run` (``__main__``).
When the arguments are only the explorer's options (``--preset``, ``--policy``,
``--portfolio``, ``--lang``, each at most once, spelled as click reads them), the
explorer opens without importing click and the command modules (~10 ms of a ~300 ms
start); anything else, or an option whose file cannot be used, goes to the command
line (:mod:`credit_whatif.cli`), which parses, runs or reports it as it always has.
Both ways build the explorer here (:func:`explorer`).
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .language import detect_lang

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .tui.app import CreditWhatIf


class ExplorerRequest(NamedTuple):
    """The explorer's options, as given (None: not given)."""

    preset: str | None = None
    policy: str | None = None
    portfolio: Path | None = None
    lang: str | None = None


_OPTIONS = ("--preset", "--policy", "--portfolio", "--lang")
LANGS = ("en", "zh")


def explorer_request(args: Sequence[str]) -> ExplorerRequest | None:
    """The explorer's options when `args` hold nothing else, each at most once, with a
    value that cannot be mistaken for an option (and ``--lang`` one of en, zh);
    otherwise None, and the command line reads them."""
    values: dict[str, str] = {}
    rest = list(args)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name not in _OPTIONS or name in values:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if value.startswith("-"):
            return None
        values[name] = value
    lang = values.get("--lang")
    if lang is not None and lang not in LANGS:
        return None
    portfolio = values.get("--portfolio")
    return ExplorerRequest(
        preset=values.get("--preset"),
        policy=values.get("--policy"),
        portfolio=None if portfolio is None else Path(portfolio),
        lang=lang,
    )


def explorer(request: ExplorerRequest) -> CreditWhatIf:
    """The explorer on the preset, policy and portfolio asked for. Raises
    :class:`~credit_whatif.files.errors.InputError` for one that cannot be used,
    before anything is drawn."""
    from .files.policies import resolve_policy_origin
    from .files.presets import DEFAULT_PRESET, resolve_preset

    preset = resolve_preset(request.preset or DEFAULT_PRESET)
    table, origin = resolve_policy_origin(request.policy)
    if request.portfolio is not None:
        # Checked now, like --preset and --policy, not when F8 is first pressed; the
        # check reads no rows (and imports no Polars).
        from .portfolio.paths import check_portfolio_path

        check_portfolio_path(request.portfolio)
    from .tui.app import CreditWhatIf

    return CreditWhatIf(
        preset=preset,
        policy=table,
        lang=detect_lang(request.lang),
        portfolio=request.portfolio,
        policy_origin=origin,
        when_built=collect_again,
    )


def collect_again() -> None:
    """Freeze what the explorer's start built out of the garbage collector's passes (a
    full pass over it took ~35 ms), then turn the collector back on: its passes walk
    only what is made from now on."""
    gc.freeze()
    gc.enable()


def run(args: Sequence[str] | None = None) -> None:
    """The ``credit-whatif`` command."""
    import sys

    # What the explorer's start builds (the domain's and Textual's modules, the preset,
    # the policy, the explorer's widgets) lives as long as the process, so the
    # collector's passes over it free nothing (~15 ms of a start): paused from the
    # first import until the explorer is built (collect_again), or until a
    # subcommand runs (cli.main).
    gc.disable()
    args = sys.argv[1:] if args is None else list(args)
    request = explorer_request(args)
    if request is not None:
        from .files.errors import InputError

        try:
            app = explorer(request)
        except InputError:
            pass  # the command line reports it, in the chosen language, as it reports all
        else:
            app.run()
            gc.enable()  # if the explorer ended before it was built
            return
    from .cli import main

    main(args, prog_name="credit-whatif")
