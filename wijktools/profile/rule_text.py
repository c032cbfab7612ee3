"""How a knelpunt's rule speaks: numbers, shares of the ranking and titles, in the room's Dutch."""

from __future__ import annotations

import math
import re
from typing import Any

from wijktools.nl import percent

EXTREME = {"hoger_beter": "laagste", "hoger_slechter": "hoogste"}  # where the unfavourable end lies
LOW_SHARE = "Laag aandeel: "  # a title's start when the area has too little of a good thing
TREND = ": ongunstige trend"  # a trend knelpunt's title ends so


def pct(value: float | None, decimals: int | None = None) -> str:
    """'28 %' in Dutch notation, one decimal below 10 (or `decimals` when given)."""
    if value is None:
        return "–"
    return percent(value, (1 if abs(value) < 10 else 0) if decimals is None else decimals)


def pcts(*values: float | None) -> list[str]:
    """Several shares of one sentence at one precision: 'van 8,0 % naar 11,0 %', not '... 11 %'."""
    shown = [v for v in values if v is not None]
    decimals = 1 if any(abs(v) < 10 for v in shown) else 0
    return [pct(v, decimals) for v in values]


def share(percentile: float) -> str:
    """'3 %' (at least 1 %): the share of the level an area at this percentile belongs to."""
    return f"{max(1, math.ceil(percentile))} %"


def top(rank: Any) -> str:
    """The share of the level the ranked area belongs to (see share)."""
    return share(rank.top)


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
        return f"{LOW_SHARE}{shown[:1].lower()}{shown[1:]}"
    return shown


def indicator(titel: str) -> str:
    """The indicator a knelpunt's title names, without 'Laag aandeel: ' or ': ongunstige trend'."""
    bare = titel.removesuffix(TREND)
    if bare.startswith(LOW_SHARE):
        rest = bare.removeprefix(LOW_SHARE)
        return rest[:1].upper() + rest[1:]
    return bare


def trend(k: Any) -> str:
    """A trend knelpunt in one clause, to be told beside the level knelpunt of its subject.

    'Overgewicht (18+) steeg van 54 % in 2012 naar 62 % in 2020 (landelijk van 49 % naar 51 %); bij de
    2 % sterkste verslechteringen van de wijken'. The years and NL's first figure are in k.extra.
    """
    first, last = k.extra["jaren"]
    own = pcts(k.referentie, k.waarde, *k.extra["landelijk"])
    verb = "steeg" if k.waarde > k.referentie else "daalde"
    return (
        f"{indicator(k.titel)} ({k.age_group}) {verb} van {own[0]} in {first} naar {own[1]} in "
        f"{last} (landelijk van {own[2]} naar {own[3]}); bij de {share(k.percentiel)} sterkste "
        f"verslechteringen van de {k.vergelijking}"
    )
