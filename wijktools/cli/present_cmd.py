"""`wijktools werkboek` (JupyterLab for preparation) and `wijktools presenteer` (Voilà in the room)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from wijktools import nl, presenter
from wijktools.cli import app
from wijktools.paths import copy_notebooks
from wijktools.store import connection as store


@app.command("werkboek")
def werkboek(
    poort: int = typer.Option(presenter.LAB_PORT, "--poort", help="Poort op 127.0.0.1."),
    geen_browser: bool = typer.Option(
        False, "--geen-browser", help="Open niet zelf een browservenster."
    ),
) -> None:
    """Open het werkboek (JupyterLab) op deze laptop, alleen lokaal bereikbaar.

    De notebooks worden eerst naar uw werkmap gekopieerd (map werkboek/ onder WIJKTOOLS_HOME,
    de projectmap of Documenten/wijktools); een kopie die u al hebt, blijft ongewijzigd.

    Voorbeeld: wijktools werkboek --geen-browser
    """
    token = presenter.new_token()
    copied, kept = copy_notebooks()
    folder = (copied or kept)[0].parent
    typer.echo(f"Werkboek: {folder}")
    for path in copied:
        typer.echo(f"  gekopieerd: {path.name}")
    if kept:
        typer.echo(
            f"  {nl.plural(len(kept), 'notebook', 'notebooks')} al aanwezig en ongewijzigd gelaten."
        )
    typer.echo(f"Open in de browser: http://127.0.0.1:{poort}/lab?token={token}")
    typer.echo("Stoppen: Ctrl+C in dit venster.")
    code = presenter.run_foreground(presenter.lab_command(folder, poort, token, not geen_browser))
    if code:
        raise typer.Exit(code)


@app.command("presenteer")
def presenteer(
    stap: int = typer.Argument(
        ..., help="Stap 1–4: 1 wijkprofiel, 2 netwerkkaart, 3 prioriteiten en afspraken, 4 export."
    ),
    sessie: int = typer.Option(..., "--sessie", help="Nummer van de werksessie."),
    lan: bool = typer.Option(
        False,
        "--lan",
        help="Start ook de telefoonpagina op het netwerk van de zaal: bij stap 2 de sociale kaart "
        "(partners controleren hun gegevens), bij stap 3 de stempagina.",
    ),
    adres: str = typer.Option(
        "", "--adres", help="Netwerkadres van de laptop (alleen met --lan; standaard automatisch)."
    ),
    db: Annotated[Path | None, typer.Option("--db", help="Database van de werksessies.")] = None,
    poort: int = typer.Option(presenter.VOILA_PORT, "--poort", help="Poort van de presentatie."),
    stempoort: int = typer.Option(
        presenter.VOTE_PORT, "--stempoort", help="Poort van de stempagina (bediening: +1)."
    ),
) -> None:
    """Toon een stap van het werkboek zonder code op de beamer (Voilà, alleen op 127.0.0.1).

    Voorbeeld: wijktools presenteer 3 --sessie 1 --lan
    """
    from wijktools.voting.server import is_private, lan_address

    db_path = Path(db) if db else store.default_db_path()
    host = (adres or lan_address()) if lan else None
    plan = presenter.plan(stap, sessie, db_path, port=poort, lan_host=host, vote_port=stempoort)
    servers = None
    if plan.vote_url:
        servers = presenter.start_voting(plan)
        code = plan.vote_url.rsplit("/", 1)[-1]
        typer.echo(f"Sessiecode voor de deelnemers: {code}")
        if stap == presenter.KAART_STEP:
            typer.echo(f"Sociale kaart controleren met de telefoon: {plan.vote_url}")
            typer.echo(f"QR-code voor de beamer: {plan.beheer_url}/qr")
            typer.echo(f"Voorstellen beoordelen (alleen op deze laptop): {plan.beheer_url}")
        else:
            typer.echo(f"Stempagina voor telefoons: {plan.vote_url}")
            typer.echo(f"Bediening en live uitslag (alleen op deze laptop): {plan.beheer_url}")
        if host and not is_private(host):
            typer.echo(
                f"Let op: {host} is een openbaar adres; de stempagina is dan mogelijk van buiten "
                "de zaal bereikbaar. Gebruik bij voorkeur het wifi-netwerk van de zaal."
            )
    typer.echo(f"Presentatie van {plan.notebook.name}: {plan.voila_url}")
    typer.echo("Stoppen: Ctrl+C in dit venster.")
    try:
        code = presenter.run_foreground(plan.voila_command, plan.voila_env)
    finally:
        if servers is not None:
            servers.stop()
        if plan.workdir is not None:
            shutil.rmtree(plan.workdir, ignore_errors=True)
    if code:
        raise typer.Exit(code)
