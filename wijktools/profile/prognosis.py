"""The published PBL/CBS regional prognosis (NL and provinces) that anchors absolute numbers of inwoners."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from wijktools.paths import derived_json, raw_dir
from wijktools.profile.cohort import KWB2024_FILE, kwb2024_rows, numbers, read_table

PROGNOSE_FILE = Path("cbs-pbl-prognose-2050") / "regionale_prognose_2050_totaal_excerpt.csv"
PROVINCIE_FILE = Path("cbs-gemeenten-provincie-2024") / "gemeente_provincie_2024.csv"
PROGNOSE_TABLE = "85173NED"  # PBL/CBS Regionale prognose 2023-2050 (the newest in the excerpt)
PROGNOSE_YEAR = 2050
PROGNOSE_START = 2024  # the provincial base population is KWB 2024 (1 January 2024)
PROGNOSE_SOURCE = (
    "PBL/CBS, Regionale bevolkings- en huishoudensprognose 2023-2050, totale bevolking 2050 met "
    "67%-prognose-interval (StatLine 85173NED); CBS, Gemeenten alfabetisch 2024; CC BY 4.0"
)


@dataclass(frozen=True)
class Prognose:
    """A published 2050 total for the region of an area, as growth factors from the 2024 base."""

    regio: str
    tabel: str
    basis_2024: float
    prognose_2050: float
    ondergrens_2050: float
    bovengrens_2050: float

    def factor(self, years: float, which: str = "prognose") -> float:
        """Growth over `years` years at the constant yearly rate that reaches the 2050 value."""
        end = {
            "prognose": self.prognose_2050,
            "laag": self.ondergrens_2050,
            "hoog": self.bovengrens_2050,
        }[which]
        return float((end / self.basis_2024) ** (years / (PROGNOSE_YEAR - PROGNOSE_START)))


@cache
def _province_of() -> dict[str, str]:
    path = raw_dir() / PROVINCIE_FILE
    frame = read_table(path, ("gm_code", "provincienaam"))
    return dict(
        zip(
            frame["gm_code"].str.strip().str.upper(),
            frame["provincienaam"].str.strip(),
            strict=True,
        )
    )


@cache
def _prognoses() -> dict[str, Prognose]:
    """Region name -> the 2023-2050 prognosis (85173NED) for NL and the provinces in the shipped excerpt."""
    path = raw_dir() / PROGNOSE_FILE
    frame = read_table(path, ("tabel", "regio", "variant", "jaar", "totale_bevolking_x1000"))
    frame = frame.assign(waarde=numbers(frame, path, "totale_bevolking_x1000") * 1000)
    frame = frame[(frame["tabel"] == PROGNOSE_TABLE) & (frame["jaar"] == PROGNOSE_YEAR)]
    kwb = kwb2024_rows()
    provinces = _province_of()
    out: dict[str, Prognose] = {}
    for regio, rows in frame.groupby("regio"):
        name = str(regio).removesuffix(" (PV)").strip()
        values = dict(zip(rows["variant"], rows["waarde"], strict=True))
        if name == "Nederland":
            base = float(kwb.loc["NL00", "aantal_inwoners"])
        else:
            codes = [c for c, p in provinces.items() if p == name]
            base = float(kwb["aantal_inwoners"].reindex(codes).sum())
        needed = (
            "Prognose",
            "Ondergrens 67%-prognose-interval",
            "Bovengrens 67%-prognose-interval",
        )
        if base <= 0 or not all(v in values for v in needed):
            continue
        out[name] = Prognose(
            regio=name if name == "Nederland" else f"provincie {name}",
            tabel=PROGNOSE_TABLE,
            basis_2024=base,
            prognose_2050=values[needed[0]],
            ondergrens_2050=values[needed[1]],
            bovengrens_2050=values[needed[2]],
        )
    return out


# Bump when _regional() stores something else, so an older file in data/derived is not reused.
REGIONAL_SCHEMA = "1"


@cache
def _regional() -> tuple[dict[str, str], dict[str, Prognose]]:
    """Province per gemeente and the prognoses, read from three CSV files once and kept in data/derived.

    Reading them (the national KWB file for the provinces' base population) costs about 30 ms a run.
    """

    def read() -> dict[str, Any]:
        prognoses = {name: asdict(found) for name, found in _prognoses().items()}
        return {"provincies": _province_of(), "prognoses": prognoses}

    inputs = [raw_dir() / f for f in (PROGNOSE_FILE, PROVINCIE_FILE, KWB2024_FILE)]
    data = derived_json("prognose", inputs, read, REGIONAL_SCHEMA)
    prognoses = {name: Prognose(**found) for name, found in data["prognoses"].items()}
    return dict(data["provincies"]), prognoses


def prognose_for(gemeente_code: str | None) -> tuple[Prognose | None, str]:
    """The prognosis that anchors absolute numbers (NL for NL00, else the province), or the reason there is none."""
    code = (gemeente_code or "").strip().upper()
    if code in ("", "NL00", "NL01"):
        found = _regional()[1].get("Nederland")
        return found, "" if found else "Geen landelijke prognose in de meegeleverde data."
    province = _regional()[0].get(code)
    if province is None:
        return None, (
            f"Gemeente {code} staat niet in de CBS-lijst Gemeenten alfabetisch 2024; de provincie en dus de "
            "prognose zijn onbekend. Alleen het vergrijzingseffect per inwoner staat hier."
        )
    found = _regional()[1].get(province)
    if found is None:
        return None, (
            f"Voor provincie {province} staat geen PBL/CBS-bevolkingsprognose in de meegeleverde data "
            f"({PROGNOSE_FILE}); daarom geen absolute aantallen, alleen het vergrijzingseffect per inwoner."
        )
    return found, ""
