"""Which areas a batch covers: gemeenten, a provincie, a codes file, every wijk or every area of the country."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wijktools.errors import AreaNotFoundError, DataFileError, ValidationError
from wijktools.nl import ngettext
from wijktools.paths import slug

_GEMEENTE = re.compile(r"^GM\d{4}$")
_CODE = re.compile(r"^(NL\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$")
_CODE_COLUMNS = ("code", "codering", "gebiedscode", "wijkcode", "cbs-code", "cbs_code")


@dataclass(frozen=True)
class Target:
    """One area of a batch: a CBS code (or name) or a kern with its member codes; picklable for workers."""

    key: str
    name: str
    members: tuple[str, ...] = ()
    group: str = ""  # gemeente code: the area's output goes to <group>/<code>/ (--alle-gebieden)

    @property
    def is_kern(self) -> bool:
        """Kernen are built from members, plain areas are looked up by code."""
        return bool(self.members)

    @property
    def folder(self) -> str:
        """Folder name inside the batch folder: the CBS code itself, or a slug for kernen and names."""
        if self.is_kern:
            return f"kern-{slug(self.name, fallback='kern')}"
        key = self.key.strip().upper()
        own = key if _CODE.match(key) else slug(self.key, fallback="gebied")
        return f"{self.group}/{own}" if _GEMEENTE.match(self.group) else own

    @property
    def parameters(self) -> dict[str, str]:
        """Papermill parameters of notebooks/01-wijkprofiel.ipynb (gebied, or kern_naam + kern_codes)."""
        if self.is_kern:
            return {
                "gebied": self.members[0],
                "kern_naam": self.name,
                "kern_codes": ",".join(self.members),
            }
        return {"gebied": self.key}


def _dedupe(targets: Iterable[Target]) -> list[Target]:
    """A code listed twice is built once; order is kept so the index follows the input."""
    seen: dict[str, Target] = {}
    for target in targets:
        seen.setdefault(target.folder, target)
    return list(seen.values())


def _wijken_of(gemeente_code: str) -> list[Target]:
    from wijktools.opendata import areas

    table = areas.table()
    rows = table[(table["gemeente_code"] == gemeente_code) & (table["soort"] == "wijk")]
    return [Target(key=row.code, name=row.naam) for row in rows.itertuples()]


def from_gemeenten(codes: Sequence[str]) -> list[Target]:
    """All wijken of the given gemeenten (codes GMxxxx; comma-separated values are split)."""
    from wijktools.opendata import areas

    given = [c.strip() for value in codes for c in str(value).split(",") if c.strip()]
    wanted = [c.upper() for c in given]
    if not wanted:
        raise ValidationError("Geef minstens één gemeentecode op, bijvoorbeeld --gemeente GM0262.")
    bad = [raw for raw, c in zip(given, wanted, strict=True) if not _GEMEENTE.match(c)]
    if bad:
        raise ValidationError(
            f"'{', '.join(bad)}' is geen gemeentecode. Een gemeentecode is GM plus vier cijfers, "
            "bijvoorbeeld GM0262 (Lochem). Zoek codes met: wijktools gebieden ZOEKTERM"
        )
    table = areas.table()
    unknown = [c for c in wanted if c not in table.index or table.loc[c, "soort"] != "gemeente"]
    if unknown:
        raise AreaNotFoundError(
            f"{ngettext('Gemeente', 'Gemeenten', len(unknown))} {', '.join(unknown)} "
            f"{ngettext('komt', 'komen', len(unknown))} niet voor in de CBS-indeling 2024. "
            "Zoek de juiste code met: wijktools gebieden ZOEKTERM"
        )
    targets = [t for code in wanted for t in _wijken_of(code)]
    if not targets:
        raise AreaNotFoundError(
            f"{ngettext('De gemeente', 'De gemeenten', len(wanted))} {', '.join(wanted)} "
            f"{ngettext('heeft', 'hebben', len(wanted))} geen wijken in de data."
        )
    return _dedupe(targets)


def from_provincie(name: str) -> list[Target]:
    """All wijken of the gemeenten of one provincie (indeling from CBS 'Gebieden in Nederland')."""
    from wijktools.batch import provinces

    return from_gemeenten(provinces.gemeenten_in(name))


def alle_wijken() -> list[Target]:
    """Every wijk of the KWB 2024 division (3,393), in code order."""
    from wijktools.opendata import areas

    table = areas.table()
    codes = set(_kwb2024_codes())
    rows = table[(table["soort"] == "wijk") & table.index.isin(codes)]
    return [Target(key=row.code, name=row.naam) for row in rows.itertuples()]


LEVELS = ("gemeente", "wijk", "buurt")


def all_areas() -> list[Target]:
    """Every gemeente, wijk and buurt of the KWB 2024 division (18,309), grouped by gemeente.

    Per gemeente: the gemeente itself, then its wijken, then its buurten (each in code order), so
    a worker builds the areas of one gemeente one after another and its gemeente caches stay warm.
    """
    from wijktools.opendata import areas

    table = areas.table()
    codes = set(_kwb2024_codes())
    rows = table[table["soort"].isin(LEVELS) & table.index.isin(codes)]
    level = rows["soort"].map({name: i for i, name in enumerate(LEVELS)})
    rows = rows.assign(_niveau=level).sort_values(["gemeente_code", "_niveau", "code"])
    return [
        Target(key=row.code, name=row.naam, group=row.gemeente_code) for row in rows.itertuples()
    ]


def _kwb2024_codes() -> list[str]:
    """The 2024 division only: newer downloads (e.g. KWB 2025 Friesland) add codes of another year."""
    import pandas as pd

    from wijktools.opendata import areas
    from wijktools.paths import raw_dir

    frame = pd.read_csv(raw_dir() / areas.KWB2024_FILE, usecols=["code"], dtype=str)
    return frame["code"].str.strip().str.upper().tolist()


def _kern_line(path: Path, row: int, line: str) -> Target:
    name, _, rest = line.partition(":")
    members = tuple(c.strip().upper() for c in re.split(r"[,;\s]+", rest) if c.strip())
    if not name.strip():
        raise DataFileError(str(path), "de kern heeft geen naam vóór de dubbele punt.", row=row)
    if not members:
        raise DataFileError(
            str(path),
            f"kern '{name.strip()}' heeft geen codes na de dubbele punt; "
            "schrijf bijvoorbeeld 'Lochem: WK026200,WK026201'.",
            row=row,
        )
    return Target(key=f"KERN-{slug(name)}", name=name.strip(), members=members)


def _csv_targets(path: Path, text: str) -> list[Target] | None:
    """A CSV with a header naming a code column; None when the file is a plain list."""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    if first.count(delimiter) == 0:
        return None
    header = [h.strip().lower() for h in first.split(delimiter)]
    column = next((header.index(c) for c in _CODE_COLUMNS if c in header), None)
    if column is None:
        raise DataFileError(
            str(path),
            f"geen kolom met codes gevonden (kolommen: {', '.join(header)}). "
            "Noem de kolom 'code', of zet één code per regel.",
            row=1,
        )
    name_col = next((header.index(c) for c in ("naam", "name", "gebied") if c in header), None)
    targets = []
    for row, record in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if row == 1 or not record or not any(v.strip() for v in record):
            continue
        if column >= len(record) or not record[column].strip():
            raise DataFileError(str(path), "de code ontbreekt.", row=row, column=header[column])
        code = record[column].strip()
        name = record[name_col].strip() if name_col is not None and name_col < len(record) else code
        targets.append(Target(key=code.upper() if _CODE.match(code.upper()) else code, name=name))
    return targets


def from_codes_file(path: Path) -> list[Target]:
    """Areas listed in a file: one code per line, 'Naam: WK..,WK..' for a kern, or a CSV with a code column.

    Codes are not checked here: an unknown code fails for that area only, so the rest still runs.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(str(path), "het bestand bestaat niet. Controleer het pad.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            str(path), "het bestand is geen UTF-8-tekst; sla het op als UTF-8."
        ) from exc
    targets = None if ":" in text else _csv_targets(path, text)
    if targets is None:
        targets = []
        for row, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if not targets and line.lower() in _CODE_COLUMNS:
                continue  # a one-column CSV: its header 'code' is not an area
            if ":" in line:
                targets.append(_kern_line(path, row, line))
            else:
                code = line.upper()
                targets.append(Target(key=code if _CODE.match(code) else line, name=line))
    if not targets:
        raise DataFileError(
            str(path),
            "het bestand bevat geen codes. Zet één CBS-code per regel, bijvoorbeeld WK026200.",
        )
    return _dedupe(targets)


def describe(
    gemeenten: Sequence[str] | None = None,
    provincie: str | None = None,
    codes_file: Path | None = None,
    alle: bool = False,
    alle_gebieden: bool = False,
) -> str:
    """Readable name of a selection; its slug is the default batch folder."""
    if alle_gebieden:
        return "alle gebieden"
    if alle:
        return "alle wijken"
    if provincie:
        from wijktools.batch import provinces

        return f"provincie {provinces.canonical(provincie)}"  # the index title as CBS writes it
    if codes_file:
        return f"codes {Path(codes_file).stem}"
    joined = "-".join(c.strip() for v in gemeenten or [] for c in str(v).split(",") if c.strip())
    return f"gemeente {joined}"


def select(
    gemeenten: Sequence[str] | None = None,
    provincie: str | None = None,
    codes_file: Path | None = None,
    alle: bool = False,
    alle_gebieden: bool = False,
) -> list[Target]:
    """Exactly one way of choosing areas; anything else gets a Dutch explanation."""
    chosen = [bool(gemeenten), bool(provincie), codes_file is not None, alle, alle_gebieden]
    if sum(chosen) != 1:
        raise ValidationError(
            "Kies precies één selectie: --gemeente GMxxxx, --provincie NAAM, --codes BESTAND, "
            "--alle-wijken of --alle-gebieden. Voorbeeld: wijktools batch --gemeente GM0262"
        )
    if alle_gebieden:
        return all_areas()
    if gemeenten:
        return from_gemeenten(gemeenten)
    if provincie:
        return from_provincie(provincie)
    if codes_file is not None:
        return from_codes_file(codes_file)
    return alle_wijken()
