"""Run one per-area function over many areas: skip what is up to date, report failures, never stop.

Resume rule: after an area succeeds, a stamp file `.batch.json` is written last (atomically) with
the files, the package version, the mode and the index figures. An area is up to date when its stamp
names this version and mode, every file exists, and all of them are newer than the newest input
(the open data files). `force=True` (`--opnieuw`) rebuilds everything.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from wijktools import __version__
from wijktools.batch import tasks
from wijktools.batch.executors import Executor, InlineExecutor
from wijktools.batch.results import AreaResult, BatchResult
from wijktools.batch.selection import Target
from wijktools.errors import WijktoolsError
from wijktools.paths import inside, raw_dir, write_text_atomic

STAMP = ".batch.json"
FAST, NOTEBOOKS, NO_FIGURES = "snel", "notebooks", "snel-zonder-figuren"
# Areas of one gemeente go to a worker together (warm gemeente caches, fewer round trips); small
# enough that progress moves and a crashed worker loses little.
CHUNK = 16


def default_inputs() -> list[Path]:
    """Every open-data file under data/raw: a newer one makes every output stale."""
    return sorted(p for p in raw_dir().rglob("*") if p.is_file() and not p.name.startswith("."))


def newest_input(inputs: Iterable[Path]) -> float:
    """Modification time of the newest input file (0 when there are none)."""
    return max((Path(p).stat().st_mtime for p in inputs if Path(p).exists()), default=0.0)


def read_stamp(folder: Path) -> dict | None:
    """The stamp of a finished area, or None when absent or unreadable (then: rebuild)."""
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_fresh(folder: Path, mode: str, inputs_mtime: float) -> bool:
    """Up to date: same version and mode, all files present and newer than every input."""
    stamp = read_stamp(folder)
    if not stamp or stamp.get("versie") != __version__ or stamp.get("modus") != mode:
        return False
    files = [folder / name for name in stamp.get("bestanden", [])] + [folder / STAMP]
    if not all(f.exists() for f in files):
        return False
    return min(f.stat().st_mtime for f in files) > inputs_mtime


def run_area(
    area_fn: tasks.AreaFn,
    figures_fn: Callable[[Target], dict[str, object]] | None,
    target: Target,
    folder: Path,
    mode: str,
) -> AreaResult:
    """Worker side: build one area, write its stamp last; any failure becomes a reported result."""
    start, cpu_start = time.perf_counter(), tasks.cpu_seconds()
    try:
        written = [Path(p) for p in area_fn(target, folder)]
        figures = {}
        if figures_fn is not None:
            try:
                figures = figures_fn(target)
            except Exception:  # the index then shows dashes; the area itself was built fine
                figures = {}
        names = sorted(str(p.relative_to(folder)) for p in written)
        stamp = {"versie": __version__, "modus": mode, "bestanden": names, "kengetallen": figures}
        write_text_atomic(folder / STAMP, json.dumps(stamp, ensure_ascii=False, indent=1))
        status, reason = "klaar", ""
    except WijktoolsError as exc:
        status, reason, names, figures = "mislukt", str(exc), [], {}
    except Exception as exc:  # a bug for this area must not stop the other areas
        status, reason, names, figures = (
            "mislukt",
            f"onverwachte fout: {type(exc).__name__}: {exc}",
            [],
            {},
        )
    if status == "mislukt" and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()  # no empty folders for areas that never got output
    return AreaResult(
        target=target,
        status=status,
        reason=reason,
        files=tuple(names),
        figures=figures,
        seconds=time.perf_counter() - start,
        cpu_seconds=tasks.cpu_seconds() - cpu_start,
        peak_rss_kb=tasks.peak_rss_kb(),
        open_figures=tasks.open_figures(),
    )


def run_areas(
    area_fn: tasks.AreaFn,
    figures_fn: Callable[[Target], dict[str, object]] | None,
    jobs: Sequence[tuple[Target, Path]],
    mode: str,
) -> list[AreaResult]:
    """Worker side: several areas of one gemeente in a row, one result each."""
    return [run_area(area_fn, figures_fn, target, folder, mode) for target, folder in jobs]


def _chunks(items: Sequence[tuple[int, Target, Path]]) -> Iterator[list[tuple[int, Target, Path]]]:
    """Consecutive areas of the same gemeente (Target.group) in chunks of CHUNK; others alone."""
    chunk: list[tuple[int, Target, Path]] = []
    for item in items:
        group = item[1].group
        if chunk and (not group or group != chunk[-1][1].group or len(chunk) >= CHUNK):
            yield chunk
            chunk = []
        chunk.append(item)
    if chunk:
        yield chunk


def _progress(total: int, enabled: bool) -> object:
    from tqdm.auto import tqdm

    return tqdm(total=total, disable=not enabled, unit="gebied", desc="Batch", dynamic_ncols=True)


def run(
    targets: Sequence[Target],
    out_dir: Path,
    *,
    area_fn: tasks.AreaFn = tasks.build_profile,
    figures_fn: Callable[[Target], dict[str, object]] | None = tasks.key_figures,
    mode: str = FAST,
    executor: Executor | None = None,
    force: bool = False,
    inputs: Sequence[Path] | None = None,
    progress: bool = False,
    on_result: Callable[[AreaResult], None] | None = None,
    keep_results: bool = True,
) -> BatchResult:
    """Build every target into out_dir/<folder>/ and skip fresh ones; `index.write` renders the overview.

    `on_result` sees every area as it finishes (the streamed index of `--alle-gebieden`); with
    `keep_results=False` the result keeps only counts and failures, so memory stays flat.
    """
    start = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    inputs_mtime = newest_input(default_inputs() if inputs is None else inputs)
    kept: list[AreaResult | None] = [None] * len(targets) if keep_results else []
    result = BatchResult(out_dir=out_dir, results=[])

    def record(pos: int, outcome: AreaResult) -> None:
        result.count(outcome)
        if keep_results:
            kept[pos] = outcome
        if on_result is not None:
            on_result(outcome)

    pending: list[tuple[int, Target, Path]] = []
    for pos, target in enumerate(targets):
        folder = inside(out_dir, target.folder)
        if not force and is_fresh(folder, mode, inputs_mtime):
            stamp = read_stamp(folder) or {}
            record(
                pos,
                AreaResult(
                    target,
                    "actueel",
                    files=tuple(stamp.get("bestanden", [])),
                    figures=stamp.get("kengetallen", {}),
                ),
            )
        else:
            pending.append((pos, target, folder))
    chunks = list(_chunks(pending))
    jobs = [
        (area_fn, figures_fn, [(target, folder) for _, target, folder in chunk], mode)
        for chunk in chunks
    ]
    bar = _progress(len(targets), progress)
    bar.update(len(targets) - len(pending))
    executor = executor or InlineExecutor()
    try:
        for job_index, outcome in executor.imap_unordered(run_areas, jobs):
            chunk = chunks[job_index]
            chunks[job_index] = []  # done: nothing of it stays in memory
            if not isinstance(outcome, list):  # the worker itself died or could not unpickle
                outcome = [
                    AreaResult(target, "mislukt", reason=f"werkproces gestopt: {outcome}")
                    for _, target, _ in chunk
                ]
            for (pos, _, _), area_result in zip(chunk, outcome, strict=True):
                record(pos, area_result)
            bar.set_postfix(
                klaar=result.counts.get("klaar", 0), mislukt=len(result.failures), refresh=False
            )
            bar.update(len(chunk))
    finally:
        bar.close()
    result.results = [r for r in kept if r is not None]
    result.seconds = time.perf_counter() - start
    return result
