"""`wijktools batch`: profiles for every wijk or kern of a selection, in one folder with an index."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import app
from wijktools.errors import BatchError, ValidationError
from wijktools.nl import plural

_EPILOG = """Voorbeelden:

  wijktools batch --gemeente GM0262 --gemeente GM0197

  wijktools batch --provincie Gelderland --workers 2

  wijktools batch --codes kernen.txt --uit exports/batch/achterhoek

  wijktools batch --alle-wijken --zonder-figuren

  wijktools batch --alle-wijken --opnieuw

  wijktools batch --alle-gebieden --workers 2

  wijktools batch --gemeente GM0262 --notebooks

  wijktools batch --gemeente GM0262 --scheduler tcp://127.0.0.1:8786

Een codesbestand heeft één CBS-code per regel (WK026200), een kern als 'Lochem: WK026200,WK026201',
of is een CSV met een kolom 'code'. Een gebied dat mislukt wordt gemeld en overgeslagen; de rest
gaat door. Gebieden waarvan de uitvoer nieuwer is dan de data worden overgeslagen (tenzij --opnieuw).
Met --alle-gebieden krijgt elke gemeente een eigen map (GM0262/GM0262, GM0262/WK026200, ...) met
een eigen overzicht; index.html bovenaan noemt de gemeenten en index.csv alle gebieden."""


def _default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


@app.command("batch", epilog=_EPILOG)
def batch(
    gemeente: Annotated[
        list[str] | None,
        typer.Option(
            "--gemeente",
            help="Gemeentecode GMxxxx: alle wijken van die gemeente. Herhaal, of scheid met komma's.",
        ),
    ] = None,
    provincie: Annotated[
        str | None,
        typer.Option("--provincie", help="Alle wijken van een provincie, bv. Gelderland."),
    ] = None,
    codes: Annotated[
        Path | None, typer.Option("--codes", help="Bestand met codes of kernen (zie voorbeelden).")
    ] = None,
    alle_wijken: Annotated[
        bool, typer.Option("--alle-wijken", help="Alle 3.393 wijken van Nederland.")
    ] = False,
    alle_gebieden: Annotated[
        bool,
        typer.Option(
            "--alle-gebieden",
            help="Alle 18.309 gebieden van Nederland: 342 gemeenten, 3.393 wijken en 14.574 "
            "buurten, per gemeente in een eigen map.",
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Aantal werkprocessen (standaard: aantal cores)."),
    ] = None,
    uit: Annotated[
        Path | None,
        typer.Option("--uit", help="Uitvoermap (standaard exports/batch/<selectie>/)."),
    ] = None,
    notebooks: Annotated[
        bool,
        typer.Option(
            "--notebooks",
            help="Voer per gebied notebooks/01-wijkprofiel.ipynb uit (papermill); bewaart .ipynb + .html. Trager.",
        ),
    ] = False,
    zonder_figuren: Annotated[
        bool,
        typer.Option(
            "--zonder-figuren",
            help="Snelste pad: profielen zonder grafieken en kaart (ongeveer 10x sneller per gebied).",
        ),
    ] = False,
    opnieuw: Annotated[
        bool, typer.Option("--opnieuw", help="Alles opnieuw maken, ook wat al actueel is.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Adres van een bestaande Dask-scheduler, bv. tcp://10.0.0.5:8786."
        ),
    ] = None,
) -> None:
    """Maak het wijkprofiel voor alle wijken of kernen van een selectie, met een overzichtspagina.

    Voorbeeld: wijktools batch --gemeente GM0262
    """
    from wijktools import batch as batch_lib
    from wijktools.batch import executors, tasks
    from wijktools.batch import index as batch_index
    from wijktools.paths import exports_dir, slug

    targets = batch_lib.select(gemeente, provincie, codes, alle_wijken, alle_gebieden)
    label = batch_lib.describe(gemeente, provincie, codes, alle_wijken, alle_gebieden)
    out_dir = uit if uit is not None else exports_dir() / "batch" / slug(label, fallback="batch")
    if notebooks and zonder_figuren:
        raise ValidationError("Kies --notebooks of --zonder-figuren, niet allebei.")
    if notebooks:
        mode, area_fn = batch_lib.NOTEBOOKS, tasks.run_notebook
    elif zonder_figuren:
        mode, area_fn = batch_lib.NO_FIGURES, tasks.build_profile_without_figures
    else:
        mode, area_fn = batch_lib.FAST, tasks.build_profile
    executor = executors.make(
        workers or _default_workers(), scheduler, initializer=tasks.warm_for(targets)
    )
    typer.echo(
        f"{plural(len(targets), 'gebied', 'gebieden')} ({label}) → {out_dir} met "
        f"{plural(executor.workers, 'werker', 'werkers')}",
        err=True,
    )
    title = f"Wijkprofielen: {label}"
    # Per gemeente folders and a streamed index when the areas carry their gemeente (--alle-gebieden).
    stream = batch_index.IndexStream(out_dir, targets, title) if targets[0].group else None
    try:
        result = batch_lib.run(
            targets,
            out_dir,
            area_fn=area_fn,
            mode=mode,
            executor=executor,
            force=opnieuw,
            progress=True,
            on_result=stream.add if stream else None,
            keep_results=stream is None,
        )
    finally:
        executor.close()
        overview = stream.close() if stream else None
    if overview is None:
        overview = batch_index.write(result, title=title)
    counts = result.counts
    typer.echo(
        f"Klaar in {result.seconds:.1f} s: {counts.get('klaar', 0)} gemaakt, "
        f"{counts.get('actueel', 0)} overgeslagen (al actueel), {len(result.failed)} mislukt."
    )
    for item in result.failed:
        typer.echo(f"  mislukt {item.target.key}: {item.reason}", err=True)
    typer.echo(f"Overzicht: {overview}")
    if result.failed:
        raise BatchError(
            f"{len(result.failed)} van {plural(result.total, 'gebied', 'gebieden')} mislukt "
            "(zie hierboven); "
            "de andere zijn gemaakt. Herstel de oorzaak en draai opnieuw: wat al klaar is wordt overgeslagen."
        )
