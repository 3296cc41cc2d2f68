#!/usr/bin/env python3
"""Set up the project's virtual environment and run a task in it.

Needs only Python 3.11+ and a package index:

    python3 dev.py run [ARGS]   open the explorer (on the default preset)
    python3 dev.py test [ARGS]  run the whole test suite (pytest)
    python3 dev.py lint         ruff and mypy
    python3 dev.py bench        benchmarks

The venv lives in .venv and is reinstalled only when pyproject.toml or
constraints.txt change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
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


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"credit-whatif needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print("dev.py: creating .venv", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    wanted = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("dev.py: installing credit-whatif and its test tools into .venv", file=sys.stderr)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run(
        [*pip, "-c", str(ROOT / "constraints.txt"), "-e", f"{ROOT}[test,dev,bench]"], check=True
    )
    STAMP.write_text(wanted)


def run(*args: str) -> int:
    return subprocess.run([str(PYTHON), *args], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task not in {"run", "test", "lint", "bench", "setup"}:
        print(__doc__)
        return 0 if task == "help" else 2
    ensure_venv()
    if task == "run":
        return run("-m", "credit_whatif", *rest)
    if task == "test":
        return run("-m", "pytest", *rest)
    if task == "lint":
        return run("-m", "ruff", "check", "src", "tests", "benchmarks") or run("-m", "mypy")
    if task == "bench":
        return run(str(ROOT / "benchmarks" / "run.py"), *rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
