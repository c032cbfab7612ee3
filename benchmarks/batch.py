"""Batch speed and memory: fast in-process path vs papermill path on the same areas.

    PYTHONPATH=$PWD python benchmarks/batch.py                 # ~20 wijken of 3 gemeenten, both paths
    PYTHONPATH=$PWD python benchmarks/batch.py --n 10 --workers 2
    PYTHONPATH=$PWD python benchmarks/batch.py --alle-wijken   # really build all 3,393 wijken (fast path)
    PYTHONPATH=$PWD python benchmarks/batch.py --alle-wijken --n 200   # spread sample over NL

Prints areas/second for each path, their ratio, peak memory, RSS growth over N areas (serial,
in-process), open pyplot figures, and the extrapolation to the 3,393 wijken of the Netherlands.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from wijktools.batch import engine, executors, selection, tasks

N_WIJKEN = 3393
GEMEENTEN = ["GM0262", "GM0197", "GM1586", "GM1876"]  # Lochem, Aalten, Oost Gelre, Bronckhorst


def rss_mb() -> float:
    """Current resident memory of this process (not the peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed_run(
    targets, out: Path, area_fn, mode: str, workers: int
) -> tuple[float, engine.BatchResult]:
    pool = executors.make(workers, initializer=tasks.warm_for(targets))
    try:
        start = time.perf_counter()
        result = engine.run(targets, out, area_fn=area_fn, mode=mode, executor=pool, force=True)
        return time.perf_counter() - start, result
    finally:
        pool.close()


def report(
    label: str, seconds: float, result: engine.BatchResult, workers: int
) -> tuple[float, float]:
    """Wall-clock rate, and the rate on `workers` idle cores from the CPU seconds per area."""
    n = len(result.results)
    rate = n / seconds
    cpu = sum(r.cpu_seconds for r in result.results) / max(n, 1)
    cpu_rate = workers / cpu if cpu else float("nan")
    peak = max((r.peak_rss_kb for r in result.results), default=0) / 1024
    print(
        f"{label:<10} {n} gebieden in {seconds:7.1f} s = {rate:6.2f} gebieden/s "
        f"({len(result.failed)} mislukt; piek-RSS per werker {peak:.0f} MB; "
        f"open figuren max {max((r.open_figures for r in result.results), default=0)})"
    )
    print(
        f"{'':<10} CPU {cpu:.2f} s per gebied (werker + kindprocessen) = {cpu_rate:.2f} gebieden/s "
        f"op {workers} vrije cores"
    )
    for item in result.failed[:3]:
        print(f"           mislukt {item.target.key}: {item.reason[:200]}")
    return rate, cpu_rate


def memory_over_n(targets, out: Path) -> None:
    """Serial, in this process: RSS must level off, not grow with every area."""
    import matplotlib.pyplot as plt

    tasks.warm()
    marks = sorted({max(1, len(targets) // 4), max(1, len(targets) // 2), len(targets)})
    samples = []
    for i, target in enumerate(targets, start=1):
        engine.run_area(tasks.build_profile, tasks.key_figures, target, out / target.folder, "snel")
        if i in marks:
            gc.collect()
            samples.append(f"na {i}: {rss_mb():.0f} MB")
    print(f"RSS serieel  {'; '.join(samples)}; open pyplot-figuren: {len(plt.get_fignums())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n",
        type=int,
        default=None,
        help="aantal wijken (standaard 20; bij --alle-wijken: steekproef)",
    )
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--gemeente", nargs="+", default=GEMEENTEN)
    parser.add_argument("--alle-wijken", action="store_true", help="bouw echt alle 3.393 wijken")
    parser.add_argument(
        "--zonder-notebooks", action="store_true", help="sla het papermill-pad over"
    )
    args = parser.parse_args()

    if args.alle_wijken:
        targets = selection.alle_wijken()
        if args.n:  # an evenly spread sample over the whole country
            targets = targets[:: max(1, len(targets) // args.n)][: args.n]
    else:
        targets = selection.from_gemeenten(args.gemeente)[: args.n or 20]
    print(
        f"{len(targets)} wijken, {args.workers} werker(s), Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        tmp = Path(tmp)
        fast_s, fast = timed_run(
            targets, tmp / "snel", tasks.build_profile, engine.FAST, args.workers
        )
        fast_rate, fast_cpu_rate = report("snel", fast_s, fast, args.workers)
        what = "gemeten" if len(targets) == N_WIJKEN else "extrapolatie"
        print(
            f"{what} 3.393 wijken (snel): {N_WIJKEN / fast_rate / 60:.1f} min op deze machine nu; "
            f"{N_WIJKEN / fast_cpu_rate / 60:.1f} min op {args.workers} vrije cores (uit CPU-tijd)"
        )
        bare_s, bare = timed_run(
            targets,
            tmp / "kaal",
            tasks.build_profile_without_figures,
            engine.NO_FIGURES,
            args.workers,
        )
        bare_rate, bare_cpu_rate = report("zonder fig", bare_s, bare, args.workers)
        print(
            f"{what} 3.393 wijken (--zonder-figuren): {N_WIJKEN / bare_rate / 60:.1f} min op deze machine "
            f"nu; {N_WIJKEN / bare_cpu_rate / 60:.1f} min op {args.workers} vrije cores (uit CPU-tijd)"
        )
        if not args.alle_wijken:
            memory_over_n(targets, tmp / "serieel")
        if not args.zonder_notebooks and not args.alle_wijken:
            nb_s, nb = timed_run(
                targets, tmp / "notebooks", tasks.run_notebook, engine.NOTEBOOKS, args.workers
            )
            nb_rate, nb_cpu_rate = report("papermill", nb_s, nb, args.workers)
            print(
                f"verhouding snel/papermill: {fast_rate / nb_rate:.1f}x (wandklok), "
                f"{fast_cpu_rate / nb_cpu_rate:.1f}x (CPU-tijd); zonder figuren/papermill: "
                f"{bare_rate / nb_rate:.1f}x (wandklok), {bare_cpu_rate / nb_cpu_rate:.1f}x (CPU-tijd)"
            )
            print(
                f"extrapolatie 3.393 wijken (papermill): {N_WIJKEN / nb_rate / 3600:.1f} uur op deze "
                f"machine nu; {N_WIJKEN / nb_cpu_rate / 3600:.1f} uur op {args.workers} vrije cores"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"piek-RSS hoofdproces {peak:.0f} MB; grootste kindproces {children:.0f} MB")


if __name__ == "__main__":
    main()
