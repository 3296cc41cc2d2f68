"""``credit-whatif policy``: list, show and compare policies."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .clikit import detect_lang, lang_option, user_errors

if TYPE_CHECKING:
    from .domain.policy import PolicyTable


@click.group("policy")
def policy_group() -> None:
    """List, show and compare policies (the thresholds of every rule, per level)."""


def _policy_meta(table: PolicyTable | None) -> dict[str, object]:
    """A policy's driver and effective date for ``policy list --json``."""
    if table is None:
        return {}
    effective = table.effective.isoformat() if table.effective else None
    return {"driver": table.driver.value if table.driver else None, "effective": effective}


@policy_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="The list as one JSON object, for scripts.")
@lang_option
def policy_list(as_json: bool, lang: str | None) -> None:
    """Bundled and user policies, with their digests."""
    from .files.policies import list_policies, user_dir
    from .listing import ListedFile, print_file_listing, print_listing_json, shadow_notes
    from .provenance import provenance

    language = detect_lang(lang)
    entries = list_policies()
    if as_json:
        from .domain.message_files import LANGS

        print_listing_json(
            "policies",
            [
                (
                    entry.ref,
                    entry.origin,
                    entry.path,
                    entry.error,
                    None
                    if entry.table is None
                    else {
                        lang: (
                            entry.table.display_name(lang),
                            entry.table.display_description(lang),
                        )
                        for lang in LANGS
                    },
                    entry.table.digest if entry.table else None,
                )
                for entry in entries
            ],
            user_dir(),
            [_policy_meta(entry.table) for entry in entries],
        )
        return
    files = [
        ListedFile(
            entry.ref,
            entry.origin,
            entry.table.display_name(language) if entry.table else "",
            entry.table.display_description(language) if entry.table else "",
            entry.error,
            shadow_notes(entry.file, "policy", language),
            entry.table.digest[:12] if entry.table else None,
            provenance(entry.table, language) if entry.table else "",
        )
        for entry in entries
    ]
    print_file_listing("policy", files, f"User policies folder: {user_dir()}", language)


@policy_group.command("show")
@click.argument("ref", required=False, metavar="[NAME|PATH]")
@click.option(
    "--labels", is_flag=True, help="Name each field in a comment, in the chosen language."
)
@lang_option
@user_errors
def policy_show(ref: str | None, labels: bool, lang: str | None) -> None:
    """Print a policy as TOML that loads back unchanged (default: the default policy);
    with --labels each field's name in the chosen language follows it as a comment."""
    from .files.policies import dumps_policy, labelled, resolve_policy

    text = dumps_policy(resolve_policy(ref))
    click.echo(labelled(text, detect_lang(lang)) if labels else text, nl=False)


@policy_group.command("diff")
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option("--json", "as_json", is_flag=True, help="The differences as one JSON object.")
@lang_option
@user_errors
def policy_diff(first: str, second: str, as_json: bool, lang: str | None) -> None:
    """Every threshold that differs between A and B, per level, and for every bundled
    preset the feature outcomes that change."""
    from .files.policies import resolve_policy
    from .policydiff import diff_policies, print_diff

    a, b = resolve_policy(first), resolve_policy(second)
    diff = diff_policies(a, b)
    if as_json:
        import json  # only for --json: kept off the explorer's start-up

        from .safe_text import string_escaped

        click.echo(string_escaped(json.dumps(diff.to_json(), ensure_ascii=False)))
        return
    from .report import make_console

    print_diff(make_console(), diff, detect_lang(lang))
