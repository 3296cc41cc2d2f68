#!/usr/bin/env python3
"""Benchmarks against the anchors a user would compare with.

    python3 dev.py bench            full run (numbers for the README)
    python3 dev.py bench --quick    few iterations, so CI keeps the suite from rotting

Each figure is a median with min and max over repeated runs; where there is an
anchor, the ratio is measured in the same run, because this machine is shared and
noisy (ratios, not absolute times, are what we compare). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import compileall
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

import zen_port  # noqa: E402
from timing import sample, show  # noqa: E402


def compile_package() -> None:
    """Byte-compile credit_whatif, as pip does for an installed package and Python on
    a first import. Where PYTHONDONTWRITEBYTECODE is set (as on CI) nothing else
    writes the bytecode, and every start would compile the package's ~70 modules
    again (about 130 ms) - a cost no installed copy pays."""
    import credit_whatif

    compileall.compile_dir(Path(credit_whatif.__file__).parent, quiet=1)


def heading(text: str) -> None:
    print(f"\n== {text}", flush=True)


def bench_evaluate(quick: bool, scenarios: list[Any], contexts: list[dict[str, Any]]) -> None:
    from credit_whatif.domain import evaluate
    from credit_whatif.files.policies import default_policy

    table = default_policy()

    heading("1. evaluate(): all six features, every rule, every reason")
    engine = zen_port.engine()
    repeat, number = (5, 2) if quick else (25, 20)

    def ours() -> None:
        for scenario in scenarios:
            for result in evaluate(scenario, table).features:
                for reason in result.reasons:
                    reason.message  # noqa: B018 - build both languages' sentences too

    def theirs() -> None:
        for context in contexts:
            engine.evaluate(zen_port.KEY, context)

    n = len(scenarios)
    zen_times = [t / n for t in sample(theirs, repeat, number)]
    show("zen-engine ZenEngine.evaluate (per scenario)", zen_times)
    show(
        "credit-whatif evaluate + messages (per scenario)",
        [t / n for t in sample(ours, repeat, number)],
        faster_than=zen_times,
    )
    bare = [t / n for t in sample(lambda: [evaluate(s, table) for s in scenarios], repeat, number)]
    show("credit-whatif evaluate, reasons unformatted", bare, faster_than=zen_times)


def bench_explain(quick: bool, presets: list[Any]) -> None:
    from credit_whatif.domain import evaluate
    from credit_whatif.domain.explain import explain
    from credit_whatif.files.policies import default_policy

    table = default_policy()

    heading("2. counterfactuals for all six features of one scenario")
    repeat, number = (5, 5) if quick else (25, 40)
    worst = ("", 0.0)
    for preset in presets:
        evaluation = evaluate(preset.scenario, table)
        samples = sample(lambda e=evaluation: explain(e), repeat, number)
        if statistics.median(samples) > worst[1]:
            worst = (preset.slug, statistics.median(samples))
        show(f"explain(evaluate) {preset.slug}", samples)
    print(f"{'slowest bundled preset':<52} {worst[0]} ({worst[1] * 1e6:.1f} µs)")


def bench_sweep(quick: bool, presets: list[Any]) -> None:
    from credit_whatif.domain.sweep import sweep
    from credit_whatif.files.policies import default_policy

    table = default_policy()

    heading("3. 601-point score sweep, all features")
    engine = zen_port.engine()
    repeat, number = (3, 2) if quick else (15, 10)
    for preset in presets:
        base = zen_port.context(preset.scenario)
        requests = []
        for score in range(350, 951):
            context = {**base, "borrower": {**base["borrower"], "score": score}}
            requests.append({"key": zen_port.KEY, "context": context})
        zen_times = sample(lambda r=requests: engine.evaluate_batch(r), repeat, max(1, number // 5))
        show(f"zen-engine evaluate_batch x601 {preset.slug}", zen_times, "ms")
        ours = sample(lambda s=preset.scenario: sweep(s, table), repeat, number)
        show(f"credit-whatif sweep {preset.slug}", ours, "ms", faster_than=zen_times)


def bench_eval_many(quick: bool) -> None:
    import tomli_w

    heading("4. credit-whatif eval --json over 1,000 preset files, one process")
    rng = random.Random(11)
    runs = 2 if quick else 7
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(1000):
            path = Path(folder) / f"p{index:04}.toml"
            data = {"name": f"random {index}", **zen_port.random_scenario_dict(rng)}
            path.write_text(tomli_w.dumps(data), encoding="utf-8")
            paths.append(str(path))
        command = [sys.executable, "-m", "credit_whatif", "eval", "--json", *paths]
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            out = subprocess.run(command, check=True, capture_output=True).stdout
            samples.append(time.perf_counter() - start)
        assert out.count(b"\n") == 1000
        show("whole process, 1,000 presets", samples, "ms")
        print(f"{'':<52} = {statistics.median(samples) / 1000 * 1e3:.2f} ms per preset")


def bench_startup(quick: bool) -> None:
    heading("6b. start-up of the headless commands (no Textual import)")
    runs = 3 if quick else 15
    for label, args in (
        ("credit-whatif --help", ["--help"]),
        ("credit-whatif eval healthy", ["eval", "healthy"]),
        ("credit-whatif eval --json healthy", ["eval", "--json", "healthy"]),
    ):
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "credit_whatif", *args], check=True, capture_output=True
            )
            samples.append(time.perf_counter() - start)
        show(label, samples, "ms")
    bare = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    show("floor: python -c pass", bare, "ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few iterations (CI)")
    parser.add_argument("--only", help="comma-separated section numbers, e.g. 1,3")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    compile_package()

    from credit_whatif.files.presets import list_presets

    presets = [e.preset for e in list_presets() if e.preset is not None and e.origin == "bundled"]
    scenarios = [p.scenario for p in presets]
    contexts = [zen_port.context(s) for s in scenarios]
    print(
        f"python {sys.version.split()[0]}; quick={args.quick}; {len(presets)} bundled presets; "
        "credit_whatif byte-compiled first, as an installed copy is"
    )

    heading("0. agreement: both engines, 10,000 random scenarios")
    start = time.perf_counter()
    compared = zen_port.check_agreement(10_000)
    print(
        f"{compared:,} feature outcomes (status and amount) agree "
        f"({time.perf_counter() - start:.1f} s)"
    )

    sections: dict[str, Callable[[], None]] = {
        "1": lambda: bench_evaluate(args.quick, scenarios, contexts),
        "2": lambda: bench_explain(args.quick, presets),
        "3": lambda: bench_sweep(args.quick, presets),
        "4": lambda: bench_eval_many(args.quick),
        "6": lambda: bench_startup(args.quick),
    }
    try:
        import explorer_bench

        sections["5"] = lambda: explorer_bench.bench_keypress(args.quick)
        sections["6a"] = lambda: explorer_bench.bench_cold_start(args.quick)
        sections["7"] = explorer_bench.bench_memory
    except ImportError as exc:
        print(f"(explorer benchmarks unavailable: {exc})")
    import portfolio_bench

    sections["8"] = lambda: portfolio_bench.run(args.quick, prefix="8.")
    for key in sorted(sections):
        if only is None or key in only or key.rstrip("ab") in only:
            sections[key]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
