"""Batch per kern: the same profile build and outputs for many areas, fast, resumable, with an index.

Public entry points:
- `select(gemeenten=..., provincie=..., codes_file=..., alle=...) -> list[Target]`
- `run(targets, out_dir, area_fn=tasks.build_profile, executor=executors.make(...), force=...) -> BatchResult`
- `executors.make(workers, scheduler)`: local process pool, or Dask `Client(address)`.
"""

from pathlib import Path

from wijktools.batch.engine import FAST, NO_FIGURES, NOTEBOOKS, AreaResult, BatchResult, run
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
    from wijktools.batch import executors, tasks

    executor = executors.make(workers=1, initializer=tasks.warm)
    try:
        result = run(
            select(gemeenten=["GM0262"]),
            Path(out_root) / "batch" / "gemeente-gm0262",
            executor=executor,
            title="Wijkprofielen: gemeente Lochem (GM0262)",
        )
    finally:
        executor.close()
    assert result.index is not None
    return result.index
