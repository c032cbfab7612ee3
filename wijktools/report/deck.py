"""The slide deck of a session, computed once: the PowerPoint and reveal.js renderers only lay it out.

A kick-off starts with the data: title, the profile's slides (wijktools.report.deck_profile), then
sociale kaart, netwerkkaart, ontbrekende disciplines, stemming, afspraken, volgende stappen, bronnen.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from typing import Any

from wijktools import network
from wijktools.figures import network as network_figure
from wijktools.figures import theme
from wijktools.figures import votes as figures_votes
from wijktools.report import network_change
from wijktools.report.deck_profile import slide_png, slide_svg
from wijktools.report.effect import effect_slides
from wijktools.report.model import Chart, Report, Slide, Table, clean, numbered
from wijktools.report.sections import discipline_chart
from wijktools.store import connection as store
from wijktools.workshop import priorities

AFSPRAKEN_PER_SLIDE = 5
AFSPRAKEN_COLUMNS = ("Afspraak", "Trekker", "Wanneer", "Status")
KEY_COLUMNS = ("Nr.", "Ketenpartner", "Discipline", "Relaties")  # the netwerkkaart's numbers


# --- workshop -------------------------------------------------------------------------------


def _sociale_kaart(
    conn: sqlite3.Connection, session_id: int, partners: list[dict[str, Any]]
) -> Iterator[Slide]:
    if not partners:
        yield Slide(
            "sociale_kaart",
            "Sociale kaart",
            "bullets",
            bullets=["Er zijn nog geen ketenpartners vastgelegd voor deze sessie."],
        )
        return
    counts = Counter(clean(p["discipline"]) for p in partners)
    labels = sorted(counts, key=lambda d: (-counts[d], d))
    stops = sum(1 for p in partners if p.get("opnamestop"))
    relations = len(_rows_of(conn, "relations", session_id))
    summary = (
        f"{len(partners)} ketenpartners uit {len(counts)} disciplines; "
        f"{stops} met opnamestop; {relations} samenwerkingsrelaties"
    )
    figure = slide_svg(lambda: discipline_chart(partners), untitled=False)  # the report's
    source = "Bron: sociale kaart van de werksessie"
    yield Slide(
        "sociale_kaart",
        "Sociale kaart",
        "chart",
        subtitle=summary,
        chart=Chart(
            "bar",
            labels,
            [("Ketenpartners", [counts[d] for d in labels])],
            axis_title="aantal ketenpartners",
            colours=[theme.AREA],
        ),
        svg=figure,
        alt="Ketenpartners per discipline: " + ", ".join(f"{d} {counts[d]}" for d in labels),
        source=source,
        notes=[summary + ".", source + "; de volledige lijst staat in het Excel-bestand."],
    )
    png = slide_png(lambda: network_figure.draw(conn, session_id))
    source = "Bron: sociale kaart en relaties uit de werksessie"
    yield Slide(
        "netwerkkaart",
        "Netwerkkaart",
        "picture",
        png=png,
        alt=f"Netwerkkaart van {len(partners)} ketenpartners en {relations} relaties; "
        "de nummers staan op de volgende dia",
        source=source,
        notes=[
            "Kleur = domein (zorg, welzijn, gemeente), lijndikte = intensiteit, pijl = verwijzen. "
            "Partners zonder relatie staan onderaan met een rode rand. Het nummer in een cirkel "
            "staat op de volgende dia bij de naam van de ketenpartner.",
            source,
        ],
    )
    yield Slide(
        "netwerkkaart_nummers",
        "Netwerkkaart: wie is wie",
        "table",
        table=Table(
            "netwerkkaart_nummers",
            "",
            list(KEY_COLUMNS),
            [
                [str(nr), clean(name), clean(discipline), str(count)]
                for nr, name, discipline, count in network_figure.slide_key(conn, session_id)
            ],
        ),
        source=source,
        notes=["De nummers van de netwerkkaart op de vorige dia.", source],
    )
    missing = network.missing_disciplines(conn, session_id)
    yield Slide(
        "ontbrekende_disciplines",
        "Ontbrekende disciplines",
        "bullets",
        bullets=[clean(m) for m in missing]
        or ["Alle disciplines uit de referentieset zijn aan tafel."],
        notes=[
            "Regel: disciplines uit de referentieset voor wijkgerichte samenwerking zonder één "
            "ketenpartner op de sociale kaart van deze sessie.",
        ],
    )


def _rows_of(conn: sqlite3.Connection, table: str, session_id: int) -> list[dict[str, Any]]:
    return store.rows(conn, table, {"session_id": session_id})


def _votes(conn: sqlite3.Connection, session_id: int, report: Report) -> Iterator[Slide]:
    results = [r for r in priorities.session_results(conn, session_id) if r.participants]
    if not results:
        top = report.find_table("top_knelpunten")
        yield Slide(
            "knelpunten",
            "Knelpunten van de sessie",
            "table" if top and top.rows else "bullets",
            table=top if top and top.rows else None,
            bullets=[] if top and top.rows else ["Er zijn nog geen knelpunten geprioriteerd."],
        )
        return
    last = results[-1]
    previous = results[-2] if len(results) > 1 and results[-2].mode == last.mode else None
    dots = last.mode == "dots"
    rows = last.rows[: figures_votes.SLIDE_ROWS]
    series = [(clean(last.title), [r.score for r in rows])]
    if previous is not None:
        before = {r.knelpunt_id: r.score for r in previous.rows}
        series.append((clean(previous.title), [before.get(r.knelpunt_id, 0) for r in rows]))
    source = figures_votes.source_line(last, report.meta.session_name)
    svg = slide_svg(lambda: figures_votes.ranking_figure(last, previous, report.meta.session_name))
    yield Slide(
        "stemming",
        "Uitslag van de stemming",
        "chart",
        subtitle=clean(last.title),
        chart=Chart(
            "bar",
            [figures_votes.slide_label(r.rank_label, clean(r.title)) for r in rows],
            series,
            number_format="0" if dots else "0.0",
            axis_title="aantal stippen" if dots else "impact × haalbaarheid (gemiddeld)",
            colours=[theme.AREA, theme.NEDERLAND][: len(series)],
        ),
        svg=svg,
        alt="Uitslag: " + "; ".join(f"{r.rank_label} {clean(r.title)}: {r.score:g}" for r in rows),
        source=source,
        notes=[
            *(
                f"{r.rank_label} {clean(r.title)}: {theme.fmt_number(r.score, 0 if dots else 1)}"
                for r in last.rows
            ),
            "Een gelijke stand staat als '2=' in grafiek en lijst.",
            source,
        ],
    )


def _afspraken(report: Report) -> Iterator[Slide]:
    afspraken = report.find_table("afspraken")
    if afspraken is None or not afspraken.rows:
        yield Slide(
            "afspraken",
            "Samenwerkingsafspraken",
            "bullets",
            bullets=["Nog geen afspraken vastgelegd."],
        )
        return
    index = [afspraken.header.index(c) for c in AFSPRAKEN_COLUMNS if c in afspraken.header]
    header = [afspraken.header[i] for i in index]
    rows = [[row[i] for i in index] for row in afspraken.rows]
    pages = [rows[i : i + AFSPRAKEN_PER_SLIDE] for i in range(0, len(rows), AFSPRAKEN_PER_SLIDE)]
    for n, page in enumerate(pages, start=1):
        yield Slide(
            f"afspraken_{n}" if n > 1 else "afspraken",
            numbered("Samenwerkingsafspraken", n, len(pages)),
            "table",
            table=Table("afspraken", "", header, page),
        )


def _survey(report: Report) -> Iterator[Slide]:
    """The report's survey tables (groups under 5 already left out) as slides, source in the notes."""
    section = report.section("enquete")
    if section is None:
        return
    for name in ("respondenten", "vragen"):
        table = section.table(name)
        if table is not None and table.rows:
            yield Slide(
                f"enquete_{name}",
                f"Enquête onder professionals: {table.title[:1].lower()}{table.title[1:]}",
                "table",
                table=table,
                source=table.caption,
                notes=[*section.notes, table.caption],
            )


def build(
    report: Report,
    conn: sqlite3.Connection,
    session_id: int,
    partners: list[dict[str, Any]],
    profile_slides: list[Slide],
) -> list[Slide]:
    """Every slide in order; a session without an area gets the deck without the data slides."""
    meta = report.meta
    if report.key_figures and not any(s.key == "kerncijfers" for s in profile_slides):
        # a profile given in the report's own shape brings key figures but no indicator rows
        profile_slides = [
            Slide("kerncijfers", "Kerncijfers", "figures", key_figures=report.key_figures),
            *profile_slides,
        ]
    slides = [
        Slide(
            "titel",
            report.title,
            "title",
            subtitle=report.subtitle,
            bullets=[meta.contact_statement],
            notes=[f"Gemaakt met wijktools op {meta.generated_label}."],
        ),
        *profile_slides,
        *effect_slides(report),
        *_sociale_kaart(conn, session_id, partners),
        *network_change.slides(conn, session_id),
        *_survey(report),
        *_votes(conn, session_id, report),
        *_afspraken(report),
        Slide("volgende_stappen", "Volgende stappen", "bullets", bullets=list(report.next_steps)),
        Slide(
            "bronnen",
            "Bronnen",
            "bullets",
            bullets=[*report.attribution_lines, meta.contact_statement],
        ),
    ]
    return slides
