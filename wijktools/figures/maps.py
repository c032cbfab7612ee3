"""The area on the map of its gemeente (wijk boundaries 2024), with the reason when there is none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijktools.figures import profile as figures_profile
from wijktools.figures import theme
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
    labels, at = [], {}
    largest_first = in_gem.assign(_area=-in_gem.area).sort_values("_area", kind="stable")
    for row in largest_first.itertuples():
        point = row.geometry.representative_point()
        at[row.code] = (point.x, point.y)
        x, y = to_points((point.x, point.y)) * 72 / fig.dpi
        labels.append((row.code, float(x), float(y), label(row.naam)))
    shown = visible_labels(labels, set(present), size)
    for code, _x, _y, text in labels:
        if code in shown:
            ax.annotate(
                text,
                at[code],
                ha="center",
                fontsize=size,
                color="black" if code not in present else "white",
            )
    ax.set_title(map_title(profile, in_gem, present), y=figures_profile.TITLE_Y)
    theme.add_source(fig, MAP_SOURCE)


def visible_labels(
    labels: Sequence[tuple[str, float, float, str]], marked: set[str], size: float
) -> set[str]:
    """The wijken whose name fits on the map without running into another name.

    Amsterdam has 110 wijken: with every name drawn the map of Chassébuurt was a smudge of text over
    the marked wijk. `labels` is (code, x, y, name) in points with the larger wijken first; the marked
    wijken are always named, the others only where their name does not touch one already placed.
    """
    placed: list[tuple[float, float, float]] = []
    shown: set[str] = set()
    for code, x, y, text in sorted(labels, key=lambda item: item[0] not in marked):
        width = theme.text_width(text, size) * 72
        if code not in marked and any(
            abs(x - px) < (width + pw) / 2 and abs(y - py) < size * LABEL_GAP
            for px, py, pw in placed
        ):
            continue
        placed.append((x, y, width))
        shown.add(code)
    return shown


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
