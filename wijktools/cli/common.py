"""Options shared by the commands: the workshop store (`--db PATH` / WIJKTOOLS_DB), session, input file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import sqlite3

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="WIJKTOOLS_DB",
        help="Database-bestand met de werksessies (standaard: WIJKTOOLS_DB, anders "
        "data/sessies/wijktools.sqlite in de projectmap, onder WIJKTOOLS_HOME of in de "
        "gebruikersdatamap; zie README).",
        show_default=False,
    ),
]
FileArg = Annotated[Path, typer.Argument(help="Excel- (.xlsx) of CSV-bestand.")]
SessieOption = Annotated[
    int, typer.Option("--sessie", help="Id van de werksessie (zie: wijktools sessie lijst).")
]


def open_store(db: Path | None) -> sqlite3.Connection:
    """Open the store the user pointed at, or the default one."""
    from wijktools.store import connection as store

    return store.connect(db)
