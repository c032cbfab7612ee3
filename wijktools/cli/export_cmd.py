"""`wijktools export`: the session's documents in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import app, sjabloon_app
from wijktools.cli.common import DbOption, MappingOption, SessieOption

_FORMATS_DEFAULT = "html,pdf,docx,slides,pptx,xlsx"


@app.command("export")
def export_command(
    sessie: SessieOption,
    formaat: Annotated[
        str,
        typer.Option(
            "--formaat",
            help="Komma-lijst van formaten: html, pdf, docx, slides, pptx, xlsx.",
        ),
    ] = _FORMATS_DEFAULT,
    uit: Annotated[
        Path | None,
        typer.Option("--uit", help="Map voor de bestanden (standaard exports/<sessienaam>/)."),
    ] = None,
    met_contactgegevens: Annotated[
        bool,
        typer.Option(
            "--met-contactgegevens",
            help="Neem contactpersoon, telefoon en e-mail op (alleen voor intern gebruik).",
        ),
    ] = False,
    enquete: Annotated[
        Path | None,
        typer.Option(
            "--enquete",
            help="Enquête-export (Excel/CSV) om samen te vatten in het rapport; zonder deze optie "
            "de enquête die bij de sessie is bewaard (sessie nieuw/knelpunten overnemen --enquete).",
        ),
    ] = None,
    mapping: MappingOption = None,
    open_antwoorden_ongewijzigd: Annotated[
        bool,
        typer.Option(
            "--open-antwoorden-ongewijzigd",
            help="Open enquête-antwoorden zoals ingevuld, zonder namen, telefoonnummers, e-mail "
            "en adressen te vervangen (alleen voor intern gebruik).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Maak rapport, presentaties en sociale kaart van een werksessie.

    De enquête die bij de sessie is bewaard, komt vanzelf in rapport en presentatie; een bestand
    met --enquete gaat voor (en wordt niet bewaard).

    Voorbeeld: wijktools export --sessie 1 --formaat pdf,xlsx --uit exports/wijk-centrum
    """
    from wijktools import export
    from wijktools.store import connection as store

    conn = store.connect(db)
    try:
        written = export.export(
            conn,
            sessie,
            formaat,
            out_dir=uit,
            met_contactgegevens=met_contactgegevens,
            enquete=enquete,
            enquete_mapping=mapping,
            open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd,
        )
        used = export.survey_line(conn, sessie, enquete)
    finally:
        conn.close()
    for line in export.describe(written):
        typer.echo(line)
    typer.echo(used)
    typer.echo(
        "Met contactgegevens van personen."
        if met_contactgegevens
        else "Zonder contactgegevens van personen (gebruik --met-contactgegevens voor intern gebruik)."
    )


@sjabloon_app.command("word")
def sjabloon_word(
    bestand: Annotated[Path, typer.Argument(help="Doelbestand, bijv. sjabloon.docx.")],
) -> None:
    """Schrijf een Word-sjabloon om de stijlen van het rapport zelf aan te passen.

    Pas de stijlen aan in Word, sla op en zet WIJKTOOLS_WORD_SJABLOON op het pad; daarna gebruikt
    `wijktools export` die stijlen voor het Word-rapport.

    Voorbeeld: wijktools sjabloon word sjabloon.docx
    """
    from wijktools.paths import write_bytes_atomic
    from wijktools.render.docx import write_reference_docx

    typer.echo(f"Sjabloon geschreven: {write_bytes_atomic(bestand, write_reference_docx())}")
