"""An area's age structure year by year: CBS age counts, deaths per band, cohort shift, high turnover (students)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from wijktools.errors import DataFileError, DataMissingError
from wijktools.opendata import frames
from wijktools.paths import raw_dir, shipped_json

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

KWB2024_FILE = Path("cbs-kwb-2024-85984NED") / "kwb2024_nl_alle_niveaus_bevolking.csv"
NL_AGES_FILE = Path("cbs-regionale-kerncijfers-70072NED") / "nl_leeftijdsgroepen_2025.csv"
KWB_COUNTS = ("k_0Tot15Jaar", "k_15Tot25Jaar", "k_25Tot45Jaar", "k_45Tot65Jaar", "k_65JaarOfOuder")
_WIDTHS = (15, 10, 20, 20, 15)
BANDS = ("0-15", "15-25", "25-45", "45-65", "65-80", "80+")
# Yearly probability of dying per model band (0-15, 15-25, 25-45, 45-65, 65-80, 80+): an assumption,
# rounded to the order of magnitude of the CBS death figures around 2023; 65-80 and 80+ are rescaled so
# that together they match the observed national outflow from 65+ (see mortality()).
MORTALITY_ASSUMED = (0.0002, 0.0003, 0.0006, 0.0035, 0.018, 0.11)
TURNOVER_FACTOR = 1.5  # aandeel 15-25 at least this many times the national share: high turnover
# ... or aandeel 25-45 at least this many times (starters' new build, labour-migrant housing): they move on
TURNOVER_FACTOR_25_45 = 2.0


def read_table(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """Shipped reference tables; a missing, empty or broken file gets a Dutch message naming it."""
    import pandas as pd

    if not path.exists():
        raise DataMissingError(
            f"Het bestand '{path}' ontbreekt; zet de meegeleverde data terug met: git checkout data/raw"
        )
    try:
        frame = pd.read_csv(path)
    except pd.errors.EmptyDataError as exc:
        raise DataFileError(str(path), "het bestand is leeg; zet het origineel terug.") from exc
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), f"het bestand is niet te lezen als CSV ({exc}).") from exc
    for column in columns:
        if column not in frame.columns:
            raise DataFileError(
                str(path), "deze kolom ontbreekt; zet het origineel terug.", row=1, column=column
            )
    if frame.empty:
        raise DataFileError(
            str(path), "het bestand bevat geen gegevens; zet het origineel terug.", row=2
        )
    return frame


def numbers(frame: pd.DataFrame, path: Path, column: str) -> pd.Series:
    """Numeric column; the first bad cell is named with its row (header = row 1)."""
    import pandas as pd

    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna() & frame[column].notna()
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0]) + 2
        raise DataFileError(
            str(path), f"'{frame[column].iloc[row - 2]}' is geen getal.", row=row, column=column
        )
    return values


@cache
def nl_ages(path: Path | None = None) -> dict[str, int]:
    """National population by the finer CBS age groups, to weight rates inside the KWB bands.

    The shipped table is kept in data/derived (keyed by its checksum): no CSV parsing every run.
    """
    return dict(shipped_json("leeftijden-nl", NL_AGES_FILE, _read_nl_ages, path))


def _read_nl_ages(path: Path) -> dict[str, int]:
    frame = read_table(path, ("leeftijdsgroep", "aantal"))
    values = numbers(frame, path, "aantal").astype(int)
    return {str(k): int(v) for k, v in zip(frame["leeftijdsgroep"], values, strict=True)}


def split_65(counts: Mapping[str, float]) -> list[float]:
    """Six model bands from the five KWB counts; 65+ split by the national 65-80 : 80+ ratio."""
    nl = nl_ages()
    share_65_80 = nl["65 tot 80 jaar"] / (nl["65 tot 80 jaar"] + nl["80 jaar of ouder"])
    old = float(counts["k_65JaarOfOuder"])
    return [float(counts[k]) for k in KWB_COUNTS[:4]] + [old * share_65_80, old * (1 - share_65_80)]


def kwb2024_rows() -> pd.DataFrame:
    """The national KWB 2024 population file (NL and gemeenten are enough here), indexed by code."""
    return _kwb2024_table().to_pandas()


@cache
def _kwb2024_table() -> pa.Table:
    """`kwb2024_rows` as the mapped Arrow table (no pandas for one profile).

    Kept in data/derived (keyed by the file's checksum): parsing the 18,000-row file costs 12 ms a run.
    """
    path = raw_dir() / KWB2024_FILE
    return frames.derived("kwb2024-gemeenten", [path], lambda: _read_kwb2024(path))


def _read_kwb2024(path: Path) -> pd.DataFrame:
    import pandas as pd

    try:
        frame = pd.read_csv(
            path,
            usecols=[
                "code",
                "soort_regio",
                "aantal_inwoners",
                "leeftijd_45_65",
                "leeftijd_65_plus",
            ],
        )
    except (OSError, ValueError) as exc:
        raise DataMissingError(f"Het bestand '{path}' ontbreekt of is onleesbaar ({exc}).") from exc
    return frame[frame["soort_regio"].isin(["Land", "Gemeente"])].set_index("code")


def _outflow_65() -> float:
    """Persons leaving 65+ in 2024 (deaths and net emigration): inflow from 45-65 minus the growth of 65+."""
    table = _kwb2024_table()
    at = frames.row_of(table, "code")["NL00"]
    nl2024 = {
        name: table.column(name)[at].as_py() for name in ("leeftijd_45_65", "leeftijd_65_plus")
    }
    nl2025 = nl_ages()
    old_2025 = nl2025["65 tot 80 jaar"] + nl2025["80 jaar of ouder"]
    inflow = nl2024["leeftijd_45_65"] / 20  # turning 65 in 2024 (even spread over 45-64)
    return float(inflow - (old_2025 - nl2024["leeftijd_65_plus"]))


@cache
def mortality() -> tuple[float, ...]:
    """Yearly death probability per band; 65-80 and 80+ scaled to the observed national outflow from 65+."""
    nl = nl_ages()
    q = MORTALITY_ASSUMED
    assumed = q[4] * nl["65 tot 80 jaar"] + q[5] * nl["80 jaar of ouder"]
    scale = _outflow_65() / assumed
    return (*q[:4], q[4] * scale, q[5] * scale)


def nl_deaths() -> float:
    """Deaths per year this mortality gives for NL 2025 (a check against the CBS count, in the limits)."""
    nl = nl_ages()
    bands = [
        nl["Jonger dan 5 jaar"] + nl["5 tot 10 jaar"] + nl["10 tot 15 jaar"],
        nl["15 tot 20 jaar"] + nl["20 tot 25 jaar"],
        nl["25 tot 45 jaar"],
        nl["45 tot 65 jaar"],
        nl["65 tot 80 jaar"],
        nl["80 jaar of ouder"],
    ]
    return float(sum(p * q for p, q in zip(bands, mortality(), strict=True)))


def by_band(values: tuple[float, ...], pop: np.ndarray) -> np.ndarray:
    """One value per band, shaped to work on one area (6) or many (6 x n) at once."""
    return np.array(values, dtype=float).reshape(-1, *([1] * (pop.ndim - 1)))


def project(bands: list[float] | np.ndarray, years: int) -> np.ndarray:
    """Shift the six bands `years` years forward: cohort shift, deaths per band, constant births, no migration.

    `bands` is one area (6 values) or many (6 x n) at once.
    """
    pop = np.array(bands, dtype=float)
    births = pop[0] / _WIDTHS[0]
    q, width = by_band(mortality(), pop), by_band(_WIDTHS, pop[:5])
    for _ in range(years):
        moves = pop[:5] / width
        new = pop - pop * q
        new[0] += births - moves[0]
        new[1:5] += moves[:4] - moves[1:5]
        new[5] += moves[4]
        pop = new
    return pop


@cache
def nl_shares() -> tuple[float, float]:
    """National shares of 15-25 and 25-45 year olds (CBS 2025), the yardstick for high turnover."""
    nl = nl_ages()
    young = (nl["15 tot 20 jaar"] + nl["20 tot 25 jaar"]) / nl["Totaal"]
    return float(young), float(nl["25 tot 45 jaar"] / nl["Totaal"])


def turnover_excess(bands: np.ndarray) -> np.ndarray:
    """15-25 and 25-45 year olds above the national shares, in areas with many 15-25 or 25-45 year olds.

    Returns an array shaped like `bands` (zero outside bands 15-25 and 25-45 and in ordinary areas).
    """
    bands = np.asarray(bands, dtype=float)
    total = bands.sum(axis=0)
    young, adult = nl_shares()
    with np.errstate(invalid="ignore", divide="ignore"):
        high = (
            (bands[1] >= TURNOVER_FACTOR * young * total)
            | (bands[2] >= TURNOVER_FACTOR_25_45 * adult * total)
        ) & (total > 0)
    excess = np.zeros_like(bands)
    excess[1] = np.where(high, np.maximum(bands[1] - young * total, 0.0), 0.0)
    excess[2] = np.where(high, np.maximum(bands[2] - adult * total, 0.0), 0.0)
    return excess


def variants(bands: np.ndarray, years: int) -> tuple[np.ndarray, np.ndarray]:
    """(ageing in place, with turnover): the second keeps the young surplus constant (students replaced)."""
    bands = np.asarray(bands, dtype=float)
    in_place = project(bands, years)
    excess = turnover_excess(bands)
    if not np.any(excess):
        return in_place, in_place
    return in_place, project(bands - excess, years) + excess
