"""Import and export of the sociale kaart and its relations: one file, one transaction."""

from __future__ import annotations

import difflib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from wijktools.errors import DataFileError, DataFileErrors, ValidationError
from wijktools.network import duplicates as dup
from wijktools.network import partners as kp
from wijktools.network import quality, vocab
from wijktools.sheets.read import read_rows
from wijktools.sheets.write import Validation, write_table
from wijktools.store import connection as store
from wijktools.store.sessions import get_session

PARTNER_SHEET, RELATION_SHEET = "Ketenpartners", "Relaties"
RELATION_HEADERS = ["Van", "Naar", "Soort", "Intensiteit"]
# Optional columns after the fixed header; a file without them keeps the stored scores.
SCORE_HEADERS = [quality.HEADERS[name] for name in quality.SCORES]
FICTIEF = "FICTIEF voorbeeld: vervang of verwijder deze rij."


@dataclass(frozen=True)
class ImportResult:
    """What an import did, for the CLI line and the notebook message."""

    toegevoegd: int
    bijgewerkt: int
    ongewijzigd: int

    def __str__(self) -> str:
        return (
            f"{self.toegevoegd} toegevoegd, {self.bijgewerkt} bijgewerkt, "
            f"{self.ongewijzigd} ongewijzigd"
        )


def _check_header(
    path: Path, header: list[str], expected: list[str], optional: list[str] | None = None
) -> None:
    """The header row must be the template's (optional columns may be absent), never guessed."""
    optional = optional or []
    problems = []
    for name in expected:
        if name not in header:
            near = difflib.get_close_matches(name, header, n=1)
            hint = f" (staat er '{near[0]}'?)" if near else ""
            problems.append(
                DataFileError(str(path), f"kolom ontbreekt in de kopregel{hint}.", 1, name)
            )
    for name in header:
        if name not in expected and name not in optional:
            extra = f" (en eventueel {', '.join(optional)})" if optional else ""
            problems.append(
                DataFileError(
                    str(path),
                    f"onbekende kolom; de kopregel is: {', '.join(expected)}{extra}.",
                    1,
                    name or "(leeg)",
                )
            )
    if problems:
        raise DataFileErrors(str(path), problems)


def _names_in(conn: sqlite3.Connection, session_id: int) -> dict[str, dict]:
    """Live partners by folded name, read once (inside the import's transaction)."""
    return {p["organisatie"].casefold(): p for p in kp.partners(conn, session_id)}


@dataclass(frozen=True)
class PartnerImportPlan:
    """A checked file: its valid records by row number and the likely duplicates among them."""

    path: Path
    records: list[tuple[int, kp.Ketenpartner]]
    pairs: list[dup.DuplicatePair]
    # Capacity fields whose column the file does not have: an update leaves them as they are.
    absent: tuple[str, ...] = ()


def plan_partner_import(
    conn: sqlite3.Connection, session_id: int, path: str | Path
) -> PartnerImportPlan:
    """Validate every row and find likely duplicates (in the file and against the session)."""
    path = Path(path)
    get_session(conn, session_id)
    header, rows = read_rows(path, PARTNER_SHEET, rows_of="ketenpartners")
    _check_header(path, header, kp.HEADERS, kp.CAPACITY_HEADERS)
    disciplines = list(vocab.disciplines(conn, session_id))
    problems: list[DataFileError] = []
    records: list[tuple[int, kp.Ketenpartner]] = []
    seen: dict[str, int] = {}
    for number, values in rows:
        data = {field: values.get(h) for h, field in kp.ALL_COLUMNS.items()}
        try:
            record = kp.validate(data, disciplines=disciplines)
        except kp.RecordInvalid as exc:
            for field, message in exc.problems.items():
                problems.append(DataFileError(str(path), message, number, kp.FIELD_LABELS[field]))
            continue
        key = record.organisatie.casefold()
        if key in seen:
            problems.append(
                DataFileError(
                    str(path),
                    f"'{record.organisatie}' staat ook al op rij {seen[key]}; "
                    "elke organisatie één keer.",
                    number,
                    "Organisatie",
                )
            )
            continue
        seen[key] = number
        records.append((number, record))
    if problems:
        raise DataFileErrors(str(path), problems)
    current = kp.partners(conn, session_id)
    names = {p["organisatie"].casefold() for p in current}
    in_file, on_map = dup.NameIndex(), dup.NameIndex()
    for partner in current:
        on_map.add(partner["id"], partner["organisatie"])
    pairs: list[dup.DuplicatePair] = []
    for number, record in records:
        name = record.organisatie
        found = in_file.best(name)
        if found is not None:
            pairs.append(dup.DuplicatePair(number, name, found[1], found[2], other_row=found[0]))
        elif name.casefold() not in names and (found := on_map.best(name)) is not None:
            pairs.append(dup.DuplicatePair(number, name, found[1], found[2], partner_id=found[0]))
        in_file.add(number, name)
    absent = tuple(f for h, f in kp.CAPACITY_COLUMNS.items() if h not in header)
    return PartnerImportPlan(path, records, pairs, absent)


def _merged(base: kp.Ketenpartner, newcomer: kp.Ketenpartner) -> kp.Ketenpartner:
    """The base record with every field the newcomer fills in (the base keeps its name)."""
    values = base.model_dump()
    for name, value in newcomer.model_dump().items():
        if name == "organisatie" or (name == "opnamestop" and value == "nee"):
            continue
        if value or (name in kp.NUMBER_FIELDS and value is not None):
            values[name] = value
    return kp.Ketenpartner.model_construct(**values)


def import_partners(
    conn: sqlite3.Connection,
    session_id: int,
    path: str | Path,
    *,
    duplicaten: str | None = None,
    keuzes: dict[int, str] | None = None,
) -> ImportResult:
    """Validate every row first, then add or update partners by name in one short transaction.

    Likely duplicates (see `duplicates`) stop the import with their list unless a choice is given:
    `duplicaten` for all pairs, or `keuzes` (file row number -> choice) per pair, as the widget does.
    What is on the sociale kaart is read again inside the write transaction (BEGIN IMMEDIATE), so a
    second import of the same file at the same moment finds the first one's partners.
    """
    plan = plan_partner_import(conn, session_id, path)
    dup.check_choice(duplicaten)
    chosen = {p.row: (keuzes or {}).get(p.row) or duplicaten for p in plan.pairs}
    for choice in chosen.values():
        dup.check_choice(choice)
    undecided = [p for p in plan.pairs if chosen[p.row] is None]
    if undecided:
        raise dup.DuplicatesFound(str(plan.path), undecided)
    pair_of = {p.row: p for p in plan.pairs}
    # Within the file a merged row folds into the earlier row before anything is stored.
    final: dict[int, kp.Ketenpartner] = {}
    into_partner: dict[int, kp.Ketenpartner] = {}
    for number, record in plan.records:
        pair = pair_of.get(number)
        choice = chosen.get(number)
        if pair is None or choice == "toevoegen":
            final[number] = record
        elif choice == "overslaan":
            continue
        elif pair.other_row is not None:
            if pair.other_row in final:
                final[pair.other_row] = _merged(final[pair.other_row], record)
        else:
            into_partner[number] = record
    added: list[dict] = []
    updated = same = 0
    with store.transaction(conn):
        current = _names_in(conn, session_id)
        for record in final.values():
            row = record.to_row()
            if record.organisatie.casefold() in current:
                row = {k: v for k, v in row.items() if k not in plan.absent}
            existing = current.get(record.organisatie.casefold())
            if existing is None:
                added.append({"session_id": int(session_id), **row})
            elif all(existing[k] == v for k, v in row.items()):
                same += 1
            else:
                store.update(conn, "ketenpartners", existing["id"], row)
                updated += 1
        store.insert_many(conn, "ketenpartners", added)
        for number, record in into_partner.items():
            partner_id = pair_of[number].partner_id
            assert partner_id is not None
            base = kp.Ketenpartner.from_row(kp.partners_by_id(conn, partner_id))
            merged = _merged(base, record)
            if merged.model_dump() == base.model_dump():
                same += 1
            else:
                kp.update_partner(conn, partner_id, merged.model_dump())
                updated += 1
    return ImportResult(len(added), updated, same)


def export_partners(
    conn: sqlite3.Connection,
    session_id: int,
    path: str | Path,
    *,
    met_contactgegevens: bool = True,
) -> Path:
    """The sociale kaart in the template layout (.xlsx or .csv), re-importable as is."""
    frame = kp.sociale_kaart(conn, session_id, met_contactgegevens=met_contactgegevens)
    rows = [
        [v if isinstance(v, str) else "" for v in r]
        for r in frame[kp.ALL_HEADERS].itertuples(index=False)
    ]
    return write_table(Path(path), PARTNER_SHEET, kp.ALL_HEADERS, rows)


PARTNER_NOTES = [
    ("Organisatie", "Verplicht. Elke organisatie één keer; relaties verwijzen naar deze naam."),
    ("Discipline", "Verplicht. Kies uit de lijst (uit te breiden per werksessie)."),
    ("Expertise", "Expertise en doelgroepen, vrije tekst."),
    ("Werkdagen", "Bijvoorbeeld: ma, di, do  of  ma t/m vr  of  maandag, woensdag."),
    ("Opnamestop", "ja, nee, 'ja tot 2027-03-01' of 'ja sinds 1-1-2026'."),
    ("Telefoon", "Nederlands nummer: 06-12345678, 0513-123456 of +31 6 12345678."),
    ("E-mail", "Bijvoorbeeld info@praktijk.nl."),
    ("Postcode", "Vier cijfers en twee letters: 8501 AB."),
    ("Voorkeur contact", "Eén of meer uit de lijst, gescheiden door komma's."),
    ("Laatst gecontroleerd", "Datum van de laatste controle: 2026-11-23 of 23-11-2026."),
    (
        "FTE huisarts, FTE POH-S, FTE POH-GGZ, FTE praktijkverpleegkundige",
        "Optioneel, vooral voor huisartsenpraktijken: fte van de hele praktijk, bijvoorbeeld 2,4 "
        "of 2.4. Leeg laten als het onbekend is (leeg is niet 0).",
    ),
    (
        "Ingeschreven patiënten",
        "Optioneel: aantal ingeschreven patiënten van de praktijk, een heel getal (12500 of "
        "12.500). Leeg laten als het onbekend is.",
    ),
]


def write_template(kind: str, path: str | Path) -> Path:
    """An empty template with headers, one fictional example row and validation lists."""
    if kind == "ketenpartners":
        example = [
            "Huisartsenpraktijk De Voorbeeldhoek (FICTIEF)",
            "huisarts",
            "ouderenzorg, diabetes",
            "ma, di, do, vr",
            "nee",
            "J. de Vries (fictief)",
            "088-1234567",  # 088: a nationwide number, not tied to one town
            "info@voorbeeldhoek.example",
            "Voorbeeldstraat 1, Voorbeeldstad (FICTIEF)",
            "1234 AB",
            "www.voorbeeldhoek.example",
            "ZorgMail",
            FICTIEF,
            "2026-11-01",
            "2,4",
            "0,9",
            "0,5",
            "",
            "5200",
        ]
        validations = vocab.partner_validations()
        return write_table(
            Path(path),
            PARTNER_SHEET,
            kp.ALL_HEADERS,
            [example],
            validations=validations,
            notes=PARTNER_NOTES,
            title_note="Sjabloon sociale kaart (wijktools). De voorbeeldrij is FICTIEF.",
        )
    if kind == "relaties":
        example = [
            "Huisartsenpraktijk De Voorbeeldhoek (FICTIEF)",
            "Wijkverpleging Voorbeeld (FICTIEF)",
            "verwijzen",
            2,
            3,
            "",
        ]
        validations = [
            Validation("Soort", list(vocab.RELATION_KINDS), "Kies de soort relatie.", strict=True),
            Validation(
                "Intensiteit",
                ["1", "2", "3"],
                "1 = incidenteel, 2 = regelmatig, 3 = intensief.",
                strict=True,
            ),
            *(
                Validation(h, ["1", "2", "3", "4"], quality.SCALE_TEXT + ".", strict=True)
                for h in SCORE_HEADERS
            ),
        ]
        notes = [
            ("Van / Naar", "Organisatienamen precies zoals op de sociale kaart."),
            (
                "Soort",
                "verwijzen (met richting: Van verwijst naar Naar), overleg/MDO, "
                "gedeelde cliënten, informeel.",
            ),
            ("Intensiteit", "1 = incidenteel, 2 = regelmatig, 3 = intensief."),
            *((quality.HEADERS[n], f"Optioneel. {quality.QUESTIONS[n]}") for n in quality.SCORES),
            ("Schaal 1-4", f"{quality.SCALE_TEXT}. {quality.SOURCE}."),
        ]
        return write_table(
            Path(path),
            RELATION_SHEET,
            RELATION_HEADERS + SCORE_HEADERS,
            [example],
            validations=validations,
            notes=notes,
            title_note="Sjabloon relaties netwerkkaart (wijktools). De voorbeeldrij is FICTIEF.",
        )
    raise ValidationError(f"Onbekend sjabloon '{kind}'; kies ketenpartners of relaties.")
