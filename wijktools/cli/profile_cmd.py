"""`wijktools gebieden` and `wijktools profiel`: find an area and write its wijkgezondheidsprofiel.

Imports of the data stack happen inside the commands, so other commands start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import app
from wijktools.errors import AreaNotFoundError, ValidationError
from wijktools.nl import plural


@app.command("gebieden")
def gebieden(
    zoekterm: str = typer.Argument(
        None, help="Deel van naam, gemeente of code, bijvoorbeeld Lochem."
    ),
    soort: str = typer.Option(None, "--soort", help="Alleen gemeente, wijk of buurt."),
    maximaal: int = typer.Option(50, "--max", help="Toon hoogstens zoveel gebieden (0 = alle)."),
) -> None:
    """Zoek gebieden (gemeente, wijk, buurt) met code, naam, soort, gemeente en inwoners.

    Voorbeeld: wijktools gebieden Lochem --soort wijk
    """
    from wijktools.figures.theme import fmt_number
    from wijktools.opendata import areas

    if soort and soort not in ("gemeente", "wijk", "buurt", "land"):
        raise ValidationError(f"Onbekende soort '{soort}'. Kies gemeente, wijk of buurt.")
    found = areas.search(zoekterm, level=soort)
    if found.empty:
        near = areas.suggest(zoekterm) if zoekterm else []
        hint = f" Bedoelde u: {'; '.join(near)}?" if near else ""
        raise AreaNotFoundError(
            f"Geen gebieden gevonden voor '{zoekterm}'.{hint} "
            "Zoek met een deel van de naam, de gemeente of de CBS-code."
        )
    shown = found if maximaal <= 0 else found.head(maximaal)
    typer.echo(f"{'code':<11} {'naam':<40} {'soort':<9} {'gemeente':<26} {'inwoners':>10}")
    for row in shown.itertuples():
        inwoners = (
            "" if row.inwoners is None or row.inwoners != row.inwoners else fmt_number(row.inwoners)
        )
        typer.echo(
            f"{row.code:<11} {row.naam[:40]:<40} {row.soort:<9} {str(row.gemeentenaam)[:26]:<26} {inwoners:>10}"
        )
    if len(found) > len(shown):
        typer.echo(
            f"... en nog {plural(len(found) - len(shown), 'gebied', 'gebieden')}; "
            "verfijn de zoekterm of gebruik --max 0."
        )


@app.command("profiel")
def profiel(
    code: Annotated[
        str | None,
        typer.Argument(help="CBS-code of naam van wijk, buurt of gemeente, bv. WK026200."),
    ] = None,
    uit: Annotated[
        Path | None, typer.Option("--uit", help="Map voor de uitvoer (standaard exports/<naam>/).")
    ] = None,
    kern: Annotated[
        str | None, typer.Option("--kern", help="Naam van een kern die uit wijken/buurten bestaat.")
    ] = None,
    codes: Annotated[
        str | None, typer.Option("--codes", help="Wijk-/buurtcodes van de kern, met komma's.")
    ] = None,
    enquete: Annotated[
        Path | None,
        typer.Option(
            "--enquete", help="Export van de enquête onder professionals (.xlsx of .csv)."
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="Optioneel YAML-bestand met het vraagtype per kolom."),
    ] = None,
    open_antwoorden_ongewijzigd: Annotated[
        bool,
        typer.Option(
            "--open-antwoorden-ongewijzigd",
            help="Open enquête-antwoorden zoals ingevuld, zonder namen, telefoonnummers, e-mail "
            "en adressen te vervangen (alleen voor intern gebruik).",
        ),
    ] = False,
) -> None:
    """Schrijf het wijkgezondheidsprofiel (wijkprofiel.html en profiel.json) van een gebied of kern.

    Voorbeeld: wijktools profiel WK026200 --uit exports/lochem

    Kern: wijktools profiel --kern "Lochem" --codes WK026200,WK026201

    Enquête: wijktools profiel WK194019 --enquete enquete.xlsx --mapping enquete.yaml
    """
    from wijktools.opendata import areas
    from wijktools.profile import build as profile
    from wijktools.render.profile_html import write_outputs

    if kern:
        if not codes:
            raise ValidationError(
                "Geef bij --kern ook de wijk- of buurtcodes op met --codes WK..,WK.."
            )
        area = areas.kern(kern, [c for c in codes.split(",") if c.strip()])
    elif code:
        area = areas.lookup(code)
    else:
        raise ValidationError(
            "Geef een gebiedscode (bv. wijktools profiel WK026200) of een kern met --kern en --codes."
        )
    if mapping and not enquete:
        raise ValidationError("--mapping hoort bij een enquête; geef ook --enquete BESTAND op.")
    survey = (
        profile.survey_from(
            str(enquete),
            str(mapping or ""),
            plaatsen=[area.name],
            open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd,
        )
        if enquete
        else None
    )
    written = write_outputs(profile.build(area, survey=survey), uit)
    for path in written:
        typer.echo(f"Geschreven: {path}")
