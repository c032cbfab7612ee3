"""Whether a 2020 RIVM code covers the same territory as the 2024 area with that code: the join rule.

A newer edition (50120NED, division 2022) follows the same rule with its own year: `table(edition)`.
RIVM 50090NED uses the division of 2020, the profile the division of 2024. Codes are reused: a gemeente
that re-draws its wijken may give `WK022501` to another village. A 2020 value is therefore joined to a
2024 area only when the data *shows* that the territory is the same (see docs/gebiedskoppeling.md):

- Nederland and gemeenten: the same code (never the display name; "Hengelo" in 2020 is "Hengelo (O.)" in
  2024). A gemeente that kept its code while taking in (part of) a gemeente dissolved after 2020 is flagged
  (`grown_gemeenten`), so the profile says which territory its 2020 value covers.
- Wijken, one of two proofs, both needing the code in the RIVM file of 2020:
  "grenzen 2016-2024": the 2016 and 2024 shapes of the code agree (each lies for at least 90 % within
  100 m of the other; the two maps are generalised). The territory was the same in 2016 and 2024, so in
  2020 too unless it changed and changed back.
  "indeling 2020-2024": CBS marks the wijk unchanged in 2024 (indelingswijziging 1), it holds the same
  buurt codes in 2020 and 2024, and the 2016 map does not contradict that (no 2016 shape, the gemeente's
  wijk codes changed between 2016 and 2020 so a 2016 difference predates 2020, or the same name in 2016
  and 2024 with shapes that agree for at least 70 %).
- Buurten (no buurt boundaries of 2016 or 2020 exist in the data): the wijk the buurt lies in is joined,
  it holds the same buurt codes in 2020 and 2024, and CBS marks the buurt unchanged in 2024.
- A newer KWB edition (e.g. 2025 for Friesland) that marks an area as re-drawn (indelingswijziging 3)
  shows another territory than 2024: not joined. Everything else is missing with a Dutch reason.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from wijktools.nl import plural
from wijktools.opendata import areas, boundaries, frames, rivm
from wijktools.opendata.codebook import kwb_folders
from wijktools.paths import checksum, derived_dir, raw_dir

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

RULE_VERSION = "3"  # bump when the rule changes, so the derived cache is rebuilt
# Bump when only a reason's wording changes: the verdict table (which stores the texts) is rebuilt,
# the indicator cache (whose joins do not change) is not. 2: '1 buurtcode', not '1 buurtcodes'.
TEXT_VERSION = "2"
TOLERANCE_M = 100.0
MIN_SHARE = 0.90
NAME_MIN_SHARE = 0.70
RIVM_FILE = rivm.SHIPPED_FILE
BASE = rivm.SHIPPED_TABLE  # the edition shipped; newer ones follow the same rule
MARKER = "indelingswijziging"
COLUMNS = ["code", "soort", "gekoppeld", "grondslag", "reden", "overlap", "naam_2016", "deel_2020"]
REBUILT = "herberekend uit de gemeenten van 2020"
RULE_TEXT = (
    "RIVM-cijfers (indeling 2020) staan alleen bij een gebied van 2024 als aantoonbaar hetzelfde "
    "grondgebied bedoeld is: gemeenten op code (samengevoegde gemeenten herberekend uit hun "
    "voorgangers), wijken als de grenzen van 2016 en 2024 overeenkomen of de indeling van 2020 en 2024 "
    "gelijk is (zelfde buurtcodes, CBS-indelingswijziging 1), buurten als hun wijk gekoppeld is en "
    "de buurtcodes gelijk zijn. Zie docs/gebiedskoppeling.md."
)
_WIJK_PREFIX = re.compile(r"^wijk\s*\d+\s*:?\s*")
_NOT_ALNUM = re.compile(r"[^0-9a-zà-ÿ]+")


rivm_code = rivm.rivm_code


def rivm_regions(table: str = BASE) -> pd.DataFrame:
    """Every code of one RIVM edition (its own division): code, soort, gemeentenaam."""
    return rivm.regions(table)


def _inputs(edition: str | None = None) -> list[Path]:
    editions = rivm.inputs() if edition is None else [rivm.edition(edition).path]
    files = [*editions, raw_dir() / areas.KWB2024_FILE]
    files += [raw_dir() / boundaries.FILE_2016, raw_dir() / boundaries.FILE_2024]
    files += [folder / "kerncijfers_data.csv" for folder, _, _ in kwb_folders()]
    return [f for f in files if f.exists()]


def fingerprint(edition: str | None = None) -> str:
    """Changes with any input file (of one edition, or of all) or the rule itself."""
    digest = hashlib.sha256(RULE_VERSION.encode())
    for path in _inputs(edition):
        digest.update(f"{path.name}:{checksum(path)}".encode())
    return digest.hexdigest()[:16]


def _name(text: object) -> str:
    """Names compared without 'Wijk 03' prefixes, case, spaces and punctuation."""
    value = _WIJK_PREFIX.sub("", str(text).strip().lower())
    return _NOT_ALNUM.sub("", value)


def _markers() -> tuple[pd.Series, dict[int, pd.Series]]:
    """CBS indelingswijziging of KWB 2024 and of every newer full KWB edition (code -> 1/2/3)."""
    import pandas as pd

    kwb = pd.read_csv(raw_dir() / areas.KWB2024_FILE, usecols=["code", MARKER], dtype={"code": str})
    kwb["code"] = kwb["code"].str.strip().str.upper()
    base = pd.to_numeric(kwb.set_index("code")[MARKER], errors="coerce")
    newer: dict[int, pd.Series] = {}
    for folder, year, _ in kwb_folders():
        path = folder / "kerncijfers_data.csv"
        if year <= 2024 or not path.exists():
            continue
        head = pd.read_csv(path, nrows=0).columns
        column = next(
            (c for c in head if c.startswith("IndelingswijzigingGemeenteWijkBuurt")), None
        )
        if column is None:
            continue
        frame = pd.read_csv(path, usecols=["Codering_3", column], dtype=str)
        codes = frame["Codering_3"].str.strip().str.upper()
        newer[year] = pd.Series(
            pd.to_numeric(frame[column].str.strip(), errors="coerce").to_numpy(), index=codes
        )
    return base, newer


def _buurten_per_wijk(codes: pd.Index | pd.Series) -> dict[str, frozenset[str]]:
    """Buurt codes nest in their wijk: BU02250101 lies in WK022501."""
    out: dict[str, set[str]] = {}
    for code in codes:
        if str(code).startswith("BU"):
            out.setdefault("WK" + str(code)[2:8], set()).add(str(code))
    return {k: frozenset(v) for k, v in out.items()}


def _overlap(codes: list[str]) -> pd.DataFrame:
    """Per wijk code on both maps: how far the 2016 and 2024 shapes agree, and the 2016 name."""
    return boundaries.agreement(codes, TOLERANCE_M)


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"


def _wijk_verdicts(
    wijken: list[str],
    marker: pd.Series,
    rivm: pd.DataFrame,
    bu20: dict[str, frozenset[str]],
    bu24: dict[str, frozenset[str]],
    names24: pd.Series,
    year: int = 2020,
) -> list[dict[str, object]]:
    geo = _overlap([c for c in wijken if c in rivm.index])
    old = boundaries.wijken_2016()
    wk16: dict[str, set[str]] = {}
    if old is not None:
        for code in old["code"]:
            wk16.setdefault(code[2:6], set()).add(code)
    wk20: dict[str, set[str]] = {}
    for code in rivm.index[rivm["soort"] == "wijk"]:
        wk20.setdefault(code[2:6], set()).add(code)
    out = []
    for code in wijken:
        row: dict[str, object] = {"code": code, "soort": "wijk", "overlap": np.nan, "naam_2016": ""}
        if code in geo.index:
            row["overlap"] = float(geo.at[code, "overlap"])
            row["naam_2016"] = str(geo.at[code, "naam_2016"])
        if code not in rivm.index:
            out.append(
                row
                | _no(
                    f"{code} komt niet voor in de RIVM-indeling van {year}: de wijk is na {year} "
                    "nieuw gevormd of hernummerd"
                )
            )
            continue
        mark = marker.get(code)
        same_buurten = bu20.get(code, frozenset()) == bu24.get(code, frozenset())
        overlap = row["overlap"]
        if code in geo.index and overlap >= MIN_SHARE:
            out.append(row | _yes("grenzen 2016-2024"))
            continue
        in_2016 = code in geo.index
        redrawn_before = wk16.get(code[2:6], set()) != wk20.get(code[2:6], set())
        same_name = in_2016 and _name(row["naam_2016"]) == _name(names24.get(code, ""))
        not_contradicted = (
            not in_2016 or redrawn_before or (same_name and overlap >= NAME_MIN_SHARE)
        )
        if mark == 1 and same_buurten and not_contradicted:
            out.append(row | _yes(f"indeling {year}-2024"))
            continue
        maps = (
            f"de grenzen van 2016 en 2024 komen niet overeen ({_pct(overlap)} overlap)"
            if in_2016
            else "de wijk staat niet op de kaart van 2016"
        )
        if mark in (2, 3):
            reason = (
                f"CBS meldt voor {code} in 2024 een gewijzigde "
                f"{'code' if mark == 2 else 'afbakening'} (indelingswijziging {int(mark)}) en {maps}"
            )
        elif not same_buurten:
            n20, n24 = bu20.get(code, frozenset()), bu24.get(code, frozenset())
            then = plural(len(n20), "buurtcode", "buurtcodes")
            reason = (
                f"{code} bestond in {year} uit andere buurten ({then}) dan in 2024 "
                f"({len(n24)}, waarvan {len(n20 & n24)} gelijk) en {maps}"
            )
        else:
            reason = (
                f"de grens van {code} in 2016 ('{row['naam_2016']}') wijkt af van die in 2024 "
                f"('{names24.get(code, '')}', {_pct(overlap)} overlap) en niets toont aan dat de "
                f"wijk in {year} al de grenzen van 2024 had"
            )
        out.append(
            row
            | _no(
                reason
                + f": het RIVM-cijfer onder deze code (indeling {year}) kan over een ander gebied gaan"
            )
        )
    return out


def _yes(grondslag: str) -> dict[str, object]:
    return {"gekoppeld": True, "grondslag": grondslag, "reden": ""}


def _no(reason: str) -> dict[str, object]:
    return {"gekoppeld": False, "grondslag": "", "reden": f"niet gekoppeld: {reason}"}


def build(table: str = BASE) -> pd.DataFrame:
    """The verdict for every area of the current division (slow: map overlays; use table())."""
    import pandas as pd

    rivm_areas = rivm_regions(table)
    year = rivm.edition(table).division
    frame = areas.table()
    marker, newer = _markers()
    bu_then = _buurten_per_wijk(rivm_areas.index)
    bu24 = _buurten_per_wijk(frame.index[frame["soort"] == "buurt"])
    names = frame["naam"]
    rows: list[dict[str, object]] = []
    for code, soort in zip(frame["code"], frame["soort"], strict=True):
        if soort in ("land", "gemeente"):
            base = {"code": code, "soort": soort, "overlap": np.nan, "naam_2016": ""}
            if code in rivm_areas.index:
                rows.append(base | _yes("land" if soort == "land" else "gemeentecode"))
            else:
                rows.append(
                    base
                    | _no(
                        f"gemeentecode {code} komt niet voor in de RIVM-indeling van {year} "
                        f"(gemeente na {year} ontstaan door samenvoeging)"
                    )
                )
    wijken = frame.index[frame["soort"] == "wijk"].tolist()
    rows += _wijk_verdicts(wijken, marker, rivm_areas, bu_then, bu24, names, year)
    wijk_ok = {str(r["code"]): r for r in rows if r["soort"] == "wijk"}
    for code in frame.index[frame["soort"] == "buurt"]:
        rows.append(_buurt_verdict(code, rivm_areas, marker, wijk_ok, bu_then, bu24, year))
    out = pd.DataFrame(rows, columns=COLUMNS)
    parts = boundaries.successor_parts(rivm_areas, set(areas.table().index))
    changed = out["code"].isin({"GM" + c[2:6] for c in parts})
    if table == BASE:
        out["deel_2020"] = out["code"].map(parts).fillna("")
        out.loc[changed, ["gekoppeld", "grondslag", "reden"]] = [True, REBUILT, ""]
    else:
        # Only the shipped edition is rebuilt from predecessors; a newer one leaves such a gemeente out.
        out.loc[changed, ["gekoppeld", "grondslag"]] = [False, ""]
        out.loc[changed, "reden"] = (
            f"niet gekoppeld: de gemeente is na {year} veranderd door een samenvoeging; haar "
            f"RIVM-cijfer (indeling {year}) gaat over een ander grondgebied"
        )
    for kwb_year, marks in sorted(newer.items()):
        redrawn = out["code"].map(marks).isin([2, 3]) & out["gekoppeld"]
        out.loc[redrawn, "reden"] = [
            f"niet gekoppeld: CBS meldt voor {c} in {kwb_year} een gewijzigde code of afbakening "
            f"(indelingswijziging); de cijfers van {kwb_year} gaan over een ander gebied dan de "
            f"RIVM-indeling van {year}"
            for c in out.loc[redrawn, "code"]
        ]
        out.loc[redrawn, ["gekoppeld", "grondslag"]] = [False, ""]
    return out.set_index("code", drop=False)


def _buurt_verdict(
    code: str,
    rivm_areas: pd.DataFrame,
    marker: pd.Series,
    wijken: dict[str, dict[str, object]],
    bu_then: dict[str, frozenset[str]],
    bu24: dict[str, frozenset[str]],
    year: int = 2020,
) -> dict[str, object]:
    row: dict[str, object] = {"code": code, "soort": "buurt", "overlap": np.nan, "naam_2016": ""}
    wijk = "WK" + code[2:8]
    if code not in rivm_areas.index:
        return row | _no(
            f"{code} komt niet voor in de RIVM-indeling van {year}: de buurt is na {year} nieuw "
            "gevormd of hernummerd"
        )
    parent = wijken.get(wijk)
    if parent is not None and not parent["gekoppeld"]:
        return row | _no(
            f"de buurt ligt in wijk {wijk}, die na {year} anders is ingedeeld "
            f"({str(parent['reden']).removeprefix('niet gekoppeld: ')})"
        )
    if bu_then.get(wijk, frozenset()) != bu24.get(wijk, frozenset()):
        return row | _no(
            f"wijk {wijk} bestond in {year} uit andere buurten dan in 2024; er zijn geen "
            f"buurtgrenzen van {year} om te tonen dat deze buurt hetzelfde gebied is"
        )
    mark = marker.get(code)
    if mark in (2, 3):
        return row | _no(
            f"CBS meldt voor {code} in 2024 een gewijzigde "
            f"{'code' if mark == 2 else 'afbakening'} (indelingswijziging {int(mark)})"
        )
    if parent is None:
        return row | _no(f"de wijk {wijk} van deze buurt komt niet voor in de indeling van 2024")
    return row | _yes(f"wijk {parent['grondslag']}, zelfde buurtcodes")


def cache_path(table: str = BASE) -> Path:
    """Derived verdict table of one RIVM edition, rebuilt from data/raw by code."""
    suffix = "" if table == BASE else f"-{table}"
    key = hashlib.sha256(f"{fingerprint(table)}:{TEXT_VERSION}".encode()).hexdigest()[:16]
    return derived_dir() / f"gebiedskoppeling{suffix}-{key}{frames.SUFFIX}"


@cache
def table(edition: str = BASE) -> pd.DataFrame:
    """code, soort, gekoppeld, grondslag, reden, overlap, naam_2016 for every current area (cached)."""
    path = cache_path(edition)
    if path.exists():
        return frames.read(path).set_index("code", drop=False)
    frame = build(edition)
    path.parent.mkdir(parents=True, exist_ok=True)
    stem = path.name.rsplit("-", 1)[0]
    for old in [*path.parent.glob(f"{stem}-*.parquet"), *path.parent.glob(f"{stem}-*.arrow")]:
        if old.name.count("-") == path.name.count("-"):  # not another edition's table
            old.unlink(missing_ok=True)
    frames.write(path, frame.reset_index(drop=True), index=False)
    return frame


def joinable(edition: str = BASE) -> frozenset[str]:
    """Codes whose RIVM values of this edition (its own division) may be shown for the 2024 area."""
    frame = table(edition)
    return frozenset(frame.index[frame["gekoppeld"]])


def _mapped(edition: str = BASE) -> tuple[pa.Table, dict[str, int]]:
    """`table(edition)` as its mapped Arrow table and the row of each code (no pandas)."""
    path = cache_path(edition)
    if not path.exists():
        table(edition)  # builds the file
    return frames.indexed(path)


def columns(*names: str, edition: str = BASE) -> list[list[Any]]:
    """Whole columns of `table(edition)` as plain lists, in its row order."""
    mapped = _mapped(edition)[0]
    return [mapped.column(name).to_pylist() for name in names]


def verdict(code: str, edition: str = BASE) -> dict[str, Any] | None:
    """The row of `table(edition)` for one code (None: not in the current division)."""
    mapped, rows = _mapped(edition)
    at = rows.get(code)
    return None if at is None else mapped.slice(at, 1).to_pylist()[0]


def reason(code: str, edition: str = BASE) -> str:
    """The Dutch reason a code has no RIVM values of this edition ('' when it is joined)."""
    row = verdict(code, edition)
    if row is None:
        return f"niet gekoppeld: {code} komt niet voor in de CBS-indeling van 2024"
    return str(row["reden"])


@cache
def composition() -> dict[str, list[tuple[str, str, list[str]]]]:
    """Gemeenten of 2024 that are not one gemeente of 2020 (merged after 2020, or grown by one).

    gemeente code -> [(2020 gemeente code, its 2020 name, the 2024 wijken on its former land)].
    """
    names = rivm.gemeente_names(BASE)
    out: dict[str, dict[str, list[str]]] = {}
    for code, part in zip(*columns("code", "deel_2020"), strict=True):
        if part:
            out.setdefault("GM" + code[2:6], {}).setdefault(str(part), []).append(code)
    return {
        gm: [(p, str(names.get(p, p)), sorted(w)) for p, w in sorted(found.items())]
        for gm, found in out.items()
    }
