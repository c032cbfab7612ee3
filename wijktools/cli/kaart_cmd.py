"""`wijktools sociale-kaart controleer`: the partners' check page after the meeting, moderation on the laptop."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import app
from wijktools.cli.common import DbOption, SessieOption

KAART_PORT = 8767
kaart_app = typer.Typer(
    help="Sociale kaart bijhouden: partners controleren hun eigen gegevens.", no_args_is_help=True
)
app.add_typer(kaart_app, name="sociale-kaart")


@kaart_app.command("controleer")
def controleer(
    sessie: SessieOption,
    lan: Annotated[
        bool,
        typer.Option(
            "--lan", help="Bereikbaar op het netwerk (wifi) in plaats van alleen op deze laptop."
        ),
    ] = False,
    adres: Annotated[
        str,
        typer.Option(
            "--adres", help="Netwerkadres van de laptop (met --lan; standaard automatisch)."
        ),
    ] = "",
    poort: Annotated[
        int, typer.Option("--poort", help="Poort van de pagina voor partners (beoordelen: +1).")
    ] = KAART_PORT,
    db: DbOption = None,
) -> None:
    """Start de pagina waarop partners hun eigen gegevens controleren en toon de link.

    Partners zoeken hun organisatie, bevestigen hun gegevens of stellen wijzigingen voor. Niets
    verandert op de sociale kaart voordat u het op deze laptop accepteert (veld voor veld).

    Voorbeeld: wijktools sociale-kaart controleer --sessie 1 --lan
    """
    from wijktools.network import proposals
    from wijktools.store import connection as store
    from wijktools.store import sessions
    from wijktools.voting import ballots
    from wijktools.voting.kaart_app import KaartConfig, create_kaart_app
    from wijktools.voting.kaart_beheer import KaartBeheerConfig, create_kaart_beheer_app
    from wijktools.voting.server import BackgroundServers, is_private, lan_address, qr_terminal

    db_path = Path(db).expanduser().resolve() if db else store.default_db_path()
    conn = store.connect(db_path)
    try:
        session = sessions.get_session(conn, sessie)
        code = ballots.ensure_code(conn, sessie)
        upkeep = proposals.upkeep(conn, sessie)
    finally:
        conn.close()
    host = (adres or lan_address()) if lan else "127.0.0.1"
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{poort}/k/{code}"
    beheer_url = f"http://127.0.0.1:{poort + 1}/sessie/{sessie}/sociale-kaart"
    servers = BackgroundServers(
        [
            (create_kaart_app(KaartConfig(db_path, frozenset({sessie}))), host, poort),
            (
                create_kaart_beheer_app(KaartBeheerConfig(db_path, sessie, url)),
                "127.0.0.1",
                poort + 1,
            ),
        ]
    ).start()
    typer.echo(f"Sociale kaart van '{session.name}': partners controleren hun gegevens op")
    typer.echo(f"  {url}  (sessiecode {code})")
    if lan:
        typer.echo(qr_terminal(url))
        if not is_private(host):
            typer.echo(
                f"Let op: {host} is een openbaar adres; de pagina is dan mogelijk van buiten "
                "bereikbaar."
            )
    else:
        typer.echo("Alleen bereikbaar op deze laptop; gebruik --lan om de pagina te delen.")
    typer.echo(f"Voorstellen beoordelen (alleen op deze laptop): {beheer_url}")
    counts = {s: sum(1 for u in upkeep if u["reactie"] == s) for s in proposals.UPKEEP_STATES}
    typer.echo(
        f"Bijhouden: {counts['bevestigd']} bevestigd, {counts['wijziging voorgesteld']} met "
        f"voorgestelde wijzigingen, {counts['niet gereageerd']} niet gereageerd."
    )
    typer.echo("Stoppen: Ctrl+C in dit venster.")
    try:
        servers.wait()
    finally:
        servers.stop()
