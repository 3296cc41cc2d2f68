#!/usr/bin/env python3
"""Benchmarks: median, min and max over many runs of each measured operation.

    python3 dev.py bench            full run
    python3 dev.py bench --quick    a few iterations, so CI keeps the suite from rotting

Times are printed, never asserted: this machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(label: str, func: Callable[[], object], repeat: int, number: int) -> float:
    """Run `func` `number` times per sample, `repeat` samples; print per-call figures."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        samples.append((time.perf_counter() - start) / number)
    median = statistics.median(samples)
    print(
        f"{label:<44} median {median * 1e6:10.1f} µs   "
        f"min {min(samples) * 1e6:10.1f} µs   max {max(samples) * 1e6:10.1f} µs"
    )
    return median


def bench_evaluate(quick: bool) -> None:
    from credit_whatif.domain import evaluate
    from credit_whatif.presets import list_presets

    scenarios = [e.preset.scenario for e in list_presets() if e.preset is not None]

    def all_presets() -> None:
        for scenario in scenarios:
            evaluate(scenario)

    repeat, number = (3, 20) if quick else (30, 200)
    label = f"evaluate() x {len(scenarios)} bundled presets"
    per_batch = measure(label, all_presets, repeat, number)
    print(f"{'':<44} = {per_batch / len(scenarios) * 1e6:.1f} µs per scenario")

    def with_messages() -> None:
        for scenario in scenarios:
            for result in evaluate(scenario).features:
                for reason in result.reasons:
                    reason.message  # noqa: B018 - building both languages is the point

    measure("evaluate() + every reason's en/zh message", with_messages, repeat, number // 2)


def bench_cli(quick: bool) -> None:
    runs = 3 if quick else 15
    for label, args in (
        ("credit-whatif --help (process)", ["--help"]),
        ("credit-whatif eval healthy (process)", ["eval", "healthy"]),
        ("credit-whatif eval --json all presets", ["eval", "--json", *_slugs()]),
    ):
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "credit_whatif", *args],
                check=True,
                capture_output=True,
            )
            samples.append(time.perf_counter() - start)
        print(
            f"{label:<44} median {statistics.median(samples) * 1e3:8.1f} ms   "
            f"min {min(samples) * 1e3:8.1f} ms   max {max(samples) * 1e3:8.1f} ms"
        )


def _slugs() -> list[str]:
    return sorted(p.stem for p in (ROOT / "presets").glob("*.toml"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few iterations (CI)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {sys.platform}; quick={args.quick}")
    bench_evaluate(args.quick)
    bench_cli(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
