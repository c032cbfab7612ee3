"""Paper voting: a sheet of tallies per knelpunt (`Knelpunt, Stemmen[, Ronde]`) typed in after the session."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandera.pandas as pa

from wijktools.errors import DataFileError, DataFileErrors
from wijktools.sheets import read as sheets
from wijktools.store import connection as store
from wijktools.workshop import knelpunten, priorities

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
                lambda s: s.astype(str).str.fullmatch(r"\d{1,6}"),
                error="het aantal stemmen is een heel getal van 0 tot een miljoen (bijv. 7)",
            ),
        ),
        "Ronde": pa.Column(
            object,
            pa.Check(
                lambda s: s.astype(str).str.fullmatch(r"|[1-9]\d{0,2}"),
                error="de ronde is een heel getal van 1 tot 999 (of laat de cel leeg voor ronde 1)",
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
    problems: list[DataFileError] = []
    seen: dict[tuple[int, str], int] = {}
    tallies: list[tuple[int, int, str, int]] = []
    for index, knelpunt, stemmen, ronde in zip(
        df.index, df["Knelpunt"], df["Stemmen"], df["Ronde"], strict=True
    ):
        line = sheets.sheet_row(index)
        number = int(ronde or 1)
        title = " ".join(str(knelpunt).split())
        key = (number, knelpunten.title_key(title))
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
        tallies.append((line, number, title, int(stemmen)))
    # Checked here to report it with the other problems; checked again inside the transaction.
    problems += _matrix_rounds(conn, session_id, shown, tallies)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise DataFileErrors(shown, problems)
    with store.transaction(conn):
        # Read and decide inside the write transaction (BEGIN IMMEDIATE): a second import of the
        # same file waits here and then finds the first one's round, instead of making another.
        new_knelpunten = _store_tallies(conn, session_id, shown, tallies)
    return {
        "rijen": len(tallies),
        "stemmen": sum(t[3] for t in tallies),
        "nieuwe_knelpunten": new_knelpunten,
        "rondes": len({t[1] for t in tallies}),
    }


def _matrix_rounds(
    conn: sqlite3.Connection, session_id: int, shown: str, tallies: list[tuple[int, int, str, int]]
) -> list[DataFileError]:
    """Paper tallies are dots; a round number that is a matrix round in the session is refused."""
    existing = {r["number"]: r for r in priorities.rounds(conn, session_id)}
    return [
        DataFileError(
            shown,
            f"ronde {number} is in deze sessie een impact × haalbaarheid-ronde; "
            "papieren stemmen tellen als stippen. Kies een ander rondenummer.",
            row=line,
            column="Ronde",
        )
        for line, number, _title, _count in tallies
        if number in existing and existing[number]["mode"] != "dots"
    ]


def _store_tallies(
    conn: sqlite3.Connection, session_id: int, shown: str, tallies: list[tuple[int, int, str, int]]
) -> int:
    """Rounds, knelpunten and paper votes written in bulk; linear in the number of rows."""
    problems = _matrix_rounds(conn, session_id, shown, tallies)
    if problems:
        raise DataFileErrors(shown, problems)
    existing = {r["number"]: r for r in priorities.rounds(conn, session_id)}
    round_ids: dict[int, int] = {}
    for number in sorted({t[1] for t in tallies}):
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
    known = knelpunten.ids_by_title(conn, session_id)
    fresh: dict[str, str] = {}
    for _line, _number, title, _count in tallies:
        if knelpunten.title_key(title) not in known:
            fresh.setdefault(knelpunten.title_key(title), title)
    if fresh:
        position = conn.execute(
            "SELECT COALESCE(MAX(position), 0) FROM knelpunten WHERE session_id = ?",
            (session_id,),
        ).fetchone()[0]
        ids = store.insert_many(
            conn,
            "knelpunten",
            [
                {
                    "session_id": session_id,
                    "title": title,
                    "description": "",
                    "origin": "papier",
                    "position": position + i,
                }
                for i, title in enumerate(fresh.values(), start=1)
            ],
        )
        known.update(zip(fresh, ids, strict=True))
    store.insert_many(
        conn,
        "votes",
        [
            {
                "round_id": round_ids[number],
                "knelpunt_id": known[knelpunten.title_key(title)],
                "participant": priorities.PAPER,
                "dots": count,
                "source": "papier",
            }
            for _line, number, title, count in tallies
            if count
        ],
    )
    return len(fresh)
