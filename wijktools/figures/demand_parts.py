"""What the expected-demand figure shows (bands, labels, limits, margins), for matplotlib and SVG alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from wijktools.figures import theme

if TYPE_CHECKING:
    from wijktools.profile.model import Profile


@dataclass
class DemandParts:
    """What the demand figure shows, for the matplotlib and the SVG drawing alike."""

    years: list[str]
    bands: list[
        tuple[str, list[float], str]
    ]  # (legend label, value per year, colour), bottom first
    labels: list[str]  # text above each bar
    totals: list[float]
    ymax: float
    margins: tuple[float, float, float, float]  # left, right, top, bottom in inches
    source: str


DEMAND_TITLE = "Vergrijzingseffect: huisartscontacten per inwoner"
DEMAND_YLABEL = "verwachte contacten per inwoner"
DEMAND_WIDTH = 0.6


def demand_parts(profile: Profile) -> DemandParts:
    """Bands, labels, limits and margins of the demand figure (the profile has a zorgvraag)."""
    zorg = profile.zorgvraag
    years = [str(y.year) for y in zorg.years]
    bands = list(zorg.years[0].per_inwoner_per_band)
    stacked = [
        (f"{band} jaar", [float(y.per_inwoner_per_band[band]) for y in zorg.years], colour)
        for band, colour in zip(bands, theme.SERIES, strict=False)
    ]
    totals = [float(v) for v in np.sum([vals for _, vals, _ in stacked], axis=0)]
    labels = []
    for y in zorg.years:
        # "vergrijzingsindex", not "index": the slide labels its bars with the index of all
        # contacts (Hollum 2030: 101), this one is per inwoner (102,0) beside the same 6.600 contacten
        label = f"vergrijzingsindex {theme.fmt_number(y.vergrijzingsindex, 1)}"
        if y.vergrijzingsindex_hoog != y.vergrijzingsindex_laag:
            label += (
                f"\n({theme.fmt_number(y.vergrijzingsindex_laag, 1)}-"
                f"{theme.fmt_number(y.vergrijzingsindex_hoog, 1)})"
            )
        if y.contacten is not None:
            label += f"\n{theme.fmt_number(y.contacten)} contacten"
        labels.append(label)
    top = max(max(totals), 1.0) * 1.3  # an empty wijk has no demand
    legend, ticks = theme.fs(theme.MIN_PRINT_FONT), theme.fs(theme.RC["ytick.labelsize"])
    right = max(theme.text_width(name, legend) for name, _, _ in stacked) + 0.085 * legend
    widest = theme.text_width(theme.fmt_number(max(totals) * 1.3, 1), ticks)
    anchored = "; PBL/CBS 85173NED" if zorg.prognose else ""
    return DemandParts(
        years=years,
        bands=stacked,
        labels=labels,
        totals=totals,
        ymax=top,
        margins=(max(1.25, widest + 0.6), right, 0.5, 0.65),
        source=(
            f"Bron: Nivel Zorgregistraties eerste lijn 2017; CBS KWB {zorg.base_year}, "
            f"CBS 70072NED 2025{anchored}; cohortverschuiving (zie methode); CC BY 4.0"
        ),
    )
