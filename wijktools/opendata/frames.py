"""Derived tables in data/derived as uncompressed Arrow IPC files: opening one is a memory map.

Decoding a parquet cache costs 10-20 ms per table (the area list, the comparison tables), which a
single `wijktools profiel` pays several times; the same table as Arrow IPC is a memory map. The
profile of one area reads the mapped table as Arrow (`mapped`): no pandas in that process. Batch
and notebooks get it as pandas (`read`), with the same columns, index and dtypes as
`pd.read_parquet` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijktools import paths
from wijktools.paths import atomic_write

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

SUFFIX = ".arrow"


def _table_of(frame: pd.DataFrame, index: bool | None = None) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pandas(frame, preserve_index=index).combine_chunks()


def _write_table(path: Path, table: pa.Table) -> None:
    import pyarrow as pa

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "wb") as handle, pa.ipc.new_file(handle, table.schema) as writer:
        writer.write_table(table)


def write(path: Path, frame: pd.DataFrame, *, index: bool | None = None) -> None:
    """Write `frame` atomically; `index` as in `DataFrame.to_parquet` (None: a RangeIndex as metadata)."""
    _write_table(path, _table_of(frame, index))


def mapped(path: Path) -> pa.Table:
    """The table `write` stored, as the memory-mapped Arrow table (the index a column, if stored)."""
    import pyarrow as pa

    # The buffers keep the mapping alive (as the indicator cache's do): no explicit close.
    return pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()


def read(path: Path) -> pd.DataFrame:
    """The frame `write` stored (pandas metadata restores index and dtypes)."""
    return mapped(path).to_pandas()


def numbers(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A numeric column as numpy (a float null as NaN), without importing pandas.

    pyarrow's `to_numpy` imports pandas (for its NaT and NA: half a second a process), and so does
    every Python value handed to pyarrow; DLPack hands numpy the Arrow buffer itself (read-only).
    """
    import numpy as np
    import pyarrow as pa

    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if array.null_count and pa.types.is_floating(array.type):
        array = array.fill_null(_nan().cast(array.type))
    return np.from_dlpack(array)


@cache
def _nan() -> pa.Scalar:
    """NaN as an Arrow scalar, made from a numpy buffer (a Python float would import pandas)."""
    import numpy as np
    import pyarrow as pa

    return pa.Array.from_buffers(pa.float64(), 1, [None, pa.py_buffer(np.array([np.nan]))])[0]


@cache
def listed(path: Path, column: str) -> list[Any]:
    """One column of the mapped table at `path` as Python values (None for a null), once per process."""
    return mapped(path).column(column).to_pylist()


def row_of(table: pa.Table, column: str) -> dict[str, int]:
    """Row position per value of a string column (the look-up index of a mapped table)."""
    return {value: at for at, value in enumerate(table.column(column).to_pylist())}


@cache
def indexed(path: Path, column: str = "code") -> tuple[pa.Table, dict[str, int]]:
    """The mapped table at `path` and its `row_of` `column`, made once per file and process."""
    table = mapped(path)
    return table, row_of(table, column)


def derived(
    stem: str, inputs: list[Path], build: Callable[[], pd.DataFrame], version: str = "1"
) -> pa.Table:
    """What `build()` makes of raw `inputs`, kept as data/derived/<stem>-<key>.arrow (`paths.derived`).

    The mapped Arrow table (the frame's index a column); `.to_pandas()` gives the frame back.
    """
    return paths.derived(
        stem,
        inputs,
        lambda: _table_of(build()),
        suffix=SUFFIX,
        load=mapped,
        save=_write_table,
        version=version,
    )
