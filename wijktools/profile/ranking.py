"""Where an area stands among all areas of its own level in NL (wijk among wijken, buurt among buurten)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from wijktools.nl import LEVEL_PLURALS
from wijktools.opendata import comparison
from wijktools.profile import cohort, demand

PLURAL = LEVEL_PLURALS  # one table of level plurals (nl.level_plural)
RIVM_FIRST, RIVM_LAST = 2012, 2020
MIN_INWONERS_DEMAND = 500  # the ageing ranking leaves out tiny areas (see profile.rules)
# A column held by fewer of the level's areas is one region's (households and distances come only
# from KWB 2025 Friesland: 246 of 3,393 wijken); RIVM columns miss only re-drawn areas (about 78 %).
NATIONAL_SHARE = 0.5


@dataclass(frozen=True)
class Rank:
    """`top` % of the areas of the level are at least as unfavourable (1 = the worst percent)."""

    top: float
    plaats: int  # 1 = the most unfavourable area of the level
    aantal: int
    niveau: str  # plural: "wijken", "buurten", "gemeenten"


def comparison_level(level: str) -> str | None:
    """A kern is ranked among the wijken; NL has no ranking."""
    if level == "kern":
        return "wijk"
    return level if level in PLURAL else None


@cache
def _matrix(level: str, year: int | None = None) -> tuple[dict[str, int], np.ndarray]:
    """`comparison.wide` as one float array with its column positions: a column is a view.

    A profile ranks about 60 columns; through pandas each cost 0.1 ms more than the sort itself.
    """
    wide = comparison.arrays(level, year)
    return wide.column, wide.by_column.T


def _column(level: str, column: str, year: int | None = None) -> np.ndarray | None:
    """One column of every area of the level (None when the table has no such column)."""
    where, values = _matrix(level, year)
    return values[:, where[column]] if column in where else None


@cache
def _aligned(level: str) -> np.ndarray:
    """Per row of the RIVM_LAST table the row of the same area in the RIVM_FIRST table (-1: none)."""
    first, last = comparison.arrays(level, RIVM_FIRST), comparison.arrays(level, RIVM_LAST)
    return np.array([first.row.get(code, -1) for code in last.codes], dtype=np.intp)


@cache
def _sorted(level: str, column: str, sign: int) -> np.ndarray:
    """Values of every area of the level, unfavourable direction = larger, sorted ascending."""
    values = _column(level, column)
    if values is None:
        return np.array([])
    return np.sort(values[~np.isnan(values)] * sign)


@cache
def _count(level: str) -> int:
    """How many areas the level has (the rows of the comparison table)."""
    return len(comparison.arrays(level).codes)


@cache
def _changes(level: str, column: str, sign: int) -> np.ndarray:
    """Unfavourable change RIVM_FIRST -> RIVM_LAST of every area of the level, sorted ascending."""
    first, last = _column(level, column, RIVM_FIRST), _column(level, column, RIVM_LAST)
    if first is None or last is None:
        return np.array([])
    rows = _aligned(level)
    # An area missing from the RIVM_FIRST table has no change (NaN), as a reindex would give.
    before = np.full(rows.shape, np.nan)
    before[rows >= 0] = first[rows[rows >= 0]]
    change = last - before
    return np.sort(change[~np.isnan(change)] * sign)


@cache
def _ageing(level: str, years: int) -> np.ndarray:
    """The low ageing index after `years` years of every area of the level, sorted ascending."""
    wide = comparison.arrays(level)
    if not set(cohort.KWB_COUNTS) <= set(wide.columns):
        return np.array([])
    counts = wide.by_column[[wide.column[k] for k in cohort.KWB_COUNTS]].T
    counts = counts[np.nansum(counts, axis=1) >= MIN_INWONERS_DEMAND]
    return np.sort(demand.ageing_index(counts, years))


def _rank(values: np.ndarray, own: float, level: str, member: bool = True) -> Rank | None:
    """Share of the areas whose value is at least as large (= as unfavourable) as `own`.

    A member of the level counts itself among those; a kern (not one of the wijken it is ranked
    among) comes after them: 116 wijken above it and 3 tied is place 120, not 119.
    """
    if values.size == 0 or own is None or math.isnan(own):
        return None
    at_least = int(values.size - np.searchsorted(values, own, side="left"))
    place = max(1, at_least) if member else at_least + 1
    return Rank(
        top=round(100 * place / values.size, 1),
        plaats=place,
        aantal=int(values.size),
        niveau=PLURAL[level],
    )


class Ranking:
    """Ranks of one area's values among all areas of its comparison level (computed once per process)."""

    def __init__(self, level: str, member: bool = True) -> None:
        self.level = level
        self.member = member  # False: the area is not one of the level's (a kern among wijken)

    def value(self, column: str, value: float | None, direction: str) -> Rank | None:
        """How unfavourable `value` is among the areas of the level (direction from the codebook)."""
        sign = -1 if direction == "hoger_beter" else 1
        own = None if value is None else value * sign
        return _rank(_sorted(self.level, column, sign), own, self.level, self.member)

    def size(self) -> int:
        """How many areas the level has in NL."""
        return _count(self.level)

    def national(self, rank: Rank) -> bool:
        """The ranking holds at least half of the level's areas, not one region's (KWB 2025 Friesland)."""
        return rank.aantal >= NATIONAL_SHARE * self.size()

    def change(self, column: str, change: float, direction: str) -> Rank | None:
        """How unfavourable a 2012-2020 change is among the areas of the level."""
        sign = -1 if direction == "hoger_beter" else 1
        return _rank(_changes(self.level, column, sign), change * sign, self.level, self.member)

    def ageing(self, index: float, years: int) -> Rank | None:
        """How strong a rise of the ageing index is among the areas of the level."""
        return _rank(_ageing(self.level, years), index, self.level, self.member)


def for_level(level: str) -> Ranking | None:
    """The ranking an area of `level` is compared in, or None (NL)."""
    compared = comparison_level(level)
    return Ranking(compared, member=compared == level) if compared else None
