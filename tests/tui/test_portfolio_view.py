"""The Portfolio view: the explorer's levers and policy applied to a loan book, live."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from credit_whatif.domain.enums import Health
from credit_whatif.domain.scenario import Scenario
from credit_whatif.portfolio import live
from credit_whatif.portfolio.generate import generate
from credit_whatif.portfolio.kernel import Levers
from credit_whatif.tui.app import CreditWhatIf
from credit_whatif.tui.screens.portfolio import PortfolioScreen

from .conftest import explorer_ready, screen_text

AppFactory = Callable[..., CreditWhatIf]
NARROW = (80, 24)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("portfolio") / "book.parquet"
    generate(path, 3_000, seed=11)
    return path


async def settled(app: CreditWhatIf, pilot: object) -> PortfolioScreen:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, PortfolioScreen)
    return screen


def expected(app: CreditWhatIf) -> live.ImpactReport:
    assert app.portfolio is not None and app.baseline_policy is not None
    return live.impact(
        app.portfolio,
        Levers.of(Scenario()),
        Levers.of(app.scenario),
        app.baseline_policy,
        app.table,
        by="region",
    )


def shown_rows(screen: PortfolioScreen) -> dict[str, tuple[str, str]]:
    table = screen.query_one("#portfolio-summary")
    rows = {}
    for key in table.rows:  # type: ignore[attr-defined]
        cells = table.get_row(key)  # type: ignore[attr-defined]
        rows[key.value] = (str(cells[1]), str(cells[2]))
    return rows


async def test_f8_shows_the_impact_of_the_explorers_levers(
    make_app: AppFactory, book: Path
) -> None:
    app = CreditWhatIf(preset=make_app("disbursement-outage").baseline, portfolio=book)
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f8")
        screen = await settled(app, pilot)
        report = expected(app)
        withdrawal = report["cash_withdrawal"]
        assert withdrawal.scenario.usable == 0 and withdrawal.lost > 0
        rows = shown_rows(screen)
        assert rows["cash_withdrawal"] == (
            f"{withdrawal.baseline.usable:,} → 0",
            f"{withdrawal.lost:,}",
        )
        assert rows["repayment"][1] == "0"
        text = screen_text(app)
        assert "Portfolio impact · 3,000 borrowers" in text
        # At 80 columns the defaults avoided are headed short, so that every column
        # fits: a number cut at the edge would read as another (606 as 60).
        for heading in ("Feature", "Usable before → after", "Lost", "Regained", "Avoided"):
            assert heading in text, heading
        summary = screen.query_one("#portfolio-summary")
        assert summary.virtual_size.width <= summary.scrollable_content_region.width
        avoided = summary.get_row("cash_withdrawal")[4]  # type: ignore[attr-defined]
        assert str(avoided) == f"{withdrawal.defaults_avoided:,}"
        # Amounts of features on one line are never added up: no total anywhere.
        assert "Amount change" not in text


async def test_the_wide_view_shows_bad_rates_and_amounts(make_app: AppFactory, book: Path) -> None:
    app = CreditWhatIf(preset=make_app("disbursement-outage").baseline, portfolio=book)
    async with app.run_test(size=(130, 40)) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f8")
        screen = await settled(app, pilot)
        text = screen_text(app)
        for heading in ("Bad rate before → after", "Defaults avoided"):
            assert heading in text, heading
        withdrawal = expected(app)["cash_withdrawal"]
        before = withdrawal.baseline.bad_rate_usable
        cells = screen.query_one("#portfolio-summary").get_row("cash_withdrawal")  # type: ignore[attr-defined]
        assert str(cells[4]).startswith(f"{before * 100:.1f}% → ")


async def test_the_curve_follows_the_feature_the_field_and_the_levers(
    make_app: AppFactory, book: Path
) -> None:
    """Keys only: ↓ picks a feature (its curve follows), Tab reaches the field
    chooser, Enter ↓ Enter picks another field; a lever changed redraws it."""
    app = CreditWhatIf(preset=make_app("healthy").baseline, portfolio=book)
    async with app.run_test(size=(120, 40)) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f8")
        screen = await settled(app, pilot)
        panel = screen.query_one("#portfolio-frontier")
        drawn = panel.frontier  # type: ignore[attr-defined]
        assert drawn is not None and drawn.feature.id == "cash_withdrawal"
        assert drawn.field.name == "withdrawal_min_score" and drawn.own == 600
        assert drawn.outcomes and len(drawn.points) == 31
        usable = [p.usable for p in drawn.points]
        assert usable == sorted(usable, reverse=True)
        await pilot.press("down")  # installment purchase
        screen = await settled(app, pilot)
        assert panel.frontier.feature.id == "installment_purchase"  # type: ignore[attr-defined]
        select = screen.query_one("#frontier-field")
        while app.focused is not select:
            await pilot.press("tab")
        await pilot.press("enter", "down", "enter")
        screen = await settled(app, pilot)
        chosen = panel.frontier.field.name  # type: ignore[attr-defined]
        assert chosen != "full_limit_min_score" and chosen == select.value  # type: ignore[attr-defined]
        before = panel.frontier  # type: ignore[attr-defined]
        screen.query_one("#field-policy-tightening").focus()
        await pilot.press("right")
        screen = await settled(app, pilot)
        after = panel.frontier  # type: ignore[attr-defined]
        assert after.level.value == "tightened" and after.field.name == chosen
        assert after.to_json() != before.to_json()


async def test_a_lever_changed_in_the_view_recomputes(make_app: AppFactory, book: Path) -> None:
    app = CreditWhatIf(preset=make_app("healthy").baseline, portfolio=book)
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f8")
        screen = await settled(app, pilot)
        assert shown_rows(screen)["installment_purchase"][1] == "0"
        screen.query_one("#field-system-payment-network").focus()
        await pilot.press("right", "right")
        screen = await settled(app, pilot)
        assert app.scenario.system.payment_network is Health.DOWN
        lost = expected(app)["installment_purchase"].lost
        assert lost > 0 and shown_rows(screen)["installment_purchase"][1] == f"{lost:,}"
        await pilot.press("escape")
        assert app.screen is app.main_screen
        # The explorer's own lever changes apply too, when the view is opened again.
        app.policy = app.table.with_value(
            app.scenario.policy.tightening, "withdrawal_min_score", 700
        )
        await pilot.press("f8")
        screen = await settled(app, pilot)
        assert (
            shown_rows(screen)["cash_withdrawal"][1] == f"{expected(app)['cash_withdrawal'].lost:,}"
        )


async def test_the_view_speaks_chinese(make_app: AppFactory, book: Path) -> None:
    app = CreditWhatIf(preset=make_app("disbursement-outage").baseline, portfolio=book, lang="zh")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f8")
        await settled(app, pilot)
        text = screen_text(app)
        assert "资产组合影响 · 3,000 位借款人" in text and "可用人数 前 → 后" in text
        assert "Feature" not in text


async def test_f6_in_the_view_turns_the_curve_and_its_field_chinese(
    make_app: AppFactory, book: Path
) -> None:
    app = CreditWhatIf(preset=make_app("healthy").baseline, portfolio=book)
    async with app.run_test(size=(120, 40)) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f8")
        screen = await settled(app, pilot)
        assert "Withdrawal minimum score" in screen_text(app)
        await pilot.press("f6")
        await settled(app, pilot)
        text = screen_text(app)
        assert "提现最低信用分" in text and "Withdrawal minimum score" not in text
        select = screen.query_one("#frontier-field")
        assert select.value == "withdrawal_min_score"  # type: ignore[attr-defined]


async def test_the_sample_is_made_on_first_use(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREDIT_WHATIF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(live, "SAMPLE_ROWS", 2_000)
    app = make_app("healthy")
    async with app.run_test(size=NARROW) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f8")
        await settled(app, pilot)
        assert live.sample_path(2_000).is_file()
        assert app.portfolio is not None and app.portfolio.rows == 2_000


async def test_a_bad_portfolio_is_reported_and_the_explorer_kept(
    make_app: AppFactory, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,score\n1,700\n")
    app = CreditWhatIf(preset=make_app("healthy").baseline, portfolio=bad)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await explorer_ready(pilot)
        await pilot.press("f8")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.screen is app.main_screen
        [note] = list(app._notifications)
        assert note.title == "Portfolio not loaded" and str(bad) in note.message
