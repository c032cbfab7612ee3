"""The tidy indicator table, cached; values per area (kernen aggregated) and why one is missing."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from wijktools.opendata import aggregation, frames, rivm, sources, territory
from wijktools.opendata.areas import Area
from wijktools.opendata.codebook import codebook
from wijktools.paths import atomic_write, derived_dir

if TYPE_CHECKING:
    import pandas as pd


def cache_path() -> Path:
    """Derived cache, rebuilt from data/raw by code (never edited by hand).

    An uncompressed Arrow IPC file, sorted by code: memory-mapped, so opening it costs almost
    nothing, every worker process shares the same pages, and one area is a slice of it.
    """
    return derived_dir() / f"indicatoren-{sources.fingerprint()}.arrow"


def _build_cache(path: Path) -> pd.DataFrame:
    """Parse data/raw once into the columnar cache."""
    import pyarrow as pa

    frame = sources.build()
    table = pa.Table.from_pandas(frame, preserve_index=False).combine_chunks()
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in [
        *path.parent.glob("indicatoren-*.arrow"),
        *path.parent.glob("indicatoren-*.parquet"),
    ]:
        old.unlink(missing_ok=True)
    with atomic_write(path, "wb") as handle, pa.ipc.new_file(handle, table.schema) as writer:
        writer.write_table(table)
    return frame


def _table() -> Any:
    """The cache as a memory-mapped Arrow table (built first when missing)."""
    return _table_at(cache_path())


@cache
def _table_at(path: Path) -> Any:
    import pyarrow as pa

    if not path.exists():
        _build_cache(path)
    return pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()


@cache
def load() -> pd.DataFrame:
    """The tidy table: code, key, age_group, value, unit, year, table; indexed by code for fast look-up."""
    frame = _table().to_pandas()
    frame = frame.set_index("code", drop=False).sort_index()
    frame.index.name = None  # the column stays the label; the index is only for fast look-up
    return frame


def rebuild() -> Path:
    """Force a rebuild of the derived cache (`comparison.rebuild` also rebuilds what derives from it).

    The per-level comparison tables are derived from it: dropped here.
    """
    load.cache_clear()
    _table_at.cache_clear()
    _positions_at.cache_clear()
    _dtypes.cache_clear()
    territory.table.cache_clear()
    rivm.clear_caches()
    codebook.cache_clear()
    cache_path().unlink(missing_ok=True)
    for old in [
        *derived_dir().glob("vergelijk-*.parquet"),
        *derived_dir().glob("vergelijk-*.arrow"),
    ]:
        old.unlink(missing_ok=True)
    load()
    return cache_path()


_SPANS: list[Any] = [None, {}]  # [frame, {code: (start, stop)}] for the frame load() returned


def _span(frame: pd.DataFrame, code: str) -> tuple[int, int] | None:
    """Row positions of one code in the sorted index: a dict look-up instead of a categorical scan."""
    import pandas as pd

    if _SPANS[0] is not frame:
        index = frame.index
        # Compare the integer category codes, not 3 million strings (0.02 s instead of 0.5 s).
        values = index.codes if isinstance(index, pd.CategoricalIndex) else index.to_numpy()
        starts = np.r_[0, np.flatnonzero(values[1:] != values[:-1]) + 1]
        stops = np.r_[starts[1:], len(values)]
        labels = [str(c) for c in index[starts]] if len(values) else []
        # Plain Python lists: element-wise numpy scalars cost 0.07 s for the 18,000 codes.
        spans = zip(labels, starts.tolist(), stops.tolist(), strict=True)
        _SPANS[:] = [frame, {c: (a, b) for c, a, b in spans}]
    return _SPANS[1].get(code)


@cache
def _positions_at(path: Path) -> tuple[list[str], np.ndarray] | None:
    """The code dictionary and the per-row dictionary positions, when both are sorted (None: not)."""
    column = _table_at(path).column("code")
    if column.num_chunks != 1:
        return None
    chunk = column.chunk(0)
    dictionary = chunk.dictionary.to_pylist()
    positions = frames.numbers(chunk.indices)
    if dictionary != sorted(dictionary) or (positions[1:] < positions[:-1]).any():
        return None
    return dictionary, positions


def _slice(code: str) -> tuple[Any, np.ndarray] | None:
    """One code's rows as a slice of the mapped table and their code positions (None: not sorted)."""
    import bisect

    path = cache_path()  # one fingerprint of the raw inputs for both look-ups
    found = _positions_at(path)
    if found is None:
        return None
    dictionary, positions = found
    at = bisect.bisect_left(dictionary, code)
    if at < len(dictionary) and dictionary[at] == code:
        # The positions' own dtype: a Python int made numpy cast all 3.2 million of them (8 ms).
        own = positions.dtype.type(at)
        start, stop = (int(np.searchsorted(positions, own, side)) for side in ("left", "right"))
    else:
        start = stop = 0  # no rows, with the columns of the table
    return _table_at(path).slice(start, stop - start), positions[start:stop]


def _read_code(code: str) -> pd.DataFrame | None:
    """One code's rows as a slice of the mapped table, without converting the whole table."""
    import pandas as pd
    import pyarrow as pa

    found = _slice(code)
    if found is None:
        return None
    piece, codes = found
    path = cache_path()
    # Every column of the slice as numpy, the dictionary columns as their positions under the
    # categories of load() (the code column's 18,315 codes among them), converted once: pyarrow's
    # to_pandas converts each slice's dictionaries again (4 ms a slice; 10 ms a code for the codes).
    dtypes = _dtypes(path)
    columns: dict[str, Any] = {}
    for name in piece.column_names:
        column = piece.column(name)
        # Nulls of a float column become NaN both ways; of any other column: pyarrow's own rules.
        if column.num_chunks != 1 or (column.null_count and not pa.types.is_floating(column.type)):
            return _convert(piece, codes, path)  # not as the cache is written
        chunk = column.chunk(0)
        if name == "code":
            columns[name] = pd.Categorical.from_codes(codes, dtype=dtypes[name])
        elif name in dtypes:
            indices = chunk.indices.to_numpy(zero_copy_only=False)
            columns[name] = pd.Categorical.from_codes(indices, dtype=dtypes[name])
        else:
            columns[name] = np.array(chunk.to_numpy(zero_copy_only=False))  # own, writable
    return pd.DataFrame(columns)


def _convert(piece: Any, codes: np.ndarray, path: Path) -> pd.DataFrame:
    """The slice through pyarrow's own conversion (the code column made once, as above)."""
    import pandas as pd

    frame = piece.drop_columns(["code"]).to_pandas()
    frame.insert(
        piece.schema.get_field_index("code"),
        "code",
        pd.Categorical.from_codes(codes, dtype=_dtypes(path)["code"]),
    )
    return frame


@cache
def _dtypes(path: Path) -> dict[str, pd.CategoricalDtype]:
    """The categories pyarrow gives each dictionary column (the whole dictionary), converted once.

    Built from the dictionaries as Python strings (the codes' already read): 3 ms instead of 13.
    """
    import pandas as pd
    import pyarrow as pa

    table = _table_at(path)
    found = _positions_at(path)
    out: dict[str, pd.CategoricalDtype] = {}
    for name in table.column_names:
        column = table.column(name)
        if not pa.types.is_dictionary(column.type):
            continue
        if not pa.types.is_large_string(column.type.value_type) or column.num_chunks != 1:
            out[name] = table.slice(0, 0).select([name]).to_pandas()[name].dtype
            continue
        values = found[0] if name == "code" and found else column.chunk(0).dictionary.to_pylist()
        out[name] = pd.CategoricalDtype(pd.Index(values, dtype="str"), ordered=False)
    return out


def _rows(code: str) -> pd.DataFrame:
    if not load.cache_info().currsize:  # one area (wijktools profiel): only its slice
        rows = _read_code(code)
        if rows is not None:
            return rows
    frame = load()
    span = _span(frame, code)
    if span is None:
        return frame.iloc[0:0].reset_index(drop=True)
    return frame.iloc[span[0] : span[1]].reset_index(drop=True)


@lru_cache(maxsize=32)
def _weights(codes: tuple[str, ...]) -> pd.DataFrame:
    """Per member the denominators of a weighted mean (newest KWB year that has them); read-only.

    Kept per kern, as `_member_rows`: a profile asks for them once per indicator it explains.
    """
    frame = _member_rows(tuple(sorted(set(codes))))
    cbs = frame[frame["age_group"] == ""]
    newest = (
        cbs.sort_values("year").groupby(["code", "key"], observed=True)["value"].last().unstack()
    )
    for col in ("AantalInwoners", "k_0Tot15Jaar", "k_15Tot25Jaar", "k_65JaarOfOuder"):
        if col not in newest:
            newest[col] = np.nan
    # 18+ is not published; estimate as everyone minus 0-14 minus 3/10 of 15-24 (ages 15, 16, 17).
    newest["inwoners_18_plus"] = (
        newest["AantalInwoners"] - newest["k_0Tot15Jaar"] - 0.3 * newest["k_15Tot25Jaar"]
    )
    newest["inwoners_18_64"] = newest["inwoners_18_plus"] - newest["k_65JaarOfOuder"]
    return newest.reindex(codes)


def for_area(area: Area) -> pd.DataFrame:
    """Tidy rows for one area; a kern is aggregated from its members."""
    if not area.is_kern:
        return _rows(area.code)
    codes = list(area.members)
    rows = _member_rows(tuple(sorted(set(codes))))  # in the table's order, as a filter gave them
    agg = aggregation.aggregate(rows, codes, _weights(tuple(codes)))
    if agg.empty:
        return rows.iloc[0:0]
    units = codebook()["unit"].to_dict()
    agg["unit"] = [units.get((k, a), "") for k, a in zip(agg["key"], agg["age_group"], strict=True)]
    agg["code"] = area.code
    # An interval of a member is not one of the kern: a kern has no 95 %-interval (no significance).
    agg["lower"] = agg["upper"] = np.nan
    return agg[sources.COLUMNS].sort_values(["key", "age_group", "year"]).reset_index(drop=True)


def columns_of(area: Area) -> dict[str, list[Any]]:
    """`for_area` as a plain list per column (a float gap NaN): one code's profile needs no pandas."""
    found = None if area.is_kern or load.cache_info().currsize else _slice(area.code)
    if found is None:
        frame = for_area(area)
        return {str(name): frame[name].tolist() for name in frame.columns}
    piece = found[0]
    return {name: _plain(piece.column(name)) for name in piece.column_names}


def _plain(column: Any) -> list[Any]:
    """A column's values as Python objects, a float null as NaN (as pandas gives it)."""
    import pyarrow as pa

    if pa.types.is_floating(column.type):
        return frames.numbers(column).tolist()
    return column.to_pylist()


def latest(area: Area) -> pd.DataFrame:
    """Per (key, age_group) only the newest year; the profile's headline values."""
    return latest_of(for_area(area))


def latest_of(rows: pd.DataFrame) -> pd.DataFrame:
    """`latest` of rows `for_area` returned (a kern is not aggregated a second time)."""
    if rows.empty:
        return rows
    rows = rows.sort_values(["key", "age_group", "year"])
    return rows.groupby(["key", "age_group"], observed=True).tail(1).reset_index(drop=True)


def value(area: Area, key: str, age_group: str = "", year: int | None = None) -> float | None:
    """One number, newest year unless asked; None when the data does not have it."""
    rows = for_area(area)
    rows = rows[(rows["key"] == key) & (rows["age_group"] == age_group)]
    if year is not None:
        rows = rows[rows["year"] == year]
    if rows.empty:
        return None
    return float(rows.sort_values("year")["value"].iloc[-1])


# What a recomputed kern figure needs from every member.
_KERN_INPUTS = {
    "Bevolkingsdichtheid": ("OppervlakteLand", "de landoppervlakte"),
    "Omgevingsadressendichtheid": ("Omgevingsadressendichtheid", "de omgevingsadressendichtheid"),
    "MateVanStedelijkheid": ("Omgevingsadressendichtheid", "de omgevingsadressendichtheid"),
}
_AGE_WEIGHT = {"18+": "inwoners_18_plus", "65+": "k_65JaarOfOuder", "18-64": "inwoners_18_64"}


@lru_cache(maxsize=32)
def _member_rows(codes: tuple[str, ...]) -> pd.DataFrame:
    """The rows of a few codes by index span (no scan of the whole table), in the order given.

    Read-only: kept per kern for the life of the process, as `load` keeps the whole table.
    """
    import pandas as pd

    if not codes:
        return _rows("")  # no rows, with the table's columns
    return pd.concat([_rows(code) for code in codes], ignore_index=True)


def rivm_coverage(area: Area, age_group: str) -> tuple[float, list[tuple[str, str]]]:
    """Share of the kern's inhabitants of the age group whose member has RIVM values, and who lacks them.

    A member without RIVM values is never dropped silently: the profile states this coverage.
    """
    codes = list(area.members or (area.code,))
    rows = _member_rows(tuple(codes))
    rivm = rows[rows["age_group"] == age_group]  # RIVM rows are the ones with an age group
    have = set(rivm["code"].astype(str))
    weights = _weights(tuple(codes))[_AGE_WEIGHT.get(age_group, "AantalInwoners")].fillna(0)
    total = float(weights.sum())
    covered = float(weights[weights.index.isin(have)].sum())
    lacking = [
        (c, territory.reason(c) or "RIVM publiceert voor dit gebied geen schatting")
        for c in codes
        if c not in have
    ]
    return (covered / total if total > 0 else 0.0), lacking


def missing_reason(area: Area, key: str, age_group: str = "") -> str:
    """Why an indicator has no value, in Dutch, for the profile's 'ontbreekt' list."""
    if area.is_kern:
        reason = _kern_reason(area, key, age_group)
        if reason:
            return reason
    if not age_group:
        return (
            "niet beschikbaar in de meegeleverde CBS-tabellen voor dit gebied "
            "(haal de volledige tabel op met: wijktools data ophalen 85984NED)"
        )
    reason = territory.reason(area.code) if not area.is_kern else ""
    return reason or "RIVM publiceert voor dit gebied en deze leeftijdsgroep geen schatting"


def _kern_reason(area: Area, key: str, age_group: str) -> str:
    """A kern figure is left out when members lack its inputs: say which members and why."""
    codes = list(area.members)
    if not age_group:
        needed, what = _KERN_INPUTS.get(key, (key, "dit cijfer"))
        lacking = aggregation.incomplete(_member_rows(tuple(codes)), needed, codes)
        if lacking:
            return (
                f"niet berekend voor de kern: van {', '.join(lacking)} ontbreekt {what}; een "
                "cijfer over een deel van de kern zou niet kloppen"
            )
        return ""
    share, lacking = rivm_coverage(area, age_group)
    if not lacking:
        return ""
    detail = "; ".join(f"{code}: {reason}" for code, reason in lacking)
    return (
        f"niet berekend voor de kern: RIVM-cijfers dekken {round(share * 100)} % van de inwoners "
        f"({age_group}) van de kern, minimaal {round(aggregation.MIN_COVERAGE * 100)} % is nodig. "
        f"Ontbreekt voor {detail}"
    )
