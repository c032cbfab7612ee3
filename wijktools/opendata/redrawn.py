"""Areas a newer KWB edition marks re-coded or re-drawn: a before/after across that year compares two areas."""

from __future__ import annotations

from functools import cache

import pandas as pd

from wijktools.opendata import territory


@cache
def _newer_markers() -> dict[int, pd.Series]:
    """Indelingswijziging per KWB edition after 2024, read as the territory rule reads it."""
    return territory._markers()[1]


def redrawn_between(codes: list[str], after_year: int, up_to_year: int) -> list[tuple[str, int]]:
    """Codes a KWB edition of a year in (after_year, up_to_year] marks re-coded or re-drawn (2/3).

    A value of such a year under the same code may cover another territory than the earlier one:
    a before/after comparison across it would compare two areas, so the caller must not make it.
    """
    found = []
    for year, marks in sorted(_newer_markers().items()):
        if not after_year < year <= up_to_year:
            continue
        for code in codes:
            if marks.get(code) in (2, 3):
                found.append((code, year))
    return found
