"""CLI for afspraken and their effect: enter one, link knelpunt and indicator, log progress, see what moved."""

from __future__ import annotations

from typing import Annotated

import typer

from wijktools import nl
from wijktools.cli import _app, sessie_app
from wijktools.cli.common import DbOption, SessieOption, open_store
from wijktools.errors import ValidationError

afspraak_app = typer.Typer(
    help="Samenwerkingsafspraken: invoeren, koppelen aan knelpunt en indicator, voortgang bijhouden.",
    no_args_is_help=True,
)
_app.add_typer(afspraak_app, name="afspraak")

KnelpuntOption = Annotated[
    str | None,
    typer.Option("--knelpunt", help="Het knelpunt dat de afspraak aanpakt: id of titel."),
]
IndicatorOption = Annotated[
    str | None,
    typer.Option(
        "--indicator",
        help="Indicator uit het wijkprofiel die moet veranderen, bijv. 'Eenzaam|65+' of "
        "'AantalInwoners'; de waarde van nu wordt de nulmeting.",
    ),
]
StatusOption = Annotated[
    str | None,
    typer.Option("--status", help="voorgesteld, afgesproken, loopt, gereed of vervallen."),
]
VoortgangOption = Annotated[
    str | None, typer.Option("--voortgang", help="Percentage 0 tot en met 100, bijv. 40.")
]


def _knelpunt_id(conn: object, session_id: int, value: str | None) -> int | None:
    """A knelpunt by id, title or an unambiguous part of its title, always of this session."""
    from wijktools.workshop import knelpunten

    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return int(text)  # the afspraak's validation checks it belongs to the session
    found = knelpunten.knelpunten_matching(conn, session_id, text)  # type: ignore[arg-type]
    if len(found) == 1:
        return int(found[0]["id"])
    listed = found or knelpunten.knelpunten(conn, session_id)  # type: ignore[arg-type]
    options = "; ".join(f"{row['id']}: {row['title']}" for row in listed)
    if found:
        raise ValidationError(
            f"Knelpunt '{text}' past bij {len(found)} knelpunten van sessie {session_id} "
            f"({options}). Geef het id op, bijv. --knelpunt {found[0]['id']}."
        )
    raise ValidationError(
        f"Knelpunt '{text}' staat niet in sessie {session_id}."
        + (f" De knelpunten (id: titel) zijn: {options}." if options else "")
        + f" Bekijk ze met: wijktools knelpunten --sessie {session_id}"
    )


def _echo_saved(saved: object) -> None:
    for warning in getattr(saved, "warnings", []):
        typer.echo(f"Let op: {warning}", err=True)


@afspraak_app.command("nieuw")
def afspraak_nieuw(
    wat: Annotated[str, typer.Argument(help="Wat er is afgesproken.")],
    sessie: SessieOption,
    knelpunt: KnelpuntOption = None,
    indicator: IndicatorOption = None,
    trekker: Annotated[
        str | None, typer.Option("--trekker", help="Organisatie uit de sociale kaart.")
    ] = None,
    deadline: Annotated[
        str | None, typer.Option("--deadline", help="Datum (1-3-2027) of periode (Q2 2027).")
    ] = None,
    status: StatusOption = None,
    voortgang: VoortgangOption = None,
    db: DbOption = None,
) -> None:
    """Leg één samenwerkingsafspraak vast, met het knelpunt en eventueel de indicator die moet bewegen.

    Voorbeeld: wijktools afspraak nieuw "Welzijn op recept" --sessie 3 --knelpunt Eenzaam
    --indicator "Eenzaam|65+" --trekker "Welzijn Hengelo" --deadline "Q2 2027"
    """
    from wijktools.workshop import agreements

    conn = open_store(db)
    saved = agreements.add_afspraak(
        conn,
        sessie,
        wat,
        knelpunt_id=_knelpunt_id(conn, sessie, knelpunt),
        trekker=trekker,
        deadline=deadline,
        status=status or "voorgesteld",
        indicator=indicator,
        voortgang=voortgang,
    )
    typer.echo(saved.id)
    _echo_saved(saved)
    typer.echo(f"Afspraak {saved.id} opgeslagen in sessie {sessie}.", err=True)


@afspraak_app.command("koppel")
def afspraak_koppel(
    afspraak: Annotated[int, typer.Argument(help="Id van de afspraak (zie: afspraak lijst).")],
    knelpunt: KnelpuntOption = None,
    indicator: IndicatorOption = None,
    geen_indicator: Annotated[
        bool, typer.Option("--geen-indicator", help="Haal de gekoppelde indicator weg.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Koppel een afspraak aan een knelpunt en/of een indicator (de waarde van nu is de nulmeting).

    Voorbeeld: wijktools afspraak koppel 7 --indicator "Eenzaam|65+"
    """
    from wijktools.workshop import agreements

    if indicator and geen_indicator:
        raise ValidationError("--indicator en --geen-indicator sluiten elkaar uit; kies er één.")
    conn = open_store(db)
    changes: dict[str, object] = {}
    if knelpunt is not None:
        session_id = agreements.get_afspraak(conn, afspraak)["session_id"]
        changes["knelpunt_id"] = _knelpunt_id(conn, session_id, knelpunt)
    if indicator is not None or geen_indicator:
        changes["indicator"] = None if geen_indicator else indicator
    if not changes:
        raise ValidationError("Geef --knelpunt, --indicator of --geen-indicator op.")
    saved = agreements.update_afspraak(conn, afspraak, **changes)
    _echo_saved(saved)
    row = agreements.get_afspraak(conn, afspraak)
    link = agreements.indicator_ref(row)
    if not link:
        typer.echo(f"Afspraak {afspraak} gekoppeld; geen indicator.")
        return
    from wijktools.store.sessions import get_session
    from wijktools.workshop import indicator_link

    value = indicator_link.parse(link).fmt(row["baseline_value"])
    area = indicator_link.session_area(get_session(conn, row["session_id"]))
    where = indicator_link.area_label(area) if area.code == row["baseline_area"] else ""
    typer.echo(
        f"Afspraak {afspraak} gekoppeld; indicator {link}, nulmeting {value} "
        f"({row['baseline_year']}, {where or row['baseline_area']})."
    )


@afspraak_app.command("voortgang")
def afspraak_voortgang(
    afspraak: Annotated[int, typer.Argument(help="Id van de afspraak (zie: afspraak lijst).")],
    wat: Annotated[str, typer.Option("--wat", help="Wat er is gebeurd.")],
    wie: Annotated[str, typer.Option("--wie", help="Wie het meldt (naam, rol of organisatie).")],
    datum: Annotated[
        str | None, typer.Option("--datum", help="Wanneer (1-6-2027); standaard vandaag.")
    ] = None,
    status: StatusOption = None,
    voortgang: VoortgangOption = None,
    db: DbOption = None,
) -> None:
    """Leg voortgang vast: een gedateerde notitie (wie, wat) en eventueel status en percentage.

    Voorbeeld: wijktools afspraak voortgang 7 --wie "Welzijn Hengelo" --wat "Eerste spreekuur
    gehouden" --datum 1-6-2027 --status loopt --voortgang 30
    """
    from wijktools.workshop import effect

    logged = effect.record_progress(
        open_store(db), afspraak, wat=wat, wie=wie, datum=datum, status=status, voortgang=voortgang
    )
    text = logged.message if logged.already else "Voortgang opgeslagen"
    typer.echo(f"{text} (afspraak {afspraak}, notitie {logged.id}).")
    for warning in logged.warnings:
        typer.echo(f"Let op: {warning}", err=True)


@afspraak_app.command("lijst")
def afspraak_lijst(sessie: SessieOption, db: DbOption = None) -> None:
    """Toon de afspraken van een sessie met status, voortgang, knelpunt en indicator.

    Voorbeeld: wijktools afspraak lijst --sessie 3
    """
    from wijktools.workshop import agreements

    found = agreements.afspraken(open_store(db), sessie)
    if not found:
        typer.echo(
            f"Sessie {sessie} heeft nog geen afspraken. Voeg er een toe met: "
            f'wijktools afspraak nieuw "..." --sessie {sessie}'
        )
        return
    for a in found:
        voortgang = "" if a["voortgang"] is None else nl.percent(a["voortgang"])
        typer.echo(
            "\t".join(
                str(v)
                for v in (a["id"], a["status"], voortgang, a["knelpunt"], a["indicator"], a["wat"])
            )
        )


@sessie_app.command("bereikt")
def sessie_bereikt(sessie: SessieOption, db: DbOption = None) -> None:
    """Wat is er bereikt: de afspraken van de vorige sessie, hun voortgang en de indicatoren.

    Per gekoppelde indicator de nulmeting bij de start tegen de nieuwste waarde in de data
    (of 'nog geen nieuwe meting').

    Voorbeeld: wijktools sessie bereikt --sessie 4
    """
    from wijktools.workshop import effect

    conn = open_store(db)
    for line in effect.overview_lines(effect.achieved(conn, sessie)):
        typer.echo(line)
