"""Print how long a wijkgezondheidsprofiel takes: CLI end to end, and each further area in one process."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CODE = "WK026200"
N = int(os.environ.get("N_AREAS", "20"))


def cli_seconds(out: Path) -> tuple[float, float]:
    """Wall and CPU time of `python -m wijktools profiel CODE` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "wijktools", "profiel", CODE, "--uit", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    """Print the figures; not a test (timings depend on the machine)."""
    from wijktools import areas, profile

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        print(f"belasting van de machine (load average 1 min): {os.getloadavg()[0]:.1f}")
        for label in ("eerste keer", "daarna"):
            wall, cpu = cli_seconds(tmp_path / label.replace(" ", "-"))
            print(
                f"wijktools profiel {CODE} (los proces, {label}): {wall:.2f} s wandtijd, {cpu:.2f} s CPU"
            )

        start = time.perf_counter()
        profile.write_outputs(profile.build(CODE), tmp_path / "warm")
        print(f"in-process eerste gebied (data laden incl.): {time.perf_counter() - start:.2f} s")

        table = areas.table()
        wijken = table[(table["soort"] == "wijk") & (table["inwoners"].fillna(0) > 1000)]
        wijken = wijken[
            wijken["code"].str.fullmatch(r"WK\d{6}")
        ]  # see report: WK0363KM-style codes
        codes = wijken["code"].iloc[:: max(1, len(wijken) // N)].head(N).tolist()
        rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        build_total = write_total = 0.0
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        for code in codes:
            t0 = time.perf_counter()
            p = profile.build(code)
            t1 = time.perf_counter()
            profile.write_outputs(p, tmp_path / code)
            t2 = time.perf_counter()
            build_total += t1 - t0
            write_total += t2 - t1
        n = len(codes)
        cpu = (time.process_time() - cpu_start) / n
        rss_end = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"piekgeheugen {rss_start / 1024:.0f} MB voor, {rss_end / 1024:.0f} MB na {n} gebieden"
        )
        start = time.perf_counter()
        for code in codes:
            profile.write_outputs(profile.build(code), tmp_path / "snel" / code, with_figures=False)
        fast = (time.perf_counter() - start) / n
        print(f"{n} verdere gebieden zonder figuren (batchmodus): {fast:.3f} s wandtijd per gebied")
        print(
            f"{n} verdere gebieden: build {build_total / n:.3f} s, html+json met figuren "
            f"{write_total / n:.3f} s, samen {(time.perf_counter() - wall_start) / n:.3f} s wandtijd "
            f"en {cpu:.3f} s CPU per gebied"
        )


if __name__ == "__main__":
    main()
