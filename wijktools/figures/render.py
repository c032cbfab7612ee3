"""All profile figures of one area as images: PNG from matplotlib, SVG (HTML) written directly.

For HTML the figures come from `figures.svg_profile` (the same series, layout and theme written
straight to SVG: about 1 ms a figure where matplotlib takes about 50 ms, and the gemeente's base
map drawn once per gemeente). PDF, Word and PowerPoint keep matplotlib's PNGs of the same figures.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from wijktools.figures import maps, svg_profile, theme
from wijktools.figures import profile as figures
from wijktools.figures.profile import FigureImage

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from wijktools.profile.model import Profile


def _svg_images(profile: Profile) -> tuple[list[FigureImage], list[str]]:
    """Every figure as direct SVG, in report order, and the note when there is no map."""
    made: list[tuple[str, bytes | None]] = [("leeftijd", svg_profile.age_structure(profile))]
    for name, group in (("gezondheid", "18+"), ("gezondheid_65", "65+")):
        rows = figures.health_rows(profile, group)
        made.append((name, svg_profile.health(profile, rows, group) if rows else None))
    rows = figures.trend_rows(profile)
    made.append(("trend", svg_profile.trends(profile, rows, "18+") if rows else None))
    made.append(("zorgvraag", svg_profile.demand(profile)))
    images = [
        FigureImage(name, *titles(profile, name), svg=svg) for name, svg in made if svg is not None
    ]
    svg, note = svg_profile.area_map(profile)
    if svg is None:
        return images, [note]
    images.append(FigureImage("kaart", "Ligging", note, svg=svg))
    return images, []


def _fresh_figures(profile: Profile) -> Iterator[tuple[str, Figure | None]]:
    """(name, figure) per figure in report order, each built new (PNG for PDF/Word)."""
    yield "leeftijd", figures.age_structure(profile)
    yield "gezondheid", figures.health(profile, "18+")
    yield "gezondheid_65", figures.health(profile, "65+")
    yield "trend", figures.trends(profile)
    yield "zorgvraag", figures.demand(profile)


TITLES = {
    "leeftijd": ("Leeftijdsopbouw", "Aandeel per leeftijdsgroep."),
    "gezondheid": ("Gezondheid en welzijn (18+)", "RIVM-schattingen 18 jaar en ouder."),
    "gezondheid_65": ("Gezondheid en welzijn (65+)", "RIVM-schattingen 65 jaar en ouder."),
    "trend": ("Ontwikkeling 2012-2020", ""),  # caption: what the lines compare, see titles()
    "zorgvraag": (
        "Verwachte zorgvraag",
        "Huisartscontacten per inwoner nu, 2030 en 2040 door de leeftijdsopbouw alleen (index nu = 100).",
    ),
}


def titles(profile: Profile, name: str) -> tuple[str, str]:
    """(title, caption) of one figure; the trend's caption names only the comparisons drawn."""
    title, caption = TITLES[name]
    if name == "trend":
        caption = figures.trend_caption(profile, figures.trend_rows(profile))
    return title, caption


@contextmanager
def _collect_once() -> Iterator[None]:
    """Pause automatic garbage collection while figures are built, then collect the young ones once.

    A profile creates many cyclic matplotlib objects; automatic collections while they are still in
    use rescan and promote them. Collecting once afterwards frees the dropped figures just as well
    (peak memory stays flat over many areas).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect(0)


def render_all(
    profile: Profile, dpi: int = figures.DPI, fmt: str = "png"
) -> tuple[list[FigureImage], list[str]]:
    """Every profile figure as PNG (or `fmt="svg"` for HTML) plus notes for figures left out."""
    if fmt == "svg" and theme.current_medium() == theme.PAGE:
        return _svg_images(profile)
    with _collect_once():
        return _render(profile, _fresh_figures(profile), fmt, dpi)


def _render(
    profile: Profile, made: Iterator[tuple[str, Figure | None]], fmt: str, dpi: int
) -> tuple[list[FigureImage], list[str]]:
    """Render each figure before the next is made, so only one lives at a time."""
    images: list[FigureImage] = []
    for name, fig in made:
        if fig is not None:
            images.append(_image(name, *titles(profile, name), fig, fmt, dpi))
    fig, note = maps.area_map(profile)
    if fig is None:
        return images, [note]
    images.append(_image("kaart", "Ligging", note, fig, fmt, dpi))
    return images, []


def _image(name: str, title: str, caption: str, fig: Figure, fmt: str, dpi: int) -> FigureImage:
    if fmt == "svg":
        return FigureImage(name, title, caption, svg=theme.to_svg(fig))
    return FigureImage(name, title, caption, png=theme.to_png(fig, dpi=dpi))
