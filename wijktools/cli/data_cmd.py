"""`wijktools data ...`: fetch fresh CBS tables and rebuild the derived cache."""

from __future__ import annotations

import typer

from wijktools.cli import data_app


@data_app.command("ophalen")
def ophalen(
    tabel: str = typer.Argument(
        "",
        help="CBS-tabelnummer, bijvoorbeeld 85984NED of 86165NED; zonder tabelnummer de nieuwste "
        "RIVM-tabel Gezondheid per wijk en buurt (50120NED, met 95 %-intervallen).",
    ),
) -> None:
    """Haal een CBS- of RIVM-tabel op (internet nodig) en zet hem in data/raw.

    Het volgende profiel en de vervolgsessie gebruiken de nieuwe cijfers vanzelf.
    Voorbeeld: wijktools data ophalen   of   wijktools data ophalen 85984NED
    """
    from wijktools.opendata import comparison
    from wijktools.opendata import fetch as opendata

    folder = opendata.fetch(tabel or None)
    typer.echo(f"Opgeslagen in {folder}")
    path = comparison.rebuild()
    typer.echo(f"Indicatoren opnieuw opgebouwd: {path.name}")


@data_app.command("bouwen")
def bouwen() -> None:
    """Bouw de afgeleide indicatorentabel opnieuw op uit data/raw.

    Voorbeeld: wijktools data bouwen
    """
    from wijktools.opendata import comparison

    path = comparison.rebuild()
    typer.echo(f"Indicatoren opgebouwd: {path}")
