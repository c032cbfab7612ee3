"""The notebook's indicator table shows the same comparisons as the profile page."""

from __future__ import annotations

import pandas as pd
import pytest

from wijktools.opendata import areas
from wijktools.profile import view
from wijktools.profile.build import build


def _kwb_inwoners(code: str) -> int:
    frame = pd.read_csv(
        areas.raw_dir() / areas.KWB2024_FILE, usecols=["code", "aantal_inwoners"], dtype=str
    )
    return int(frame.loc[frame["code"].str.strip() == code, "aantal_inwoners"].iloc[0])


@pytest.mark.parametrize(
    ("code", "columns"),
    [
        ("WK026200", ["gemeente", "Nederland", "vergelijkbaar"]),
        ("GM0277", ["Nederland", "vergelijkbaar"]),  # a gemeente is not compared with itself
        ("NL00", []),  # Nederland stands beside nothing: no empty columns
    ],
)
def test_columns_follow_what_the_area_is_compared_with(code, columns):
    profile = build(code)
    table = view.indicator_table(profile)
    assert [c for c in table.columns if c not in ("indicator", "jaar", "gebied", "tabel")] == [
        c for c in columns
    ]
    assert [c for c in table.columns if c in ("gemeente", "Nederland", "vergelijkbaar")] == [
        {"gemeente": "gemeente", "nederland": "Nederland", "peers": "vergelijkbaar"}[c.key]
        for c in profile.comparisons
    ]


def test_gemeente_row_holds_its_own_and_the_national_count():
    table = view.indicator_table(build("GM0277")).set_index("indicator")
    row = table.loc["Aantal inwoners"]
    assert row["gebied"] == _kwb_inwoners("GM0277")
    assert row["Nederland"] == _kwb_inwoners("NL00")
