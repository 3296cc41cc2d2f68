"""A keyboard and mouse slider for the credit score, ticked at the policy's score floors."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.bands import Floor, next_floor_label
from ...domain.enums import Lang
from ...domain.limits import SCORE_MAX, SCORE_MIN
from ...i18n import label
from ..messages import ScenarioEdited
from .geometry import content_width

SCORE_KEY = "borrower.score"
FOCUS_MARK = "▸"


def _ramp(cleared: int, total: int) -> str:
    """A colour for how many floors a score clears (the band's name is always printed
    too, so colour is never the only cue)."""
    if cleared == total:
        return "green"
    return "red" if cleared <= total // 3 else "yellow"


class ScoreSlider(Widget, can_focus=True):
    """The score as a bar over its range, ticked at the score floors of the active
    policy level. Digits typed while focused replace the value when enter is pressed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Score −1", show=False, id="score_down"),
        Binding("right", "step(1)", "Score +1", show=False, id="score_up"),
        Binding("shift+left,pagedown", "step(-25)", "Score −25", show=False, id="score_down_big"),
        Binding("shift+right,pageup", "step(25)", "Score +25", show=False, id="score_up_big"),
        Binding("home", "jump(-1)", "Lowest score", show=False, id="score_min"),
        Binding("end", "jump(1)", "Highest score", show=False, id="score_max"),
    ]

    DEFAULT_CSS = """
    ScoreSlider {
        height: 2;
        width: 1fr;
    }
    """

    value: reactive[int] = reactive(720)
    """The score shown (the app's scenario, or a step not yet confirmed)."""
    floors: reactive[tuple[Floor, ...]] = reactive(())
    """Score floors of the active policy level, lowest first (from the rules)."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the band label."""
    typed: reactive[str] = reactive("")
    """Digits typed so far; empty when not typing."""

    def render(self) -> RenderableType:
        floors = list(self.floors)
        cleared = sum(self.value >= value for value, _field in floors)
        line = Text()
        line.append(FOCUS_MARK if self.has_focus else " ", style="bold")
        line.append(f"{self.value:>3}", style="bold reverse" if self.has_focus else "bold")
        line.append(" ◀▶ ")
        line.append(
            next_floor_label(self.value, floors, self.lang), style=_ramp(cleared, len(floors))
        )
        if self.typed:
            line = Text(label("score_typing", self.lang, typed=self.typed), style="reverse")
        # One line each, so the bar always keeps its row: a long band name ends in "…".
        line.no_wrap, line.overflow = True, "ellipsis"
        line.truncate(max(content_width(self), 10), overflow="ellipsis")
        return Text("\n").join([line, self._bar(floors)])

    def _bar(self, floors: list[Floor]) -> Text:
        width = max(content_width(self), 10)
        cells = ["─"] * width
        styles = [_ramp(0, len(floors))] * width
        for index, (value, _field) in enumerate(floors, start=1):
            start = self._cell(value, width)
            for position in range(start, width):
                styles[position] = _ramp(index, len(floors))
            cells[start] = "┼"
        knob = self._cell(self.value, width)
        cells[knob] = "●"
        bar = Text()
        for index, (cell, style) in enumerate(zip(cells, styles, strict=True)):
            bar.append(cell, style="bold reverse" if index == knob else f"dim {style}")
        return bar

    @staticmethod
    def _cell(score: int, width: int) -> int:
        return round((score - SCORE_MIN) * (width - 1) / (SCORE_MAX - SCORE_MIN))

    def _propose(self, score: int) -> None:
        if score == self.value:
            return
        self.value = score
        self.post_message(ScenarioEdited(SCORE_KEY, score))

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character.isdigit():
            self.typed = (self.typed + event.character)[:4]
            event.stop()
        elif self.typed and event.key == "backspace":
            self.typed = self.typed[:-1]
            event.stop()
        elif self.typed and event.key == "escape":
            self.typed = ""
            event.stop()
        elif self.typed and event.key == "enter":
            typed, self.typed = self.typed, ""
            # Out-of-range numbers still go to the app, whose refusal says why.
            self.post_message(ScenarioEdited(SCORE_KEY, int(typed)))
            event.stop()

    def on_click(self, event: events.Click) -> None:
        if event.y == 1:
            width = max(content_width(self), 10)
            score = SCORE_MIN + round(event.x * (SCORE_MAX - SCORE_MIN) / (width - 1))
            self._propose(min(max(score, SCORE_MIN), SCORE_MAX))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.typed = ""
        self.refresh()

    def action_step(self, delta: int) -> None:
        # Steps stop at the range ends, as a slider's knob does.
        self._propose(min(max(self.value + delta, SCORE_MIN), SCORE_MAX))

    def action_jump(self, direction: int) -> None:
        self._propose(SCORE_MAX if direction > 0 else SCORE_MIN)
