#!/usr/bin/env python3
"""Set up the project's virtual environment and run a task in it.

Needs only Python 3.11+ and a package index:

    python3 dev.py run [ARGS]   open the explorer (on the default preset)
    python3 dev.py test [ARGS]  run the whole test suite (pytest, on every core)
    python3 dev.py lint         ruff and mypy
    python3 dev.py bench        benchmarks

The venv lives in .venv and is reinstalled only when pyproject.toml or
constraints.txt change. While it installs, each package is named as it is fetched,
so a first run never looks hung.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
import venv
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".credit-whatif-installed"
INPUTS = ("pyproject.toml", "constraints.txt")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


_COLLECTING = re.compile(r"^Collecting (\S+)")
_INSTALLING = re.compile(r"^Installing collected packages: (.+)")


def progress_lines(pip_output: Iterable[str]) -> Iterator[str]:
    """What to show of pip's output: one line per package fetched, then the install."""
    fetched = 0
    for line in pip_output:
        found = _COLLECTING.match(line.strip())
        if found:
            fetched += 1
            name = re.split(r"[<>=!~\[;]", found.group(1))[0]
            yield f"dev.py:   [{fetched}] fetching {name}"
            continue
        found = _INSTALLING.match(line.strip())
        if found:
            count = len(found.group(1).split(","))
            packages = "package" if count == 1 else "packages"
            yield f"dev.py:   installing {count} {packages} (this takes a moment)"


def _pip(args: list[str]) -> None:
    command = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", *args]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    ) as process:
        assert process.stdout is not None
        seen: list[str] = []

        def lines() -> Iterator[str]:
            for line in process.stdout:  # type: ignore[union-attr]
                seen.append(line)
                yield line

        for shown in progress_lines(lines()):
            print(shown, file=sys.stderr, flush=True)
        if process.wait() != 0:
            sys.stderr.write("".join(seen[-40:]))
            raise SystemExit(f"dev.py: pip failed (exit {process.returncode}); its output is above")


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under whatever python3 is
        sys.exit(f"credit-whatif needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print("dev.py: creating .venv", file=sys.stderr, flush=True)
        venv.create(VENV, with_pip=True)
    wanted = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    started = time.monotonic()
    why = "pyproject.toml or constraints.txt changed" if STAMP.exists() else "first run only"
    print(
        f"dev.py: installing credit-whatif and its test tools into .venv ({why})",
        file=sys.stderr,
        flush=True,
    )
    _pip(["--upgrade", "pip"])
    _pip(["-c", str(ROOT / "constraints.txt"), "-e", f"{ROOT}[test,dev,bench]"])
    STAMP.write_text(wanted)
    print(f"dev.py: ready in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)


def run(*args: str) -> int:
    return subprocess.run([str(PYTHON), *args], check=False, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task not in {"run", "test", "lint", "bench", "setup"}:
        print(__doc__)
        return 0 if task == "help" else 2
    ensure_venv()
    if task == "run":
        # Start from bytecode even where Python is told not to write it
        # (PYTHONDONTWRITEBYTECODE): compiling every module again costs each start
        # about 130 ms. Only changed modules are compiled.
        run("-m", "compileall", "-q", str(ROOT / "src"))
        return run("-m", "credit_whatif", *rest)
    if task == "test":
        # Every core unless told otherwise (pytest -n N, or -n 0 for one process).
        workers = [] if any(a == "-n" or a.startswith("-n") for a in rest) else ["-n", "auto"]
        return run("-m", "pytest", *workers, *rest)
    if task == "lint":
        return run("-m", "ruff", "check", "src", "tests", "benchmarks", "dev.py") or run(
            "-m", "mypy"
        )
    if task == "bench":
        return run(str(ROOT / "benchmarks" / "run.py"), *rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
