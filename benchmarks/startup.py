"""Start-up time of the `wijktools` command: whole process, median of several runs.

    python benchmarks/startup.py            # 7 runs per command
    python benchmarks/startup.py --runs 15

Each command runs as its own process (`python -m wijktools ...`), so interpreter start, imports and
click/typer set-up all count, as a user typing the command experiences it. Target: under 1 s each.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = [
    ["--version"],
    ["--help"],
    ["profiel", "--help"],
    ["gebieden", "--help"],
    ["sessie", "nieuw", "--help"],
    ["export", "--help"],
    ["werkboek", "--help"],
    ["presenteer", "--help"],
    ["batch", "--help"],
]


def wall_times(args: list[str], runs: int) -> list[float]:
    """Seconds per run of `python -m wijktools ARGS`, from fork to exit."""
    root = Path(__file__).resolve().parent.parent
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "wijktools", *args],
            cwd=root,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    wall_times(["--version"], 1)  # warm the file cache once; not counted
    print(f"wijktools start-up, whole process, median of {runs} runs (min-max):")
    for args in COMMANDS:
        times = wall_times(args, runs)
        label = "wijktools " + " ".join(args)
        print(
            f"  {label:<34} {statistics.median(times):6.3f} s  ({min(times):.3f}-{max(times):.3f})"
        )


if __name__ == "__main__":
    main()
