"""The listings of ``credit-whatif presets`` and ``policy list``: one table for both."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from . import i18n
from .domain.enums import Lang
from .report import make_console
from .safe_text import printable

if TYPE_CHECKING:
    from .files.shelf import FoundFile


@attrs.frozen
class ListedFile:
    """One row of ``presets`` or ``policy list``: a bundled or user file."""

    ref: str
    origin: str
    name: str = ""
    description: str = ""
    error: object | None = None
    notes: tuple[str, ...] = ()
    digest: str | None = None
    about: str = ""  # a policy's driver and effective date


def print_file_listing(kind: str, files: list[ListedFile], folder_note: str, lang: Lang) -> None:
    """The files as a table (name, origin, what each is, or why it cannot load), then
    `folder_note`: where the user's own go. Names, descriptions, errors and paths come
    from files: they are shown as text, never read as markup or sent as controls."""
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    digests = any(f.digest is not None for f in files)
    table = Table(expand=False)
    table.add_column(kind, no_wrap=True)
    table.add_column("origin", no_wrap=True)
    table.add_column("name / description")
    if digests:
        table.add_column("sha256", no_wrap=True)
    for file in files:
        origin = i18n.UI[file.origin](lang)
        text = Text()
        if file.error is not None:
            text.append("✘ cannot load: ", style="red")
            text.append(printable(str(file.error)))
        else:
            text.append(printable(file.name), style="bold")
            text.append("\n" + printable(file.description))
            if file.about:
                text.append("\n" + printable(file.about), style="dim")
            for note in file.notes:
                text.append(f"\n⚠ {printable(note)}", style="yellow")
        row: list[RenderableType] = [Text(printable(file.ref)), origin, text]
        table.add_row(*row, *([file.digest or ""] if digests else []))
    console = make_console()
    console.print(table)
    console.print(Text(printable(folder_note), style="dim"))


Texts = dict[str, tuple[str, str]]  # lang -> (name, description)


def print_listing_json(
    kind: str,
    rows: list[tuple[str, str, Path | None, object | None, Texts | None, str | None]],
    folder: Path,
    extras: list[dict[str, object]] | None = None,
) -> None:
    """``{"<kind>": [{"ref", "origin", "path", "name": {"en", "zh"}, "description":
    {...}, "sha256", "error"}], "user_folder": ...}`` on one line (with each row's
    `extras` merged in, such as a policy's driver): text from files is written as JSON
    escapes, never as raw controls."""
    import json

    import click

    from .safe_text import string_escaped

    listed: list[dict[str, object]] = []
    for ref, origin, path, error, texts, digest in rows:
        record: dict[str, object] = {
            "ref": ref,
            "origin": origin,
            "path": str(path) if path is not None else None,
            "error": None if error is None else str(error),
        }
        if texts is not None:
            record["name"] = {lang: texts[lang][0] for lang in texts}
            record["description"] = {lang: texts[lang][1] for lang in texts}
        if digest is not None:
            record["sha256"] = digest
        if extras is not None:
            record.update(extras[len(listed)])
        listed.append(record)
    out = {kind: listed, "user_folder": str(folder)}
    click.echo(string_escaped(json.dumps(out, ensure_ascii=False)))


def shadow_notes(file: FoundFile, kind: str, lang: Lang) -> tuple[str, ...]:
    """Under a file that hides or is hidden by another of the same stem, the note
    that says so (and, under the hidden one, what still loads it)."""
    prefix = "" if kind == "preset" else f"{kind}."
    if file.shadows:
        return (i18n.label(f"{prefix}shadows", lang),)
    if file.shadowed:
        return (i18n.label(f"{prefix}shadowed", lang, ref=file.ref),)
    return ()
