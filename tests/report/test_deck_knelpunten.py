"""Concept-knelpunten on slides: every row fits its slide; merged figures stay whole in the notes."""

from __future__ import annotations

from pptx.util import Emu

from wijktools.profile import build
from wijktools.render.layout import column_widths, row_height
from wijktools.render.pptx import CALIBRI_EM, CONTENT_BOTTOM, CONTENT_TOP, MARGIN, MIN_PT, WIDTH
from wijktools.report.deck_knelpunten import knelpunt_slides


def test_a_merged_knelpunt_keeps_its_fact_on_the_slide_and_every_figure_in_the_notes():
    """Heerlen wijk 30: 'Beperking in horen' tells three related indicators and their trend (734
    characters); its row was taller than a slide and ran off it."""
    profile = build.build("WK091730")
    (merged,) = [k for k in profile.knelpunten if k.extra.get("trend") and k.extra.get("ook")]
    slides = [s for s in knelpunt_slides(profile) if s.table is not None]
    (slide,) = [s for s in slides if merged.titel in s.table.column("Knelpunt")]
    row = slide.table.rows[slide.table.column("Knelpunt").index(merged.titel)]
    assert row[1].startswith(merged.extra["kort"])
    assert row[1].endswith(
        f"Ook {len(merged.extra['ook'])} verwante indicatoren ({merged.extra['onderwerp']}) en "
        "een ongunstige trend 2012-2020: zie de notities."
    )
    assert any(merged.tekst in note for note in slide.notes)  # every figure, word for word
    # every row of every knelpunt slide fits the slide's table area at 18 pt
    height = Emu(CONTENT_BOTTOM - CONTENT_TOP).pt
    for s in slides:
        texts = [[h] + [r[c] for r in s.table.rows] for c, h in enumerate(s.table.header)]
        widths = column_widths(texts, Emu(WIDTH - 2 * MARGIN).pt, MIN_PT)
        head = row_height(s.table.header, widths, MIN_PT, CALIBRI_EM)
        assert all(head + row_height(r, widths, MIN_PT, CALIBRI_EM) <= height for r in s.table.rows)
