"""RIVM 'Gezondheid per wijk en buurt' editions in data/raw: which exist, their division, their rows.

The shipped edition is 50090NED (2012/2016/2020, indeling 2020, point estimates only). `wijktools data
ophalen` adds a newer edition from CBS dataderden (50120NED: 2012/2016/2020/2022, indeling 2022, with a
95 %-interval per value: Marges MW00000 = waarde, MOG0095 = ondergrens, MBG0095 = bovengrens).
A newer edition only adds the years no older edition has: a value once shown for a year stays the same,
so a baseline taken at a kick-off still matches the profile of that day (see docs/open-data.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijktools.errors import DataFileError
from wijktools.opendata.cbs_meta import base_key
from wijktools.opendata.codebook import RIVM_INDICATORS
from wijktools.paths import derived_json, raw_dir

if TYPE_CHECKING:
    import pandas as pd

SHIPPED_TABLE = "50090NED"
SHIPPED_FILE = (
    Path("rivm-gezondheid-50090NED") / "rivm_50090NED_2012_2016_2020_alle_niveaus.parquet"
)
FOLDER_PREFIX = "rivm-gezondheid-"
# StatLine codes of the dimensions (the same in 50090NED and 50120NED).
AGE_CODES = {"20300": "18+", "53115": "18-64", "80200": "65+"}
VALUE, LOWER, UPPER = "MW00000", "MOG0095", "MBG0095"
NO_MARGINS = (
    "De RIVM-editie 50090NED (2012, 2016, 2020) publiceert geen 95 %-intervallen; daarom staat bij "
    "die cijfers geen significantie."
)
_SHIPPED_AGE = {"18+": "18+", "65+": "65+", "18-64": "18-64", "18-65": "18-64"}
_TABLE = re.compile(r"^\d{5}[A-Z]{3}$")


@dataclass(frozen=True)
class Edition:
    """One RIVM table in data/raw: its id, the CBS division (indeling) its codes follow, its file."""

    table: str
    division: int
    path: Path
    margins: bool


def data_file(folder: Path, table: str) -> Path:
    """Where a fetched edition keeps its rows (the typed data set, codes stripped)."""
    return folder / f"rivm_{table}.parquet"


def info_file(folder: Path, table: str) -> Path:
    """TableInfos, dimensions and the division year of a fetched edition."""
    return folder / f"rivm_{table}_tabel.json"


def editions() -> list[Edition]:
    """Every RIVM edition at hand, oldest division first (the shipped one when present)."""
    found = []
    shipped = raw_dir() / SHIPPED_FILE
    if shipped.exists():
        found.append(Edition(SHIPPED_TABLE, 2020, shipped, margins=False))
    for folder in sorted(raw_dir().glob(f"{FOLDER_PREFIX}*")):
        table = folder.name.removeprefix(FOLDER_PREFIX)
        if table == SHIPPED_TABLE or not _TABLE.match(table):
            continue
        info, data = info_file(folder, table), data_file(folder, table)
        if not (info.exists() and data.exists()):
            continue
        meta = json.loads(info.read_text(encoding="utf-8"))
        found.append(Edition(table, int(meta["indeling"]), data, bool(meta.get("marges"))))
    return sorted(found, key=lambda e: (e.division, e.table))


def inputs() -> list[Path]:
    """Files whose change must rebuild the derived caches."""
    return [e.path for e in editions()]


def edition(table: str) -> Edition:
    """One edition by table id (programmer error when it is not at hand)."""
    for found in editions():
        if found.table == table:
            return found
    raise KeyError(table)


def rivm_code(codes: pd.Series) -> pd.Series:
    """RIVM codes are padded and call the country NL01; KWB calls it NL00."""
    return codes.astype(str).str.strip().str.upper().replace({"NL01": "NL00"})


@cache
def regions(table: str = SHIPPED_TABLE) -> pd.DataFrame:
    """Every code of one edition (its own division): code, soort, gemeentenaam."""
    import pandas as pd

    frame = pd.read_parquet(
        edition(table).path, columns=["Codering_3", "SoortRegio_2", "Gemeentenaam_1"]
    )
    frame = frame.drop_duplicates("Codering_3")
    out = pd.DataFrame(
        {
            "code": rivm_code(frame["Codering_3"]).to_numpy(),
            "soort": frame["SoortRegio_2"].astype(str).str.strip().str.lower().to_numpy(),
            "gemeentenaam": frame["Gemeentenaam_1"].astype(str).str.strip().to_numpy(),
        }
    )
    return out.set_index("code", drop=False)


@cache
def gemeente_names(table: str = SHIPPED_TABLE) -> dict[str, str]:
    """Gemeente code -> name in one edition (its own division): the gemeenten of `regions`."""
    return dict(_summary(edition(table))["gemeenten"])


def _read_gemeente_names(found: Edition) -> dict[str, str]:
    """Only the gemeente rows are turned into Python strings (not all 138,728 rows deduplicated)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    frame = pq.read_table(found.path, columns=["Codering_3", "Gemeentenaam_1"])
    codes = pc.utf8_upper(pc.utf8_trim_whitespace(frame.column("Codering_3")))
    keep = pc.starts_with(codes, "GM")
    names: dict[str, str] = {}
    for code, name in zip(
        codes.filter(keep).to_pylist(),
        frame.column("Gemeentenaam_1").filter(keep).to_pylist(),
        strict=True,
    ):
        names.setdefault(code, str(name).strip())
    return names


# Bump when _summary() changes what it stores, so an older file in data/derived is not reused.
SUMMARY_SCHEMA = "1"


@cache
def _summary(found: Edition) -> dict[str, Any]:
    """An edition's years and gemeente names, kept in data/derived (keyed by the file's checksum).

    A profile needs both, and reading them from the edition's parquet file costs about 60 ms a run.
    """

    def read() -> dict[str, Any]:
        return {"jaren": sorted(_read_years(found)), "gemeenten": _read_gemeente_names(found)}

    return dict(derived_json(f"rivm-{found.table}", [found.path], read, SUMMARY_SCHEMA))


def long(found: Edition) -> pd.DataFrame:
    """code, year, age_group, key, value, lower, upper: one row per estimate of the edition."""
    import pandas as pd

    frame = pd.read_parquet(found.path)
    cols = [c for c in frame.columns if base_key(c) in RIVM_INDICATORS]
    if found.table == SHIPPED_TABLE:
        ids = frame[["Codering_3", "jaar", "leeftijdsgroep"]].rename(
            columns={"jaar": "year", "leeftijdsgroep": "age_group"}
        )
        ids["age_group"] = ids["age_group"].map(_SHIPPED_AGE)
        ids["marge"] = VALUE
    else:
        missing = [c for c in ("Codering_3", "Perioden", "Leeftijd", "Marges") if c not in frame]
        if missing:
            raise DataFileError(
                str(found.path),
                "de kolom ontbreekt; haal de tabel opnieuw op met: wijktools data ophalen "
                f"{found.table}",
                row=1,
                column=missing[0],
            )
        ids = pd.DataFrame(
            {
                "Codering_3": frame["Codering_3"],
                "year": frame["Perioden"].astype(str).str[:4].astype(int),
                "age_group": frame["Leeftijd"].astype(str).str.strip().map(AGE_CODES),
                "marge": frame["Marges"].astype(str).str.strip(),
            }
        )
    ids["code"] = rivm_code(ids.pop("Codering_3"))
    wide = pd.concat([ids.reset_index(drop=True), frame[cols].reset_index(drop=True)], axis=1)
    wide = wide.dropna(subset=["age_group"])
    melted = wide.melt(
        id_vars=["code", "year", "age_group", "marge"], var_name="column", value_name="value"
    )
    melted = melted.dropna(subset=["value"])
    melted["key"] = melted.pop("column").map(base_key)
    melted["value"] = pd.to_numeric(melted["value"], errors="coerce").astype(float)
    out = melted.pivot_table(
        index=["code", "year", "age_group", "key"],
        columns="marge",
        values="value",
        aggfunc="first",
    )
    for marge in (VALUE, LOWER, UPPER):
        if marge not in out:
            out[marge] = float("nan")
    out = out.rename(columns={VALUE: "value", LOWER: "lower", UPPER: "upper"}).reset_index()
    out = out.dropna(subset=["value"])
    out.columns.name = None
    return out[["code", "year", "age_group", "key", "value", "lower", "upper"]]


def _years_of(found: Edition) -> set[int]:
    """The years in an edition."""
    return set(_summary(found)["jaren"])


def _read_years(found: Edition) -> set[int]:
    """The years in an edition ('2020JJ00' in CBS's Perioden): the distinct values, then their text."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    column = "jaar" if found.table == SHIPPED_TABLE else "Perioden"
    values = pc.unique(pq.read_table(found.path, columns=[column]).column(column))
    return {int(str(value)[:4]) for value in values.to_pylist()}


@cache
def contributed_years() -> dict[str, tuple[int, ...]]:
    """Per edition the years it adds: those no older edition has (values once shown never change)."""
    seen: set[int] = set()
    out: dict[str, tuple[int, ...]] = {}
    for found in editions():
        years = _years_of(found)
        newest_seen = max(seen) if seen else None
        out[found.table] = tuple(sorted(y for y in years if newest_seen is None or y > newest_seen))
        seen |= years
    return out


def table_of_year(year: int) -> str:
    """The edition a profile's RIVM value of this year comes from ('' when none)."""
    return next((t for t, years in contributed_years().items() if year in years), "")


def new_years(found: Edition, frame: pd.DataFrame) -> pd.DataFrame:
    """Only the rows of the years this edition adds."""
    return frame[frame["year"].isin(contributed_years().get(found.table, ()))]


def clear_caches() -> None:
    """After a fetch the editions at hand have changed."""
    regions.cache_clear()
    gemeente_names.cache_clear()
    _summary.cache_clear()
    contributed_years.cache_clear()
