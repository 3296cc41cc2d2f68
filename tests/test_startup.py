"""The explorer's start-up: the garbage collector is paused while it starts (cli.main)
and on again, with what the start built frozen, once the whole explorer is on screen,
or when the command ends another way."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from credit_whatif.cli import main
from credit_whatif.tui.app import CreditWhatIf


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_is_on_again_with_the_start_frozen_once_the_explorer_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[bool, int]] = []

    def run(app: CreditWhatIf) -> None:
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        assert app.when_built is not None
        app.when_built()  # what the app calls once its workspace is on screen
        seen.append((gc.isenabled(), gc.get_freeze_count()))

    monkeypatch.setattr(CreditWhatIf, "run", run)
    result = CliRunner().invoke(main, ["--preset", "healthy"], catch_exceptions=False)
    assert result.exit_code == 0
    [(starting, _), (built, frozen)] = seen
    assert not starting
    assert built and frozen > 0


@pytest.mark.usefixtures("collector_restored")
@pytest.mark.parametrize("args", [["--preset", "no-such-preset"], ["--policy", "no-such-policy"]])
def test_the_collector_is_on_again_when_the_explorer_cannot_start(args: list[str]) -> None:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert gc.isenabled()
