"""The ``credit-whatif`` command's start (launch.run): the explorer's options alone
open the explorer without click; anything else, and any option that cannot be used,
goes to the command line, which parses and reports it as before."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_whatif.cli import main
from credit_whatif.launch import ExplorerRequest, explorer_request, run
from credit_whatif.tui.app import CreditWhatIf


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ExplorerRequest()),
        (["--preset", "score-drop"], ExplorerRequest(preset="score-drop")),
        (["--preset=score-drop", "--lang", "zh"], ExplorerRequest(preset="score-drop", lang="zh")),
        (
            ["--policy", "growth", "--portfolio", "book", "--lang=en"],
            ExplorerRequest(policy="growth", portfolio=Path("book"), lang="en"),
        ),
        (["--preset", ""], ExplorerRequest(preset="")),
    ],
)
def test_the_explorers_options_alone_open_it_without_the_command_line(
    args: list[str], expected: ExplorerRequest
) -> None:
    assert explorer_request(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["eval"],  # a command
        ["--help"],
        ["-h"],
        ["--preset"],  # no value
        ["--preset", "--lang", "zh"],  # a value that looks like an option
        ["--preset", "a", "--preset", "b"],  # twice
        ["--lang", "fr"],  # not a language
        ["--lang", "EN"],
        ["--pre", "healthy"],  # click's own error
        ["--preset", "healthy", "extra"],
        ["--", "--preset", "healthy"],
    ],
)
def test_anything_else_goes_to_the_command_line(args: list[str]) -> None:
    assert explorer_request(args) is None


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


@pytest.mark.usefixtures("collector_restored")
def test_the_explorer_opens_as_asked_with_the_collector_paused_until_it_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[object] = []

    def fake_run(app: CreditWhatIf) -> None:
        seen.append((app.baseline.name, app.table.name, app.lang, gc.isenabled()))
        assert app.when_built is not None
        app.when_built()
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))

    monkeypatch.setattr(CreditWhatIf, "run", fake_run)
    run(["--preset", "score-drop", "--policy", "growth", "--lang", "zh"])
    assert seen == [("Score drop", "Growth policy", "zh", False), (True, True)]


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_is_on_again_when_the_explorer_ends_before_it_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(CreditWhatIf, "run", lambda app: None)
    run([])
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
@pytest.mark.parametrize(
    "args",
    [
        ["--preset", "no-such-preset"],
        ["--policy", "no-such-policy", "--lang", "zh"],
        ["--portfolio", "no-such-book.csv"],
    ],
)
def test_an_option_that_cannot_be_used_is_reported_by_the_command_line(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(args)
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert gc.isenabled()
    expected = CliRunner().invoke(main, args, catch_exceptions=False)
    assert (expected.exit_code, expected.stderr) == (2, err)
    assert err.count("\n") == 1


@pytest.mark.usefixtures("collector_restored")
def test_a_command_runs_with_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(
        "credit_whatif.listing.print_listing_json", lambda *_args: seen.append(gc.isenabled())
    )
    with pytest.raises(SystemExit) as exited:
        run(["presets", "--json"])
    assert exited.value.code == 0
    assert seen == [True]


def test_the_explorer_opens_without_importing_click() -> None:
    code = (
        "import sys\n"
        "from credit_whatif.tui.app import CreditWhatIf\n"
        "CreditWhatIf.run = lambda self: print('CLICK', 'click' in sys.modules)\n"
        "from credit_whatif.launch import run\n"
        "run(['--preset', 'healthy'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "CLICK False"
