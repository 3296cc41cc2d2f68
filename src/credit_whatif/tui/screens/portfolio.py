"""The Portfolio view: what the explorer's levers and policy do to a whole loan book.

The scenario side is the explorer's systems, tightening, suspended regions and
policy thresholds; the baseline is all systems up, normal level, nothing suspended,
under the loaded policy. Every change recomputes in a thread worker (a newer change
cancels a stale run), so the screen stays responsive while Polars works.

The portfolio is read once (the sample of 1,000,000 borrowers is generated into the
cache folder the first time, with a progress bar) and kept in memory.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...domain.enums import Lang
from ...domain.keypath import get_value
from ...domain.registry import REGISTRY
from ...domain.wording import short_yuan
from ...files.errors import InputError
from ...i18n import label
from ...portfolio.schema import DEFAULTED
from ...safe_text import printable
from ..actions import first_key
from ..bindings import LocalizedBindings
from ..widgets.field_grid import FieldGrid, field_cells
from ..widgets.frontier_panel import FrontierPanel
from ..widgets.inputs_panel import make_control
from ..widgets.region_fields import SuspendedRegions

if TYPE_CHECKING:
    from ...portfolio.impact_report import ImpactReport
    from ...portfolio.live import Portfolio
    from ..app import CreditWhatIf

# What a run holds constant for every borrower: each input that is not a column of
# the book (the systems and the policy levers).
LEVER_KEYS = tuple(declared.key for declared in REGISTRY.inputs if declared.column is None)


class LeverGrid(FieldGrid, Vertical):
    """The levers, label beside control."""


WIDE_FROM = 110  # columns: room for the bad rates in the summary
ROOM_FOR_AMOUNTS = 140  # and for the amounts beside them


class PortfolioScreen(LocalizedBindings, Screen[None]):
    """Escape or F8 goes back to the explorer."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Close", id="close"),
        Binding(first_key("portfolio"), "app.pop_screen", "Close", show=False),
    ]

    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of every label."""
    report: reactive[ImpactReport | None] = reactive(None)
    """The latest finished run."""

    def __init__(self, source: Path | None, lang: Lang) -> None:
        super().__init__(id="portfolio")
        self.source = source  # None: the sample in the cache folder
        self.set_reactive(PortfolioScreen.lang, lang)
        self._started = 0.0
        self._took = 0.0

    @property
    def explorer(self) -> CreditWhatIf:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="portfolio-top"):
            yield Static(id="portfolio-title")
            yield ProgressBar(id="portfolio-progress", show_eta=False)
            with LeverGrid(id="portfolio-levers"):
                for key in LEVER_KEYS:
                    yield from field_cells(key, make_control(key))
        yield DataTable(id="portfolio-summary", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="portfolio-detail", can_focus=True):
            yield Static(id="portfolio-swaps")
            yield FrontierPanel(REGISTRY.features[0].id, self.lang, id="portfolio-frontier")
            yield Static(id="portfolio-feature")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.sync_levers()
        self._relabel()
        self.query_one("#portfolio-summary").focus()
        if self.explorer.portfolio is None:
            self.load()
        else:
            self.query_one("#portfolio-progress").display = False
            self.recompute()

    def watch_lang(self) -> None:
        super().watch_lang()
        if self.is_mounted:
            self.sync_levers()
            self._relabel()
            self._show()
            if self.report is not None:
                self._status(label("portfolio.took", self.lang, ms=f"{self._took:.0f}"))

    def _relabel(self) -> None:
        self._show_feature()
        self.query_one(FrontierPanel).relabel(self.lang)
        self._refresh_curve()

    def sync_levers(self) -> None:
        """Show the explorer's levers (they are edited here or in the explorer)."""
        scenario = self.explorer.scenario
        for lever in self.query_one(LeverGrid).field_labels():
            lever.show_label(label(lever.key, self.lang), False)
            control, value = lever.control, get_value(scenario, lever.key)
            if isinstance(control, SuspendedRegions):
                control.show(value, self.lang)
            else:
                control.relabel(self.lang)
                control.show(value)

    # --- Loading ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="portfolio-load", exit_on_error=False)
    def load(self) -> None:
        from ...portfolio import live
        from ...portfolio.live import Portfolio, ensure_sample, sample_path

        lang = self.lang
        try:
            path = self.source
            if path is None:
                rows = live.SAMPLE_ROWS
                target = sample_path(rows)
                if not target.is_file():
                    folder = str(target.parent)
                    message = label("portfolio.preparing", lang, rows=f"{rows:,}", folder=folder)
                    self.app.call_from_thread(self._say, message)
                path = ensure_sample(target, rows, progress=self._progress_from_thread)
            self.app.call_from_thread(self._say, label("portfolio.loading", lang, source=path))
            book: Portfolio = Portfolio.load(path)
        except InputError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._loaded, book)

    def _progress_from_thread(self, done: int, total: int | None) -> None:
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int | None) -> None:
        bar = self.query_one("#portfolio-progress", ProgressBar)
        bar.update(total=total, progress=done)

    def _say(self, message: str) -> None:
        # Messages name the book's path, which may hold anything.
        self.query_one("#portfolio-title", Static).update(Text(printable(message), style="bold"))

    def _failed(self, error: InputError) -> None:
        self.explorer.report_bad(error, "portfolio.failed")
        self.dismiss_when_possible()

    @on(Worker.StateChanged)
    def _load_crashed(self, event: Worker.StateChanged) -> None:
        """Something unforeseen is reported and the explorer's edits kept; a book that
        fails to load that way closes the view."""
        if event.state is not WorkerState.ERROR:
            return
        self.explorer.report_failure(event.worker.error)
        if event.worker.group == "portfolio-load":
            self.dismiss_when_possible()

    def dismiss_when_possible(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    def _loaded(self, book: Portfolio) -> None:
        self.explorer.portfolio = book
        self.query_one("#portfolio-progress").display = False
        self.recompute()

    # --- Computing -------------------------------------------------------------------

    def recompute(self) -> None:
        """Run the impact for the explorer's current levers (a stale run is dropped)."""
        if self.explorer.portfolio is None:
            return
        self._started = time.perf_counter()
        self._status(label("portfolio.computing", self.lang))
        self.sync_levers()
        self._run()

    @work(thread=True, exclusive=True, group="portfolio", exit_on_error=False)
    def _run(self) -> None:
        from ...domain.scenario import Scenario
        from ...portfolio.kernel import Levers
        from ...portfolio.live import Cancelled, impact

        app = self.explorer
        worker = get_current_worker()
        book = app.portfolio
        baseline_table = app.baseline_policy
        assert book is not None and baseline_table is not None
        try:
            result = impact(
                book,
                Levers.of(Scenario()),
                Levers.of(app.scenario),
                baseline_table,
                app.table,
                by="region",
                registry=app.evaluation().registry,
                cancelled=lambda: worker.is_cancelled,
            )
        except Cancelled:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finished, result)

    def _finished(self, result: ImpactReport) -> None:
        self._took = (time.perf_counter() - self._started) * 1000
        self.report = result
        self._status(label("portfolio.took", self.lang, ms=f"{self._took:.0f}"))
        self._refresh_curve()

    def _highlighted_feature(self) -> str:
        features = [f.id for f in REGISTRY.features]
        if not self.is_mounted:
            return features[0]
        row = self.query_one("#portfolio-summary", DataTable).cursor_row
        return features[max(0, min(row, len(features) - 1))]

    def _refresh_curve(self) -> None:
        """The curve of the highlighted feature, for the levers now."""
        if self.explorer.portfolio is not None and self.is_mounted:
            self.query_one(FrontierPanel).follow(self._highlighted_feature(), self.lang)

    def _status(self, status: str) -> None:
        book = self.explorer.portfolio
        if book is None:
            return
        title = Text(
            printable(
                label("portfolio.view_title", self.lang, rows=f"{book.rows:,}", source=book.source)
            ),
            style="bold",
        )
        title.append(f"  {status}", style="dim italic")
        self.query_one("#portfolio-title", Static).update(title)

    def watch_report(self) -> None:
        self._show()

    # --- Showing ---------------------------------------------------------------------

    def _show(self) -> None:
        report, lang = self.report, self.lang
        if report is None or not self.is_mounted:
            return
        table = self.query_one("#portfolio-summary", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(label("feature", lang), key="feature")
        table.add_column(label("portfolio.usable_change", lang), key="usable")
        table.add_column(label("portfolio.lost", lang), key="lost")
        table.add_column(label("portfolio.regained", lang), key="regained")
        outcome = DEFAULTED in report.outcomes
        wide = self.size.width >= WIDE_FROM
        if outcome and wide:
            table.add_column(label("portfolio.bad_rate_short", lang), key="bad_rate")
        if outcome:
            # Narrow: a short header, so that the column fits 80 cells rather than a
            # number being cut at the edge (606 read as 60).
            avoided = "frontier.avoided" if wide else "portfolio.avoided_narrow"
            table.add_column(label(avoided, lang), key="avoided")
        amounts = not outcome or self.size.width >= ROOM_FOR_AMOUNTS
        if amounts:
            table.add_column(label("portfolio.amount_short", lang), key="amount")
        for fid, item in report.features.items():
            cells: list[Text] = [
                Text(item.feature.name(lang)),
                Text(f"{item.baseline.usable:,} → {item.scenario.usable:,}", justify="right"),
                Text(f"{item.lost:,}", style="bold" if item.lost else "", justify="right"),
                Text(f"{item.regained:,}", justify="right"),
            ]
            if outcome and wide:
                before, after = item.baseline.bad_rate_usable, item.scenario.bad_rate_usable
                cells.append(Text(f"{_percent(before)} → {_percent(after)}", justify="right"))
            if outcome:
                cells.append(Text(_count(item.defaults_avoided), justify="right"))
            if amounts:
                shown = short_yuan(item.amount_change, lang) if item.feature.has_amount else "—"
                cells.append(Text(shown, justify="right"))
            table.add_row(*cells, key=fid)
        table.move_cursor(row=min(max(cursor, 0), len(report.features) - 1), animate=False)
        self._show_feature()

    @on(DataTable.RowHighlighted, "#portfolio-summary")
    def _highlighted(self) -> None:
        self._show_feature()
        self._refresh_curve()

    def _show_feature(self) -> None:
        from ...portfolio import report as views

        report, lang = self.report, self.lang
        if report is None:
            return
        table = self.query_one("#portfolio-summary", DataTable)
        if not report.features:
            return
        fid = list(report.features)[max(0, min(table.cursor_row, len(report.features) - 1))]
        item = report.features[fid]
        lead: list[RenderableType] = [
            Text(views.side_line("baseline", report.baseline, lang), style="dim"),
            Text(views.side_line("scenario", report.scenario, lang), style="dim"),
            Text(
                views.label(
                    "lost_line",
                    lang,
                    lost=f"{item.lost:,}",
                    regained=f"{item.regained:,}",
                    worse=f"{item.worse:,}",
                    better=f"{item.better:,}",
                )
            ),
            *(Text(line) for line in views.swap_lines(item, lang)),
        ]
        self.query_one("#portfolio-swaps", Static).update(Group(*lead))
        parts: list[RenderableType] = [
            views.feature_table(item, lang),
            views.transitions_table(item, lang),
        ]
        if item.rules:
            parts.append(views.rules_table(item, lang))
        else:
            parts.append(Text(views.label("no_rules", lang), style="dim"))
        if report.groups:
            parts.append(views.groups_table(report, lang, 8))
        parts.append(Text(label("portfolio.summary_hint", lang), style="dim"))
        parts.append(Text(label("portfolio.levers_hint", lang), style="dim"))
        self.query_one("#portfolio-feature", Static).update(Group(*parts))


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _count(n: int | None) -> str:
    from ...portfolio.report import count

    return "—" if n is None else count(n)
