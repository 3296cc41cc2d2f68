"""``credit-whatif timeline``: when each feature comes back, from a preset's dated
events, if nothing else happens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import click

from .clikit import detect_lang, lang_option, policy_option, set_option, user_errors


class _Date(click.ParamType):  # type: ignore[type-arg]
    name = "DATE"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"expected a date such as 2026-12-09, found {value!r}", param, ctx)


@click.command("timeline")
@click.argument("preset_ref", required=False, metavar="[PRESET]")
@click.option("--until", type=_Date(), default=None, help="Last date shown (YYYY-MM-DD).")
@click.option(
    "--days",
    type=click.IntRange(1, 3650),
    default=None,
    help="Days after as_of shown (default: 800).",
)
@set_option
@policy_option
@click.option("--json", "as_json", is_flag=True, help="Every feature's entries as one JSON object.")
@lang_option
@user_errors
def timeline_command(
    preset_ref: str | None,
    until: dt.date | None,
    days: int | None,
    overrides: Sequence[str],
    policy_ref: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """When each feature comes back: the dates its status or amount changes as dated
    events leave their windows, if nothing else happens (no new events; systems,
    policy, score and balance as they are)."""
    from .domain.catalogue import found_phrase
    from .domain.timeline import DEFAULT_DAYS, timeline
    from .files.errors import InputError
    from .files.overrides import apply_overrides
    from .files.policies import resolve_policy
    from .files.presets import DEFAULT_PRESET, resolve_preset
    from .files.refusals import expected, same

    both = found_phrase("both_given")
    preset = apply_overrides(resolve_preset(preset_ref or DEFAULT_PRESET), overrides)
    table = resolve_policy(policy_ref)
    scenario = preset.scenario
    as_of = scenario.as_of or dt.date.today()
    if until is not None and days is not None:
        raise InputError("--until/--days", "--days", expected("until_or_days"), both)
    if until is None:
        until = as_of + dt.timedelta(days=days or DEFAULT_DAYS)
    if until < as_of:
        wanted = expected("date_from_as_of", as_of=as_of.isoformat())
        raise InputError("--until", "--until", wanted, same(until.isoformat()))
    result = timeline(scenario, table, until)
    language = detect_lang(lang)
    if as_json:
        import json

        from .safe_text import string_escaped
        from .timeline_report import timeline_to_json

        click.echo(
            string_escaped(json.dumps(timeline_to_json(preset, result, table), ensure_ascii=False))
        )
        return
    from .report import make_console
    from .timeline_report import print_timeline

    console = make_console()
    if scenario.as_of is None:
        from .domain.catalogue import TIMELINE

        console.print(TIMELINE["no_clock"](language))
    print_timeline(console, preset, result, table, language)
