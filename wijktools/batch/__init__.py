"""Batch per kern: the same profile build and outputs for many areas, fast, resumable, with an index.

Public entry points:
- `select(gemeenten=..., provincie=..., codes_file=..., alle=...) -> list[Target]`
- `run(targets, out_dir, area_fn=tasks.build_profile, executor=executors.make(...), force=...) -> BatchResult`
- `index.write(result, title)`: the overview page index.html of a run
- `executors.make(workers, scheduler)`: local process pool, or Dask `Client(address)`.
"""

from pathlib import Path

from wijktools.batch.engine import FAST, NO_FIGURES, NOTEBOOKS, run
from wijktools.batch.results import AreaResult, BatchResult
from wijktools.batch.selection import Target, describe, select

__all__ = [
    "FAST",
    "NOTEBOOKS",
    "NO_FIGURES",
    "AreaResult",
    "BatchResult",
    "Target",
    "demo",
    "describe",
    "run",
    "select",
]


def demo(out_root: Path) -> Path:
    """`make demo` hook: the six wijken of Lochem (GM0262) into out_root/batch/, returns index.html."""
    from wijktools.batch import executors, index, tasks

    executor = executors.make(workers=1, initializer=tasks.warm)
    try:
        result = run(
            select(gemeenten=["GM0262"]),
            Path(out_root) / "batch" / "gemeente-gm0262",
            executor=executor,
        )
    finally:
        executor.close()
    return index.write(result, title="Wijkprofielen: gemeente Lochem (GM0262)")
