"""One row per feature: status as symbol and word (colour only a third cue)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import DataTable

from ... import i18n
from ...domain.enums import Lang
from ...domain.evaluator import Evaluation, FeatureResult
from ...report import STATUS_STYLES, amount_label, status_label
from ..text import ui

COLUMNS = ("change", "feature", "status", "amount", "reason")
FLASH_SECONDS = 1.5
# Shown beside a feature whose status just got better or worse.
BETTER_MARK, WORSE_MARK = "▲", "▼"


def reason_label(result: FeatureResult, lang: Lang) -> Text:
    """The decisive reason as '[layer] title', or empty when nothing holds it back."""
    decisive = result.decisive
    text = Text()
    if decisive is not None:
        text.append(f"[{i18n.word(decisive.rule.layer.value, lang)}] ", style="dim")
        text.append(decisive.title(lang))
    return text


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

    def watch_evaluation(self, old: Evaluation | None, new: Evaluation | None) -> None:
        if old is not None and new is not None and old.scenario != new.scenario:
            self._mark_changes(old, new)
        self._refill()

    def watch_lang(self) -> None:
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

    def _cells(self, result: FeatureResult) -> tuple[Text, ...]:
        lang = self.lang
        mark = self.changed.get(result.feature.id, "")
        flash = "reverse" if mark else ""
        return (
            Text(mark, style=flash),
            Text(result.feature.name(lang), style=flash),
            Text(status_label(result.status, lang), style=STATUS_STYLES[result.status]),
            Text(amount_label(result, lang), justify="right"),
            reason_label(result, lang),
        )

    def _refill(self) -> None:
        """Update the cells in place: cheaper than a rebuild, and the cursor stays put."""
        if self.evaluation is None:
            return
        if self.row_count != self.evaluation.total:
            self._rebuild()
            return
        for result in self.evaluation.features:
            for column, cell in zip(COLUMNS, self._cells(result), strict=True):
                shown = self.get_cell(result.feature.id, column)
                # Text equality ignores the base style, which is what a flash changes.
                if (shown.plain, shown.style, shown.spans) != (cell.plain, cell.style, cell.spans):
                    self.update_cell(result.feature.id, column, cell, update_width=True)

    def _rebuild(self) -> None:
        evaluation, lang = self.evaluation, self.lang
        if evaluation is None:
            return
        cursor_row = self.cursor_row
        self.clear(columns=True)
        headings = ("", "feature", "status", "amount", "main_reason")
        for key, heading in zip(COLUMNS, headings, strict=True):
            self.add_column(Text(ui(heading, lang) if heading else ""), key=key)
        for result in evaluation.features:
            self.add_row(*self._cells(result), key=result.feature.id)
        self.move_cursor(row=min(cursor_row, evaluation.total - 1), animate=False)
