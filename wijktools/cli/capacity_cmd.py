"""`wijktools capaciteit`: FTE huisarts on the sociale kaart against the area's expected demand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import app
from wijktools.cli.common import DbOption, SessieOption, open_store


@app.command("capaciteit")
def capaciteit(
    sessie: SessieOption,
    norm: Annotated[
        str | None,
        typer.Option(
            "--norm",
            help="Eigen norm voor deze sessie: ingeschreven patiënten per fte huisarts "
            "(bijv. 1800). Vraagt ook --norm-bron en --norm-jaar.",
        ),
    ] = None,
    norm_bron: Annotated[
        str | None,
        typer.Option("--norm-bron", help="Bron van de eigen norm: organisatie, titel, URL."),
    ] = None,
    norm_jaar: Annotated[
        int | None, typer.Option("--norm-jaar", help="Jaar waarvoor de eigen norm geldt.")
    ] = None,
    standaard_norm: Annotated[
        bool,
        typer.Option(
            "--standaard-norm", help="Terug naar de meegeleverde NZa-normpraktijk (2.095)."
        ),
    ] = False,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            help="Schrijf ook wijkprofiel.html en profiel.json van het gebied, met deze "
            "capaciteit erin, naar deze map.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Toon capaciteit tegenover zorgvraag: fte huisarts op de sociale kaart, nu en in 2030/2040.

    De norm is standaard de NZa-normpraktijk; een sessie kan een eigen norm met bron en jaar
    vastleggen.

    Voorbeeld: wijktools capaciteit --sessie 1 --norm 1800 --norm-bron "LHV, wens normpraktijk"
    --norm-jaar 2017

    Profiel: wijktools capaciteit --sessie 1 --uit exports/hengelo-es
    """
    from wijktools.errors import ValidationError
    from wijktools.report import capacity as capacity_report
    from wijktools.store.sessions import get_session
    from wijktools.workshop import capacity, capacity_norm, session_drafts

    conn = open_store(db)
    try:
        if standaard_norm:
            capacity_norm.reset_norm(conn, sessie)
        elif norm is not None:
            if not norm_bron or norm_jaar is None:
                raise ValidationError(
                    "Een eigen norm heeft een bron en een jaar nodig: geef ook --norm-bron en "
                    "--norm-jaar."
                )
            capacity_norm.set_norm(conn, sessie, norm, norm_bron, norm_jaar)
        session = get_session(conn, sessie)
        built = session_drafts.area_profile(session)
        cap = capacity.attach(built, conn, sessie)
        missing = session_drafts.capacity_not_taken_over(conn, sessie, cap)
    finally:
        conn.close()
    for line in capacity_report.lines(cap):
        typer.echo(line)
    if missing:
        typer.echo(
            f"Dit concept-knelpunt staat nog niet bij de knelpunten van werksessie {sessie} (de fte "
            "kwamen na het maken van de sessie); neem het over met: "
            f"wijktools knelpunten overnemen --sessie {sessie}"
        )
    if uit is not None:
        from wijktools.render.profile_html import write_outputs

        for path in write_outputs(built, uit):
            typer.echo(f"Geschreven: {path}")
