"""`wijktools enquete`: read a survey export, print a Dutch summary, write enquete.json and enquete.html."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import app
from wijktools.paths import exports_dir


@app.command("enquete")
def enquete(
    bestand: Annotated[Path, typer.Argument(help="Export van de enquête (.xlsx of .csv).")],
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="YAML-bestand: per kolom het vraagtype (optioneel)."),
    ] = None,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit", help="Map voor enquete.json en enquete.html (standaard exports/enquete)."
        ),
    ] = None,
    open_antwoorden_ongewijzigd: Annotated[
        bool,
        typer.Option(
            "--open-antwoorden-ongewijzigd",
            help="Toon open antwoorden zoals ingevuld, zonder namen, telefoonnummers, e-mail en "
            "adressen te vervangen (alleen voor intern gebruik).",
        ),
    ] = False,
    plaats: Annotated[
        list[str] | None,
        typer.Option(
            "--plaats", help="Plaatsnaam van de wijk die leesbaar blijft in open antwoorden."
        ),
    ] = None,
) -> None:
    """Enquête onder professionals inlezen, samenvatten en wegschrijven.

    Groepen met minder dan 5 respondenten worden nergens getoond. Namen van personen,
    telefoonnummers, e-mailadressen en adressen in open antwoorden worden vervangen door
    [PERSOON], [TELEFOON], [E-MAIL], [ADRES] of [PLAATS], tenzij --open-antwoorden-ongewijzigd.

    Voorbeeld: wijktools enquete data/voorbeeld/enquete_professionals_Joure_FICTIEF.xlsx
    --mapping data/voorbeeld/enquete_mapping_FICTIEF.yaml --uit exports/enquete
    """
    from wijktools import survey
    from wijktools.render.survey_html import write_outputs
    from wijktools.survey.output import summary_text

    result = survey.analyse(
        survey.read(bestand, mapping),
        open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd,
        plaatsen=plaats or (),
    )
    written = write_outputs(result, uit if uit is not None else exports_dir() / "enquete")
    typer.echo(summary_text(result))
    for path in written:
        typer.echo(f"Geschreven: {path}")
