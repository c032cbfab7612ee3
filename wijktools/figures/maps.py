"""The area on the map of its gemeente (wijk boundaries 2024), with the reason when there is none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from wijktools.figures import profile as figures_profile
from wijktools.figures import theme
from wijktools.opendata import boundaries

if TYPE_CHECKING:
    import geopandas
    from matplotlib.figure import Figure

    from wijktools.profile.model import Profile

MAP_SOURCE = f"Bron: {boundaries.SOURCE_2024}"
MAP_SIZE = (7, 7)
MAP_MARGINS = {"left": 0.1, "right": 0.1, "top": 0.55, "bottom": 0.35}
MAP_EDGE = 1.2  # white lines between the wijken
MAP_GREY = "#E6E6E6"
LABEL_PAD_PT = 1.5  # free space kept around every wijk name
TITLE_LIMITS = (80, 34, 28, 22, 16)  # a long name in the title is shortened in these steps
HALO_PT = 3.0  # the marked area's name has a white halo: readable on the blue and on the grey


class MapLabel(NamedTuple):
    """A wijk's name on the map: anchor (centre of the baseline) in points, y upwards."""

    code: str
    x: float
    y: float
    text: str
    area: float  # the wijk's land area: larger wijken keep their name first


def shown_labels(
    labels: list[MapLabel], marked: set[str], size: float, width: float = MAP_SIZE[0] * 72
) -> list[MapLabel]:
    """The names that fit without overlap: the marked area's first, then larger wijken before smaller.

    Every name drawn over every wijk made a dense centre unreadable (Joure: six names on one line,
    the marked wijk's own name under a neighbour's). A name that would touch one already placed is
    left out; the marked wijken always keep theirs (bold, with a white halo). The same choice in the
    PNG and SVG maps. A name that would run past the figure's edge (a wijk at the border of the
    map) is moved inwards until it fits.
    """
    order = sorted(labels, key=lambda lab: (lab.code not in marked, -lab.area, lab.code))
    placed: list[tuple[float, float, float, float]] = []
    kept: dict[str, MapLabel] = {}
    for lab in order:
        weight = "bold" if lab.code in marked else "normal"
        half = theme.text_width(lab.text, size, weight) * 72 / 2 + LABEL_PAD_PT
        lab = lab._replace(x=min(max(lab.x, half), width - half))
        # Marked names are never dropped: one that touches another marked name (two wijken of a
        # kern side by side) moves a line down or up instead.
        shifts = (0.0, -1.1, 1.1, -2.2, 2.2) if lab.code in marked else (0.0,)
        for shift in shifts:
            moved = lab._replace(y=lab.y + shift * size)
            if all(_apart(_box(moved, half, size), other) for other in placed):
                break
        else:
            if lab.code not in marked:
                continue
            moved = lab
        box = _box(moved, half, size)
        placed.append((box[0], box[1], box[2] - LABEL_PAD_PT, box[3] + LABEL_PAD_PT))
        kept[lab.code] = moved
    return [kept[lab.code] for lab in labels if lab.code in kept]


def _box(lab: MapLabel, half: float, size: float) -> tuple[float, float, float, float]:
    """The space a name takes (left, right, bottom, top): its width, a descender below the baseline."""
    return (lab.x - half, lab.x + half, lab.y - 0.3 * size, lab.y + 0.8 * size)


def _apart(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Two boxes (left, right, bottom, top) that do not touch."""
    return a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]


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
    profile: Profile, gdf: Mapping[str, Any] | None = None
) -> tuple[dict[str, str] | None, list[str], str]:
    """The names of the gemeente's 2024 wijken by code, the codes to mark and the caption.

    No names with the reason why not. `gdf` is the table of 2024 wijken to use, a frame or the
    columns `boundaries.wijken_2024_shapes` gives (`boundaries.wijken_2024()` when not given).
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
    names = {
        code: name
        for code, name, of in zip(gdf["code"], gdf["naam"], gdf["gemeente_code"], strict=True)
        if of == gm
    }
    present = [c for c in codes if c in names]
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
        shown = ", ".join(f"{c} {names[c]}" for c in present)
        marked = (
            "de gemarkeerde wijk is de wijk"
            if len(present) == 1
            else "de gemarkeerde wijken zijn de wijken"
        )
        lies = "de buurt ligt" if len(buurten) == 1 else "de buurten liggen"
        note += f" Buurtgrenzen staan niet op deze kaart: {marked} waarin {lies} ({shown})."
    return names, present, note


def area_map(profile: Profile) -> tuple[Figure | None, str]:
    """The area within its gemeente, or None with the Dutch reason why not."""
    names, present, note = map_inputs(profile)
    gdf = boundaries.wijken_2024()
    if names is None or gdf is None:
        return None, note
    in_gem = gdf[gdf["gemeente_code"] == profile.gebied["gemeente_code"]]
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
    from matplotlib import patheffects

    ax.set_axis_off()
    ax.apply_aspect()  # the final data-to-points transform, as the figure will be drawn
    to_points = 72 / fig.dpi
    size = theme.fs(9)
    labels = []
    for row in in_gem.itertuples():
        point = row.geometry.representative_point()
        x, y = ax.transData.transform((point.x, point.y)) * to_points
        labels.append(MapLabel(row.code, float(x), float(y), label(row.naam), row.geometry.area))
    to_data = ax.transData.inverted()
    for lab in shown_labels(labels, set(present), size, fig.get_figwidth() * 72):
        marked = lab.code in present
        ax.annotate(
            lab.text,
            tuple(to_data.transform((lab.x / to_points, lab.y / to_points))),
            ha="center",
            fontsize=size,
            # The marked name bold with a white halo: readable where it runs past the blue.
            fontweight="bold" if marked else "normal",
            path_effects=[patheffects.withStroke(linewidth=HALO_PT, foreground="white")]
            if marked
            else None,
        )
    names = dict(zip(in_gem["code"], in_gem["naam"], strict=True))
    ax.set_title(map_title(profile, names, present), y=figures_profile.TITLE_Y)
    theme.add_source(fig, MAP_SOURCE)


def map_title(profile: Profile, names: dict[str, str], present: list[str]) -> str:
    """The map's title, within the map's width; a buurt says which wijk is marked (no buurt map)."""
    short = figures_profile.short_label
    name, gemeente = profile.gebied["naam"], profile.gebied["gemeentenaam"]
    options = [f"{name} in de gemeente {gemeente}", f"{name} ({gemeente})"]
    options += [short(name, limit) for limit in TITLE_LIMITS]
    if profile.gebied["soort"] == "buurt":
        wijk = next(naam for code, naam in names.items() if code in present)
        options = [
            f"Buurt {short(name, limit)} ligt in {short(wijk, limit)}" for limit in TITLE_LIMITS
        ]
    width = MAP_SIZE[0] - MAP_MARGINS["left"] - MAP_MARGINS["right"]
    return figures_profile.fitting_title(options, width)


def label(name: str) -> str:
    """A wijk's name on the map, without the word 'Wijk'."""
    return name.replace("Wijk ", "").strip()
