#!/usr/bin/env python3
"""Portfolio impact: the columnar kernel against evaluate() row by row, the explorer's
lever change, Dask on a local 2-worker cluster, peak memory, a frontier against one
impact pass, and impact against a hand-written floor (:mod:`impact_floor`).

    python benchmarks/portfolio_bench.py            10,000,000 rows (numbers for the docs)
    python benchmarks/portfolio_bench.py --quick    200,000 rows, few repeats

Every ratio is measured in the same run (sections 7 and 8 take their samples in
turn, one of each per round). Nothing is asserted. The generated portfolios (with
the outcome columns) are kept in the cache folder (benchmarks/ of ``cache_dir()``),
so only the first run pays for generating them (that time is printed too).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from timing import sample, sample_together, show

PARTS = 8
SEED = 12
SAMPLE_ROWS = 20_000  # rows evaluated one by one with evaluate()


# "8." when run as a section of benchmarks/run.py.
PREFIX: list[str] = [""]


def heading(text: str) -> None:
    print(f"\n== {PREFIX[0]}{text}", flush=True)


def sides() -> tuple[Any, Any]:
    """The benchmark's comparison: a disbursement outage at peak under tightened policy
    with two provinces suspended, against the healthy baseline."""
    from credit_whatif.domain import Health, PolicyLevers, Systems, Tightening
    from credit_whatif.files.policies import default_policy
    from credit_whatif.portfolio.kernel import Levers, Side

    table = default_policy()
    scenario = Levers(
        Systems(disbursement=Health.DEGRADED),
        PolicyLevers(Tightening.TIGHTENED, ("CN-GD", "CN-ZJ")),
    )
    return Side(Levers(), table), Side(scenario, table)


def portfolio(rows: int, parts: int | None) -> Path:
    import hashlib

    from credit_whatif.files.folders import cache_dir
    from credit_whatif.portfolio import synthetic
    from credit_whatif.portfolio.generate import generate

    # Named by the generator's source: a book cached before a column or a distribution
    # changed (monthly_income, the outcomes) is never read as the current one.
    drawn = hashlib.sha256(Path(synthetic.__file__).read_bytes()).hexdigest()[:10]
    name = f"portfolio-{rows}-seed{SEED}-{drawn}" + (f"-{parts}parts" if parts else ".parquet")
    path = cache_dir() / "benchmarks" / name
    if not path.exists():
        start = time.perf_counter()
        path.parent.mkdir(parents=True, exist_ok=True)
        generate(path, rows, seed=SEED, parts=parts)
        took = time.perf_counter() - start
        print(f"{'generated ' + name:<52} {took:9.1f} s (once; kept in the cache)", flush=True)
    return path


def bench_polars(folder: Path, rows: int, quick: bool) -> list[float]:
    from credit_whatif.portfolio.engine import run_impact

    heading(f"1. Polars: {rows:,} rows from {PARTS} Parquet parts, checked, baseline + scenario")
    baseline, scenario = sides()
    times = sample(lambda: run_impact(folder, baseline, scenario), 3 if quick else 7, 1)
    show("run_impact (all 6 features, transitions, rules)", times, "ms")
    grouped = sample(lambda: run_impact(folder, baseline, scenario, "region"), 3 if quick else 5, 1)
    show("run_impact --by region", grouped, "ms")
    per_row = statistics.median(times) / rows
    print(f"{'':<52} = {per_row * 1e9:.1f} ns per borrower ({1 / per_row:,.0f} rows/s)")
    return times


def bench_scalar(folder: Path, columnar: list[float], rows: int, quick: bool) -> list[Any]:
    import attrs
    import polars as pl

    from credit_whatif.domain import Activity, Borrower, Overdue, evaluate

    heading("2. evaluate() row by row on a sample of the same rows (both sides)")
    n = 2_000 if quick else SAMPLE_ROWS
    frame = pl.scan_parquet(sorted(folder.glob("*.parquet"))).head(n).collect()
    baseline, scenario = sides()
    scenarios = []
    for r in frame.iter_rows(named=True):
        borrower = Borrower(
            score=r["score"],
            credit_limit=r["credit_limit"],
            outstanding=r["outstanding"],
            identity_verified=r["identity_verified"],
            region=r["region"],
            overdue=Overdue(
                r["overdue_count_24m"], r["overdue_worst_days"], r["overdue_current_days"]
            ),
            activity=Activity(r["limit_checks_30d"], r["failed_attempts_7d"]),
        )
        scenarios.append(
            (
                attrs.evolve(baseline.levers.scenario, borrower=borrower),
                attrs.evolve(scenario.levers.scenario, borrower=borrower),
            )
        )

    def scalar() -> None:
        for before, after in scenarios:
            evaluate(before, baseline.table)
            evaluate(after, scenario.table)

    times = sample(scalar, 3, 1)
    show(f"evaluate() x2 per row, {n:,} rows", times, "ms")
    scalar_rate = n / statistics.median(times)
    columnar_rate = rows / statistics.median(columnar)
    print(f"{'':<52} = {scalar_rate:,.0f} rows/s")
    print(
        f"{'columnar / row by row (borrowers per second)':<52} {columnar_rate / scalar_rate:9.0f}x"
    )
    return scenarios


def bench_zen(scenarios: list[Any]) -> None:
    heading("3. zen-engine evaluate_batch on the same sample")
    try:
        import zen_port

        zen_port.check_agreement(200)
    except Exception as exc:  # a stale port is reported, not fatal
        print(
            "skipped: benchmarks/zen_port.py does not run against the current rules "
            f"({type(exc).__name__}: {exc}); it predates the declarative registry"
        )
        return
    engine = zen_port.engine()
    requests = [
        {"key": zen_port.KEY, "context": zen_port.context(s)} for pair in scenarios for s in pair
    ]
    times = sample(lambda: engine.evaluate_batch(requests), 3, 1)
    show(f"zen-engine evaluate_batch, {len(requests):,} scenarios", times, "ms")


def bench_live(quick: bool) -> None:
    from credit_whatif.domain import Health, PolicyLevers, Systems, Tightening
    from credit_whatif.files.policies import default_policy
    from credit_whatif.portfolio.kernel import Levers
    from credit_whatif.portfolio.live import Portfolio, impact

    rows = 200_000 if quick else 1_000_000
    heading(f"4. the explorer: a lever change on {rows:,} rows in memory")
    path = portfolio(rows, None)
    start = time.perf_counter()
    book = Portfolio.load(path)
    print(f"{'Portfolio.load (read and check, once)':<52} {time.perf_counter() - start:9.3f} s")
    table = default_policy()
    changes = [
        Levers(Systems(disbursement=Health.DEGRADED)),
        Levers(Systems(disbursement=Health.DEGRADED), PolicyLevers(Tightening.TIGHTENED)),
        Levers(
            Systems(account_service=Health.DEGRADED), PolicyLevers(Tightening.STRICT, ("CN-GD",))
        ),
        Levers(policy=PolicyLevers(suspended_regions=("CN-SD", "CN-HA"))),
        Levers(Systems(payment_network=Health.DOWN)),
    ]
    for by in (None, "region", "score_band"):
        times = []
        for _ in range(2 if quick else 4):
            for levers in changes:
                start = time.perf_counter()
                impact(book, Levers(), levers, table, table, by, cancelled=lambda: False)
                times.append(time.perf_counter() - start)
        show(f"impact() per lever change, by={by}", times, "ms")


def bench_dask(folder: Path, columnar: list[float], quick: bool) -> None:
    from credit_whatif.portfolio.columns import find_source
    from credit_whatif.portfolio.dask_engine import connect, dask_partials
    from credit_whatif.portfolio.impact import ImpactPlan

    heading(f"5. Dask: local cluster of 2 workers (1 thread each), {PARTS} parts")
    baseline, scenario = sides()
    source = find_source(folder)
    plan = ImpactPlan.build(baseline, scenario)
    start = time.perf_counter()
    with connect(workers=2) as client:
        print(
            f"{'cluster start-up (2 worker processes, warmed up)':<52} "
            f"{time.perf_counter() - start:9.3f} s"
        )
        start = time.perf_counter()
        plan.report(plan.combine(dask_partials(source, plan, client=client)))
        print(f"{'first run on the new cluster':<52} {time.perf_counter() - start:9.3f} s")
        times = sample(
            lambda: plan.report(plan.combine(dask_partials(source, plan, client=client))),
            3 if quick else 5,
            1,
        )
        show("Dask run (later runs)", times, "ms")
        print(
            f"{'Dask / Polars (same rows, same run)':<52} "
            f"{statistics.median(times) / statistics.median(columnar):9.2f}x"
        )


PEAK = """
import sys, time
sys.path.insert(0, {bench!r})
from portfolio_bench import sides
from credit_whatif.portfolio.engine import run_impact
baseline, scenario = sides()
start = time.perf_counter()
rows = run_impact({path!r}, baseline, scenario).rows if {path!r} else 0
took = time.perf_counter() - start
peak = next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]
print(rows, took, int(peak) * 1024)
"""


def peak(path: Path | None, threads: int | None = None) -> tuple[int, float, int]:
    """Rows, seconds and peak resident memory of a fresh process running one impact
    (with None: only the imports); `threads` limits Polars' thread pool."""
    code = PEAK.format(bench=str(Path(__file__).parent), path=str(path) if path else "")
    env = dict(os.environ)
    if threads is not None:
        env["POLARS_MAX_THREADS"] = str(threads)
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    )
    rows, took, high = out.stdout.split()
    return int(rows), float(took), int(high)


def bench_memory(folder: Path) -> None:
    heading("6. peak memory (VmHWM) of a fresh process, one run each")
    rows, took, high = peak(folder)
    print(f"{f'Polars run over {rows:,} rows':<52} {high / 2**20:9.0f} MiB   ({took:.2f} s)")
    part = sorted(folder.glob("*.parquet"))[0]
    rows, took, high = peak(part, threads=1)
    label = f"one partition ({rows:,} rows), 1 thread as a worker"
    print(f"{label:<52} {high / 2**20:9.0f} MiB   ({took:.2f} s)")
    _, _, high = peak(None)
    print(f"{'floor: the same process, imports only':<52} {high / 2**20:9.0f} MiB")


FRONTIERS = (  # (field, feature, (from, to, step), disbursement degraded): 31 values each
    ("withdrawal_min_score", "cash_withdrawal", (450, 750, 10), False),
    ("degraded_disbursement_cap_yuan", "cash_withdrawal", (1_000, 31_000, 1_000), True),
)


def bench_frontier(folder: Path, rows: int, quick: bool) -> None:
    from credit_whatif.domain import Health, Systems, Tightening
    from credit_whatif.portfolio.engine import run_impact
    from credit_whatif.portfolio.frontier import run_frontier
    from credit_whatif.portfolio.kernel import Levers, Side

    heading(f"7. frontier: 31 values of one policy field against one impact pass, {rows:,} rows")
    baseline, scenario = sides()
    degraded = Side(Levers(Systems(disbursement=Health.DEGRADED)), baseline.table)
    runs: dict[str, Any] = {"impact": lambda: run_impact(folder, baseline, scenario)}
    for field, feature, values, down in FRONTIERS:
        side = degraded if down else baseline
        runs[field] = lambda f=field, x=feature, v=values, s=side: run_frontier(
            str(folder), s, f, Tightening.NORMAL, x, v
        )
    results = {name: func() for name, func in runs.items()}  # warm, and checked below
    times = sample_together(runs, 3 if quick else 5)
    show("run_impact (sides(), all 6 features, no --by)", times["impact"], "ms")
    impact = statistics.median(times["impact"])
    for field, feature, (start, stop, step), down in FRONTIERS:
        frontier = results[field]
        levers = "disbursement degraded" if down else "healthy"
        print(
            f"frontier {field} {start:,}..{stop:,} by {step:,} ({feature}, normal, {levers}; "
            f"outcomes {'yes' if frontier.outcomes else 'no'})"
        )
        show(f"  frontier, {len(frontier.points)} values in one pass", times[field], "ms")
        ratio = statistics.median(times[field]) / impact
        verdict = "met" if ratio <= 3 else "NOT met"
        print(f"{'  frontier / one impact pass (target <= 3x)':<52} {ratio:9.2f}x   {verdict}")
    own = results["withdrawal_min_score"].reference.usable
    usable = results["impact"]["cash_withdrawal"].baseline.usable
    same = "yes" if own == usable else "NO"
    print(f"{'frontier at the policy own value = impact baseline':<52} {same:>9}")


def bench_floor(folder: Path, rows: int, quick: bool) -> None:
    import attrs
    import impact_floor

    from credit_whatif.portfolio.columns import find_source
    from credit_whatif.portfolio.engine import run_impact, run_plan
    from credit_whatif.portfolio.impact import ImpactPlan
    from credit_whatif.portfolio.schema import OUTCOME_NAMES

    heading(f"8. impact against a hand-written floor (benchmarks/impact_floor.py), {rows:,} rows")
    baseline, scenario = sides()
    report = run_impact(folder, baseline, scenario)
    agrees = impact_floor.agrees(impact_floor.counts(folder), report)
    print(f"floor agrees: {'yes' if agrees else 'no'} (6 features x 9 transitions, vs impact)")
    # What every impact pays before any rule: reading, typing and checking every row,
    # and the id summary (the plan with the row count and ``__bad`` only).
    plan = ImpactPlan.build(baseline, scenario, outcomes=OUTCOME_NAMES)
    kept = tuple(s for s in plan.aggregation.sums if s[0] in ("rows", "bad"))
    reading = attrs.evolve(plan, aggregation=attrs.evolve(plan.aggregation, sums=kept))
    source = find_source(folder)
    runs: dict[str, Any] = {
        "floor": lambda: impact_floor.counts(folder),
        "impact": lambda: run_impact(folder, baseline, scenario),
        "reading": lambda: run_plan(source, reading),
    }
    for func in runs.values():
        func()
    times = sample_together(runs, 5 if quick else 7)
    floor = times["floor"]
    show("floor: 6 statuses x 2 sides, 54 counts, no checks", floor, "ms")
    show("run_impact (every figure, every row checked)", times["impact"], "ms", floor=floor)
    show("  its reading, row checks and id summary alone", times["reading"], "ms", floor=floor)
    ratio = statistics.median(times["impact"]) / statistics.median(floor)
    verdict = "met" if ratio <= 1.5 else "NOT met"
    print(f"{'impact / floor (target <= 1.5x)':<52} {ratio:9.2f}x   {verdict}")


def run(quick: bool, prefix: str = "") -> None:
    PREFIX[0] = prefix
    rows = 200_000 if quick else 10_000_000
    print(f"python {sys.version.split()[0]}; quick={quick}; {rows:,} rows")
    folder = portfolio(rows, PARTS)
    columnar = bench_polars(folder, rows, quick)
    scenarios = bench_scalar(folder, columnar, rows, quick)
    bench_zen(scenarios)
    bench_live(quick)
    bench_dask(folder, columnar, quick)
    bench_memory(folder)
    bench_frontier(folder, rows, quick)
    bench_floor(folder, rows, quick)


if __name__ == "__main__":
    run("--quick" in sys.argv[1:])
