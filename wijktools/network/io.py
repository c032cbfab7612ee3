"""Import and export of the sociale kaart and its relations: one file, one transaction."""

from __future__ import annotations

import difflib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from wijktools.errors import DataFileError, DataFileErrors, ValidationError
from wijktools.network import duplicates as dup
from wijktools.network import partners as kp
from wijktools.network import relations as rel
from wijktools.network import vocab
from wijktools.sheets.read import read_rows
from wijktools.sheets.write import Validation, write_table
from wijktools.store import connection as store
from wijktools.store.sessions import get_session

PARTNER_SHEET, RELATION_SHEET = "Ketenpartners", "Relaties"
RELATION_HEADERS = ["Van", "Naar", "Soort", "Intensiteit"]
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


def _check_header(path: Path, header: list[str], expected: list[str]) -> None:
    """The header row must be exactly the template's, so columns are never guessed."""
    problems = []
    for name in expected:
        if name not in header:
            near = difflib.get_close_matches(name, header, n=1)
            hint = f" (staat er '{near[0]}'?)" if near else ""
            problems.append(
                DataFileError(str(path), f"kolom ontbreekt in de kopregel{hint}.", 1, name)
            )
    for name in header:
        if name not in expected:
            problems.append(
                DataFileError(
                    str(path),
                    f"onbekende kolom; de kopregel is: {', '.join(expected)}.",
                    1,
                    name or "(leeg)",
                )
            )
    if problems:
        raise DataFileErrors(str(path), problems)


@dataclass(frozen=True)
class PartnerImportPlan:
    """A checked file: its valid records by row number and the likely duplicates among them."""

    path: Path
    records: list[tuple[int, kp.Ketenpartner]]
    pairs: list[dup.DuplicatePair]


def plan_partner_import(
    conn: sqlite3.Connection, session_id: int, path: str | Path
) -> PartnerImportPlan:
    """Validate every row and find likely duplicates (in the file and against the session)."""
    path = Path(path)
    get_session(conn, session_id)
    header, rows = read_rows(path, PARTNER_SHEET)
    _check_header(path, header, kp.HEADERS)
    problems: list[DataFileError] = []
    records: list[tuple[int, kp.Ketenpartner]] = []
    seen: dict[str, int] = {}
    for number, values in rows:
        data = {field: values.get(h) for h, field in kp.COLUMNS.items()}
        try:
            record = kp.validate(data, conn, session_id)
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
    pairs: list[dup.DuplicatePair] = []
    for index, (number, record) in enumerate(records):
        best: dup.DuplicatePair | None = None
        for other_number, other in records[:index]:
            score = dup.similarity(record.organisatie, other.organisatie)
            if score >= dup.THRESHOLD and (best is None or score > best.score):
                best = dup.DuplicatePair(
                    number, record.organisatie, other.organisatie, score, other_row=other_number
                )
        if best is None and record.organisatie.casefold() not in names:
            for partner in current:
                score = dup.similarity(record.organisatie, partner["organisatie"])
                if score >= dup.THRESHOLD and (best is None or score > best.score):
                    best = dup.DuplicatePair(
                        number, record.organisatie, partner["organisatie"], score,
                        partner_id=partner["id"],
                    )  # fmt: skip
        if best is not None:
            pairs.append(best)
    return PartnerImportPlan(path, records, pairs)


def _merged(base: kp.Ketenpartner, newcomer: kp.Ketenpartner) -> kp.Ketenpartner:
    """The base record with every field the newcomer fills in (the base keeps its name)."""
    values = base.model_dump()
    for name, value in newcomer.model_dump().items():
        if name != "organisatie" and value and not (name == "opnamestop" and value == "nee"):
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
    """Validate every row first, then add or update partners by name in one transaction.

    Likely duplicates (see `duplicates`) stop the import with their list unless a choice is given:
    `duplicaten` for all pairs, or `keuzes` (file row number -> choice) per pair, as the widget does.
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
    added = updated = same = 0
    current = {p["organisatie"].casefold(): p for p in kp.partners(conn, session_id)}
    with store.transaction(conn):
        for record in final.values():
            existing = current.get(record.organisatie.casefold())
            if existing is None:
                kp.add_partner(conn, session_id, record)
                added += 1
            elif all(existing[k] == v for k, v in record.to_row().items()):
                same += 1
            else:
                kp.update_partner(conn, existing["id"], record)
                updated += 1
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
    return ImportResult(added, updated, same)


def import_relations(conn: sqlite3.Connection, session_id: int, path: str | Path) -> ImportResult:
    """Relations by organisation name (as on the sociale kaart), all rows checked, one transaction."""
    path = Path(path)
    get_session(conn, session_id)
    header, rows = read_rows(path, RELATION_SHEET)
    _check_header(path, header, RELATION_HEADERS)
    names = [p["organisatie"] for p in kp.partners(conn, session_id)]
    problems: list[DataFileError] = []
    clean: list[tuple[int, int, str, int]] = []
    for number, values in rows:
        ids: dict[str, int] = {}
        for column in ("Van", "Naar"):
            name = " ".join(str(values.get(column) or "").split())
            found = kp.find_partner(conn, session_id, name) if name else None
            if found:
                ids[column] = found["id"]
                continue
            near = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            hint = f" Bedoelde u '{near[0]}'?" if near else ""
            message = (
                f"'{name}' staat niet op de sociale kaart van deze sessie.{hint} "
                "Gebruik de organisatienaam zoals op de sociale kaart."
                if name
                else "vul de organisatienaam in."
            )
            problems.append(DataFileError(str(path), message, number, column))
        kind = intensity = None
        try:
            kind = vocab.relation_kind(values.get("Soort") or "")
        except ValidationError as exc:
            problems.append(DataFileError(str(path), str(exc), number, "Soort"))
        try:
            raw = values.get("Intensiteit")
            intensity = vocab.intensity(1 if raw in (None, "") else raw)
        except ValidationError as exc:
            problems.append(DataFileError(str(path), str(exc), number, "Intensiteit"))
        if len(ids) == 2 and ids["Van"] == ids["Naar"]:
            problems.append(
                DataFileError(str(path), "Van en Naar zijn dezelfde organisatie.", number, "Naar")
            )
        elif len(ids) == 2 and kind and intensity:
            clean.append((ids["Van"], ids["Naar"], kind, intensity))
    if problems:
        raise DataFileErrors(str(path), problems)
    added = updated = same = 0
    with store.transaction(conn):
        for from_id, to_id, kind, intensity in clean:
            existing = rel.find_relation(conn, session_id, from_id, to_id, kind)
            if existing is None:
                rel.add_relation(conn, session_id, from_id, to_id, kind, intensity)
                added += 1
            elif existing["intensity"] == intensity:
                same += 1
            else:
                rel.update_relation(conn, existing["id"], intensity=intensity)
                updated += 1
    return ImportResult(added, updated, same)


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
        for r in frame[kp.HEADERS].itertuples(index=False)
    ]
    return write_table(Path(path), PARTNER_SHEET, kp.HEADERS, rows)


def export_relations(conn: sqlite3.Connection, session_id: int, path: str | Path) -> Path:
    """Relations by organisation name, in the template layout."""
    rows = [
        [r["van"], r["naar"], r["kind"], r["intensity"]] for r in rel.relations(conn, session_id)
    ]
    return write_table(Path(path), RELATION_SHEET, RELATION_HEADERS, rows)


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
            "0513-123456",
            "info@voorbeeldhoek.example",
            "Voorbeeldstraat 1, Joure",
            "8501 AB",
            "www.voorbeeldhoek.example",
            "ZorgMail",
            FICTIEF,
            "2026-11-01",
        ]
        validations = vocab.partner_validations()
        return write_table(
            Path(path),
            PARTNER_SHEET,
            kp.HEADERS,
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
        ]
        validations = [
            Validation("Soort", list(vocab.RELATION_KINDS), "Kies de soort relatie.", strict=True),
            Validation(
                "Intensiteit",
                ["1", "2", "3"],
                "1 = incidenteel, 2 = regelmatig, 3 = intensief.",
                strict=True,
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
        ]
        return write_table(
            Path(path),
            RELATION_SHEET,
            RELATION_HEADERS,
            [example],
            validations=validations,
            notes=notes,
            title_note="Sjabloon relaties netwerkkaart (wijktools). De voorbeeldrij is FICTIEF.",
        )
    raise ValidationError(f"Onbekend sjabloon '{kind}'; kies ketenpartners of relaties.")
