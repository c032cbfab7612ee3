"""CLI for werksessies, sociale kaart and relations: sessie nieuw/lijst/backup, importeer, sjabloon."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from wijktools.cli import importeer_app, sessie_app, sjabloon_app
from wijktools.cli.common import DbOption, FileArg, SessieOption, open_store
from wijktools.errors import ValidationError


@sessie_app.command("nieuw")
def sessie_nieuw(
    naam: Annotated[str, typer.Argument(help="Naam van de werksessie.")],
    gebied: Annotated[
        str | None, typer.Option("--gebied", help="CBS-code van gemeente, wijk of buurt.")
    ] = None,
    kern: Annotated[
        str | None, typer.Option("--kern", help="Naam van een kern (samen met --codes).")
    ] = None,
    codes: Annotated[
        str | None, typer.Option("--codes", help="Wijk-/buurtcodes van de kern, komma-gescheiden.")
    ] = None,
    facilitator: Annotated[str | None, typer.Option("--facilitator", help="Wie begeleidt.")] = None,
    datum: Annotated[
        list[str] | None,
        typer.Option("--datum", help="Datum (2027-03-01 of 1-3-2027); herhaalbaar."),
    ] = None,
    soort: Annotated[
        str, typer.Option("--soort", help="kick-off, vervolg of evaluatie.")
    ] = "kick-off",
    enquete: Annotated[
        Path | None,
        typer.Option(
            "--enquete", help="Enquête-export (.xlsx of .csv): neem ook haar knelpunten over."
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping", help="YAML-bestand met het vraagtype per enquêtekolom (optioneel)."
        ),
    ] = None,
    zonder_knelpunten: Annotated[
        bool,
        typer.Option(
            "--zonder-knelpunten",
            help="Neem de concept-knelpunten van het wijkprofiel niet over.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Maak een werksessie met de concept-knelpunten van het wijkprofiel en toon het id.

    Voorbeeld: wijktools sessie nieuw "Kick-off Joure" --gebied WK194019 --datum 2026-11-23

    Kern: wijktools sessie nieuw "Kick-off Borculo" --kern Borculo --codes WK185900

    Met enquête: voeg --enquete enquete.xlsx --mapping enquete.yaml toe.

    Vervolg: wijktools sessie nieuw "Vervolg Joure" --gebied WK194019 --soort vervolg
    (koppelt aan de vorige sessie van dit gebied, neemt sociale kaart en afspraken over en toont
    wat er bereikt is).
    """
    from wijktools import nl
    from wijktools.workshop import session_drafts

    if mapping and not enquete:
        raise ValidationError("--mapping hoort bij een enquête; geef ook --enquete BESTAND op.")
    if zonder_knelpunten and enquete:
        raise ValidationError(
            "--zonder-knelpunten en --enquete sluiten elkaar uit; laat een van beide weg."
        )
    conn = open_store(db)
    if kern or codes:
        if not (kern and codes):
            raise ValidationError("Geef bij een kern zowel --kern NAAM als --codes CODE,CODE op.")
        where: dict = {"kern_name": kern, "kern_codes": [c for c in codes.split(",") if c.strip()]}
    else:
        where = {"area": gebied}
    session_id, counts = session_drafts.new_session_with_drafts(
        conn,
        naam,
        **where,
        dates=datum or [],
        facilitator=facilitator,
        kind=soort,
        wijkprofiel=not zonder_knelpunten,
        enquete=enquete,
        mapping=mapping,
    )
    typer.echo(session_id)
    if soort == "vervolg":
        from wijktools.workshop import effect

        typer.echo(
            f"Vervolg op sessie {counts['vorige_sessie']}: "
            f"{nl.plural(counts['ketenpartners'], 'ketenpartner', 'ketenpartners')} en "
            f"{nl.plural(counts['relaties'], 'relatie', 'relaties')} overgenomen als start.",
            err=True,
        )
        for line in effect.overview_lines(effect.achieved(conn, session_id)):
            typer.echo(line, err=True)
    if not zonder_knelpunten or enquete:
        sources = [
            f"{nl.plural(counts[name], 'knelpunt', 'knelpunten')} uit {label}"
            for name, label in (("wijkprofiel", "het wijkprofiel"), ("enquête", "de enquête"))
            if (name == "wijkprofiel" and not zonder_knelpunten) or (name == "enquête" and enquete)
        ]
        typer.echo(
            f"Werksessie {session_id} gemaakt met {' en '.join(sources)}. "
            f"Bekijk ze met: wijktools knelpunten --sessie {session_id}",
            err=True,
        )
    if enquete:
        typer.echo(
            f"De enquête {enquete.name} is bij werksessie {session_id} bewaard (zonder "
            f"antwoordtekst); wijktools export --sessie {session_id} neemt haar op in rapport en "
            "presentatie.",
            err=True,
        )


@sessie_app.command("lijst")
def sessie_lijst(db: DbOption = None) -> None:
    """Toon alle werksessies (id, code, gebied, soort, datum, naam).

    Voorbeeld: wijktools sessie lijst --db data/sessies/wijktools.sqlite
    """
    from wijktools.store import sessions

    found = sessions.list_sessions(open_store(db))
    if not found:
        typer.echo(
            "Nog geen werksessies. Maak er een met: wijktools sessie nieuw NAAM --gebied CODE"
        )
        return
    for s in found:
        when = ", ".join(s.dates) or s.created_at[:10]
        if s.is_kern:
            area = f"{s.area_name} (kern: {', '.join(s.kern_codes)})"
        else:
            area = f"{s.area_name} ({s.area_code})" if s.area_name else s.area_code
        typer.echo(f"{s.id}\t{s.code}\t{area}\t{s.kind}\t{when}\t{s.name}")


@sessie_app.command("backup")
def sessie_backup(
    doel: Annotated[
        Path | None, typer.Argument(help="Doelbestand (standaard: naast de database, met tijd).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Maak een consistente kopie van de database (SQLite online backup), ook tijdens gebruik.

    Voorbeeld: wijktools sessie backup backup/wijktools-2026-11-23.sqlite
    """
    from wijktools.store import connection as store

    conn = open_store(db)
    if doel is None:
        source = Path(store.db_file(conn))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        doel = source.with_name(f"{source.stem}-backup-{stamp}{source.suffix}")
    typer.echo(f"Back-up geschreven: {store.backup(conn, doel)}")


@importeer_app.command("ketenpartners")
def importeer_ketenpartners(
    bestand: FileArg,
    sessie: SessieOption,
    duplicaten: Annotated[
        str | None,
        typer.Option(
            "--duplicaten",
            help="Wat te doen met mogelijke dubbele organisaties: samenvoegen, overslaan of "
            "toevoegen. Zonder deze optie stopt het inlezen met de lijst.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Lees een sociale kaart (sjabloon ketenpartners) in; alles of niets.

    Een organisatie die onder een iets andere naam al in de sessie (of eerder in het bestand)
    staat, bijvoorbeeld 'Hap De Linde' naast 'Huisartsenpraktijk De Linde', wordt gemeld.

    Voorbeeld: wijktools importeer ketenpartners sociale_kaart.xlsx --sessie 1 --duplicaten overslaan
    """
    from wijktools import network

    result = network.import_partners(open_store(db), sessie, bestand, duplicaten=duplicaten)
    typer.echo(f"Ketenpartners ingelezen uit {bestand}: {result}.")


@importeer_app.command("relaties")
def importeer_relaties(bestand: FileArg, sessie: SessieOption, db: DbOption = None) -> None:
    """Lees relaties (Van, Naar, Soort, Intensiteit) in; alles of niets.

    Optioneel daarna Vertrouwen (1-4) en Meerwaarde (1-4): 1 = helemaal niet, 2 = een beetje,
    3 = redelijk, 4 = in hoge mate, leeg = niet gescoord (schaal naar de PARTNER Tool).

    Voorbeeld: wijktools importeer relaties relaties.xlsx --sessie 1
    """
    from wijktools import network

    result = network.import_relations(open_store(db), sessie, bestand)
    typer.echo(f"Relaties ingelezen uit {bestand}: {result}.")


@sjabloon_app.command("ketenpartners")
def sjabloon_ketenpartners(
    bestand: Annotated[Path, typer.Argument(help="Doelbestand, bijv. sociale_kaart.xlsx.")],
) -> None:
    """Schrijf een leeg sjabloon voor de sociale kaart met een fictieve voorbeeldrij en keuzelijsten.

    Voorbeeld: wijktools sjabloon ketenpartners sociale_kaart.xlsx
    """
    from wijktools import network

    typer.echo(f"Sjabloon geschreven: {network.write_template('ketenpartners', bestand)}")


@sjabloon_app.command("relaties")
def sjabloon_relaties(
    bestand: Annotated[Path, typer.Argument(help="Doelbestand, bijv. relaties.xlsx.")],
) -> None:
    """Schrijf een leeg sjabloon voor relaties (Van, Naar, Soort, Intensiteit, Vertrouwen, Meerwaarde).

    Voorbeeld: wijktools sjabloon relaties relaties.xlsx
    """
    from wijktools import network

    typer.echo(f"Sjabloon geschreven: {network.write_template('relaties', bestand)}")
