"""Explorer benchmarks in a real pseudo-terminal, each against a bare Textual floor.

A key press is timed from writing its bytes to the pty until the repainted screen
bytes come back (not through pilot.press, whose own sleeps dominate); start-up is
timed from process start until the first complete frame arrives.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from timing import show

HERE = Path(__file__).parent
COLUMNS, LINES = 120, 40
RIGHT = b"\x1b[C"
CTRL_Q = b"\x11"

# (command, bytes that mark the first complete frame, keys that focus what the key
# changes, the key whose effect is timed)
EXPLORER = (
    [sys.executable, "-m", "credit_whatif", "--preset", "healthy", "--lang", "en"],
    b"features are available",
    b"\t\t",  # from the features table, past the tabs, to the score slider
    RIGHT,
)
# The inputs arrive after the first frame (Lazy): when their first label is on screen,
# the whole explorer is there.
INTERACTIVE = b"Credit score"
BARE = ([sys.executable, str(HERE / "bare_app.py")], b"READY", b"", RIGHT)


class Terminal:
    """A command running in a pseudo-terminal of COLUMNS x LINES."""

    def __init__(self, argv: list[str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            "TEXTUAL_ANIMATIONS": "none",
        }
        env.pop("NO_COLOR", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.buffer = b""

    def read_until(self, marker: bytes, timeout: float = 20.0) -> float:
        """Seconds until `marker` appears in output not yet consumed."""
        deadline = time.perf_counter() + timeout
        while marker not in self.buffer:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{marker!r} not seen; last output {self.buffer[-300:]!r}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    raise TimeoutError("terminal closed") from None
                self.buffer += chunk
        found_at = time.perf_counter()
        self.buffer = self.buffer[self.buffer.index(marker) + len(marker) :]
        return found_at

    def settle(self, quiet: float = 0.3) -> None:
        """Wait until no output for `quiet` seconds (the app is idle)."""
        while True:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                self.buffer = b""
                return
            self.buffer += os.read(self.master, 65536)

    def press(self, key: bytes, marker: bytes) -> float:
        sent = time.perf_counter()
        os.write(self.master, key)
        return self.read_until(marker) - sent

    def close(self) -> None:
        try:
            os.write(self.master, CTRL_Q)
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


Spec = tuple[list[str], bytes, bytes, bytes]


def cold_start(spec: Spec, then: bytes | None = None) -> tuple[float, float]:
    """Seconds from process start to the first frame (`spec`'s marker), and to `then`."""
    argv, ready, _, _ = spec
    terminal = Terminal(argv)
    try:
        first = terminal.read_until(ready) - terminal.started
        if then is None or then in terminal.buffer:
            return first, first
        return first, terminal.read_until(then) - terminal.started
    finally:
        terminal.close()


def keypresses(spec: Spec, count: int) -> list[float]:
    """Times of `count` presses, each until the new score's digits reach the screen."""
    argv, ready, focus, key = spec
    terminal = Terminal(argv)
    try:
        terminal.read_until(ready)
        terminal.settle()
        if focus:
            os.write(terminal.master, focus)
            terminal.settle()
        samples = []
        value = 720
        for _ in range(count):
            value += 1
            samples.append(terminal.press(key, str(value).encode()))
            terminal.settle(0.15)
        return samples
    finally:
        terminal.close()


def bench_keypress(quick: bool) -> None:
    print("\n== 5. explorer: key press to repainted screen bytes in a pty", flush=True)
    count = 5 if quick else 40
    floor = keypresses(BARE, count)
    show("floor: bare Textual app, same widgets", floor, "ms")
    show("credit-whatif explorer, score +1", keypresses(EXPLORER, count), "ms", floor=floor)


def bench_cold_start(quick: bool) -> None:
    print("\n== 6a. explorer cold start: process start to the screen", flush=True)
    runs = 2 if quick else 10
    floor = [cold_start(BARE)[0] for _ in range(runs)]
    show("floor: bare Textual app with a DataTable", floor, "ms")
    ours = [cold_start(EXPLORER, INTERACTIVE) for _ in range(runs)]
    show("credit-whatif: headline and features table", [o[0] for o in ours], "ms", floor=floor)
    show("credit-whatif: whole explorer (inputs too)", [o[1] for o in ours], "ms", floor=floor)


# Peak RSS from /proc (VmHWM): getrusage's ru_maxrss survives exec, so a child of
# this (large) benchmark process would report the parent's peak instead of its own.
PEAK_RSS = "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])"
MEMORY_PROBE = """
import asyncio
from credit_whatif.files.presets import list_presets, resolve_preset
from credit_whatif.tui.app import CreditWhatIf

async def main():
    app = CreditWhatIf(preset=resolve_preset("healthy"), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        for entry in list_presets():
            if entry.preset is not None:
                app.load(entry.preset)
                await pilot.pause()
        app.lang = "zh"
        await pilot.pause()


asyncio.run(main())
print(PEAK)
""".replace("PEAK", PEAK_RSS)


def bench_memory() -> None:
    print("\n== 7. explorer peak memory after loading every preset", flush=True)
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], check=True, capture_output=True, text=True
    ).stdout.split()
    floor = subprocess.run(
        [sys.executable, "-c", f"print({PEAK_RSS})"], check=True, capture_output=True, text=True
    ).stdout.split()
    print(
        f"{'peak RSS (headless app, every preset, both languages)':<52} "
        f"{int(out[-1]) / 1024:8.1f} MB   (bare python: {int(floor[-1]) / 1024:.1f} MB)"
    )
