"""The floor for the explorer benchmarks: a bare Textual app with the same kinds of
widgets (inputs column, a DataTable of six rows, a detail pane, a footer) that
updates the same amount of screen on a key press, but evaluates nothing."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static

ROWS = [
    "Cash withdrawal",
    "Installment purchase",
    "In-limit spending",
    "Repayment",
    "Limit inquiry",
    "Limit increase",
]


class BareApp(App[None]):
    BINDINGS = [
        Binding("right", "step(1)", "Step up"),
        Binding("left", "step(-1)", "Step down"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]
    CSS = """
    #inputs { width: 40; }
    #detail { height: 8; border: round $primary; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.value = 720

    def compose(self) -> ComposeResult:
        yield Static(f"All {len(ROWS)} features are available.", id="headline")
        with Horizontal():
            with VerticalScroll(id="inputs"):
                yield Static(f"Score {self.value}", id="score")
                for name in (
                    "Credit limit",
                    "Outstanding",
                    "Region",
                    "Overdue",
                    "Activity",
                    "Disbursement",
                    "Risk engine",
                    "Payments",
                    "Accounts",
                    "Policy",
                ):
                    yield Static(f"{name}: 0")
            with Vertical():
                yield DataTable(id="table", cursor_type="row")
                yield Static("detail", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Feature", "Status", "Amount", "Main reason")
        for index, name in enumerate(ROWS):
            table.add_row(name, "✔ available", f"{38000 + index:,} yuan", "", key=name)
        self.query_one("#score", Static).update(f"Score {self.value} READY")

    def action_step(self, delta: int) -> None:
        self.value += delta
        self.query_one("#score", Static).update(f"Score {self.value}")
        table = self.query_one(DataTable)
        for name in ROWS:
            table.update_cell(name, table.ordered_columns[2].key, f"{self.value * 50:,} yuan")
        self.query_one("#detail", Static).update(f"value {self.value}")


if __name__ == "__main__":
    BareApp().run()
