"""A keyboard and mouse slider for the credit score, with the policy's score bands."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.enums import Lang, Tightening
from ...domain.policy import POLICY_TABLE, Thresholds
from ...domain.scenario import SCORE_MAX, SCORE_MIN
from ..messages import ScenarioEdited
from ..text import ui

SCORE_KEY = "borrower.score"
SMALL_STEP = 1
BIG_STEP = 25


def score_bands(thresholds: Thresholds) -> list[tuple[int, str]]:
    """(lowest score, band label key), highest band first."""
    return [
        (thresholds.limit_increase_min_score, "band.limit_increase"),
        (thresholds.full_limit_min_score, "band.full_limit"),
        (thresholds.withdrawal_min_score, "band.withdrawal"),
        (thresholds.installment_min_score, "band.installment"),
        (thresholds.spending_min_score, "band.spending"),
        (SCORE_MIN, "band.none"),
    ]


def band_of(score: int, thresholds: Thresholds) -> str:
    """The label key of the band `score` falls in."""
    return next(key for floor, key in score_bands(thresholds) if score >= floor)


# Bands from worst to best share a colour ramp; the band's name is always
# printed too, so colour is never the only cue.
_BAND_STYLES = {
    "band.none": "red",
    "band.spending": "red",
    "band.installment": "yellow",
    "band.withdrawal": "yellow",
    "band.full_limit": "green",
    "band.limit_increase": "green",
}


class ScoreSlider(Widget, can_focus=True):
    """The score as a bar over its range, ticked at the policy's score minimums.

    Digits typed while focused replace the value when enter is pressed.
    """

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
    ScoreSlider:focus {
        background: $boost;
        text-style: bold;
    }
    """

    value: reactive[int] = reactive(720)
    """The score shown (the app's scenario, or a step not yet confirmed)."""
    tightening: reactive[Tightening] = reactive(Tightening.NORMAL)
    """Policy level, which moves the band edges."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the band label."""
    typed: reactive[str] = reactive("")
    """Digits typed so far; empty when not typing."""

    def render(self) -> RenderableType:
        thresholds = POLICY_TABLE[self.tightening]
        band = band_of(self.value, thresholds)
        line = Text()
        line.append(f"{self.value:>3}", style="bold")
        line.append(" ◀▶ ")
        line.append(ui(band, self.lang), style=_BAND_STYLES[band])
        if self.typed:
            line = Text(ui("score_typing", self.lang, typed=self.typed), style="reverse")
        # One line each, so the bar always keeps its row: long band names are cut.
        rendered = Text("\n").join([line, self._bar(thresholds)])
        rendered.no_wrap, rendered.overflow = True, "ellipsis"
        return rendered

    def _bar(self, thresholds: Thresholds) -> Text:
        width = max(self.content_size.width, 10)
        cells = ["─"] * width
        styles = ["dim"] * width
        for floor, key in score_bands(thresholds):
            start = self._cell(floor, width)
            for index in range(start, width):
                styles[index] = _BAND_STYLES[key] if styles[index] == "dim" else styles[index]
            if floor > SCORE_MIN:
                cells[start] = "┼"
        knob = self._cell(self.value, width)
        cells[knob] = "●"
        bar = Text()
        for index, (cell, style) in enumerate(zip(cells, styles, strict=True)):
            bar.append(cell, style="bold reverse" if index == knob else style)
        return bar

    @staticmethod
    def _cell(score: int, width: int) -> int:
        return round((score - SCORE_MIN) * (width - 1) / (SCORE_MAX - SCORE_MIN))

    def _propose(self, score: int) -> None:
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
            # Out-of-range numbers still go to the app, whose rejection says why.
            self.post_message(ScenarioEdited(SCORE_KEY, int(typed)))
            event.stop()

    def on_click(self, event: events.Click) -> None:
        if event.y == 1:
            width = max(self.content_size.width, 10)
            score = SCORE_MIN + round(event.x * (SCORE_MAX - SCORE_MIN) / (width - 1))
            self._propose(min(max(score, SCORE_MIN), SCORE_MAX))

    def on_blur(self) -> None:
        self.typed = ""

    def action_step(self, delta: int) -> None:
        # Steps stop at the range ends, as a slider's knob does.
        self._propose(min(max(self.value + delta, SCORE_MIN), SCORE_MAX))

    def action_jump(self, direction: int) -> None:
        self._propose(SCORE_MAX if direction > 0 else SCORE_MIN)
