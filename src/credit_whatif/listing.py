"""The listings of ``credit-whatif presets`` and ``policy list``: one table for both."""

from __future__ import annotations

import attrs

from . import i18n
from .domain.enums import Lang
from .report import make_console


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


def print_file_listing(kind: str, files: list[ListedFile], folder_note: str, lang: Lang) -> None:
    """The files as a table (name, origin, what each is, or why it cannot load), then
    `folder_note`: where the user's own go."""
    from rich.table import Table

    digests = any(f.digest is not None for f in files)
    table = Table(expand=False)
    table.add_column(kind, no_wrap=True)
    table.add_column("origin", no_wrap=True)
    table.add_column("name / description")
    if digests:
        table.add_column("sha256", no_wrap=True)
    for file in files:
        origin = i18n.UI[file.origin](lang)
        if file.error is not None:
            text = f"[red]✘ cannot load:[/] {file.error}"
        else:
            text = f"[bold]{file.name}[/]\n{file.description}"
            text += "".join(f"\n[yellow]⚠ {note}[/]" for note in file.notes)
        row = [file.ref, origin, text]
        table.add_row(*row, *([file.digest or ""] if digests else []))
    console = make_console()
    console.print(table)
    console.print(folder_note, style="dim")
