"""`wijktools data ...`: fetch fresh CBS tables and rebuild the derived cache."""

from __future__ import annotations

import typer

from wijktools.cli import data_app


@data_app.command("ophalen")
def ophalen(
    tabel: str = typer.Argument(..., help="CBS-tabelnummer, bijvoorbeeld 85984NED of 86165NED."),
) -> None:
    """Haal een CBS-tabel op (internet nodig) en zet hem in data/raw.

    Voorbeeld: wijktools data ophalen 85984NED
    """
    from wijktools.opendata import fetch as opendata
    from wijktools.opendata import indicators

    folder = opendata.fetch(tabel)
    typer.echo(f"Opgeslagen in {folder}")
    path = indicators.rebuild()
    typer.echo(f"Indicatoren opnieuw opgebouwd: {path.name}")


@data_app.command("bouwen")
def bouwen() -> None:
    """Bouw de afgeleide indicatorentabel opnieuw op uit data/raw.

    Voorbeeld: wijktools data bouwen
    """
    from wijktools.opendata import indicators

    path = indicators.rebuild()
    typer.echo(f"Indicatoren opgebouwd: {path}")
