"""Print how long a wijkgezondheidsprofiel takes: CLI end to end, and each further area in one process.

Targets (issue 3): `wijktools profiel CODE` under 3 s end to end; each further area under 0.3 s.
Run: /work/main/.venv/bin/python benchmarks/profile.py  (N_AREAS=20, RUNS=3 by default)
Wall time depends on what else runs on the machine; CPU time (process_time) much less, so both are shown.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CODE = "WK026200"
N = int(os.environ.get("N_AREAS", "20"))
RUNS = int(os.environ.get("RUNS", "3"))
# Further areas: the wijken of three gemeenten (Lochem, Nijmegen, De Fryske Marren), first one excluded.
GEMEENTEN = ("GM0262", "GM0268", "GM1940")


def cli_run(out: Path) -> tuple[float, float]:
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


def further_codes() -> list[str]:
    """N wijk codes spread over the three gemeenten, in a fixed order."""
    from wijktools.opendata import areas

    table = areas.table()
    wijken = table[(table["soort"] == "wijk") & table["gemeente_code"].isin(GEMEENTEN)]
    per_gemeente = [
        [c for c in wijken.loc[wijken["gemeente_code"] == gm, "code"] if c != CODE]
        for gm in GEMEENTEN
    ]
    codes: list[str] = []
    while len(codes) < N and any(per_gemeente):
        for group in per_gemeente:
            if group and len(codes) < N:
                codes.append(group.pop(0))
    return codes


def main() -> None:
    """Print the figures; not a test (timings depend on the machine)."""
    print(
        f"belasting van de machine (load average 1 min): {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        runs = [cli_run(tmp_path / f"cli-{i}") for i in range(RUNS)]
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(
            f"wijktools profiel {CODE} (los proces, mediaan van {RUNS}): "
            f"{statistics.median(walls):.2f} s wandtijd, {statistics.median(cpus):.2f} s CPU "
            f"(wandtijd {', '.join(f'{w:.2f}' for w in walls)})"
        )

        from wijktools.profile import build as profile
        from wijktools.render.profile_html import write_outputs

        cpu0, wall0 = time.process_time(), time.perf_counter()
        write_outputs(profile.build(CODE), tmp_path / "eerste")
        print(
            f"in-process eerste gebied (imports al gedaan, data laden incl.): "
            f"{time.perf_counter() - wall0:.2f} s wandtijd, {time.process_time() - cpu0:.2f} s CPU"
        )

        codes = further_codes()
        n = len(codes)
        walls_area: list[float] = []
        cpus_area: list[float] = []
        build_total = 0.0
        for code in codes:
            c0, w0 = time.process_time(), time.perf_counter()
            p = profile.build(code)
            build_total += time.process_time() - c0
            write_outputs(p, tmp_path / code)
            walls_area.append(time.perf_counter() - w0)
            cpus_area.append(time.process_time() - c0)
        print(
            f"{n} verdere gebieden ({', '.join(GEMEENTEN)}), per gebied: "
            f"{statistics.median(walls_area):.3f} s wandtijd (mediaan; gemiddeld "
            f"{sum(walls_area) / n:.3f}), {sum(cpus_area) / n:.3f} s CPU gemiddeld "
            f"(build {build_total / n:.3f} s, html met SVG-figuren + json de rest)"
        )

        c0, w0 = time.process_time(), time.perf_counter()
        for code in codes:
            write_outputs(profile.build(code), tmp_path / "snel" / code, with_figures=False)
        print(
            f"{n} verdere gebieden zonder figuren (batchmodus): "
            f"{(time.perf_counter() - w0) / n:.3f} s wandtijd, {(time.process_time() - c0) / n:.3f} s CPU"
        )

        from wijktools.figures import render as figure_render

        p = profile.build(codes[0])
        c0 = time.process_time()
        figure_render.render_all(p)
        print(
            f"PNG-figuren voor PDF/Word (render_all, 100 dpi) van één gebied: "
            f"{time.process_time() - c0:.3f} s CPU"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"piekgeheugen (RSS) van dit proces na {n + 2} gebieden: {peak:.0f} MB")


if __name__ == "__main__":
    main()
