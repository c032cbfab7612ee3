"""The area on the map of its gemeente (wijk boundaries 2024), with the reason when there is none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijktools.figures import profile as figures_profile
from wijktools.figures import theme
from wijktools.figures.svg_charts import ASCENT, DESCENT
from wijktools.opendata import boundaries

if TYPE_CHECKING:
    from collections.abc import Sequence

    import geopandas
    import pandas as pd
    from matplotlib.figure import Figure

    from wijktools.profile.model import Profile

MAP_SOURCE = f"Bron: {boundaries.SOURCE_2024}"
MAP_SIZE = (7, 7)
MAP_MARGINS = {"left": 0.1, "right": 0.1, "top": 0.55, "bottom": 0.35}
MAP_EDGE = 1.2  # white lines between the wijken
MAP_GREY = "#E6E6E6"
LABEL_GAP = 1.2  # line height of a wijk name, in font sizes: names closer than this overlap
LABEL_PAD = 0.2  # white box around the marked wijk's name, in font sizes
LABEL_EDGE = 1.0  # its blue edge, in points


def map_codes(profile: Profile) -> list[str]:
    """Wijk codes of the area on the 2024 map (a buurt is shown by the wijk that contains it)."""
    area = profile.area
    codes = area.members or (area.code,)
    return sorted({"WK" + c[2:8] for c in codes if c.startswith(("WK", "BU"))})


NO_MAP_WHOLE = {
    "gemeente": "Geen kaart: de kaart toont waar een wijk of kern in haar gemeente ligt; "
    "een hele gemeente heeft er geen.",
    "land": "Geen kaart: de kaart toont waar een wijk of kern in haar gemeente ligt; "
    "heel Nederland heeft er geen.",
}


def map_inputs(
    profile: Profile, gdf: pd.DataFrame | None = None
) -> tuple[geopandas.GeoDataFrame | None, list[str], str]:
    """The gemeente's 2024 wijken, the codes to mark and the caption; no frame with the reason why not.

    `gdf` is the table of 2024 wijken to use (`boundaries.wijken_2024()` when not given).
    """
    if gdf is None:
        gdf = boundaries.wijken_2024()
    if gdf is None:
        return None, [], "Geen kaart: het bestand met wijkgrenzen 2024 ontbreekt in data/raw."
    gm = profile.gebied["gemeente_code"]
    soort = profile.gebied["soort"]
    if soort in NO_MAP_WHOLE or not isinstance(gm, str) or not gm:  # NL00 has no gemeente (NaN)
        return None, [], NO_MAP_WHOLE.get(soort, NO_MAP_WHOLE["land"])
    codes = map_codes(profile)
    in_gem = gdf[gdf["gemeente_code"] == gm]
    present = [c for c in codes if c in set(in_gem["code"])]
    if not present or len(present) < len(codes):
        missing = ", ".join(sorted(set(codes) - set(present)))
        return (
            None,
            [],
            f"Geen kaart: wijkcode(s) {missing} komen niet voor in de wijkgrenzen van 2024 "
            "(nieuwere gebiedsindeling dan de kaart).",
        )
    note = "Wijkgrenzen 2024 (CBS/PDOK, gegeneraliseerd)."
    buurten = [c for c in (profile.area.members or (profile.area.code,)) if c.startswith("BU")]
    if buurten:
        names = dict(zip(in_gem["code"], in_gem["naam"], strict=True))
        shown = ", ".join(f"{c} {names[c]}" for c in present)
        marked = (
            "de gemarkeerde wijk is de wijk"
            if len(present) == 1
            else "de gemarkeerde wijken zijn de wijken"
        )
        lies = "de buurt ligt" if len(buurten) == 1 else "de buurten liggen"
        note += f" Buurtgrenzen staan niet op deze kaart: {marked} waarin {lies} ({shown})."
    return in_gem, present, note


def area_map(profile: Profile) -> tuple[Figure | None, str]:
    """The area within its gemeente, or None with the Dutch reason why not."""
    in_gem, present, note = map_inputs(profile)
    if in_gem is None:
        return None, note
    with theme.style():
        fig, _ax = theme.new_figure(*MAP_SIZE, layout=None)
        fill_map(fig, profile, in_gem, present)
    return fig, note


def fill_map(
    fig: Figure, profile: Profile, in_gem: geopandas.GeoDataFrame, present: list[str]
) -> None:
    """Everything of the map that depends on the area (also refills a reused figure)."""
    ax = fig.axes[0]
    theme.margins(fig, **MAP_MARGINS)
    in_gem.plot(ax=ax, color=MAP_GREY, edgecolor="white", linewidth=MAP_EDGE)
    in_gem[in_gem["code"].isin(present)].plot(
        ax=ax, color=theme.AREA, edgecolor="white", linewidth=MAP_EDGE
    )
    ax.set_axis_off()
    ax.apply_aspect()  # the final data-to-points transform, to keep names from overlapping
    size = theme.fs(9)
    to_points = ax.transData.transform
    scale = 72 / fig.dpi
    wijken = []
    largest_first = in_gem.assign(_area=-in_gem.area).sort_values("_area", kind="stable")
    for row in largest_first.itertuples():
        point = row.geometry.representative_point()
        x, y = to_points((point.x, point.y)) * scale
        bx0, by0, bx1, by1 = row.geometry.bounds
        (x0, y0), (x1, y1) = to_points([(bx0, by0), (bx1, by1)]) * scale
        wijken.append(WijkLabel(row.code, label(row.naam), x, y, (x0, y0, x1, y1)))
    where = place_labels(wijken, set(present), size)
    to_data = ax.transData.inverted().transform
    box = {"boxstyle": f"square,pad={LABEL_PAD}", "fc": "white", "ec": theme.AREA, "lw": LABEL_EDGE}
    for w in wijken:
        if w.code in where:
            # The marked wijk's name on a white box: white letters on the blue ran out onto the
            # grey where a wijk (Chassébuurt) is narrower than its name.
            ax.annotate(
                w.name,
                tuple(to_data((where[w.code][0] / scale, where[w.code][1] / scale))),
                ha="center",
                fontsize=size,
                color="black",
                bbox=box if w.code in present else None,
            )
    ax.set_title(map_title(profile, in_gem, present), y=figures_profile.TITLE_Y)
    theme.add_source(fig, MAP_SOURCE)


@dataclass(frozen=True)
class WijkLabel:
    """A wijk's name and where it could go, in points (y up on paper, down in SVG: see `up`)."""

    code: str
    name: str
    x: float  # representative point: always inside the wijk
    y: float
    box: tuple[float, float, float, float]  # the wijk's extent: x0, y0, x1, y1 with y0 < y1


def place_labels(
    wijken: Sequence[WijkLabel], marked: set[str], size: float, up: float = 1.0
) -> dict[str, tuple[float, float]]:
    """Where each name that fits goes: {code: (x, baseline y)} in points.

    Amsterdam has 110 wijken: with every name drawn the map of Chassébuurt was a smudge of text over
    the marked wijk. `wijken` come largest first. A marked wijk is always named, on a white box: inside
    it where it is wide enough, else just above it (`up` is +1 where y grows upwards, -1 in SVG),
    with no other name on that small wijk. Another name only where it touches no name placed before.
    """
    placed: list[tuple[float, float, float, float]] = []  # x0, x1, y0, y1
    where: dict[str, tuple[float, float]] = {}
    pad = LABEL_PAD * size
    gap = (LABEL_GAP - 1) / 2 * size  # kept free around every name

    def extent(x: float, y: float, width: float, room: float) -> tuple[float, float, float, float]:
        low, high = sorted((y - up * (DESCENT * size + room), y + up * (ASCENT * size + room)))
        return x - width / 2 - room, x + width / 2 + room, low, high

    def free(rect: tuple[float, float, float, float]) -> bool:
        return all(
            min(rect[1], p[1]) <= max(rect[0], p[0]) or min(rect[3], p[3]) <= max(rect[2], p[2])
            for p in placed
        )

    for w in sorted(wijken, key=lambda item: item.code not in marked):
        width = theme.text_width(w.name, size) * 72
        x0, y0, x1, y1 = w.box
        if w.code in marked:
            x, y = w.x, w.y
            if width + 2 * pad > x1 - x0:  # too small for its name: the name above, the wijk clear
                y = (y1 if up > 0 else y0) + up * ((LABEL_PAD + DESCENT) * size + LABEL_EDGE)
                placed.append((x0, x1, y0, y1))
            placed.append(extent(x, y, width, pad + gap))
            where[w.code] = (x, y)
            continue
        rect = extent(w.x, w.y, width, gap)
        if free(rect):
            placed.append(rect)
            where[w.code] = (w.x, w.y)
    return where


def map_title(profile: Profile, in_gem: geopandas.GeoDataFrame, present: list[str]) -> str:
    """The map's title; a buurt says which wijk is marked (there are no buurt boundaries)."""
    title = f"{figures_profile.short_label(profile.gebied['naam'])} in de gemeente {profile.gebied['gemeentenaam']}"
    if profile.gebied["soort"] == "buurt":
        wijk = in_gem.loc[in_gem["code"].isin(present), "naam"].iloc[0]
        title = f"Buurt {figures_profile.short_label(profile.gebied['naam'], 28)} ligt in {figures_profile.short_label(wijk, 28)}"
    return title


def label(name: str) -> str:
    """A wijk's name on the map, without the word 'Wijk'."""
    return name.replace("Wijk ", "").strip()
