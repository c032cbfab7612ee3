"""Options shared by the commands: the workshop store (`--db PATH` / WIJKTOOLS_DB), session, input file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from wijktools.store import connection as store

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="WIJKTOOLS_DB",
        help="Database-bestand met de werksessies (standaard: WIJKTOOLS_DB of "
        "data/sessies/wijktools.sqlite).",
        show_default=False,
    ),
]
FileArg = Annotated[Path, typer.Argument(help="Excel- (.xlsx) of CSV-bestand.")]
SessieOption = Annotated[
    int, typer.Option("--sessie", help="Id van de werksessie (zie: wijktools sessie lijst).")
]


def open_store(db: Path | None) -> sqlite3.Connection:
    """Open the store the user pointed at, or the default one."""
    return store.connect(db)
