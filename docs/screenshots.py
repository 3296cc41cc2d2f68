"""Regenerate the README's screenshots: ``.venv/bin/python docs/screenshots.py``.

Each is the real explorer driven headless by key presses, saved as SVG.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from credit_whatif.domain.enums import Health, Lang, Tightening
from credit_whatif.domain.keypath import with_values
from credit_whatif.files.presets import resolve_preset
from credit_whatif.portfolio.generate import generate
from credit_whatif.tui.app import CreditWhatIf

HERE = Path(__file__).resolve().parent


async def settle(app: CreditWhatIf, pilot: object) -> None:
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


async def explorer(
    name: str, preset: str, lang: Lang, size: tuple[int, int], keys: tuple[str, ...] = ()
) -> None:
    app = CreditWhatIf(preset=resolve_preset(preset), lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press(*keys)
        await settle(app, pilot)
        app.save_screenshot(filename=name, path=str(HERE))
    print(f"wrote docs/{name}")


async def portfolio(name: str, book: Path) -> None:
    app = CreditWhatIf(preset=resolve_preset("healthy"), lang="en", portfolio=book)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # The disbursement channel degraded at peak, and the policy tightened.
        app.scenario = with_values(
            app.scenario,
            {"system.disbursement": Health.DEGRADED, "policy.tightening": Tightening.TIGHTENED},
        )
        await pilot.press("f8")
        await settle(app, pilot)
        app.save_screenshot(filename=name, path=str(HERE))
    print(f"wrote docs/{name}")


async def main() -> None:
    # Down to the first limited feature, so the details explain a cap.
    await explorer("explorer.svg", "interrupted-yet-usable", "en", (120, 40), ("down",))
    await explorer("explorer-zh-80x24.svg", "interrupted-yet-usable", "zh", (80, 24))
    with tempfile.TemporaryDirectory() as folder:
        # Relative, so the view's header names the file as a user would have typed it.
        os.chdir(folder)
        generate(Path("book.parquet"), 200_000, seed=7)
        await portfolio("portfolio.svg", Path("book.parquet"))


if __name__ == "__main__":
    asyncio.run(main())
