"""How a knelpunt's rule speaks: numbers, shares of the ranking and titles, in the room's Dutch."""

from __future__ import annotations

import math
import re
from typing import Any

from wijktools.nl import fmt_number

EXTREME = {"hoger_beter": "laagste", "hoger_slechter": "hoogste"}  # where the unfavourable end lies


def pct(value: float | None, decimals: int | None = None) -> str:
    """'28 %' in Dutch notation, one decimal below 10 (or `decimals` when given)."""
    if value is None:
        return "–"
    places = (1 if abs(value) < 10 else 0) if decimals is None else decimals
    return f"{fmt_number(value, places)} %"


def pcts(*values: float | None) -> list[str]:
    """Several shares of one sentence at one precision: 'van 8,0 % naar 11,0 %', not '... 11 %'."""
    shown = [v for v in values if v is not None]
    decimals = 1 if any(abs(v) < 10 for v in shown) else 0
    return [pct(v, decimals) for v in values]


def top(rank: Any) -> str:
    """'3 %' (at least 1 %): the share of the level the area belongs to."""
    return f"{max(1, math.ceil(rank.top))} %"


def among(rank: Any) -> str:
    """'de 3 % van de wijken', for 'hoort bij de 3 % van de wijken met ...'."""
    return f"de {top(rank)} van de {rank.niveau}"


def name(label: str) -> str:
    """'Eenzaam (18 jaar e.o.)' -> 'Eenzaam': the age groups are named beside the figures."""
    return re.sub(r"\s*\((18|65) jaar e\.o\.\)$", "", label)


def title(label: str, direction: str) -> str:
    """The knelpunt as the room reads it: the unfavourable fact, not the indicator's name.

    'Overgewicht' or 'Eenzaam' name a problem already; 'Ervaren gezondheid goed/zeer goed' or
    'Normaal gewicht' name something good, of which the area has too little.
    """
    shown = name(label)
    if direction == "hoger_beter":
        return f"Laag aandeel: {shown[:1].lower()}{shown[1:]}"
    return shown
