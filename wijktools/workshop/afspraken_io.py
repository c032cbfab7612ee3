"""Afspraken in and out of Excel: template with pick lists, row-precise import, neutralised export."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path
from typing import Any

import pandera.pandas as pa

from wijktools import nl
from wijktools.errors import (
    DataFileError,
    DataFileErrors,
    DataMissingError,
    ValidationError,
    WijktoolsError,
)
from wijktools.sheets import read as sheets
from wijktools.sheets import write as sheets_write
from wijktools.store import connection as store
from wijktools.workshop import agreements, indicator_link, knelpunten

HEADERS = (
    "Knelpunt",
    "Afspraak",
    "Trekker",
    "Betrokken partners",
    "Deadline",
    "Coördinatie",
    "Evaluatie",
    "Status",
    # after the original header, so sheets made before these columns still read the same
    "Indicator",
    "Voortgang",
    "Nulmeting",
)
REQUIRED = ("Knelpunt", "Afspraak", "Trekker", "Deadline", "Status")
OPTIONAL = ("Betrokken partners", "Coördinatie", "Evaluatie", "Indicator", "Voortgang")
_SPLIT = re.compile(r"\s*[;\n]\s*")

NOTES = (
    "Sjabloon samenwerkingsafspraken (wijktools). Vul op het blad 'Afspraken' één afspraak per rij in.",
    "Knelpunt: de titel zoals in de sessie; een onbekende titel wordt als nieuw knelpunt toegevoegd.",
    "Afspraak: wat er is afgesproken (verplicht).",
    "Trekker: een organisatie uit de sociale kaart van de sessie, of 'nieuw: Naam' voor een nieuwe partner.",
    "Betrokken partners: organisaties gescheiden door een puntkomma (;).",
    "Deadline: een datum (1-3-2027 of 2027-03-01) of een periode (Q2 2027, najaar 2027).",
    "Coördinatie: hoe het wordt afgestemd (overleg, frequentie, kanaal).",
    "Evaluatie: waaraan je ziet dat het werkt (indicator of vraag) en wanneer je evalueert.",
    "Status: " + ", ".join(agreements.STATUSES) + " (leeg = voorgesteld).",
    "Indicator (optioneel): het cijfer uit het wijkprofiel dat moet veranderen, als sleutel uit "
    "profiel.json, met '|leeftijdsgroep' voor RIVM-cijfers (bijv. 'Eenzaam|65+'). De waarde van dat "
    "moment wordt als nulmeting bewaard.",
    "Voortgang (optioneel): percentage 0 tot en met 100.",
    "Nulmeting: alleen ter informatie (waarde, jaar, gebied, bron); bij inlezen wordt hij opnieuw "
    "bepaald uit de cijfers van dat moment.",
    "",
    "VOORBEELD (FICTIEF): Knelpunt 'Eenzaamheid onder ouderen' | Afspraak 'Huisarts verwijst naar "
    "welzijn op recept' | Trekker 'Welzijn Voorbeeld (FICTIEF)' | Deadline 'Q2 2027' | Status 'afgesproken'.",
)

_SCHEMA = pa.DataFrameSchema(
    {
        "Afspraak": pa.Column(
            object,
            pa.Check(
                lambda s: s.astype(str).str.strip() != "",
                error="beschrijf wat er is afgesproken; deze cel mag niet leeg zijn",
            ),
        ),
        "Status": pa.Column(
            object,
            pa.Check(
                lambda s: s.astype(str).str.strip().str.casefold().isin(("", *agreements.STATUSES)),
                error="onbekende status; kies uit " + ", ".join(agreements.STATUSES),
            ),
        ),
    },
    strict=False,
)


def _names(cell: str) -> list[str]:
    return [n for n in _SPLIT.split(cell or "") if n.strip()]


def import_afspraken(
    conn: sqlite3.Connection, session_id: int, path: str | Path, today: dt.date | None = None
) -> dict[str, Any]:
    """Read every row, report every problem with row and column, then store all in one transaction."""
    shown = str(path)
    store.get(conn, "sessions", session_id)
    df = sheets.read_table(path, REQUIRED, OPTIONAL, rows_of="afspraken")
    problems: list[DataFileError] = []
    try:
        sheets.validate(df, _SCHEMA, shown)
    except DataFileErrors as exc:
        problems.extend(exc.problems)
    try:
        sheets.duplicate_rows(df, shown, ["Afspraak", "Knelpunt", "Trekker", "Deadline"])
    except DataFileError as exc:
        problems.append(exc)
    except DataFileErrors as exc:
        problems.extend(exc.problems)
    session = store.get(conn, "sessions", session_id)
    baselines: dict[str, object] = {}

    def baseline(text: str) -> object:
        """One look-up per distinct indicator; the same validation as a form."""
        if text not in baselines:
            baselines[text] = indicator_link.baseline(session, text)
        return baselines[text]

    rows = []
    for index, row in df.iterrows():
        line = sheets.sheet_row(index)
        checks = (
            (
                "Trekker",
                lambda r=row: agreements.resolve_person(
                    conn, session_id, r["Trekker"] or None, False, "trekker"
                ),
            ),
            (
                "Betrokken partners",
                lambda r=row: [
                    agreements.resolve_person(conn, session_id, n, False, "betrokken partner")
                    for n in _names(r["Betrokken partners"])
                ],
            ),
            ("Deadline", lambda r=row: agreements.parse_deadline(r["Deadline"])),
            ("Voortgang", lambda r=row: agreements.parse_voortgang(r["Voortgang"])),
            (
                "Indicator",
                lambda r=row: r["Indicator"] and baseline(r["Indicator"].strip()),
            ),
        )
        for column, check in checks:
            try:
                check()
            except (ValidationError, DataMissingError) as exc:
                problems.append(DataFileError(shown, str(exc), row=line, column=column))
        rows.append((line, row))
    if problems:
        problems.sort(
            key=lambda p: (p.row or 0, HEADERS.index(p.column) if p.column in HEADERS else 0)
        )
        raise DataFileErrors(shown, problems)
    warnings: list[str] = []
    new_knelpunten, ids = 0, []
    with store.transaction(conn):
        for line, row in rows:
            kid = None
            if row["Knelpunt"]:
                found = knelpunten.find_knelpunt(conn, session_id, row["Knelpunt"])
                if found is None:
                    kid = knelpunten.add_knelpunt(conn, session_id, row["Knelpunt"], origin="zaal")
                    new_knelpunten += 1
                    warnings.append(
                        f"rij {line}: knelpunt '{row['Knelpunt']}' was nieuw en is toegevoegd."
                    )
                else:
                    kid = found["id"]
            saved = agreements.add_afspraak(
                conn,
                session_id,
                row["Afspraak"],
                knelpunt_id=kid,
                trekker=row["Trekker"] or None,
                betrokken=_names(row["Betrokken partners"]),
                deadline=row["Deadline"] or None,
                coordination=row["Coördinatie"],
                evaluation=row["Evaluatie"],
                status=row["Status"].casefold() or "voorgesteld",
                indicator=row["Indicator"].strip() or None,
                voortgang=row["Voortgang"] or None,
                today=today,
            )
            ids.append(saved.id)
            warnings.extend(f"rij {line}: {w}" for w in saved.warnings)
    return {
        "afspraken": len(ids),
        "ids": ids,
        "nieuwe_knelpunten": new_knelpunten,
        "waarschuwingen": warnings,
    }


def export_rows(conn: sqlite3.Connection, session_id: int) -> list[list[str]]:
    """The afspraken as rows under HEADERS; the same columns the import reads back."""
    out = []
    for a in agreements.afspraken(conn, session_id):
        trekker = ("nieuw: " + a["trekker"]) if a["trekker_is_nieuw"] else a["trekker"]
        betrokken = [
            n if n not in a["betrokken_nieuw"] else "nieuw: " + n for n in a["betrokken_namen"]
        ]
        out.append(
            [
                a["knelpunt"],
                a["wat"],
                trekker,
                "; ".join(betrokken),
                (a["deadline"] and nl.short_date(a["deadline"])) or a["period"] or "",
                a["coordination"] or "",
                a["evaluation"] or "",
                a["status"],
                a["indicator"],
                "" if a["voortgang"] is None else str(a["voortgang"]),
                baseline_text(a),
            ]
        )
    return out


def baseline_text(afspraak: dict[str, Any]) -> str:
    """'55,3 % (2020, WK016401; RIVM ... (50090NED))' for the export; '' without a link."""
    if not afspraak.get("indicator_key") or afspraak.get("baseline_value") is None:
        return ""
    try:
        value = indicator_link.parse(agreements.indicator_ref(afspraak)).fmt(
            afspraak["baseline_value"]
        )
    except WijktoolsError:  # no codebook at hand: the number as stored
        value = nl.number(afspraak["baseline_value"], 1)
    return (
        f"{value} ({afspraak['baseline_year']}, "
        f"{afspraak['baseline_area']}; {afspraak['baseline_source']})"
    )


def export_afspraken(conn: sqlite3.Connection, session_id: int, path: str | Path) -> Path:
    """An .xlsx that can be edited and imported again; no cell runs as a formula."""
    # write_xlsx stores every text as a quote-prefixed string cell: '=HYPERLINK(..)' stays text.
    return sheets_write.write_xlsx(
        Path(path),
        {"Afspraken": (HEADERS, export_rows(conn, session_id))},
        lists=_lists(conn, session_id),
        notes=NOTES,
    )


def _lists(
    conn: sqlite3.Connection | None, session_id: int | None
) -> dict[str, dict[str, list[str]]]:
    choices: dict[str, list[str]] = {"Status": list(agreements.STATUSES)}
    if conn is not None and session_id is not None:
        partner_names = [p["organisatie"] for p in agreements.partners(conn, session_id)]
        titles = [k["title"] for k in knelpunten.knelpunten(conn, session_id)]
        if partner_names:
            choices["Trekker"] = partner_names
        if titles:
            choices["Knelpunt"] = titles
    return {"Afspraken": choices}


def write_template(
    path: str | Path, conn: sqlite3.Connection | None = None, session_id: int | None = None
) -> Path:
    """An empty sheet with the headers, pick lists (status; partners and knelpunten of a session)."""
    return sheets_write.write_xlsx(
        Path(path), {"Afspraken": (HEADERS, [])}, lists=_lists(conn, session_id), notes=NOTES
    )
