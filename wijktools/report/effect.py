"""Report section and slides 'Wat is er bereikt': the earlier afspraken of a vervolg session, and what moved."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

from wijktools import nl
from wijktools.report.model import (
    LICENCE,
    Attribution,
    KeyFigure,
    Report,
    Section,
    Slide,
    Table,
    clean,
    numbered,
)
from wijktools.workshop import effect

SECTION_KEY = "bereikt"
TITLE = "Wat is er bereikt"
ROWS_PER_SLIDE = 3  # an afspraak with its latest note takes up to four lines at 18 pt
_STATLINE_ID = re.compile(r"\b\d{5}NED\b")  # CBS/RIVM StatLine table, e.g. 50090NED
_SLIDE_COLUMNS = ("Afspraak", "Status", "Voortgang", "Laatste voortgang")


def _cite(report: Report, source: str) -> None:
    """Cite the source of a nulmeting once, with its licence.

    The profile already cites RIVM 50090NED with years and licence; the nulmeting's short source
    ('RIVM, ... (50090NED)') was listed again below it, without CC BY 4.0 (vervolg Hollum).
    """
    table = _STATLINE_ID.search(source)
    if table and any(table.group() in line for line in report.attribution_lines):
        return
    open_data = source.startswith(("CBS", "RIVM"))  # both publish under CC BY 4.0
    line = Attribution(f"{source}; {LICENCE}" if open_data else source, "", "")
    if line not in report.attribution:
        report.attribution.append(line)


def effect_section(conn: sqlite3.Connection, session_id: int, report: Report) -> Section | None:
    """Only a vervolg session gets this section; without earlier afspraken it says so."""
    result = effect.achieved(conn, session_id)
    if result is None:
        return None
    section = Section(SECTION_KEY, TITLE, intro=clean(result.intro))
    if not result.items:
        section.notes.append(
            "Er zijn geen afspraken uit een eerdere sessie overgenomen; er is nog niets te volgen."
        )
        return section
    done = sum(1 for i in result.items if i.status == "gereed")
    running = sum(1 for i in result.items if i.status == "loopt")
    known = [i.voortgang for i in result.items if i.voortgang is not None]
    section.key_figures += [
        KeyFigure("Afspraken gereed", f"{done} van {len(result.items)}"),
        KeyFigure("Afspraken die lopen", str(running)),
        KeyFigure(
            "Gemiddelde voortgang",
            nl.percent(sum(known) / len(known)) if known else "onbekend",
            "" if len(known) == len(result.items) else f"van {len(known)} met een percentage",
        ),
    ]
    section.tables.append(
        Table(
            "bereikt",
            "Voortgang per afspraak",
            ["Afspraak", "Knelpunt", "Trekker", "Status", "Voortgang", "Laatste voortgang"],
            [
                [
                    clean(i.wat),
                    clean(i.knelpunt),
                    clean(i.trekker),
                    i.status,
                    i.voortgang_text,
                    clean(" · ".join(i.log_lines())) or "nog geen voortgang vastgelegd",
                ]
                for i in result.items
            ],
        )
    )
    linked = [i for i in result.items if i.effect is not None]
    if not linked:
        section.notes.append(
            "Geen van deze afspraken is gekoppeld aan een indicator uit het wijkprofiel; koppel er "
            "een met: wijktools afspraak koppel ID --indicator SLEUTEL."
        )
        return section
    rows = []
    for i in linked:
        e = i.effect
        assert e is not None
        rows.append(
            [
                clean(i.wat),
                clean(e.indicator.label),
                report.meta.area_label
                if e.baseline_area == report.meta.area_code
                else clean(e.baseline_area),
                e.baseline_text,
                clean(e.newest_text),
                clean(e.newest_source or e.baseline_source),
            ]
        )
        for source in sorted({e.baseline_source, e.newest_source} - {""}):
            _cite(report, clean(source))
    section.tables.append(
        Table(
            "bereikt_indicatoren",
            "Indicatoren: bij de start en nu",
            ["Afspraak", "Indicator", "Gebied", "Bij de start", "Nieuwste meting", "Bron"],
            rows,
            caption="Alleen hetzelfde cijfer voor hetzelfde gebied wordt vergeleken; zonder "
            "nieuwer jaar in de data staat er 'nog geen nieuwe meting'.",
        )
    )
    return section


def effect_slides(report: Report) -> Iterator[Slide]:
    """The section on slides: progress per afspraak, then the indicators before and after."""
    section = report.section(SECTION_KEY)
    if section is None:
        return
    table = section.table("bereikt")
    if table is None:
        yield Slide(SECTION_KEY, TITLE, "bullets", bullets=[section.intro, *section.notes])
        return
    index = [table.header.index(c) for c in _SLIDE_COLUMNS]
    # On a slide only the latest note; the report keeps the latest few.
    rows = [[str(row[i]).split(" · ")[0] for i in index] for row in table.rows]
    pages = [rows[i : i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)]
    for n, page in enumerate(pages, start=1):
        yield Slide(
            SECTION_KEY if n == 1 else f"{SECTION_KEY}_{n}",
            numbered(TITLE, n, len(pages)),
            "table",
            subtitle=section.intro,
            table=Table(SECTION_KEY, "", list(_SLIDE_COLUMNS), page),
            notes=[section.intro, *(f"{k.label}: {k.value}" for k in section.key_figures)],
        )
    indicators = section.table("bereikt_indicatoren")
    if indicators is not None:
        columns = ("Indicator", "Gebied", "Bij de start", "Nieuwste meting")
        index = [indicators.header.index(c) for c in columns]
        yield Slide(
            "bereikt_indicatoren",
            "Wat is er bereikt: indicatoren",
            "table",
            table=Table(
                "bereikt_indicatoren",
                "",
                list(columns),
                [[r[i] for i in index] for r in indicators.rows],
            ),
            source="Bron: " + "; ".join(sorted({str(r[-1]) for r in indicators.rows})),
            notes=[indicators.caption, *(f"Bron: {r[-1]}" for r in indicators.rows)],
        )
    else:
        yield Slide(
            "bereikt_indicatoren",
            "Wat is er bereikt: indicatoren",
            "bullets",
            bullets=list(section.notes),
        )
