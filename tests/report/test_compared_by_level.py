"""What an area is compared with follows its level, in the notes, the report and the slides alike:
a wijk beside its gemeente and Nederland, a gemeente beside Nederland, Nederland beside nothing.

NL00 has KWB 2024 AantalInwoners 17942942 (data/raw/cbs-kwb-2024-85984NED), read in the test.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache

import pandas as pd
import pytest

from wijktools import nl
from wijktools.opendata import areas
from wijktools.paths import raw_dir
from wijktools.profile import build, notes
from wijktools.profile.cohort import KWB2024_FILE
from wijktools.profile.model import to_json
from wijktools.report.deck_profile import profile_slides
from wijktools.report.profile import from_profile


@cache
def _built(code: str):
    return build.build(areas.lookup(code))


def _years_note(code: str) -> str:
    """The caveat about mixed CBS years, for the area's real rows with one row a year older."""
    built = _built(code)
    rows = [r for r in built.indicatoren if not r.age_group]
    older = [dataclasses.replace(rows[0], year=rows[0].year - 1), *rows[1:]]
    (note,) = [n for n in notes.caveats(built.area, older) if "jaargangen" in n]
    return note


@pytest.mark.parametrize(
    ("code", "beside"),
    [("WK026200", "met gemeente en Nederland"), ("GM0277", "met Nederland"), ("NL00", None)],
)
def test_the_mixed_years_note_names_only_what_the_area_is_compared_with(code, beside):
    note = _years_note(code)
    if beside is None:
        assert "vergelijking" not in note and "gemeente" not in note
    else:
        assert f"de vergelijking {beside} gebruikt" in note


@pytest.mark.parametrize(
    ("code", "subtitle_end"),
    [("WK026200", ", naast gemeente en Nederland"), ("GM0277", ", naast Nederland"), ("NL00", "")],
)
def test_chart_slides_name_only_what_stands_beside_the_area(code, subtitle_end):
    slides = profile_slides(_built(code))
    charts = [s for s in slides if s.key.startswith(("leeftijdsopbouw", "gezondheid_"))]
    assert charts
    for s in charts:
        assert "naast" not in s.subtitle if not subtitle_end else s.subtitle.endswith(subtitle_end)


def test_nederland_is_compared_with_nothing_in_report_and_slides():
    published = (
        pd.read_csv(raw_dir() / KWB2024_FILE).set_index("code").loc["NL00", "aantal_inwoners"]
    )
    inwoners = nl.number(published)
    summary = from_profile(json.loads(to_json(_built("NL00"))))
    assert summary.tables[0].header == ["Indicator", "Jaar", "Nederland"]
    assert ["Aantal inwoners", 2024, inwoners] in summary.tables[0].rows
    tile = next(k for k in summary.key_figures if k.value == inwoners)
    assert tile.note == ""  # was 'gemeente: –'
    slides = profile_slides(_built("NL00"))
    (figures,) = [s for s in slides if s.key == "kerncijfers"]
    assert [k.note for k in figures.key_figures] == [""] * len(figures.key_figures)
    assert not any("Nederland –" in n for n in figures.notes)
    assert "kaart" not in [s.key for s in slides]  # no 'Ligging in de gemeente' for Nederland
