"""A row of the profile table is written at one precision: the area and what it stands beside."""

from __future__ import annotations

import pandas as pd

from wijktools.opendata import areas
from wijktools.paths import raw_dir
from wijktools.profile.build import build
from wijktools.report.deck_profile import profile_slides
from wijktools.report.profile import from_profile

HOLLUM = ["BU00600003", "BU00600009"]  # kern Hollum on Ameland (KWB 2025, Friesland)


def _kwb2025(code: str, column: str) -> float:
    frame = pd.read_csv(
        raw_dir() / "cbs-kwb-2025-86165NED-friesland" / "kerncijfers_data.csv", dtype=str
    )
    frame = frame.apply(lambda s: s.str.strip())
    return float(frame.loc[frame["Codering_3"] == code, column].iloc[0].replace(",", "."))


def test_household_size_beside_a_whole_gemeente_value_keeps_its_decimal():
    # Ameland's mean household size is 2,0 in KWB 2025; beside Hollum's 2,1 it read '2'.
    column = next(
        c
        for c in pd.read_csv(
            raw_dir() / "cbs-kwb-2025-86165NED-friesland" / "kerncijfers_data.csv", nrows=0
        ).columns
        if c.startswith("GemiddeldeHuishoudensgrootte")
    )
    assert _kwb2025("GM0060", column) == 2.0
    profile = build(areas.kern("Hollum", HOLLUM))
    table = from_profile(profile).tables[0]
    row = next(r for r in table.rows if r[0] == "Gemiddelde huishoudensgrootte")
    assert row[3] == "2,0" and row[2].count(",") == 1


def test_whole_counts_stay_whole_even_when_the_peer_mean_is_not():
    # The peer group's mean inhabitants is a fraction; it is not in the table, so counts stay whole.
    profile = build("WK026200")
    table = from_profile(profile).tables[0]
    row = next(r for r in table.rows if r[0] == "Aantal inwoners")
    assert row[2:] == ["12.500", "34.289", "17.942.942"]
    tiles = next(s for s in profile_slides(profile) if s.key == "kerncijfers").key_figures
    assert tiles[0].value == "12.500"
