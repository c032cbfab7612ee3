"""The four speed figures of issue 17 from one run: whole commands, wall time and CPU time side by side.

    PYTHONPATH=$PWD python benchmarks/snelheid.py            # everything; (b) runs ~15 min
    PYTHONPATH=$PWD python benchmarks/snelheid.py --snel     # (b) on a spread sample, extrapolated
    PYTHONPATH=$PWD python benchmarks/snelheid.py --zonder-alle-gebieden   # skip (b)

(a) 24 wijken: `wijktools batch --codes ... --workers 2` (fast path) against the same command with
    `--notebooks` (papermill path), and their ratio.
(b) `wijktools batch --alle-gebieden --workers 2`: wall time and peak RSS per worker (VmHWM of every
    worker process, sampled from /proc while the command runs).
(c) Start-up to the first area (from starting the batch command of (a) until the first area's
    wijkprofiel.html exists) and `wijktools profiel CODE` on a warm disk (median of --runs).
(d) `wijktools export --sessie ID` in all six formats on the fictional demo session; beside it the
    floor of that figure: the PDF process alone, fed the report's HTML at once.

Every figure is a whole command in its own process (interpreter start, imports, data loading and
writing included), as a user experiences it. CPU time is the command's user+system time including its
worker processes. On a shared machine the wall times depend on what else runs: judge by CPU time;
the wall figures are indicative. Each figure is printed with its target and two marks, gehaald /
NIET gehaald on the wall time (as the issue asks) and on the CPU time (for batches: CPU / 2 workers).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEMEENTEN = ("GM0262", "GM0197", "GM1586", "GM1876", "GM0294")
# Lochem, Aalten, Oost Gelre, Bronckhorst, Winterswijk: 6 + 4 + 7 + 5 + 2 = 24 wijken
N_WIJKEN = 24
WORKERS = 2
PROFIEL_CODE = "WK026200"
ALL_AREAS = 18_309  # 342 gemeenten, 3,393 wijken, 14,574 buurten (issue 17)
SAMPLE = 300  # areas in the --snel sample of (b)


@dataclass
class Run:
    """One whole command: wall and CPU seconds, and what was sampled while it ran."""

    wall: float
    cpu: float
    returncode: int
    first_output: float | None = None  # seconds until the first area's wijkprofiel.html existed
    first_output_cpu: float | None = None  # CPU seconds of the process tree at that moment
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # pid -> VmHWM of each descendant
    stderr: str = ""


def _children(pid: int) -> list[int]:
    """Every descendant of pid (from /proc; empty where /proc is missing)."""
    out: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = Path(f"/proc/{parent}/task").iterdir()
            found = [
                int(c)
                for task in tasks
                for c in (task / "children").read_text().split()
                if c.strip()
            ]
        except OSError:
            continue
        out += found
        todo += found
    return out


def _cpu_seconds(pids: list[int]) -> float:
    """User+system seconds of these processes (and their reaped children) so far, from /proc."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def _hwm_mb(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of one process so far."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def command_env() -> dict[str, str]:
    """This checkout's package, with Python keeping its compiled modules as on a user's machine.

    Some shells set PYTHONDONTWRITEBYTECODE: every command would then compile each module changed
    since the last compile again (0.1-0.3 s a command), which no installed wijktools does.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(ROOT)}


def run(
    args: list[str],
    watch: Path | None = None,
    sample_rss: bool = False,
    *,
    module: str = "wijktools",
    stdin: Path | None = None,
) -> Run:
    """`python -m MODULE ARGS` in its own process; CPU from the rusage of it and its waited workers."""
    env = command_env()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(stdin, "rb") if stdin is not None else open(os.devnull, "rb") as given:
        proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env=env,
            stdin=given,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    result = Run(0.0, 0.0, 0)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            if (
                watch is not None
                and result.first_output is None
                and next(watch.rglob("wijkprofiel.html"), None) is not None
            ):
                result.first_output = time.perf_counter() - start
                result.first_output_cpu = _cpu_seconds([proc.pid, *_children(proc.pid)])
            if sample_rss:
                for child in _children(proc.pid):
                    hwm = _hwm_mb(child)
                    if hwm is not None:
                        result.peak_rss_mb[child] = max(hwm, result.peak_rss_mb.get(child, 0.0))
            done.wait(0.02 if result.first_output is None and watch is not None else 0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    done.set()
    sampler.join()
    result.wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result.returncode = proc.returncode
    result.stderr = stderr
    if proc.returncode != 0:
        print(f"  let op: wijktools {' '.join(args[:3])} ... eindigde met code {proc.returncode}")
        print("  " + stderr.strip()[-600:].replace("\n", "\n  "))
    return result


def mark(ok: bool) -> str:
    """The met/not-met mark printed behind each figure."""
    return "gehaald" if ok else "NIET gehaald"


def marks(wall_ok: bool, cpu_ok: bool) -> str:
    """Both marks: on wall time (what the issue asks) and on CPU time (what a shared machine allows)."""
    return f"wandtijd {mark(wall_ok)}, CPU-tijd {mark(cpu_ok)}"


def line(label: str, r: Run) -> str:
    """Wall and CPU side by side."""
    return f"{label:<44} {r.wall:7.1f} s wandtijd  {r.cpu:7.1f} s CPU"


def wijken_24() -> list[str]:
    """The 24 wijken of five Achterhoek gemeenten (the four of benchmarks/batch.py and Winterswijk)."""
    sys.path.insert(0, str(ROOT))
    from wijktools.batch import selection

    return [t.key for t in selection.from_gemeenten(list(GEMEENTEN))[:N_WIJKEN]]


def spread_sample(n: int) -> list[str]:
    """n codes spread evenly over every gemeente, wijk and buurt of NL (same mix of levels)."""
    sys.path.insert(0, str(ROOT))
    from wijktools.opendata import areas

    table = areas.table()
    codes = sorted(table.index[table["soort"].isin(["gemeente", "wijk", "buurt"])])
    step = max(1, len(codes) // n)
    return codes[::step][:n]


def has_option(command: str, option: str) -> bool:
    """Whether this checkout's CLI offers an option (--alle-gebieden comes with issue 17)."""
    env = command_env()
    out = subprocess.run(
        [sys.executable, "-m", "wijktools", command, "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return option in out.stdout


def figure_a(tmp: Path, codes: list[str], papermill: bool) -> tuple[Run, Run | None]:
    """(a) the fast path and the papermill path on the same 24 wijken, 2 workers each."""
    listing = tmp / "wijken24.txt"
    listing.write_text("\n".join(codes) + "\n", encoding="utf-8")
    common = ["batch", "--codes", str(listing), "--workers", str(WORKERS), "--opnieuw"]
    fast = run([*common, "--uit", str(tmp / "snel")], watch=tmp / "snel")
    slow = run([*common, "--notebooks", "--uit", str(tmp / "papermill")]) if papermill else None
    return fast, slow


def figure_b(tmp: Path, mode: str) -> tuple[Run, int, bool] | None:
    """(b) every area of NL, or a spread sample; returns the run, the number of areas, sampled."""
    if mode == "overslaan":
        return None
    if mode == "steekproef" or not has_option("batch", "--alle-gebieden"):
        if mode != "steekproef":
            print("  --alle-gebieden ontbreekt in deze versie: steekproef in plaats daarvan")
        codes = spread_sample(SAMPLE)
        listing = tmp / "steekproef.txt"
        listing.write_text("\n".join(codes) + "\n", encoding="utf-8")
        args = ["batch", "--codes", str(listing)]
        n, sampled = len(codes), True
    else:
        args = ["batch", "--alle-gebieden"]
        n, sampled = ALL_AREAS, False
    result = run(
        [*args, "--workers", str(WORKERS), "--opnieuw", "--uit", str(tmp / "alle")],
        sample_rss=True,
    )
    return result, n, sampled


def figure_c(tmp: Path, runs: int) -> list[Run]:
    """(c) `wijktools profiel CODE`, after one warm-up run (not counted)."""
    run(["profiel", PROFIEL_CODE, "--uit", str(tmp / "profiel-warm")])
    return [run(["profiel", PROFIEL_CODE, "--uit", str(tmp / f"profiel-{i}")]) for i in range(runs)]


def figure_d(tmp: Path, runs: int) -> list[Run]:
    """(d) six-format export of the fictional demo session (the session is made first, not timed)."""
    db = tmp / "demo.sqlite"
    make = (
        "from pathlib import Path\n"
        "from wijktools.demo.workshop import session_or_demo\n"
        "from wijktools.store import connection as store\n"
        f"conn = store.connect(Path({str(db)!r}))\n"
        "print(session_or_demo(conn, 0))\n"
        "conn.close()\n"
    )
    env = command_env()
    made = subprocess.run(
        [sys.executable, "-c", make], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    session = made.stdout.strip().splitlines()[-1]
    args = ["export", "--sessie", session, "--db", str(db)]
    return [run([*args, "--uit", str(tmp / f"export-{i}")]) for i in range(runs)]


def figure_d_pdf(tmp: Path, runs: int) -> list[Run]:
    """The PDF alone, as the export's second process makes it, with the report's HTML ready at once.

    No six-format export can finish sooner than this: it is the floor of (d) with WeasyPrint.
    """
    html = next((tmp / "export-0").glob("*-rapport.html"), None)
    if html is None:
        return []
    return [run([], module="wijktools.render.pdf", stdin=html) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--snel",
        action="store_true",
        help=f"(b) op een steekproef van {SAMPLE} gebieden, geëxtrapoleerd naar {ALL_AREAS:,}",
    )
    parser.add_argument("--zonder-alle-gebieden", action="store_true", help="sla (b) over")
    parser.add_argument(
        "--zonder-papermill", action="store_true", help="sla het papermill-pad over"
    )
    parser.add_argument("--runs", type=int, default=3, help="herhalingen voor (c); (d) één keer")
    parser.add_argument("--export-runs", type=int, default=1)
    args = parser.parse_args()
    mode = "overslaan" if args.zonder_alle_gebieden else "steekproef" if args.snel else "alles"

    print(
        f"wijktools snelheid (issue 17): Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}. Hele opdrachten; CPU = user+system van de opdracht en "
        "haar werkers. Wandtijd op een gedeelde machine is indicatief: oordeel op CPU-tijd."
    )
    codes = wijken_24()
    with tempfile.TemporaryDirectory(prefix="snelheid-") as tmp_name:
        tmp = Path(tmp_name)
        results: list[tuple[str, str, str]] = []

        print(f"\n(a) {len(codes)} wijken, {WORKERS} werkers, snel pad tegen papermill-pad")
        fast, slow = figure_a(tmp, codes, papermill=not args.zonder_papermill)
        print("  " + line("wijktools batch (snel)", fast))
        if slow is not None:
            print("  " + line("wijktools batch --notebooks (papermill)", slow))
            ratio, cpu_ratio = slow.wall / fast.wall, slow.cpu / max(fast.cpu, 1e-9)
            ran = fast.returncode == 0 and slow.returncode == 0
            verdict = marks(ran and ratio >= 10, ran and cpu_ratio >= 10)
            print(
                f"  verhouding: {ratio:.1f}x wandtijd, {cpu_ratio:.1f}x CPU-tijd; doel >= 10x: "
                f"{verdict}"
            )
            results.append(
                ("(a) 24 wijken snel/papermill", f"{ratio:.1f}x (CPU {cpu_ratio:.1f}x)", verdict)
            )
        else:
            print("  papermill-pad overgeslagen (--zonder-papermill): geen verhouding")

        print("\n(b) alle gebieden van Nederland, 2 werkers")
        found = figure_b(tmp, mode)
        if found is None:
            print("  overgeslagen (--zonder-alle-gebieden)")
        else:
            whole, n, sampled = found
            workers = sorted(whole.peak_rss_mb.values(), reverse=True)
            peak = ", ".join(f"{mb:.0f}" for mb in workers[: WORKERS + 2]) or "onbekend"
            print("  " + line(f"wijktools batch ({n:,} gebieden)", whole))
            print(f"  piek-RSS per werkproces (MB, grootste eerst): {peak}")
            if sampled:
                # The sample's start-up is counted in proportion too: an upper bound. (Subtracting
                # (a)'s start-up underestimates badly when (a) ran on a cold cache.)
                per_area_cpu = whole.cpu / n
                est = whole.wall / n * ALL_AREAS
                est_cpu = per_area_cpu * ALL_AREAS
                print(
                    f"  STEEKPROEF van {n} gebieden, GEËXTRAPOLEERD naar {ALL_AREAS:,}: "
                    f"{est / 60:.1f} min wandtijd op deze machine nu; {est_cpu / WORKERS / 60:.1f} min "
                    f"op {WORKERS} vrije cores (uit CPU-tijd)"
                )
                minutes, cpu_minutes = est / 60, est_cpu / WORKERS / 60
                label = f"{minutes:.1f} min (CPU/{WORKERS}: {cpu_minutes:.1f} min), extrapolatie"
            else:
                minutes, cpu_minutes = whole.wall / 60, whole.cpu / WORKERS / 60
                label = f"{minutes:.1f} min (CPU/{WORKERS}: {cpu_minutes:.1f} min), gemeten"
            ran = whole.returncode == 0
            verdict = marks(ran and minutes < 15, ran and cpu_minutes < 15)
            print(f"  doel < 15 min: {verdict}")
            results.append(("(b) alle gebieden", label, verdict))

        print("\n(c) start-up tot het eerste gebied; wijktools profiel op een warme schijf")
        first = fast.first_output
        first_cpu = fast.first_output_cpu
        verdict = marks(
            first is not None and first < 1.5, first_cpu is not None and first_cpu < 1.5
        )
        print(
            f"  eerste wijkprofiel.html van de batch in (a) na "
            f"{'?' if first is None else f'{first:.2f}'} s wandtijd, "
            f"{'?' if first_cpu is None else f'{first_cpu:.2f}'} s CPU (opdracht en werkers samen: "
            f"een bovengrens); doel < 1,5 s: {verdict}"
        )
        results.append(
            (
                "(c) start-up tot eerste gebied",
                f"{first or float('nan'):.2f} s (CPU {first_cpu or float('nan'):.2f} s)",
                verdict,
            )
        )
        profiel = figure_c(tmp, args.runs)
        wall = statistics.median(r.wall for r in profiel)
        cpu = statistics.median(r.cpu for r in profiel)
        ran = all(r.returncode == 0 for r in profiel)
        verdict = marks(ran and wall < 1, ran and cpu < 1)
        print(
            f"  wijktools profiel {PROFIEL_CODE} (mediaan van {len(profiel)}): {wall:.2f} s wandtijd, "
            f"{cpu:.2f} s CPU; doel < 1 s: {verdict}"
        )
        results.append((f"(c) profiel {PROFIEL_CODE}", f"{wall:.2f} s (CPU {cpu:.2f} s)", verdict))

        print("\n(d) export van de demosessie in zes formaten")
        exports = figure_d(tmp, args.export_runs)
        for i, r in enumerate(exports, start=1):
            # The first run is the only one whose imports and data may come from a cold disk.
            print("  " + line(f"run {i}{' (eerste)' if i == 1 else ''}", r))
        wall = statistics.median(r.wall for r in exports)
        cpu = statistics.median(r.cpu for r in exports)
        ran = all(r.returncode == 0 for r in exports)
        verdict = marks(ran and wall < 5, ran and cpu < 5)
        print(
            f"  wijktools export --sessie (html, pdf, docx, slides, pptx, xlsx): {wall:.1f} s "
            f"wandtijd, {cpu:.1f} s CPU; doel < 5 s: {verdict}"
        )
        results.append(("(d) export zes formaten", f"{wall:.1f} s (CPU {cpu:.1f} s)", verdict))
        floor = figure_d_pdf(tmp, args.export_runs)
        if floor:
            wall = statistics.median(r.wall for r in floor)
            cpu = statistics.median(r.cpu for r in floor)
            print(
                f"  ondergrens: alleen het PDF-proces (python -m wijktools.render.pdf), met de HTML van "
                f"het rapport al klaar (mediaan van {len(floor)}): {wall:.1f} s wandtijd, {cpu:.1f} s "
                "CPU. Sneller dan dit kan geen export met het PDF erbij op deze machine."
            )
            results.append(
                ("(d) ondergrens: alleen het PDF", f"{wall:.1f} s (CPU {cpu:.1f} s)", "")
            )

    print("\nSamenvatting (wandtijd indicatief op een gedeelde machine):")
    for name, value, verdict in results:
        print(f"  {name:<32} {value:<44} {verdict}")


def fast_first(fast: Run) -> float:
    """The fixed cost before the first area (from the batch of (a)); 0 when not seen."""
    return fast.first_output or 0.0


if __name__ == "__main__":
    main()
