"""Paper voting: a sheet of tallies per knelpunt (`Knelpunt, Stemmen[, Ronde]`) typed in after the session."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandera.pandas as pa

from wijktools.errors import DataFileError, DataFileErrors
from wijktools.sheets import read as sheets
from wijktools.store import connection as store
from wijktools.workshop import priorities

COLUMNS = ("Knelpunt", "Stemmen")
OPTIONAL = ("Ronde",)

_SCHEMA = pa.DataFrameSchema(
    {
        "Knelpunt": pa.Column(
            object,
            pa.Check(
                lambda s: s.astype(str).str.strip() != "",
                element_wise=False,
                error="vul de naam van het knelpunt in",
            ),
        ),
        "Stemmen": pa.Column(
            object,
            pa.Check(
                lambda s: s.astype(str).str.fullmatch(r"\d+"),
                error="het aantal stemmen is een heel getal van 0 of meer (bijv. 7)",
            ),
        ),
        "Ronde": pa.Column(
            object,
            pa.Check(
                lambda s: s.astype(str).str.fullmatch(r"|[1-9]\d*"),
                error="de ronde is een heel getal vanaf 1 (of laat de cel leeg voor ronde 1)",
            ),
        ),
    },
    strict=False,
)


def import_paper_votes(
    conn: sqlite3.Connection, session_id: int, path: str | Path
) -> dict[str, int]:
    """Add paper tallies in one transaction; a re-import replaces the earlier paper tallies of that round."""
    shown = str(path)
    store.get(conn, "sessions", session_id)
    df = sheets.read_table(path, COLUMNS, OPTIONAL, rows_of="stemmen")
    sheets.validate(df, _SCHEMA, shown)
    existing = {r["number"]: r for r in priorities.rounds(conn, session_id)}
    problems: list[DataFileError] = []
    seen: dict[tuple[int, str], int] = {}
    tallies: list[tuple[int, str, int]] = []
    for index, row in df.iterrows():
        line = sheets.sheet_row(index)
        number = int(row["Ronde"] or 1)
        title = str(row["Knelpunt"]).strip()
        key = (number, title.casefold())
        if key in seen:
            problems.append(
                DataFileError(
                    shown,
                    f"'{title}' staat voor ronde {number} ook al in rij {seen[key]}; "
                    "tel de stemmen op in één rij.",
                    row=line,
                    column="Knelpunt",
                )
            )
        seen[key] = line
        if number in existing and existing[number]["mode"] != "dots":
            problems.append(
                DataFileError(
                    shown,
                    f"ronde {number} is in deze sessie een impact × haalbaarheid-ronde; "
                    "papieren stemmen tellen als stippen. Kies een ander rondenummer.",
                    row=line,
                    column="Ronde",
                )
            )
        tallies.append((number, title, int(row["Stemmen"])))
    if problems:
        raise DataFileErrors(shown, problems)
    new_knelpunten = 0
    with store.transaction(conn):
        round_ids: dict[int, int] = {}
        for number in sorted({t[0] for t in tallies}):
            if number in existing:
                round_ids[number] = existing[number]["id"]
                for v in store.rows(
                    conn, "votes", {"round_id": round_ids[number], "participant": priorities.PAPER}
                ):
                    store.soft_delete(conn, "votes", v["id"])
            else:
                stamp = store.now()
                round_ids[number] = store.insert(
                    conn,
                    "vote_rounds",
                    {
                        "session_id": session_id,
                        "mode": "dots",
                        "number": number,
                        "status": "closed",
                        "opened_at": stamp,
                        "closed_at": stamp,
                        "label": f"Ronde {number} (papier)",
                    },
                )
        for number, title, count in tallies:
            found = priorities.find_knelpunt(conn, session_id, title)
            if found is None:
                kid = priorities.add_knelpunt(conn, session_id, title, origin="papier")
                new_knelpunten += 1
            else:
                kid = found["id"]
            if count:
                store.insert(
                    conn,
                    "votes",
                    {
                        "round_id": round_ids[number],
                        "knelpunt_id": kid,
                        "participant": priorities.PAPER,
                        "dots": count,
                        "source": "papier",
                    },
                )
    return {
        "rijen": len(tallies),
        "stemmen": sum(t[2] for t in tallies),
        "nieuwe_knelpunten": new_knelpunten,
        "rondes": len({t[0] for t in tallies}),
    }
