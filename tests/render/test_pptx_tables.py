"""A PowerPoint table never runs off its slide: rows that do not fit continue on a next slide."""

from __future__ import annotations

import io

import pptx
from pptx.util import Emu

from wijktools.render.pptx import CONTENT_BOTTOM, render_pptx
from wijktools.report.model import Meta, Report, Slide, Table

# Eight concept-knelpunten as the deck words them (Beerta, 2020): about 200 characters of figures each.
FIGURES = (
    "Overgewicht: hoort bij de 1 % van de wijken met het hoogste aandeel (18+, 2020). 18+ 70 % "
    "(gemeente 62 %; landelijk 51 %; hoogste 1 % van de wijken); 65+ 72 % (gemeente 66 %; "
    "landelijk 59 %; hoogste 1 % van de wijken)."
)
RULE = "ongunstiger dan bijna alle wijken van Nederland én dan landelijk"


def _report(rows: int) -> Report:
    meta = Meta(
        1, "Kick-off Beerta (FICTIEF)", "KERN-beerta", "Beerta", [], "", "kick-off", "2027-01-14"
    )
    table = Table(
        "concept_knelpunten",
        "",
        ["Knelpunt", "Cijfers", "Regel"],
        [[f"Knelpunt {i}", FIGURES, RULE] for i in range(1, rows + 1)],
    )
    report = Report(meta=meta)
    report.slides = [Slide("kn", "Concept-knelpunten uit de cijfers", "table", table=table)]
    return report


def _tables(data: bytes) -> list[tuple[str, object, list[str]]]:
    deck = pptx.Presentation(io.BytesIO(data))
    out = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                first = [row.cells[0].text for row in shape.table.rows][1:]
                out.append((slide.shapes.title.text, shape, first))
    return out


def test_rows_that_do_not_fit_continue_on_a_next_slide_in_order():
    tables = _tables(render_pptx(_report(8)))
    assert len(tables) > 1
    assert [title for title, _, _ in tables] == ["Concept-knelpunten uit de cijfers"] + [
        "Concept-knelpunten uit de cijfers (vervolg)"
    ] * (len(tables) - 1)
    assert [row for _, _, rows in tables for row in rows] == [f"Knelpunt {i}" for i in range(1, 9)]
    for _, _shape, rows in tables:
        assert len(rows) <= 4  # four such rows at 18 pt were a slide and a half (cut off)


def test_a_short_table_stays_on_one_slide():
    tables = _tables(render_pptx(_report(2)))
    assert [(title, rows) for title, _, rows in tables] == [
        ("Concept-knelpunten uit de cijfers", ["Knelpunt 1", "Knelpunt 2"])
    ]
    assert tables[0][1].top < Emu(CONTENT_BOTTOM)


def test_many_short_rows_stay_on_the_slide():
    """Eighteen one-line rows (the netwerkkaart's numbers): every row as tall as counted, none off the slide.

    Rows were made half an inch each while the pages were counted with rows of 0,4 inch: twelve
    rows ran 0,6 inch past the slide's bottom, and row 12 was not visible at all.
    """
    meta = Meta(1, "Kick-off (FICTIEF)", "WK194019", "Joure", [], "", "kick-off", "2027-01-14")
    rows = [[str(i), f"Ketenpartner {i} (FICTIEF)", "huisarts", "1"] for i in range(1, 19)]
    report = Report(meta=meta)
    report.slides = [
        Slide(
            "nummers",
            "Netwerkkaart: wie is wie",
            "table",
            table=Table("nummers", "", ["Nr.", "Ketenpartner", "Discipline", "Relaties"], rows),
        )
    ]
    tables = _tables(render_pptx(report))
    assert [row for _, _, shown in tables for row in shown] == [str(i) for i in range(1, 19)]
    for _, shape, _ in tables:
        bottom = shape.top + sum(row.height for row in shape.table.rows)
        assert bottom <= Emu(CONTENT_BOTTOM)
