#!/usr/bin/env python3
"""Set up the project's virtual environment and run a task in it.

Needs only Python 3.11+ and a package index:

    python3 dev.py run [ARGS]   open the explorer (on the default preset)
    python3 dev.py test [ARGS]  run the whole test suite (pytest, on every core)
    python3 dev.py lint         ruff and mypy
    python3 dev.py bench        benchmarks

The venv lives in .venv. Each task installs only what it needs (``run`` the
explorer's own dependencies; ``test`` adds the test tools and Dask; ``lint`` ruff and
mypy; ``bench`` the benchmark's second engine), once, and again only when
pyproject.toml or constraints.txt change. While it installs, each package is named as
it is fetched and counted as it is installed, so a first run never looks hung.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
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
# The optional dependencies (pyproject.toml's extras) each task needs on top of the
# explorer's own.
EXTRAS: dict[str, tuple[str, ...]] = {
    "run": (),
    "setup": ("test", "dev", "bench"),
    "test": ("test",),
    "lint": ("test", "dev"),  # mypy reads the test tools' types too
    "bench": ("test", "bench"),
}


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


def _site_packages() -> Path:
    out = subprocess.run(
        [str(PYTHON), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def _installed(site: Path) -> set[str]:
    return {p.name for p in site.glob("*.dist-info")}


class InstallWatch:
    """Counts packages as pip installs them (each leaves a ``.dist-info`` folder), so
    the quiet minute after "Installing collected packages" shows progress."""

    def __init__(self, site: Path, total: int) -> None:
        self.site, self.total = site, total
        self.before = _installed(site)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        seen: set[str] = set()
        while True:
            stopping = self.stop.wait(0.25)
            for name in sorted(_installed(self.site) - self.before - seen):
                seen.add(name)
                package = name.removesuffix(".dist-info").rsplit("-", 1)[0]
                count = min(len(seen), self.total)
                line = f"dev.py:   [{count}/{self.total}] installed {package}"
                print(line, file=sys.stderr, flush=True)
            if stopping:  # one last look once pip is done
                return

    def __enter__(self) -> InstallWatch:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        self.thread.join()


def _pip(args: list[str]) -> None:
    command = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", *args]
    site = _site_packages()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    ) as process:
        assert process.stdout is not None
        seen: list[str] = []
        watch: InstallWatch | None = None

        def lines() -> Iterator[str]:
            for line in process.stdout:  # type: ignore[union-attr]
                seen.append(line)
                yield line

        for shown in progress_lines(lines()):
            print(shown, file=sys.stderr, flush=True)
            found = re.search(r"installing (\d+) package", shown)
            if found and watch is None:
                watch = InstallWatch(site, int(found.group(1))).__enter__()
        code = process.wait()
        if watch is not None:
            watch.__exit__()
        if code != 0:
            sys.stderr.write("".join(seen[-40:]))
            raise SystemExit(f"dev.py: pip failed (exit {process.returncode}); its output is above")


def _stamp() -> tuple[str, set[str]]:
    """What the venv was installed from, and with which extras."""
    try:
        record = json.loads(STAMP.read_text())
        return str(record["inputs"]), set(record["extras"])
    except (OSError, ValueError, KeyError, TypeError):
        return "", set()


def ensure_venv(task: str = "setup") -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under whatever python3 is
        sys.exit(f"credit-whatif needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print("dev.py: creating .venv", file=sys.stderr, flush=True)
        venv.create(VENV, with_pip=True)
    wanted = _fingerprint()
    inputs, extras = _stamp()
    needed = set(EXTRAS[task])
    if inputs == wanted and needed <= extras:
        return
    # Keep what is there: a `run` after a `test` does not take the test tools away.
    extras = (extras if inputs == wanted else set()) | needed
    started = time.monotonic()
    if inputs and inputs != wanted:
        why = "pyproject.toml or constraints.txt changed"
    elif inputs:
        why = f"adding what `{task}` needs"
    else:
        why = "first run only"
    what = "credit-whatif" + (f" with {', '.join(sorted(extras))} tools" if extras else "")
    print(f"dev.py: installing {what} into .venv ({why})", file=sys.stderr, flush=True)
    _pip(["--upgrade", "pip"])
    target = f"{ROOT}[{','.join(sorted(extras))}]" if extras else str(ROOT)
    _pip(["-c", str(ROOT / "constraints.txt"), "-e", target])
    STAMP.write_text(json.dumps({"inputs": wanted, "extras": sorted(extras)}))
    print(f"dev.py: ready in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)


def run(*args: str) -> int:
    return subprocess.run([str(PYTHON), *args], check=False, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task not in {"run", "test", "lint", "bench", "setup"}:
        print(__doc__)
        return 0 if task == "help" else 2
    ensure_venv(task)
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
