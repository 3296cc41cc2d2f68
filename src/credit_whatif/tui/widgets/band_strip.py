"""Every feature across the score range, one band each, with the current score marked.

Like a partial-dependence plot: it shows at a glance where each feature switches
on. The sweep is exact (cut at the rules' thresholds), so it can run on every edit.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ... import i18n
from ...domain.enums import Lang, Status
from ...domain.scenario import Scenario
from ...domain.sweep import Sweep, sweep
from ...report import BAND_CHARS, STATUS_STYLES, axis_labels, band_cells
from ..text import ui


class BandStrip(Widget):
    """Status bands of all features over the score axis."""

    DEFAULT_CSS = """
    BandStrip {
        height: auto;
        padding: 0 1;
    }
    """

    scenario: reactive[Scenario | None] = reactive(None)
    """The scenario whose score is swept."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of names and the legend."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sweep: Sweep | None = None

    def watch_scenario(self, scenario: Scenario | None) -> None:
        self.sweep = None if scenario is None else sweep(scenario)

    def get_content_height(self, *_args: object) -> int:
        rows = len(self.sweep.features) if self.sweep is not None else 0
        return rows + 4  # title, bands, tick marks, labels, legend

    def render(self) -> RenderableType:
        result, lang = self.sweep, self.lang
        if result is None:
            return Text()
        from ...domain.features import FEATURES_BY_ID

        names = [FEATURES_BY_ID[f.feature].name(lang) for f in result.features]
        name_width = max(Text(n).cell_len for n in names) + 1
        width = max(10, self.content_size.width - name_width)
        lines = [Text(ui("bands_title", lang, value=result.current), style="bold")]
        for name, feature in zip(names, result.features, strict=True):
            line = Text(name)
            line.pad_right(name_width - line.cell_len)
            for status in band_cells(feature, result.start, result.end, width):
                line.append(BAND_CHARS[status], style=STATUS_STYLES[status].replace("bold ", ""))
            lines.append(line)
        marks, labels = axis_labels(result, width)
        lines.append(Text(" " * name_width + marks, style="dim"))
        lines.append(Text(" " * name_width + labels, style="dim"))
        legend = "  ".join(
            f"{BAND_CHARS[s]} {i18n.word(s.value, lang)}"
            for s in (Status.AVAILABLE, Status.LIMITED, Status.UNAVAILABLE)
        )
        lines.append(Text(f"{legend}  ▲ {ui('bands_current', lang)}", style="dim"))
        for line in lines:
            line.no_wrap = True
            line.overflow = "crop"
        return Text("\n").join(lines)
