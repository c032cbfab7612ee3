"""`wijktools knelpunten`: the session's knelpunten with origin and votes, and (re)taking the drafts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import app
from wijktools.cli.common import (
    DbOption,
    MappingOption,
    OptionalSessieOption,
    SessieOption,
    open_store,
)
from wijktools.errors import ValidationError

knelpunten_app = typer.Typer(invoke_without_command=True)
app.add_typer(knelpunten_app, name="knelpunten")

EnqueteOption = Annotated[
    Path | None,
    typer.Option(
        "--enquete", help="Enquête-export (.xlsx of .csv) met knelpunten om over te nemen."
    ),
]


@knelpunten_app.callback()
def knelpunten(
    ctx: typer.Context, sessie: OptionalSessieOption = None, db: DbOption = None
) -> None:
    """Toon de knelpunten van een werksessie, één per regel, met herkomst en stemmen.

    Herkomst: wijkprofiel, enquête, zaal, papier of vorige sessie. Geschrapte en samengevoegde
    knelpunten staan onderaan, met hun status. Het id tussen haakjes gebruikt u bij
    wijktools afspraak nieuw --knelpunt ID (het volgnummer is de rang, niet het id).

    Voorbeeld: wijktools knelpunten --sessie 3
    """
    if ctx.invoked_subcommand is not None:
        return
    if sessie is None:
        raise ValidationError(
            "Ontbrekende optie '--sessie'. Voorbeeld: wijktools knelpunten --sessie 3"
        )
    from wijktools import nl
    from wijktools.workshop import priorities

    lines = priorities.overview(open_store(db), sessie)
    if not lines:
        # 'knelpunten overnemen' alone adds nothing when the profile had no drafts (a kern
        # without RIVM figures); name the ways that do add knelpunten.
        typer.echo(
            f"Werksessie {sessie} heeft nog geen knelpunten. Uit het wijkprofiel: wijktools "
            f"knelpunten overnemen --sessie {sessie}. Uit de zaal: wijktools importeer stemmen "
            f"BESTAND --sessie {sessie} (een nieuwe titel wordt een knelpunt) of stap 3 van het "
            f"werkboek. Uit een enquête: wijktools knelpunten overnemen --sessie {sessie} "
            "--enquete BESTAND."
        )
        return
    live = [line for line in lines if not line.knelpunt.status]
    for number, line in enumerate(lines, start=1):
        k = line.knelpunt
        facts = [k.herkomst] + ([str(k.jaar)] if k.jaar else []) + ([k.status] if k.status else [])
        votes = f" — {'; '.join(line.votes)}" if line.votes else ""
        mark = f"{number}." if not k.status else "-"
        # The rank is not the id; `afspraak nieuw --knelpunt` takes the id, so it is shown.
        ident = f"(id {k.id}) " if k.id is not None else ""
        typer.echo(f"{mark} {ident}{k.titel} [{', '.join(facts)}]{votes}")
        if k.tekst:
            typer.echo(f"     {k.tekst}")
        if k.regel:
            typer.echo(f"     regel: {k.regel}")
    typer.echo(
        f"{nl.plural(len(live), 'knelpunt', 'knelpunten')} in werksessie {sessie}"
        + (
            f", {len(lines) - len(live)} geschrapt of samengevoegd."
            if len(lines) > len(live)
            else "."
        )
    )


@knelpunten_app.command("overnemen")
def overnemen(
    sessie: SessieOption,
    enquete: EnqueteOption = None,
    mapping: MappingOption = None,
    zonder_wijkprofiel: Annotated[
        bool,
        typer.Option("--zonder-wijkprofiel", help="Alleen de knelpunten uit de enquête overnemen."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Neem de concept-knelpunten van wijkprofiel (en enquête) over in de werksessie.

    Opnieuw overnemen verdubbelt niets: een knelpunt dat je hebt aangepast, samengevoegd of
    geschrapt, blijft zoals je het achterliet.

    Voorbeeld: wijktools knelpunten overnemen --sessie 3 --enquete enquete.xlsx --mapping enquete.yaml
    """
    from wijktools import nl
    from wijktools.workshop import session_drafts

    if mapping and not enquete:
        raise ValidationError("--mapping hoort bij een enquête; geef ook --enquete BESTAND op.")
    if zonder_wijkprofiel and not enquete:
        raise ValidationError(
            "Met --zonder-wijkprofiel is er niets over te nemen; geef --enquete op."
        )
    counts = session_drafts.take_over(
        open_store(db), sessie, wijkprofiel=not zonder_wijkprofiel, enquete=enquete, mapping=mapping
    )
    typer.echo(
        f"{nl.plural(counts['nieuw'], 'knelpunt', 'knelpunten')} overgenomen; "
        f"{counts['al_aanwezig']} {nl.ngettext('stond', 'stonden', counts['al_aanwezig'])} "
        "er al (aangepaste en geschrapte blijven zoals ze zijn)."
    )
    if enquete:
        typer.echo(
            f"De enquête {enquete.name} is bij werksessie {sessie} bewaard (zonder antwoordtekst); "
            f"wijktools export --sessie {sessie} neemt haar op in rapport en presentatie."
        )
