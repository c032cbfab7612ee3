"""Comparison tables: every area of one level as a row, the newest value of each indicator as a column.

Pivoted once from the indicator table and kept in data/derived as Arrow. Batch and notebooks read
them as pandas (`wide`); one profile maps them as float arrays (`arrays`), without pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from wijktools.opendata import areas, frames, indicators, sources
from wijktools.paths import derived_dir

if TYPE_CHECKING:
    import pandas as pd

LEVELS = ("gemeente", "wijk", "buurt")


@dataclass(frozen=True)
class Wide:
    """`wide(level, year)` as arrays: per column (`key` or `key|age`) the value of every area."""

    codes: list[str]
    columns: list[str]
    # One row per column, as pandas keeps the frame's float block: sums over areas add up alike.
    by_column: np.ndarray

    @cached_property
    def row(self) -> dict[str, int]:
        """Row position per area code."""
        return {code: at for at, code in enumerate(self.codes)}

    @cached_property
    def column(self) -> dict[str, int]:
        """Position in `by_column` per column name."""
        return {name: at for at, name in enumerate(self.columns)}


def arrays(level: str, year: int | None = None) -> Wide:
    """The comparison table of `level` (newest year unless asked) as arrays, mapped from its file."""
    return _arrays_at(wide_file(level, year))


@cache
def _arrays_at(path: Path) -> Wide:
    table = frames.mapped(path)
    names = [name for name in table.column_names if name != "code"]
    values = (
        np.vstack([frames.numbers(table.column(name)) for name in names])
        if names
        else np.empty((0, table.num_rows))
    )
    return Wide([str(c) for c in table.column("code").to_pylist()], names, values)


def rebuild() -> Path:
    """Rebuild the indicator cache and the comparison tables of the newest year (make data).

    The first profile after `make data` then does not pivot the whole table.
    """
    wide.cache_clear()
    _wide_cached.cache_clear()
    _arrays_at.cache_clear()
    path = indicators.rebuild()
    for level in LEVELS:
        wide(level)
    return path


@cache
def wide(level: str, year: int | None = None) -> pd.DataFrame:
    """Areas of one level as rows, indicators as columns (`key` or `key|age`), newest year unless asked.

    Cached in data/derived across processes (one pivot of the whole table costs about half a second).
    """
    return _wide_cached(level, year, sources.fingerprint())


@cache
def _wide_cached(level: str, year: int | None, fingerprint: str) -> pd.DataFrame:
    path = _wide_path(level, year, fingerprint)
    return frames.read(path) if path.exists() else _write_wide(level, year, path)


def wide_file(level: str, year: int | None = None) -> Path:
    """The Arrow file of `wide(level, year)` (built when missing): the codes in column 'code'."""
    path = _wide_path(level, year, sources.fingerprint())
    if not path.exists():
        _write_wide(level, year, path)
    return path


def _wide_path(level: str, year: int | None, fingerprint: str) -> Path:
    stem = f"vergelijk-{level}" if year is None else f"vergelijk-{level}-{year}"
    return derived_dir() / f"{stem}-{fingerprint}{frames.SUFFIX}"


def _write_wide(level: str, year: int | None, path: Path) -> pd.DataFrame:
    frame = _pivot(level, year)
    frame.columns = [str(c) for c in frame.columns]
    frame.index = frame.index.astype(str)
    stem = path.name.rsplit("-", 1)[0]
    for old in [*derived_dir().glob(f"{stem}-*.parquet"), *derived_dir().glob(f"{stem}-*.arrow")]:
        if len(old.stem) == len(path.stem):  # not the cache of one year of the same level
            old.unlink(missing_ok=True)
    frames.write(path, frame)
    return frame


def _pivot(level: str, year: int | None) -> pd.DataFrame:
    frame = indicators.load()
    codes = areas.table()
    level_codes = codes.index[codes["soort"] == level]
    rows = frame[frame.index.isin(level_codes)].reset_index(drop=True)
    if year is not None:
        rows = rows[rows["year"] == year]
    rows = rows.sort_values("year").groupby(["code", "key", "age_group"], observed=True).tail(1)
    rows["column"] = [
        k if not a else f"{k}|{a}" for k, a in zip(rows["key"], rows["age_group"], strict=True)
    ]
    return rows.pivot_table(
        index="code", columns="column", values="value", aggfunc="first", observed=True
    )
