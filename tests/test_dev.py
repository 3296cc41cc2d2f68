"""dev.py, the two quick-start commands' helper: what a first run shows while pip works."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PIP_OUTPUT = """\
Obtaining file:///work/main
  Installing build dependencies: started
Collecting textual>=8.0 (from credit-whatif==0.2.0)
  Using cached textual-8.2.8-py3-none-any.whl (710 kB)
Collecting rich>=14
  Downloading rich-15.0.0-py3-none-any.whl (243 kB)
Collecting polars[pyarrow]>=2.1; python_version >= "3.11"
Requirement already satisfied: attrs in ./.venv/lib/python3.11/site-packages
Installing collected packages: textual, rich, polars
Successfully installed polars-2.1.0 rich-15.0.0 textual-8.2.8
"""


def test_a_first_run_names_each_package_as_it_is_fetched() -> None:
    shown = list(load_dev().progress_lines(PIP_OUTPUT.splitlines()))
    assert shown == [
        "dev.py:   [1] fetching textual",
        "dev.py:   [2] fetching rich",
        "dev.py:   [3] fetching polars",
        "dev.py:   installing 3 packages (this takes a moment)",
    ]


def test_one_package_is_one_package() -> None:
    shown = list(load_dev().progress_lines(["Installing collected packages: credit-whatif"]))
    assert shown == ["dev.py:   installing 1 package (this takes a moment)"]


def test_the_test_command_uses_every_core_unless_told(monkeypatch: object) -> None:
    dev = load_dev()
    calls: list[tuple[str, ...]] = []
    dev.ensure_venv = lambda task="setup": None  # type: ignore[attr-defined]
    dev.run = lambda *args: calls.append(args) or 0  # type: ignore[attr-defined]
    assert dev.main(["test"]) == 0
    assert dev.main(["test", "-n", "0", "tests/test_dev.py"]) == 0
    assert calls == [
        ("-m", "pytest", "-n", "auto"),
        ("-m", "pytest", "-n", "0", "tests/test_dev.py"),
    ]


def test_each_task_installs_only_what_it_needs_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: object
) -> None:
    dev = load_dev()
    installs: list[str] = []
    dev.STAMP = tmp_path / "stamp"  # type: ignore[attr-defined]
    dev.PYTHON = Path(__file__)  # type: ignore[attr-defined]  # "exists": no venv made
    dev._pip = lambda args: installs.append(args[-1])  # type: ignore[attr-defined]
    root = str(dev.ROOT)  # type: ignore[attr-defined]
    for task in ("run", "run", "test", "run", "lint", "bench", "test"):
        dev.ensure_venv(task)  # type: ignore[attr-defined]
    assert installs == [
        "pip", root,  # run: the explorer's own dependencies only
        "pip", f"{root}[test]",
        "pip", f"{root}[dev,test]",
        "pip", f"{root}[bench,dev,test]",
    ]  # fmt: skip


def test_the_install_is_counted_as_packages_land(tmp_path: Path) -> None:
    dev = load_dev()
    watch = dev.InstallWatch(tmp_path, 2)  # type: ignore[attr-defined]
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), watch:
        (tmp_path / "rich-15.0.0.dist-info").mkdir()
        (tmp_path / "polars-2.1.0.dist-info").mkdir()
        import time

        deadline = time.monotonic() + 5
        while err.getvalue().count("installed") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert err.getvalue().splitlines() == [
        "dev.py:   [1] installed polars".replace("[1]", "[1/2]"),
        "dev.py:   [2/2] installed rich",
    ]
