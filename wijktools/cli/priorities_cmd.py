"""CLI for step 3: paper votes and afspraken from Excel, and the afspraken template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import importeer_app, sjabloon_app
from wijktools.cli.common import DbOption, FileArg, SessieOption, open_store


@importeer_app.command("stemmen")
def importeer_stemmen(file: FileArg, sessie: SessieOption, db: DbOption = None) -> None:
    """Papieren stemmen inlezen (kolommen Knelpunt, Stemmen en eventueel Ronde).

    Een knelpunt dat nog niet in de sessie staat, wordt toegevoegd. Opnieuw inlezen vervangt de
    eerder ingelezen papieren stemmen van die ronde.

    Voorbeeld: wijktools importeer stemmen stemmen.xlsx --sessie 3
    """
    from wijktools.workshop import votes_import

    result = votes_import.import_paper_votes(open_store(db), sessie, file)
    typer.echo(
        f"{result['rijen']} rij(en) ingelezen: {result['stemmen']} stemmen in "
        f"{result['rondes']} ronde(n); {result['nieuwe_knelpunten']} nieuw(e) knelpunt(en)."
    )


@importeer_app.command("afspraken")
def importeer_afspraken(file: FileArg, sessie: SessieOption, db: DbOption = None) -> None:
    """Samenwerkingsafspraken inlezen uit het sjabloon (alles of niets).

    Kolommen: Knelpunt, Afspraak, Trekker, Betrokken partners, Deadline, Coördinatie, Evaluatie,
    Status. Een trekker die nog niet in de sociale kaart staat, schrijf je als 'nieuw: Naam'.

    Voorbeeld: wijktools importeer afspraken afspraken.xlsx --sessie 3
    """
    from wijktools.workshop import afspraken_io

    result = afspraken_io.import_afspraken(open_store(db), sessie, file)
    typer.echo(f"{result['afspraken']} afspraak/afspraken ingelezen.")
    for warning in result["waarschuwingen"]:
        typer.echo(f"Let op: {warning}")


@sjabloon_app.command("afspraken")
def sjabloon_afspraken(
    file: Annotated[Path, typer.Argument(help="Waar het sjabloon (.xlsx) komt.")],
    sessie: Annotated[
        int | None,
        typer.Option(
            "--sessie", help="Vul keuzelijsten met partners en knelpunten van deze sessie."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Leeg Excel-sjabloon voor afspraken, met keuzelijsten en een toelichting met voorbeeldrij.

    Voorbeeld: wijktools sjabloon afspraken afspraken.xlsx --sessie 3
    """
    from wijktools.workshop import afspraken_io

    conn = open_store(db) if sessie is not None else None
    path = afspraken_io.write_template(file, conn, sessie)
    typer.echo(f"Sjabloon geschreven: {path}")
