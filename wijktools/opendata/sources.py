"""Every raw CBS KWB and RIVM file read into one tidy long table (slow; indicators.load caches it)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from wijktools.errors import DataFileError, DataMissingError
from wijktools.opendata import areas, predecessors, rivm, territory
from wijktools.opendata.cbs_meta import base_key, read_cbs_meta
from wijktools.opendata.codebook import DERIVED_SHARES, codebook, kwb_folders, meta_path
from wijktools.paths import checksum, raw_dir

if TYPE_CHECKING:
    import pandas as pd

# lower/upper: the 95 %-interval where the edition publishes one (RIVM 50120NED), else empty.
COLUMNS = ["code", "key", "age_group", "value", "unit", "year", "table", "lower", "upper"]
RIVM_FILE = rivm.SHIPPED_FILE
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
    "herkomst_nederland": "Nederland",
    "herkomst_europa_excl_nl": "EuropaExclusiefNederland",
    "herkomst_buiten_europa": "BuitenEuropa",
}
# Bump when build() changes what it derives, so an older cache in data/derived is not reused.
SCHEMA = "marges-1"
RIVM_AGE = {"18+": "18+", "65+": "65+", "18-64": "18-64", "18-65": "18-64"}


def _raw_inputs() -> list[Path]:
    files = [raw_dir() / areas.KWB2024_FILE, raw_dir() / KWB2024_JSON, *rivm.inputs()]
    for folder, _, _ in kwb_folders():
        files.extend(sorted(folder.glob("kerncijfers_*.csv")))
    return [f for f in files if f.exists()]


def fingerprint() -> str:
    """Changes whenever a raw input changes, so the derived cache can never go stale."""
    digest = hashlib.sha256(territory.fingerprint().encode())  # the join rule and its inputs
    for path in _raw_inputs():
        digest.update(f"{path.name}:{checksum(path)}".encode())
    digest.update(SCHEMA.encode())
    return digest.hexdigest()[:16]


def _tidy(
    frame: pd.DataFrame, table: str, year: int | pd.Series, age: str | pd.Series = ""
) -> pd.DataFrame:
    frame = frame.assign(table=table, year=year, age_group=age)
    return frame


def _kwb2024_population() -> pd.DataFrame:
    import pandas as pd

    path = raw_dir() / areas.KWB2024_FILE
    frame = pd.read_csv(path, usecols=["code", *KWB2024_SNAKE])
    frame["code"] = frame["code"].str.strip().str.upper()
    long = frame.rename(columns=KWB2024_SNAKE).melt(
        id_vars="code", var_name="key", value_name="value"
    )
    return _tidy(long, "85984NED", 2024)


def _kwb2024_json() -> pd.DataFrame:
    import pandas as pd

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
    import pandas as pd

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
    """Every RIVM edition, each kept only where its code means the same area in KWB 2024.

    The shipped edition (division 2020) is followed by newer ones fetched with `wijktools data
    ophalen`; a newer edition adds only the years no older one has (values once shown never change).
    """
    import pandas as pd

    found = rivm.editions()
    if not found or found[0].table != rivm.SHIPPED_TABLE:
        raise DataMissingError(
            f"Het RIVM-bestand '{raw_dir() / RIVM_FILE}' ontbreekt. Zet data/raw terug uit de "
            "repository."
        )
    parts = [_shipped_rivm(found[0])]
    for edition in found[1:]:
        long = rivm.new_years(edition, rivm.long(edition))
        long = long[long["code"].isin(territory.joinable(edition.table))]
        parts.append(long.assign(table=edition.table))
    return pd.concat(parts, ignore_index=True)


def _shipped_rivm(edition: rivm.Edition) -> pd.DataFrame:
    """RIVM 50090NED (division 2020); gemeenten merged since are rebuilt from their predecessors."""
    import pandas as pd

    long = rivm.long(edition).drop(columns=["lower", "upper"]).rename(columns={"year": "jaar"})
    rebuilt = predecessors.rebuild(long)
    # a gemeente made of several 2020 gemeenten gets the weighted value, never one part's
    long = pd.concat([long[~long["code"].isin(predecessors.weights())], rebuilt], ignore_index=True)
    long = long[long["code"].isin(_rivm_joinable())].rename(columns={"jaar": "year"})
    return long.assign(table=edition.table, lower=np.nan, upper=np.nan)


def _rivm_code(codes: pd.Series) -> pd.Series:
    """RIVM codes are padded and call the country NL01; KWB calls it NL00."""
    return territory.rivm_code(codes)


def _rivm_joinable() -> frozenset[str]:
    """Codes whose 2020 territory is shown to be the 2024 one (codes, never display names)."""
    return territory.joinable()


def _add_derived(frame: pd.DataFrame) -> pd.DataFrame:
    """Shares from counts, per code/year/table, so every area and kern gets them the same way."""
    import pandas as pd

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
    import pandas as pd

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
