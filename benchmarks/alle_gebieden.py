"""`batch --alle-gebieden` estimated from a sample: CPU per area per level, fixed cost, peak RSS per worker.

    PYTHONPATH=$PWD python benchmarks/alle_gebieden.py                # 6 whole gemeenten, 2 workers
    PYTHONPATH=$PWD python benchmarks/alle_gebieden.py --gemeenten 12 --workers 2
    PYTHONPATH=$PWD python benchmarks/alle_gebieden.py --alles        # really build all 18,309

The sample is whole gemeenten spread evenly over the country's list (each gemeente with its wijken
and buurten, in the order the real run uses), run through the same engine, process pool and
streamed index as `wijktools batch --alle-gebieden`. On a shared machine wall time says little, so
the estimate comes from CPU seconds: the workers' CPU per area for each level times the number of
areas of that level, plus each worker's start-up (loading the data), divided over the workers.
Peak RSS is reported per worker for the first and the last quarter of the areas: flat memory
means the two are (nearly) the same.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from wijktools.batch import engine, executors, index, selection, tasks

LEVELS = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}
TARGET_MINUTES = 15


def _start_cpu() -> float:
    """CPU seconds of imports, loading the data and the per-level caches (paid once: workers fork)."""
    code = (
        "import time; t = time.process_time(); from wijktools.batch import tasks; "
        "tasks.warm(('GM0262', 'WK026200', 'BU02620000')); print(time.process_time() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gemeenten", type=int, default=6, help="aantal hele gemeenten")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--alles", action="store_true", help="bouw echt alle 18.309 gebieden")
    args = parser.parse_args()

    every = selection.all_areas()
    counts = defaultdict(int)
    for target in every:
        counts[target.key[:2]] += 1
    if args.alles:
        targets = every
    else:
        groups = sorted({t.group for t in every})
        step = max(1, len(groups) // args.gemeenten)
        chosen = set(groups[step // 2 :: step][: args.gemeenten])
        targets = [t for t in every if t.group in chosen]
    print(
        f"{len(targets)} gebieden uit {len({t.group for t in targets})} gemeenten, "
        f"{args.workers} werkers, Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="alle-gebieden-") as tmp:
        out = Path(tmp)
        stream = index.IndexStream(out, targets, "Benchmark")
        arrived: list[tuple[str, float, int]] = []

        def seen(item: object) -> None:
            stream.add(item)
            arrived.append((item.target.key[:2], item.cpu_seconds, item.peak_rss_kb))

        pool = executors.make(args.workers, initializer=tasks.warm_for(targets))
        start, parent_start = time.perf_counter(), time.process_time()
        try:
            result = engine.run(
                targets, out, executor=pool, force=True, on_result=seen, keep_results=False
            )
        finally:
            pool.close()
            stream.close()
        wall = time.perf_counter() - start
        parent = time.process_time() - parent_start  # index, stamps, scheduling
    per_level: dict[str, list[float]] = defaultdict(list)
    for level, cpu, _ in arrived:
        per_level[level].append(cpu)
    quarter = max(1, len(arrived) // 4)
    first = max(rss for _, _, rss in arrived[:quarter]) / 1024
    last = max(rss for _, _, rss in arrived[-quarter:]) / 1024
    print(
        f"gemeten: {len(arrived)} gebieden in {wall:.1f} s wandklok ({len(result.failed)} mislukt), "
        f"CPU in de werkers {sum(c for _, c, _ in arrived):.1f} s"
    )
    total = 0.0
    for level, name in LEVELS.items():
        values = per_level.get(level, [])
        mean = sum(values) / len(values) if values else float("nan")
        total += mean * counts[level]
        print(
            f"  {name:<9} {len(values):5} in steekproef, {mean * 1000:6.1f} ms CPU per gebied "
            f"x {counts[level]:6} = {mean * counts[level] / 60:5.1f} CPU-min"
        )
    start_cpu = _start_cpu()
    parent_total = parent / len(arrived) * sum(counts.values())
    print(
        f"  hoofdproces (index, stempels, verdelen): {parent / len(arrived) * 1000:.1f} ms CPU per "
        f"gebied = {parent_total / 60:.1f} CPU-min; start (imports, data en "
        f"werkers forken), met de rangordes per niveau: {start_cpu:.1f} s CPU"
    )
    estimate = ((total + parent_total) / args.workers + start_cpu) / 60
    print(
        f"schatting alle {sum(counts.values())} gebieden op {args.workers} vrije cores: "
        f"{estimate:.1f} min (doel < {TARGET_MINUTES} min), uit CPU-tijd"
    )
    print(
        f"piek-RSS per werker: {first:.0f} MB na het eerste kwart, {last:.0f} MB na het laatste "
        f"kwart (vlak = geheugen groeit niet met het aantal gebieden)"
    )


if __name__ == "__main__":
    main()
