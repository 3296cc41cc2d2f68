"""Line breaking as Chinese typesetting wants it (禁则, kinsoku): no line starts with
closing punctuation (。，、；：！？ and closing brackets and quotes). Rich folds a
run of Chinese at any character; a line that would start with such a mark takes the
last character of the line before with it instead."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

NO_LINE_START = frozenset("。，、；：！？）」』】》〉”’…%％·")


def _char(line: Text, at: int, console: Console) -> Text:
    return Text(line.plain[at], style=line.get_style_at_offset(console, at))


def kinsoku_lines(text: Text, console: Console, width: int) -> list[Text]:
    """`text` wrapped to `width` cells, no line starting with closing punctuation
    (unless the line before has nothing left to give)."""
    lines = list(text.wrap(console, width))
    index = 1
    while index < len(lines):
        # Take characters from the end of the line before until this one starts with
        # one that may start a line.
        while lines[index].plain[:1] in NO_LINE_START and len(lines[index - 1].plain) > 1:
            before = lines[index - 1]
            last = len(before.plain) - 1
            lines[index] = _char(before, last, console) + lines[index]
            lines[index - 1] = before[:last]
        # A line grown past the width hands its last characters to the next.
        while lines[index].cell_len > width and len(lines[index].plain) > 1:
            grown = lines[index]
            last = len(grown.plain) - 1
            if index + 1 == len(lines):
                lines.append(Text(end=grown.end))
            lines[index + 1] = _char(grown, last, console) + lines[index + 1]
            lines[index] = grown[:last]
        index += 1
    return lines


class Kinsoku:
    """A renderable (a Text, or a Group of them and other renderables) drawn with
    :func:`kinsoku_lines` for every Text in it."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def _parts(self) -> Iterator[RenderableType]:
        if isinstance(self.renderable, Group):
            yield from self.renderable.renderables
        else:
            yield self.renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for part in self._parts():
            if isinstance(part, Text):
                yield from kinsoku_lines(part, console, options.max_width)
            else:
                yield part
