"""Batch per kern: the same profile build and outputs for many areas, fast, resumable, with an index.

Public entry points:
- `select(gemeenten=..., provincie=..., codes_file=..., alle=...) -> list[Target]`
- `run(targets, out_dir, area_fn=tasks.build_profile, executor=executors.make(...), force=...) -> BatchResult`
- `executors.make(workers, scheduler)`: local process pool, or Dask `Client(address)`.
"""

from wijktools.batch.engine import FAST, NOTEBOOKS, AreaResult, BatchResult, run
from wijktools.batch.selection import Target, describe, select

__all__ = ["FAST", "NOTEBOOKS", "AreaResult", "BatchResult", "Target", "describe", "run", "select"]
