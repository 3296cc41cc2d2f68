"""`portfolio generate` when the disk fills up or the process is killed: one line and
exit 2, nothing half-written under the target's name, a replaced file left intact,
and a killed folder never read as a whole book.

The full-disk cases run the command in a private mount namespace on a 256 KiB tmpfs
(``unshare -rm``), so no mount outlives the test; they are skipped, saying why, where
that is not possible."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from credit_whatif.portfolio.paths import MANIFEST

COMMAND = [sys.executable, "-m", "credit_whatif"]
TMPFS = "256k"


def _namespaces_work(tmp_path: Path) -> str | None:
    """Why a tmpfs cannot be mounted here, or None when it can."""
    if shutil.which("unshare") is None:
        return "no unshare command"
    mount = tmp_path / "probe"
    mount.mkdir()
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size={TMPFS} tmpfs {mount}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode == 0 else f"cannot mount a tmpfs: {done.stderr.strip()}"


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    reason = _namespaces_work(tmp_path)
    if reason is not None:
        pytest.skip(reason)
    return tmp_path


def on_small_disk(tmp_path: Path, script: str) -> dict[str, str]:
    """Run `script` (sh) with $DISK a fresh 256 KiB tmpfs and $GENERATE the command;
    what it writes to $OUT/<name> comes back by name."""
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    generate = " ".join(shlex.quote(part) for part in [*COMMAND, "portfolio", "generate"])
    body = (
        f"mount -t tmpfs -o size={TMPFS} tmpfs {shlex.quote(str(disk))} || exit 99\n"
        f"DISK={shlex.quote(str(disk))}; OUT={shlex.quote(str(out))}\n"
        f"GENERATE={shlex.quote(generate)}\n{script}"
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-ec", body], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_text("utf-8") for p in out.iterdir()}


FULL = "expected room to write the book, found No space left on device (nothing was written)"


@pytest.mark.parametrize(
    ("target", "extra"), [("book.csv", ""), ("book.parquet", ""), ("book", "--parts 4")]
)
def test_a_full_disk_is_one_line_and_leaves_nothing(
    small_disk: Path, target: str, extra: str
) -> None:
    got = on_small_disk(
        small_disk,
        f"""
        set +e
        $GENERATE --rows 60000 {extra} "$DISK/{target}" 2>"$OUT/err"; echo $? >"$OUT/rc"
        ls -A "$DISK" >"$OUT/ls"
        """,
    )
    disk = small_disk / "disk"
    assert got["rc"].strip() == "2"
    assert got["err"] == f"credit-whatif: error: {disk / target}: (write): {FULL}\n"
    assert got["ls"] == ""  # no target, no .partial, no part


def test_a_failed_force_leaves_the_old_file_intact(small_disk: Path) -> None:
    got = on_small_disk(
        small_disk,
        """
        $GENERATE --rows 100 "$DISK/book.csv" 2>/dev/null
        sha256sum <"$DISK/book.csv" >"$OUT/before"
        set +e
        $GENERATE --rows 60000 --force "$DISK/book.csv" 2>"$OUT/err"; echo $? >"$OUT/rc"
        sha256sum <"$DISK/book.csv" >"$OUT/after"
        ls -A "$DISK" >"$OUT/ls"
        mkdir "$DISK/folder"
        $GENERATE --rows 100 --parts 2 "$DISK/folder" 2>/dev/null
        ls -A "$DISK/folder" | sort >"$OUT/folder_before"
        $GENERATE --rows 60000 --parts 3 --force "$DISK/folder" 2>"$OUT/folder_err"
        echo $? >"$OUT/folder_rc"
        ls -A "$DISK/folder" | sort >"$OUT/folder_after"
        ls -A "$DISK" >"$OUT/ls_after"
        """,
    )
    disk = small_disk / "disk"
    assert got["rc"].strip() == "2"
    assert got["err"] == f"credit-whatif: error: {disk / 'book.csv'}: (write): {FULL}\n"
    assert got["before"] == got["after"]
    assert got["ls"] == "book.csv\n"
    assert got["folder_rc"].strip() == "2"
    assert got["folder_err"] == f"credit-whatif: error: {disk / 'folder'}: (write): {FULL}\n"
    assert got["folder_after"] == got["folder_before"]
    assert got["folder_before"] == f"{MANIFEST}\npart-00000.parquet\npart-00001.parquet\n"
    assert sorted(got["ls_after"].split()) == ["book.csv", "folder"]  # no scratch folder


# --- SIGKILL -------------------------------------------------------------------------


def kill_when(
    process: subprocess.Popen[bytes], ready: Callable[[], bool], seconds: float = 60
) -> None:
    """SIGKILL `process` as soon as `ready()` is true (polled), within `seconds`."""
    deadline = time.monotonic() + seconds
    while not ready():
        assert process.poll() is None, "generate ended before it could be killed"
        assert time.monotonic() < deadline, "nothing written in time"
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def test_a_killed_folder_is_not_read_as_a_book(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    process = subprocess.Popen(
        [*COMMAND, "portfolio", "generate", "--rows", "8000000", "--parts", "80", str(folder)],
        stderr=subprocess.DEVNULL,
    )
    kill_when(process, (folder / "part-00000.parquet").exists)
    assert process.returncode == -signal.SIGKILL
    parts = sorted(p.name for p in folder.glob("*.parquet"))
    assert parts and len(parts) < 80
    done = subprocess.run(
        [*COMMAND, "impact", str(folder), "--json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"credit-whatif: error: {folder}: {MANIFEST}: expected a complete book, found an "
        "unfinished one: `portfolio generate` stopped before writing every part "
        "(generate it again with --force)\n"
    )
    sealed = subprocess.run(
        [*COMMAND, "portfolio", "seal", str(folder)], capture_output=True, check=False
    )
    assert sealed.returncode == 2  # seal would make the killed half a "whole" book
    again = subprocess.run(
        [*COMMAND, "portfolio", "generate", "--rows", "30", "--parts", "3", "--force", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        MANIFEST,
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]


def test_a_killed_file_never_appears_under_its_name(tmp_path: Path) -> None:
    target = tmp_path / "book.csv"
    process = subprocess.Popen(
        [*COMMAND, "portfolio", "generate", "--rows", "8000000", str(target)],
        stderr=subprocess.DEVNULL,
    )

    def writing() -> bool:
        return any(p.stat().st_size > 0 for p in tmp_path.glob(".book.csv.*.partial"))

    kill_when(process, writing)
    assert not target.exists()
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert all(name.startswith(".book.csv.") and name.endswith(".partial") for name in leftovers)
    again = subprocess.run(
        [*COMMAND, "portfolio", "generate", "--rows", "30", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["book.csv"]  # the killed run's file is gone


def test_only_a_dead_run_s_leftovers_are_removed(tmp_path: Path) -> None:
    from credit_whatif.portfolio.generate import generate

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    dead, alive = finished.pid, os.getpid()
    target = tmp_path / "book"
    stale_file = tmp_path / f".book.{dead}-0123abcd.partial"
    live_file = tmp_path / f".book.{alive}-0123abcd.partial"
    stale_parts = tmp_path / f".book.{dead}-89abcdef.generating"
    mixed = tmp_path / f".book.{dead}-00000000.generating"
    replaced = tmp_path / f".book.{dead}-11111111.replaced"
    for folder in (stale_parts, mixed, replaced):
        folder.mkdir()
        (folder / "part-00000.parquet").write_bytes(b"PAR1")
    (mixed / "notes.txt").write_text("mine")
    for file in (stale_file, live_file):
        file.write_bytes(b"id\n")
    generate(target, 10, parts=2)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["book", live_file.name, mixed.name, replaced.name])
    assert (mixed / "notes.txt").read_text() == "mine"  # only a generate's own files go
    assert (replaced / "part-00000.parquet").exists()  # maybe the only copy of a book
