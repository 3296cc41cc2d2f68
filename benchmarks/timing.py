"""How every benchmark samples and prints: median, min and max, and a ratio to its
anchor measured in the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

Timings = list[float]
SCALE = {"µs": 1e6, "ms": 1e3, "s": 1.0}


def sample(func: Callable[[], object], repeat: int, number: int) -> Timings:
    """`repeat` samples of the mean time of `number` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        samples.append((time.perf_counter() - start) / number)
    return samples


def sample_together(funcs: dict[str, Callable[[], object]], repeat: int) -> dict[str, Timings]:
    """`repeat` timings of each function, taken in turn (one of each per round), so
    that a ratio between them is measured under the same load of a shared machine."""
    samples: dict[str, Timings] = {name: [] for name in funcs}
    for _ in range(repeat):
        for name, func in funcs.items():
            start = time.perf_counter()
            func()
            samples[name].append(time.perf_counter() - start)
    return samples


def show(
    label: str,
    samples: Timings,
    unit: str = "µs",
    *,
    faster_than: Timings | None = None,
    floor: Timings | None = None,
) -> None:
    """One line per figure; `faster_than` prints anchor/ours (a speed-up), `floor`
    prints ours/floor (how far above the least possible)."""
    scale = SCALE[unit]
    median = statistics.median(samples)
    line = (
        f"{label:<52} median {median * scale:9.1f} {unit}  "
        f"min {min(samples) * scale:9.1f}  max {max(samples) * scale:9.1f}"
    )
    if faster_than is not None:
        line += f"   {statistics.median(faster_than) / median:6.1f}x faster"
    if floor is not None:
        line += f"   {median / statistics.median(floor):5.2f}x the floor"
    print(line, flush=True)
