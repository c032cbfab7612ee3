"""Derived tables in data/derived as uncompressed Arrow IPC files: opening one is a memory map.

Decoding a parquet cache costs 10-20 ms per table (the area list, the comparison tables), which a
single `wijktools profiel` pays several times; the same table as Arrow IPC is converted to pandas
in a few milliseconds, with the same columns, index and dtypes as `pd.read_parquet` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wijktools import paths
from wijktools.paths import atomic_write

if TYPE_CHECKING:
    import pandas as pd

SUFFIX = ".arrow"


def write(path: Path, frame: pd.DataFrame, *, index: bool | None = None) -> None:
    """Write `frame` atomically; `index` as in `DataFrame.to_parquet` (None: a RangeIndex as metadata)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=index).combine_chunks()
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "wb") as handle, pa.ipc.new_file(handle, table.schema) as writer:
        writer.write_table(table)


def read(path: Path) -> pd.DataFrame:
    """The frame `write` stored (pandas metadata restores index and dtypes)."""
    import pyarrow as pa

    # The buffers keep the mapping alive (as the indicator cache's do): no explicit close.
    return pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all().to_pandas()


def derived(
    stem: str, inputs: list[Path], build: Callable[[], pd.DataFrame], version: str = "1"
) -> pd.DataFrame:
    """What `build()` makes of raw `inputs`, kept as data/derived/<stem>-<key>.arrow (`paths.derived`)."""
    return paths.derived(stem, inputs, build, suffix=SUFFIX, load=read, save=write, version=version)
