"""Every gemeente, wijk and buurt of the Netherlands (CBS KWB division 2024), and kernen built from them."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijktools.errors import AreaNotFoundError, DataFileError, DataMissingError, ValidationError
from wijktools.nl import level_plural, ngettext
from wijktools.opendata import frames
from wijktools.paths import checksum, derived_dir, raw_dir, slug

if TYPE_CHECKING:
    import pandas as pd

LEVELS = {"Land": "land", "Gemeente": "gemeente", "Wijk": "wijk", "Buurt": "buurt"}
# Amsterdam codes carry letters (WK0363KM, BU0363AA01).
CODE_PATTERN = re.compile(
    r"^(NL\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$", re.IGNORECASE
)
_WIJK_PREFIX = re.compile(r"^wijk\s+\d+\s+", re.IGNORECASE)
KWB2024_FILE = Path("cbs-kwb-2024-85984NED") / "kwb2024_nl_alle_niveaus_bevolking.csv"
KWB2024_COLUMNS = ["code", "naam", "gemeentenaam", "soort_regio", "aantal_inwoners"]


@dataclass(frozen=True)
class Area:
    """One area a profile or session is about; a kern carries its member codes."""

    code: str
    name: str
    level: str
    gemeente_code: str | None
    gemeente_name: str | None
    inwoners: int | None
    members: tuple[str, ...] = ()
    inwoners_jaar: int | None = (
        None  # the KWB year of `inwoners` (the newest edition with the area)
    )
    member_names: tuple[str, ...] = ()  # 'Borculo Centrum (BU18590000)', in member order

    @property
    def is_kern(self) -> bool:
        """Kernen are aggregated from their members instead of looked up."""
        return bool(self.members)

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON outputs and the store."""
        return {
            "code": self.code,
            "naam": self.name,
            "soort": self.level,
            "gemeente_code": self.gemeente_code,
            "gemeentenaam": self.gemeente_name,
            "inwoners": self.inwoners,
            "inwoners_jaar": self.inwoners_jaar,
            "leden": list(self.members),
            "leden_namen": list(self.member_names or self.members),
        }


def gemeente_code_of(code: str) -> str | None:
    """CBS codes nest: WK026200 and BU02620000 both lie in GM0262."""
    code = code.upper()
    if code.startswith(("WK", "BU", "GM")):
        return "GM" + code[2:6]
    return None


def _read_kwb2024(path: Path) -> pd.DataFrame:
    """The national KWB 2024 population export is the backbone of the area list."""
    import pandas as pd

    if not path.exists():
        raise DataMissingError(
            f"Het bestand '{path}' ontbreekt. Zet de meegeleverde data terug (git checkout data/raw) "
            "of haal de tabel op met: wijktools data ophalen 85984NED"
        )
    try:
        frame = pd.read_csv(path, usecols=KWB2024_COLUMNS, dtype={"code": str, "naam": str})
    except ValueError as exc:
        raise DataFileError(
            str(path), f"de kolommen {', '.join(KWB2024_COLUMNS)} zijn nodig ({exc}).", row=1
        ) from exc
    if frame.empty:
        raise DataFileError(str(path), "het bestand bevat geen gebieden.", row=2)
    return frame


def _read_kwb_full(folder: Path) -> pd.DataFrame:
    """Full KWB downloads (86165NED style) can add areas of a newer division."""
    import pandas as pd

    frame = pd.read_csv(
        folder / "kerncijfers_data.csv",
        usecols=["Codering_3", "Naam_gebied", "Gemeentenaam_1", "SoortRegio_2", "AantalInwoners_5"],
        dtype=str,
    )
    frame = frame.apply(lambda s: s.str.strip())
    return frame.rename(
        columns={
            "Codering_3": "code",
            "Naam_gebied": "naam",
            "Gemeentenaam_1": "gemeentenaam",
            "SoortRegio_2": "soort_regio",
            "AantalInwoners_5": "aantal_inwoners",
        }
    )


def _full_folders() -> list[tuple[Path, int]]:
    """Full KWB downloads beside the national export, with their year."""
    found = []
    for folder in sorted(raw_dir().glob("cbs-kwb-*")):
        year = re.match(r"cbs-kwb-(\d{4})", folder.name)
        if (folder / "kerncijfers_data.csv").exists() and year:
            found.append((folder, int(year.group(1))))
    return found


# Bump when _build_table() changes what it returns, so an older cache in data/derived is not reused.
TABLE_SCHEMA = "gebieden-1"


@cache
def table() -> pd.DataFrame:
    """All areas: code, naam, soort, gemeente_code, gemeentenaam, inwoners (KWB 2024, plus newer codes).

    Parsed from the CSVs once and kept in data/derived (keyed by their checksums): every command
    that looks up an area maps a small Arrow file instead.
    """
    path = _table_path()
    if path is None:
        return _build_table()  # says which file is missing
    if path.exists():
        frame = frames.read(path)
        frame.index.name = None
        return frame
    frame = _build_table()
    for old in [*derived_dir().glob("gebieden-*.parquet"), *derived_dir().glob("gebieden-*.arrow")]:
        old.unlink(missing_ok=True)
    frames.write(path, frame)
    return frame


def _table_path() -> Path | None:
    """The Arrow file of `table()` (None: the KWB 2024 file is missing)."""
    source = raw_dir() / KWB2024_FILE
    if not source.exists():
        return None
    inputs = [source] + [folder / "kerncijfers_data.csv" for folder, _ in _full_folders()]
    digest = hashlib.sha256(TABLE_SCHEMA.encode())
    for path in inputs:
        digest.update(f"{path.parent.name}/{path.name}:{checksum(path)}".encode())
    return derived_dir() / f"gebieden-{digest.hexdigest()[:16]}{frames.SUFFIX}"


def _file() -> Path:
    """The Arrow file of `table()`, mapped by a look-up instead of converted to pandas."""
    path = _table_path()
    if path is None or not path.exists():
        table()  # builds the file, or says which input is missing
    return _table_path()  # type: ignore[return-value]


def values(column: str, codes: list[str]) -> list[Any]:
    """One column of `table()` for these codes, None for a gap or an unknown code (no pandas)."""
    path = _file()
    rows, whole = frames.indexed(path)[1], frames.listed(path, column)
    return [None if at is None else whole[at] for at in (rows.get(code) for code in codes)]


def _build_table() -> pd.DataFrame:
    import pandas as pd

    frames = [_read_kwb2024(raw_dir() / KWB2024_FILE).assign(inwoners_jaar=2024)]
    for folder, year in _full_folders():
        frames.append(_read_kwb_full(folder).assign(inwoners_jaar=year))
    frame = pd.concat(frames, ignore_index=True)
    frame["code"] = frame["code"].str.strip().str.upper()
    # One year per area: the newest edition that has the area gives its name and inhabitants, the
    # same edition the profile's table shows (e.g. KWB 2025 for Friesland).
    frame = frame.sort_values("inwoners_jaar", kind="stable").drop_duplicates("code", keep="last")
    frame["soort"] = frame["soort_regio"].str.strip().map(LEVELS)
    frame["naam"] = frame["naam"].str.strip()
    frame["gemeentenaam"] = frame["gemeentenaam"].str.strip()
    frame["gemeente_code"] = frame["code"].map(gemeente_code_of)
    frame["inwoners"] = pd.to_numeric(frame["aantal_inwoners"], errors="coerce").astype("Int64")
    frame = frame[
        ["code", "naam", "soort", "gemeente_code", "gemeentenaam", "inwoners", "inwoners_jaar"]
    ]
    frame["_zoek"] = frame["naam"].str.lower().str.replace(_WIJK_PREFIX, "", regex=True)
    frame = frame.set_index("code", drop=False).sort_index()
    frame.index.name = None  # the column stays the label; the index is only for fast look-up
    return frame


def _area(row: dict[str, Any]) -> Area:
    inwoners = row["inwoners"]
    return Area(
        code=row["code"],
        name=row["naam"],
        level=row["soort"],
        gemeente_code=row["gemeente_code"],
        gemeente_name=None if row["soort"] == "land" else row["gemeentenaam"],
        inwoners=None if inwoners is None else int(inwoners),
        inwoners_jaar=int(row["inwoners_jaar"]),
    )


def _record(code: str) -> dict[str, Any] | None:
    """The row of one code (None: unknown)."""
    mapped, rows = frames.indexed(_file())
    at = rows.get(code)
    return None if at is None else mapped.slice(at, 1).to_pylist()[0]


def _suggest(query: str, limit: int = 5) -> list[str]:
    """Closest names, with code and gemeente, for the 'did you mean' part of the message."""
    frame = table()
    names = frame["_zoek"].unique().tolist()
    close = difflib.get_close_matches(query.lower(), names, n=limit, cutoff=0.6)
    hits = frame[frame["_zoek"].isin(close)].copy()
    hits["_rang"] = hits["_zoek"].map({name: rank for rank, name in enumerate(close)})
    hits = hits.sort_values(["_rang", "code"]).head(limit)
    return [f"{r.naam} ({r.code}, {r.gemeentenaam})" for r in hits.itertuples()]


def suggest(query: str, limit: int = 5) -> list[str]:
    """Names close to a search term that found nothing ('profiel' -> 'Riel'), for 'Bedoelde u'."""
    return _suggest(str(query).strip(), limit)


_CODE_LEVELS = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}


def _unknown_code_hint(code: str, frame: pd.DataFrame) -> str:
    """Why a well-formed code is unknown, and where to look: within the gemeente the code names.

    A wijk code of an existing gemeente gets that gemeente's nearest codes of the same level (not
    look-alike codes of another gemeente); the code of a gemeente that no longer exists (merged or
    dissolved since an earlier division, as in an older report) says so instead of guessing.
    """
    search = " Zoek de juiste code met: wijktools gebieden ZOEKTERM"
    gemeente = gemeente_code_of(code)
    if gemeente is None:  # NLxx
        return search
    level = _CODE_LEVELS[code[:2]]
    if gemeente in frame.index:
        name = str(frame.at[gemeente, "naam"])
        term = f'"{name}"' if " " in name else name
        listing = f"wijktools gebieden {term} --soort {level} --max 0"
        same = [c for c in frame.index[frame["gemeente_code"] == gemeente] if c[:2] == code[:2]]
        if not same:
            return (
                f" Gemeente {name} ({gemeente}) heeft in deze indeling geen "
                f"{level_plural(level)}. Zoek met: wijktools gebieden {term}"
            )
        # Near-typos only (one character off): look-alike codes of letters (Amsterdam) mean nothing.
        near = difflib.get_close_matches(code, same, n=3, cutoff=0.85)
        hint = "; ".join(f"{c} ({frame.at[c, 'naam']})" for c in near)
        count = f"{len(same)} {ngettext(level, level_plural(level), len(same))}"
        return (
            f" Bedoelde u: {hint}?" if hint else ""
        ) + f" Gemeente {name} ({gemeente}) heeft {count}; zie ze met: {listing}"
    from wijktools.opendata import rivm  # only for this message: the 2020 division's names

    former = rivm.gemeente_names().get(gemeente)
    if former:
        return (
            f" De gemeente {former} ({gemeente}) bestaat niet meer in de indeling van 2024: zij is "
            "na 2020 samengevoegd of opgeheven, dus haar codes zijn vervallen. Zoek het gebied op "
            "naam met: wijktools gebieden ZOEKTERM"
        )
    return f" Gemeente {gemeente} komt in de indeling van 2024 niet voor.{search}"


def lookup(query: str) -> Area:
    """Find one area by CBS code or name; unknown or ambiguous input gets a helpful Dutch message."""
    text = str(query).strip()
    if CODE_PATTERN.match(text):
        code = text.upper()
        found = _record(code)
        if found is not None:
            return _area(found)
        frame = table()
        raise AreaNotFoundError(
            f"Gebied '{text}' komt niet voor in de CBS-indeling (Kerncijfers wijken en buurten 2024)."
            f"{_unknown_code_hint(code, frame)}"
        )
    frame = table()
    key = _WIJK_PREFIX.sub("", text.lower())
    hits = frame[(frame["_zoek"] == key) | (frame["naam"].str.lower() == text.lower())]
    if len(hits) == 1:
        return _area(_record(str(hits["code"].iloc[0])) or {})
    if len(hits) > 1:
        options = "; ".join(
            f"{r.naam} ({r.code}, {r.gemeentenaam})" for r in hits.head(8).itertuples()
        )
        raise AreaNotFoundError(
            f"Er zijn {len(hits)} gebieden met de naam '{text}': {options}. Gebruik de CBS-code."
        )
    suggestions = _suggest(text)
    hint = f" Bedoelde u: {'; '.join(suggestions)}?" if suggestions else ""
    raise AreaNotFoundError(
        f"Geen gebied gevonden met de naam of code '{text}'.{hint} "
        "Zoek met: wijktools gebieden ZOEKTERM"
    )


def search(term: str | None = None, level: str | None = None) -> pd.DataFrame:
    """Areas whose name, gemeente or code contains the term (case-insensitive)."""
    frame = table()
    if term:
        needle = term.strip().lower()
        mask = (
            frame["naam"].str.lower().str.contains(needle, regex=False)
            | frame["gemeentenaam"].str.lower().str.contains(needle, regex=False)
            | frame["code"].str.lower().str.startswith(needle)
        )
        frame = frame[mask]
    if level:
        frame = frame[frame["soort"] == level]
    # Gemeente, then wijken, then buurten (each in code order): by code alone 'zwolle' listed 50
    # buurten (BU < GM < WK) and cut off the gemeente and every wijk.
    rank = frame["soort"].map(_LEVEL_ORDER).fillna(len(_LEVEL_ORDER))
    frame = frame.iloc[rank.argsort(kind="stable")]
    return frame.drop(columns="_zoek").reset_index(drop=True)


_LEVEL_ORDER = {"land": 0, "gemeente": 1, "wijk": 2, "buurt": 3}


def members_of(gemeente_code: str, level: str = "wijk") -> list[str]:
    """The wijken (or buurten) of a gemeente, in code order."""
    frame = table()
    return frame[(frame["gemeente_code"] == gemeente_code) & (frame["soort"] == level)][
        "code"
    ].tolist()


def kern(name: str, codes: Iterable[str]) -> Area:
    """A kern as a named set of wijk/buurt codes within one gemeente; overlaps are refused."""
    members = tuple(dict.fromkeys(str(c).strip().upper() for c in codes if str(c).strip()))
    if not name or not name.strip():
        raise ValidationError("Geef de kern een naam.")
    if not members:
        raise ValidationError(f"Kern '{name}': geef minstens één wijk- of buurtcode op.")
    found = [lookup(code) for code in members]
    bad = [a.code for a in found if a.level not in ("wijk", "buurt")]
    if bad:
        raise ValidationError(
            f"Kern '{name}': {', '.join(bad)} is geen wijk of buurt. Een kern bestaat uit wijken en/of buurten."
        )
    gemeenten = {a.gemeente_code for a in found}
    if len(gemeenten) > 1:
        raise ValidationError(
            f"Kern '{name}' ligt in meer dan één gemeente ({', '.join(sorted(gemeenten))}); "
            "een kern valt binnen één gemeente."
        )
    wijken = {a.code[2:] for a in found if a.level == "wijk"}
    overlap = [a.code for a in found if a.level == "buurt" and a.code[2:8] in wijken]
    if overlap:
        raise ValidationError(
            f"Kern '{name}': {ngettext('buurt', 'buurten', len(overlap))} {', '.join(overlap)} "
            f"{ngettext('valt', 'vallen', len(overlap))} al binnen een opgegeven wijk en zou{ngettext('', 'den', len(overlap))} "
            "dubbel tellen. Laat de buurt of de wijk weg."
        )
    inwoners = [a.inwoners for a in found]
    total = None if any(i is None for i in inwoners) else sum(inwoners)
    years = {a.inwoners_jaar for a in found}
    return Area(
        code=f"KERN-{slug(name)}",
        name=name.strip(),
        level="kern",
        gemeente_code=found[0].gemeente_code,
        gemeente_name=found[0].gemeente_name,
        inwoners=total,
        members=members,
        inwoners_jaar=years.pop() if len(years) == 1 else None,
        member_names=tuple(f"{a.name} ({a.code})" for a in found),
    )


def gemeente(area: Area) -> Area:
    """The gemeente an area lies in (a gemeente is its own gemeente)."""
    if area.level == "land" or area.gemeente_code is None:
        raise AreaNotFoundError(f"'{area.name}' ligt niet in één gemeente.")
    return lookup(area.gemeente_code)


def nederland() -> Area:
    """The national reference row."""
    return lookup("NL00")
