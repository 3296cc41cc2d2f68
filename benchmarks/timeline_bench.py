"""The timeline of each bundled preset with dated events, over 800 days (target:
<= 5 ms per preset). Run: ``.venv/bin/python benchmarks/timeline_bench.py``."""

from __future__ import annotations

import statistics
import time

from credit_whatif.domain.timeline import timeline
from credit_whatif.files.policies import default_policy
from credit_whatif.files.presets import list_presets


def main() -> None:
    table = default_policy()
    dated = [e for e in list_presets() if e.preset and e.preset.scenario.borrower.events]
    for entry in dated:
        assert entry.preset is not None
        scenario = entry.preset.scenario
        timeline(scenario, table)
        times = []
        for _ in range(200):
            start = time.perf_counter()
            timeline(scenario, table)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        verdict = "met" if median <= 5 else "NOT met"
        spread = f"median {median:6.2f} ms  max {max(times):6.2f} ms"
        print(f"timeline {entry.slug:<24} {spread}  {verdict}")


if __name__ == "__main__":
    main()
