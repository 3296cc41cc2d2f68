"""One row per feature: status as symbol and word (colour only a third cue).

The last column, the decisive reason, takes whatever width is left. Where the
screen is wide, long reasons wrap onto a second line. On a narrow screen the table
gives the reason its room: amounts without their unit (the heading says yuan) and
each rule's short title; anything still too long ends in "…" and the Details tab
shows it whole.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import DataTable

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation, FeatureResult
from ...i18n import label
from ...report import STATUS_STYLES, amount_label, reason_label, status_label
from .geometry import scrollable_width

COLUMNS = ("change", "feature", "status", "amount", "reason")
HEADINGS = ("", "feature", "status", "amount", "main_reason")
FLASH_SECONDS = 1.5
# Shown beside a feature whose status just got better or worse.
BETTER_MARK, WORSE_MARK = "▲", "▼"
MIN_REASON_WIDTH = 12
# Screens this tall have room for a reason on two lines; shorter ones end it in "…".
WRAP_FROM_HEIGHT = 32
# Narrower screens show amounts without their unit and rules by their short titles.
COMPACT_BELOW_WIDTH = 110


class FeatureTable(DataTable[Text]):
    """Rebuilt on every evaluation; rows whose status changed are flashed briefly."""

    evaluation: reactive[Evaluation | None] = reactive(None)
    """The results to show."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of headings, statuses and reasons."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.changed: dict[str, str] = {}
        """Feature id -> mark, for rows whose status changed with the last edit."""
        self._flash_timer: Timer | None = None
        self._layout: tuple[int, ...] = ()
        self._wrapped = False
        self._compacted = False

    def watch_evaluation(self, old: Evaluation | None, new: Evaluation | None) -> None:
        if old is not None and new is not None and old.scenario != new.scenario:
            self._mark_changes(old, new)
        self._refill()

    def watch_lang(self) -> None:
        self._rebuild()

    def on_resize(self, _event: events.Resize) -> None:
        if (self._widths(), self._wraps(), self._compact()) != (
            self._layout,
            self._wrapped,
            self._compacted,
        ):
            self._rebuild()

    def _mark_changes(self, old: Evaluation, new: Evaluation) -> None:
        self.changed = {
            result.feature.id: BETTER_MARK
            if result.status.rank > before.status.rank
            else WORSE_MARK
            for before, result in zip(old.features, new.features, strict=True)
            if before.status is not result.status
        }
        if self._flash_timer is not None:
            self._flash_timer.stop()
        if self.changed:
            self._flash_timer = self.set_timer(FLASH_SECONDS, self.end_flash)

    def end_flash(self) -> None:
        self.changed = {}
        self._refill()

    def _fixed_cells(self, result: FeatureResult) -> tuple[Text, ...]:
        lang = self.lang
        mark = self.changed.get(result.feature.id, "")
        flash = "reverse" if mark else ""
        return (
            Text(mark, style=flash),
            Text(result.feature.name(lang), style=flash),
            Text(status_label(result.status, lang), style=STATUS_STYLES[result.status]),
            Text(amount_label(result, lang, unit=not self._compact()), justify="right"),
        )

    def _cells(self, result: FeatureResult) -> tuple[Text, ...]:
        reason = reason_label(result, self.lang, short=self._compact())
        if not self._wraps():
            reason.no_wrap, reason.overflow = True, "ellipsis"
        return (*self._fixed_cells(result), reason)

    def _wraps(self) -> bool:
        return self.app.size.height >= WRAP_FROM_HEIGHT

    def _compact(self) -> bool:
        return self.app.size.width < COMPACT_BELOW_WIDTH

    def _headings(self) -> tuple[str, ...]:
        amount = "amount_yuan" if self._compact() else "amount"
        return tuple(amount if h == "amount" else h for h in HEADINGS)

    def _widths(self) -> tuple[int, ...]:
        """Column widths: each fixed column as wide as its widest cell, the reason the rest."""
        evaluation = self.evaluation
        if evaluation is None:
            return ()
        lang = self.lang
        rows = [self._fixed_cells(r) for r in evaluation.features]
        headings = [Text(label(h, lang) if h else "") for h in self._headings()[:-1]]
        fixed = [
            max(cell.cell_len for cell in column) for column in zip(headings, *rows, strict=True)
        ]
        fixed[0] = max(fixed[0], 1)
        padding = 2 * self.cell_padding * len(COLUMNS)
        room = self._room() - 1  # a column kept for the scrollbar
        reason = max(MIN_REASON_WIDTH, room - sum(fixed) - padding)
        return (*fixed, reason)

    def _room(self) -> int:
        if self.outer_size.width:
            return scrollable_width(self)
        # Filled before its first layout: the table spans the screen (app.tcss), so the
        # first frame already has the widths the layout will give it, and is not
        # drawn a second time with them.
        return self.app.size.width - self.styles.gutter.width

    def _refill(self) -> None:
        """Update the cells in place: cheaper than a rebuild, and the cursor stays put."""
        if self.evaluation is None:
            return
        if (
            self.row_count != self.evaluation.total
            or self._widths() != self._layout
            or self._compact() != self._compacted
        ):
            self._rebuild()
            return
        for result in self.evaluation.features:
            for column, cell in zip(COLUMNS, self._cells(result), strict=True):
                shown = self.get_cell(result.feature.id, column)
                # Text equality ignores the base style, which is what a flash changes.
                if (shown.plain, shown.style, shown.spans) != (cell.plain, cell.style, cell.spans):
                    self.update_cell(result.feature.id, column, cell)

    def _rebuild(self) -> None:
        evaluation, lang = self.evaluation, self.lang
        if evaluation is None:
            return
        cursor_row = self.cursor_row
        self._layout, self._wrapped, self._compacted = (
            self._widths(),
            self._wraps(),
            self._compact(),
        )
        self.clear(columns=True)
        for key, heading, width in zip(COLUMNS, self._headings(), self._layout, strict=True):
            self.add_column(Text(label(heading, lang) if heading else ""), key=key, width=width)
        height = None if self._wraps() else 1
        for result in evaluation.features:
            self.add_row(*self._cells(result), key=result.feature.id, height=height)
        self.move_cursor(row=min(cursor_row, evaluation.total - 1), animate=False)
