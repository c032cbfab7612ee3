"""Gemeente → provincie from CBS 'Gebieden in Nederland 2024' (StatLine 85755NED), for `--provincie`.

KWB 2024 (85984NED) has no provincie column, and a gemeente code does not encode its provincie
(merged gemeenten get new numbers), so the relation comes from the CBS table made for it. The table
is what `wijktools data ophalen 85755NED` stores in data/raw/cbs-85755NED/ (kerncijfers_data.csv with
the StatLine keys); a JSON TypedDataSet from the OData API in that folder is read as well.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd

from wijktools.errors import DataFileError, DataMissingError, ValidationError
from wijktools.paths import raw_dir

TABLE_ID = "85755NED"
FOLDER = f"cbs-{TABLE_ID}"  # where wijktools.opendata.fetch.fetch puts a non-KWB table
# StatLine numbers its keys per edition (Code_1 = gemeentecode; provincie code/name are a Code_N /
# Naam_N+1 pair, 28/29 in 2024), so columns are recognised by their values: GMxxxx and PVxx.
_GM = r"^GM\d{4}$"
_PV = r"^PV\d{2}$"
_ALIASES = {"friesland": "fryslân", "fryslan": "fryslân"}


def folder() -> Path:
    """Where the provincie table lives (raw open data, never edited by hand)."""
    return raw_dir() / FOLDER


def _missing() -> DataMissingError:
    return DataMissingError(
        f"De indeling gemeente → provincie (CBS '{TABLE_ID}', Gebieden in Nederland 2024) ontbreekt "
        f"in '{folder()}'. Haal die één keer op (internet nodig) met: "
        f"wijktools data ophalen {TABLE_ID}, of kies de gemeenten zelf met --gemeente GMxxxx."
    )


def _read(path: Path) -> pd.DataFrame:
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            frame = pd.DataFrame(data["value"] if isinstance(data, dict) else data)
        else:
            frame = pd.read_csv(path, sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    except (ValueError, KeyError) as exc:
        raise DataFileError(
            str(path), f"het bestand is geen leesbare tabel {TABLE_ID} ({exc})."
        ) from exc
    return _columns(path, frame)


def _matching(frame: pd.DataFrame, pattern: str) -> str | None:
    """The first column whose every filled value looks like the code pattern."""
    for column in frame.columns:
        values = frame[column].dropna().astype("string").str.strip()
        if len(values) and values.str.match(pattern).all():
            return str(column)
    return None


def _columns(path: Path, frame: pd.DataFrame) -> pd.DataFrame:
    """Gemeente code, provincie code and provincie name, whatever the edition numbers them."""
    gemeente, provincie = _matching(frame, _GM), _matching(frame, _PV)
    name = None
    if provincie is not None and provincie.startswith("Code_"):
        name = f"Naam_{int(provincie.removeprefix('Code_')) + 1}"
    if gemeente is None or provincie is None or name not in frame.columns:
        raise DataFileError(
            str(path),
            "geen kolommen met gemeentecodes (GMxxxx) en provinciecodes (PVxx) met naam gevonden; "
            f"verwacht de CBS-tabel {TABLE_ID} zoals `wijktools data ophalen {TABLE_ID}` die opslaat.",
            row=1,
        )
    out = pd.DataFrame(
        {
            "gemeente_code": frame[gemeente],
            "provincie_code": frame[provincie],
            "provincie": frame[name],
        }
    )
    return out.apply(lambda s: s.astype("string").str.strip())


@cache
def table() -> pd.DataFrame:
    """One row per gemeente: gemeente_code, provincie_code, provincie (and gemeentenaam if present)."""
    files = sorted(folder().glob("*_data.csv")) + sorted(folder().glob("*.json"))
    if not files:
        raise _missing()
    return _read(files[0])


def names() -> list[str]:
    """The twelve provincie names as CBS writes them."""
    return sorted(table()["provincie"].dropna().unique().tolist())


def gemeenten_in(name: str) -> list[str]:
    """Gemeente codes of one provincie; the name is matched case-insensitively (Friesland = Fryslân)."""
    wanted = str(name).strip().lower()
    wanted = _ALIASES.get(wanted, wanted)
    frame = table()
    hits = frame[
        (frame["provincie"].str.lower() == wanted) | (frame["provincie_code"].str.lower() == wanted)
    ]
    if hits.empty:
        raise ValidationError(
            f"Provincie '{name}' is onbekend. Kies uit: {', '.join(names())}. "
            "Voorbeeld: wijktools batch --provincie Gelderland"
        )
    return sorted(hits["gemeente_code"].tolist())
