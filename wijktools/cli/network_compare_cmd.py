"""CLI: compare a session's netwerkkaart with an earlier session of the same area."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import sessie_app
from wijktools.cli.common import DbOption, SessieOption, open_store


@sessie_app.command("vergelijk")
def sessie_vergelijk(
    sessie: SessieOption,
    met: Annotated[
        int | None,
        typer.Option(
            "--met",
            help="Id van de eerdere sessie (standaard: de sessie ervoor van hetzelfde gebied).",
        ),
    ] = None,
    figuur: Annotated[
        Path | None,
        typer.Option("--figuur", help="Schrijf ook de netwerkkaart van de verandering (.png)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Vergelijk het netwerk van een sessie met een eerdere sessie van hetzelfde gebied.

    Toont nieuwe en verdwenen relaties, partners die (nog) zonder relatie zijn, de verandering in
    dichtheid en, waar genoeg relaties gescoord zijn, het gemiddelde vertrouwen en de meerwaarde.

    Voorbeeld: wijktools sessie vergelijk --sessie 2 --figuur netwerk-verandering.png
    """
    from wijktools.figures import network_change as change_figure
    from wijktools.network import compare

    comparison = compare.compare_with_previous(open_store(db), sessie, met)
    # The figure first: a bad file name then stops before anything is printed.
    written = change_figure.write_comparison(comparison, figuur) if figuur else None
    for line in comparison.detail_lines():
        typer.echo(line)
    if written is not None:
        typer.echo(f"Netwerkkaart van de verandering geschreven: {written}")
