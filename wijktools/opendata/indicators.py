"""One tidy long table of every indicator (CBS KWB, RIVM) per area, with kernen aggregated correctly."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijktools.errors import DataFileError, DataMissingError
from wijktools.opendata import aggregation, areas, territory
from wijktools.opendata.areas import Area
from wijktools.opendata.codebook import (
    DERIVED_SHARES,
    RIVM_INDICATORS,
    base_key,
    codebook,
    kwb_folders,
    meta_path,
    read_cbs_meta,
)
from wijktools.paths import atomic_write, derived_dir, raw_dir

COLUMNS = ["code", "key", "age_group", "value", "unit", "year", "table"]
RIVM_FILE = Path("rivm-gezondheid-50090NED") / "rivm_50090NED_2012_2016_2020_alle_niveaus.parquet"
KWB2024_JSON = (
    Path("cbs-kwb-2024-85984NED") / "85984NED_stripped_filtered_data_2024_gemeente_wijk.json"
)
# The national KWB 2024 export uses snake_case headers; these are the StatLine keys they stand for.
KWB2024_SNAKE = {
    "aantal_inwoners": "AantalInwoners",
    "mannen": "Mannen",
    "vrouwen": "Vrouwen",
    "leeftijd_0_15": "k_0Tot15Jaar",
    "leeftijd_15_25": "k_15Tot25Jaar",
    "leeftijd_25_45": "k_25Tot45Jaar",
    "leeftijd_45_65": "k_45Tot65Jaar",
    "leeftijd_65_plus": "k_65JaarOfOuder",
}
RIVM_AGE = {"18+": "18+", "65+": "65+", "18-64": "18-64", "18-65": "18-64"}


def _raw_inputs() -> list[Path]:
    files = [raw_dir() / areas.KWB2024_FILE, raw_dir() / KWB2024_JSON, raw_dir() / RIVM_FILE]
    for folder, _, _ in kwb_folders():
        files.extend(sorted(folder.glob("kerncijfers_*.csv")))
    return [f for f in files if f.exists()]


def fingerprint() -> str:
    """Changes whenever a raw input changes, so the derived cache can never go stale."""
    digest = hashlib.sha256(territory.fingerprint().encode())  # the join rule and its inputs
    for path in _raw_inputs():
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}".encode())
    return digest.hexdigest()[:16]


def _tidy(
    frame: pd.DataFrame, table: str, year: int | pd.Series, age: str | pd.Series = ""
) -> pd.DataFrame:
    frame = frame.assign(table=table, year=year, age_group=age)
    return frame


def _kwb2024_population() -> pd.DataFrame:
    path = raw_dir() / areas.KWB2024_FILE
    frame = pd.read_csv(path, usecols=["code", *KWB2024_SNAKE])
    frame["code"] = frame["code"].str.strip().str.upper()
    long = frame.rename(columns=KWB2024_SNAKE).melt(
        id_vars="code", var_name="key", value_name="value"
    )
    return _tidy(long, "85984NED", 2024)


def _kwb2024_json() -> pd.DataFrame:
    path = raw_dir() / KWB2024_JSON
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS)
    data = json.loads(path.read_text(encoding="utf-8"))
    long = pd.DataFrame.from_dict(data, orient="index").rename_axis("code").reset_index()
    long = long.melt(id_vars="code", var_name="column", value_name="value")
    long["key"] = long.pop("column").map(base_key)
    return _tidy(long, "85984NED", 2024)


def _kwb_full(folder: Path, year: int, table: str) -> pd.DataFrame:
    """A full KWB download: every numeric column that is present becomes an indicator."""
    path = folder / "kerncijfers_data.csv"
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS)
    mpath = meta_path(folder, table)
    if mpath is None:
        raise DataMissingError(
            f"Bij '{path}' ontbreekt de codebeschrijving (kerncijfers_meta.csv)."
        )
    meta = read_cbs_meta(mpath)
    frame = pd.read_csv(path, low_memory=False)
    if "Codering_3" not in frame.columns:
        raise DataFileError(
            str(path), "de kolom met de gebiedscode ontbreekt.", row=1, column="Codering_3"
        )
    numeric_units = meta[~meta["unit"].isin(["code", "naam", "omschrijving"])]
    keep = [c for c in numeric_units["column"] if c in frame.columns]
    keep += [
        c for c in ("MateVanStedelijkheid_120", "MateVanStedelijkheid_127") if c in frame.columns
    ]
    frame = frame[["Codering_3", *dict.fromkeys(keep)]].rename(columns={"Codering_3": "code"})
    frame["code"] = frame["code"].astype(str).str.strip().str.upper()
    long = frame.melt(id_vars="code", var_name="column", value_name="value")
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    long = long.dropna(subset=["value"])
    long["key"] = long.pop("column").map(dict(zip(meta["column"], meta["key"], strict=True)))
    return _tidy(long, table, year)


def _rivm() -> pd.DataFrame:
    """RIVM estimates (division 2020), kept only where the code means the same area in KWB 2024."""
    path = raw_dir() / RIVM_FILE
    if not path.exists():
        raise DataMissingError(
            f"Het RIVM-bestand '{path}' ontbreekt. Zet data/raw terug uit de repository."
        )
    frame = pd.read_parquet(path)
    frame["code"] = _rivm_code(frame["Codering_3"])
    cols = [c for c in frame.columns if base_key(c) in RIVM_INDICATORS]
    long = frame[["code", "jaar", "leeftijdsgroep", *cols]].melt(
        id_vars=["code", "jaar", "leeftijdsgroep"], var_name="column", value_name="value"
    )
    long = long.dropna(subset=["value"])
    long["key"] = long.pop("column").map(base_key)
    long["age_group"] = long.pop("leeftijdsgroep").map(RIVM_AGE)
    long["value"] = long["value"].astype(float)
    rebuilt = _rivm_rebuilt(long)
    # a gemeente made of several 2020 gemeenten gets the weighted value, never one part's
    long = pd.concat([long[~long["code"].isin(rebuilt_weights())], rebuilt], ignore_index=True)
    long = long[long["code"].isin(_rivm_joinable())]
    return long.assign(table="50090NED").rename(columns={"jaar": "year"})


def _group_counts() -> pd.DataFrame:
    """Inhabitants per wijk (KWB 2024) in the groups RIVM reports on: 18+, 65+, 18-64."""
    frame = pd.read_csv(raw_dir() / areas.KWB2024_FILE, usecols=["code", *KWB2024_SNAKE])
    frame = frame.set_index(frame["code"].str.strip().str.upper())
    adults = frame["aantal_inwoners"] - frame["leeftijd_0_15"] - 0.3 * frame["leeftijd_15_25"]
    return pd.DataFrame(
        {
            "18+": adults,
            "65+": frame["leeftijd_65_plus"],
            "18-64": adults - frame["leeftijd_65_plus"],
        }
    )


@cache
def rebuilt_weights() -> dict[str, dict[str, dict[str, float]]]:
    """Per changed gemeente, per age group: the weight of each 2020 gemeente (sums to 1).

    The weight is the KWB 2024 number of inhabitants of that age group living in the 2024 wijken
    on the 2020 gemeente's land (wijken assigned by the 2016 and 2024 maps, see territory).
    """
    counts = _group_counts()
    out: dict[str, dict[str, dict[str, float]]] = {}
    for gemeente, parts in territory.composition().items():
        sums = {code: counts.reindex(wijken).sum() for code, _, wijken in parts}
        for age in counts.columns:
            total = sum(float(v[age]) for v in sums.values())
            if total > 0:
                out.setdefault(gemeente, {})[age] = {
                    code: float(v[age]) / total for code, v in sums.items()
                }
    return out


def _rivm_rebuilt(long: pd.DataFrame) -> pd.DataFrame:
    """2020 values for a gemeente of 2024 from the 2020 gemeenten it is made of, weighted."""
    weights = rebuilt_weights()
    rows = []
    gemeenten = long[long["code"].str.startswith("GM")]
    for gemeente, by_age in weights.items():
        for age, parts in by_age.items():
            sub = gemeenten[gemeenten["code"].isin(parts) & (gemeenten["age_group"] == age)]
            for (key, year), group in sub.groupby(["key", "jaar"]):
                values = group.set_index("code")["value"]
                if not set(parts) <= set(values.index):
                    continue  # a part without the value: no rebuilt value (the reason is stated)
                value = sum(values[code] * w for code, w in parts.items())
                rows.append(
                    {"code": gemeente, "key": key, "age_group": age, "jaar": year, "value": value}
                )
    return pd.DataFrame(rows, columns=["code", "key", "age_group", "jaar", "value"])


def _rivm_code(codes: pd.Series) -> pd.Series:
    """RIVM codes are padded and call the country NL01; KWB calls it NL00."""
    return territory.rivm_code(codes)


def _rivm_joinable() -> frozenset[str]:
    """Codes whose 2020 territory is shown to be the 2024 one (codes, never display names)."""
    return territory.joinable()


def _add_derived(frame: pd.DataFrame) -> pd.DataFrame:
    """Shares from counts, per code/year/table, so every area and kern gets them the same way."""
    cbs = frame[frame["age_group"] == ""]
    wide = cbs.pivot_table(
        index=["code", "year", "table"], columns="key", values="value", aggfunc="first"
    )
    parts = []
    for key, (num, den, _) in DERIVED_SHARES.items():
        if num in wide and den in wide:
            share = (wide[num] / wide[den].replace(0, np.nan) * 100).dropna().rename("value")
            parts.append(share.reset_index().assign(key=key, age_group=""))
    return pd.concat([frame, *parts], ignore_index=True) if parts else frame


def build() -> pd.DataFrame:
    """Read every raw source into the tidy table (slow; use load() which caches)."""
    parts = [_kwb2024_population(), _kwb2024_json()]
    parts += [_kwb_full(folder, year, table) for folder, year, table in kwb_folders()]
    frame = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame = frame.dropna(subset=["value", "key"])
    frame = frame.drop_duplicates(["code", "key", "year", "table"], keep="last")
    frame = _add_derived(frame)
    frame = pd.concat([frame, _rivm()], ignore_index=True)
    units = codebook()["unit"].to_dict()
    frame["unit"] = [
        units.get((k, a), "") for k, a in zip(frame["key"], frame["age_group"], strict=True)
    ]
    frame = frame[COLUMNS]
    for col in ("code", "key", "age_group", "unit", "table"):
        frame[col] = frame[col].astype("category")
    frame["year"] = frame["year"].astype("int16")
    return frame.sort_values(["code", "key", "age_group", "year"]).reset_index(drop=True)


def cache_path() -> Path:
    """Derived cache, rebuilt from data/raw by code (never edited by hand)."""
    return derived_dir() / f"indicatoren-{fingerprint()}.parquet"


@cache
def load() -> pd.DataFrame:
    """The tidy table: code, key, age_group, value, unit, year, table; indexed by code for fast look-up."""
    path = cache_path()
    if path.exists():
        frame = pd.read_parquet(path)
    else:
        frame = build()
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("indicatoren-*.parquet"):
            old.unlink()
        with atomic_write(path, "wb") as handle:
            frame.to_parquet(handle, index=False)
    frame = frame.set_index("code", drop=False).sort_index()
    frame.index.name = None  # the column stays the label; the index is only for fast look-up
    return frame


def rebuild() -> Path:
    """Force a rebuild of the derived cache (make data / wijktools data bouwen)."""
    load.cache_clear()
    cache_path().unlink(missing_ok=True)
    load()
    return cache_path()


_SPANS: list[Any] = [None, {}]  # [frame, {code: (start, stop)}] for the frame load() returned


def _span(frame: pd.DataFrame, code: str) -> tuple[int, int] | None:
    """Row positions of one code in the sorted index: a dict look-up instead of a categorical scan."""
    if _SPANS[0] is not frame:
        index = frame.index
        # Compare the integer category codes, not 3 million strings (0.02 s instead of 0.5 s).
        values = index.codes if isinstance(index, pd.CategoricalIndex) else index.to_numpy()
        starts = np.r_[0, np.flatnonzero(values[1:] != values[:-1]) + 1]
        stops = np.r_[starts[1:], len(values)]
        labels = index[starts] if len(values) else []
        _SPANS[:] = [
            frame,
            {str(c): (int(a), int(b)) for c, a, b in zip(labels, starts, stops, strict=True)},
        ]
    return _SPANS[1].get(code)


def _rows(code: str) -> pd.DataFrame:
    frame = load()
    span = _span(frame, code)
    if span is None:
        return frame.iloc[0:0].reset_index(drop=True)
    return frame.iloc[span[0] : span[1]].reset_index(drop=True)


def _weights(codes: list[str]) -> pd.DataFrame:
    """Per member the denominators of a weighted mean (newest KWB year that has them)."""
    frame = load()
    cbs = frame[frame.index.isin(codes) & (frame["age_group"] == "")]
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
    frame = load()
    rows = frame[frame.index.isin(codes)].reset_index(drop=True)
    agg = aggregation.aggregate(rows, codes, _weights(codes))
    if agg.empty:
        return rows.iloc[0:0]
    units = codebook()["unit"].to_dict()
    agg["unit"] = [units.get((k, a), "") for k, a in zip(agg["key"], agg["age_group"], strict=True)]
    agg["code"] = area.code
    return agg[COLUMNS].sort_values(["key", "age_group", "year"]).reset_index(drop=True)


def latest(area: Area) -> pd.DataFrame:
    """Per (key, age_group) only the newest year; the profile's headline values."""
    rows = for_area(area)
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


@cache
def wide(level: str, year: int | None = None) -> pd.DataFrame:
    """Areas of one level as rows, indicators as columns (`key` or `key|age`), newest year unless asked."""
    frame = load()
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


# What a recomputed kern figure needs from every member.
_KERN_INPUTS = {
    "Bevolkingsdichtheid": ("OppervlakteLand", "de landoppervlakte"),
    "Omgevingsadressendichtheid": ("Omgevingsadressendichtheid", "de omgevingsadressendichtheid"),
    "MateVanStedelijkheid": ("Omgevingsadressendichtheid", "de omgevingsadressendichtheid"),
}
_AGE_WEIGHT = {"18+": "inwoners_18_plus", "65+": "k_65JaarOfOuder", "18-64": "inwoners_18_64"}


def _member_rows(codes: list[str]) -> pd.DataFrame:
    """The rows of a few codes by index span (no scan of the whole table)."""
    return pd.concat([_rows(code) for code in codes], ignore_index=True)


def rivm_coverage(area: Area, age_group: str) -> tuple[float, list[tuple[str, str]]]:
    """Share of the kern's inhabitants of the age group whose member has RIVM values, and who lacks them.

    A member without RIVM values is never dropped silently: the profile states this coverage.
    """
    codes = list(area.members or (area.code,))
    rows = _member_rows(codes)
    rivm = rows[(rows["table"] == "50090NED") & (rows["age_group"] == age_group)]
    have = set(rivm["code"].astype(str))
    weights = _weights(codes)[_AGE_WEIGHT.get(age_group, "AantalInwoners")].fillna(0)
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
        lacking = aggregation.incomplete(_member_rows(codes), needed, codes)
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
