"""Gemeente → provincie for `--provincie`, offline from the shipped CBS list 'Gemeenten alfabetisch 2024'.

KWB 2024 (85984NED) has no provincie column, and a gemeente code does not encode its provincie
(merged gemeenten get new numbers), so the relation comes from the CBS classification shipped in
data/raw/cbs-gemeenten-provincie-2024/ (342 gemeenten, 12 provincies). Without it, the StatLine table
'Gebieden in Nederland 2024' (85755NED) that `wijktools data ophalen 85755NED` stores is read instead.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
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
SHIPPED = Path("cbs-gemeenten-provincie-2024") / "gemeente_provincie_2024.csv"
_ALIASES = {"friesland": "fryslan"}  # the common Dutch name of Fryslân


def folder() -> Path:
    """Where the provincie table lives (raw open data, never edited by hand)."""
    return raw_dir() / FOLDER


def _missing() -> DataMissingError:
    return DataMissingError(
        f"De indeling gemeente → provincie ontbreekt: '{raw_dir() / SHIPPED}' is er niet (zet het terug "
        f"met: git checkout data/raw) en '{folder()}' ook niet. Haal de CBS-tabel anders één keer op "
        f"(internet nodig) met: wijktools data ophalen {TABLE_ID}, of kies de gemeenten zelf met "
        "--gemeente GMxxxx."
    )


def _read_shipped(path: Path) -> pd.DataFrame:
    """The CBS list as shipped: gm_code, pv_code, provincienaam (and gemeentenaam)."""
    try:
        frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
        out = frame[["gm_code", "pv_code", "provincienaam"]].set_axis(
            ["gemeente_code", "provincie_code", "provincie"], axis=1
        )
    except (ValueError, KeyError) as exc:
        raise DataFileError(
            str(path), f"verwacht de kolommen gm_code, pv_code en provincienaam ({exc}).", row=1
        ) from exc
    return out.apply(lambda s: s.astype("string").str.strip())


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
    shipped = raw_dir() / SHIPPED
    if shipped.exists():
        return _read_shipped(shipped)
    files = sorted(folder().glob("*_data.csv")) + sorted(folder().glob("*.json"))
    if not files:
        raise _missing()
    return _read(files[0])


def names() -> list[str]:
    """The twelve provincie names as CBS writes them."""
    return sorted(table()["provincie"].dropna().unique().tolist())


def _plain(text: str) -> str:
    """Compared without case, accents, spaces and hyphens: 'noord holland' = 'Noord-Holland'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^a-z0-9]", "", text.lower())
    return _ALIASES.get(plain, plain)


def canonical(name: str) -> str:
    """The provincie as CBS writes it ('flevoland' -> 'Flevoland', 'Friesland' -> 'Fryslân').

    An unknown name comes back as given; `gemeenten_in` explains what is wrong with it.
    """
    wanted = _plain(name)
    frame = table()
    hits = frame[
        (frame["provincie"].map(_plain) == wanted) | (frame["provincie_code"].map(_plain) == wanted)
    ]
    return str(hits["provincie"].iloc[0]) if not hits.empty else name


def gemeenten_in(name: str) -> list[str]:
    """Gemeente codes of one provincie; any case, Friesland = Fryslân, PV25 = Gelderland."""
    wanted = _plain(name)
    frame = table()
    hits = frame[
        (frame["provincie"].map(_plain) == wanted) | (frame["provincie_code"].map(_plain) == wanted)
    ]
    if hits.empty:
        by_plain = {_plain(n): n for n in names()}
        by_plain |= {alias: by_plain[real] for alias, real in _ALIASES.items() if real in by_plain}
        close = difflib.get_close_matches(wanted, list(by_plain), n=3, cutoff=0.6)
        options = list(dict.fromkeys(by_plain[c] for c in close))[:2]
        hint = f" Bedoelde u {' of '.join(options)}?" if options else ""
        raise ValidationError(
            f"Provincie '{name}' is onbekend.{hint} Kies uit: {', '.join(names())} "
            "(Friesland mag ook). Voorbeeld: wijktools batch --provincie Gelderland"
        )
    return sorted(hits["gemeente_code"].tolist())
