"""Tables and charts on a slide never lose a row or a label (PowerPoint and reveal.js): what does not fit continues."""

from __future__ import annotations

import io

import pptx
from pptx.util import Emu

from wijktools.render.pptx import CONTENT_BOTTOM, render_pptx
from wijktools.report.model import Chart, Meta, Report, Slide, Table

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
    tables = _tables(render_pptx(_many_rows_report()))
    assert [row for _, _, shown in tables for row in shown] == [str(i) for i in range(1, 19)]
    for _, shape, _ in tables:
        bottom = shape.top + sum(row.height for row in shape.table.rows)
        assert bottom <= Emu(CONTENT_BOTTOM)


def _many_rows_report() -> Report:
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
    return report


def test_reveal_deck_continues_a_long_table_on_a_next_slide():
    """reveal.js cut off what ran below the slide: partners 15-18 of the netwerkkaart were unseen."""
    from bs4 import BeautifulSoup

    from wijktools.render.slides import render_slides

    soup = BeautifulSoup(render_slides(_many_rows_report()), "html.parser")
    sections = [s for s in soup.select(".slides > section") if s.find("table")]
    titles = [s.find("h2").get_text() for s in sections]
    assert titles == ["Netwerkkaart: wie is wie", "Netwerkkaart: wie is wie (vervolg)"]
    shown = [tr.find("td").get_text() for s in sections for tr in s.select("tbody tr")]
    assert shown == [str(i) for i in range(1, 19)]
    assert all(len(s.select("tbody tr")) <= 13 for s in sections)  # 13 rows of 24 px fit


def test_every_category_of_a_bar_chart_is_labelled():
    """17 disciplines: PowerPoint left every other name out unless told to skip none."""
    from lxml import etree

    meta = Meta(1, "Kick-off (FICTIEF)", "WK194019", "Joure", [], "", "kick-off", "2027-01-14")
    labels = [f"discipline {i}" for i in range(17)]
    report = Report(meta=meta)
    report.slides = [
        Slide(
            "sociale_kaart",
            "Sociale kaart",
            "chart",
            chart=Chart("bar", labels, [("Ketenpartners", [1] * 17)], axis_title="aantal"),
        )
    ]
    deck = pptx.Presentation(io.BytesIO(render_pptx(report)))
    (frame,) = [s for s in deck.slides[0].shapes if s.has_chart]
    xml = etree.tostring(frame.chart._chartSpace).decode()
    assert '<c:tickLblSkip val="1"/>' in xml and '<c:tickMarkSkip val="1"/>' in xml
    assert list(frame.chart.plots[0].categories) == labels
