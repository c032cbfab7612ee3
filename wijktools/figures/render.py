"""All profile figures of one area as images; the SVG (HTML) path reuses figures between areas.

Creating a matplotlib figure, its axes and their ticks costs more than drawing it. For HTML the
render path keeps one live figure per figure type and structure (`_Template`) and per area only
removes the data artists (bars, lines, value labels, legend, source line) and refills them with the
same `figures.fill_*` code a fresh figure uses. What stays (figure, axes, spines, tick objects) is
the same for every area of that structure, so an area's SVG bytes do not depend on which areas came
before (tests/figures/test_render.py). Public figure functions still return fresh figures.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from wijktools.figures import maps, theme
from wijktools.figures import profile as figures
from wijktools.figures.profile import FigureImage

if TYPE_CHECKING:
    from wijktools.profile.model import Profile

MAX_TEMPLATES = 48  # structures seen in a run (health figures vary by number of indicators)


@dataclass
class _Template:
    """A live figure and the source line its last fill added (the one figure text that changes)."""

    fig: Figure
    source: Text


_TEMPLATES: OrderedDict[Hashable, _Template] = OrderedDict()
_LOCK = threading.Lock()


def clear_templates() -> None:
    """Drop every kept figure (tests; frees the memory of a long-running process)."""
    with _LOCK:
        _TEMPLATES.clear()


def templates_kept() -> int:
    """How many live figures the render path keeps (bounded by MAX_TEMPLATES)."""
    return len(_TEMPLATES)


def _empty(template: _Template) -> None:
    """Remove what a fill adds, and reset the data limits as a fresh axes has them."""
    fig = template.fig
    for ax in fig.axes:
        for container in list(ax.containers):
            container.remove()
        for artist in [*ax.collections, *ax.lines, *ax.patches, *ax.texts]:
            artist.remove()
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
        ax.dataLim = Bbox.null()
        ax.ignore_existing_data_limits = True
    template.source.remove()


def _reused(
    key: Hashable, build: Callable[[], Figure | None], fill: Callable[[Figure], None]
) -> Figure | None:
    """The figure for `key`: built fresh the first time, else the kept one emptied and refilled."""
    template = _TEMPLATES.get(key)
    if template is None:
        fig = build()
        if fig is not None:
            _TEMPLATES[key] = _Template(fig, fig.texts[-1])
            while len(_TEMPLATES) > MAX_TEMPLATES:
                _TEMPLATES.popitem(last=False)
        return fig
    _TEMPLATES.move_to_end(key)
    try:
        _empty(template)
        with theme.style():
            fill(template.fig)
    except BaseException:
        del _TEMPLATES[key]  # half refilled: the next area of this structure builds it anew
        raise
    template.source = template.fig.texts[-1]
    return template.fig


def _svg_figures(profile: Profile) -> Iterator[tuple[str, Figure | None]]:
    """(name, figure) per figure in report order; each figure is only valid until the next."""
    yield (
        "leeftijd",
        _reused(
            ("leeftijd",),
            lambda: figures.age_structure(profile),
            lambda fig: figures.fill_age(fig, profile),
        ),
    )
    for name, group in (("gezondheid", "18+"), ("gezondheid_65", "65+")):
        rows = figures.health_rows(profile, group)
        yield (
            name,
            None
            if not rows
            else _reused(
                (name, len(rows)),
                lambda group=group: figures.health(profile, group),
                lambda fig, rows=rows, group=group: figures.fill_health(fig, profile, rows, group),
            ),
        )
    rows = figures.trend_rows(profile)
    yield (
        "trend",
        None
        if not rows
        else _reused(
            ("trend", len(rows)),
            lambda: figures.trends(profile),
            lambda fig: figures.fill_trends(fig, profile, rows, "18+"),
        ),
    )
    zorg = profile.zorgvraag
    yield (
        "zorgvraag",
        None
        if zorg is None
        else _reused(
            # Bar categories are the years: an axis keeps every category it has seen.
            ("zorgvraag", tuple(str(y.year) for y in zorg.years)),
            lambda: figures.demand(profile),
            lambda fig: figures.fill_demand(fig, profile),
        ),
    )


def _svg_map(profile: Profile) -> tuple[Figure | None, str]:
    """The map in the one reused map figure (every fill plots the gemeente's shapes anew)."""
    in_gem, present, note = maps.map_inputs(profile)
    if in_gem is None:
        return None, note
    fig = _reused(
        ("kaart",),
        lambda: maps.area_map(profile)[0],
        lambda fig: maps.fill_map(fig, profile, in_gem, present),
    )
    return fig, note


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
    "trend": ("Ontwikkeling 2012-2020", "Gebied, gemeente en Nederland."),
    "zorgvraag": ("Verwachte zorgvraag", "Huisartscontacten nu, 2030 en 2040."),
}


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
    with _collect_once():
        if fmt == "svg":
            with _LOCK:
                return _render(profile, _svg_figures(profile), fmt, dpi)
        return _render(profile, _fresh_figures(profile), fmt, dpi)


def _render(
    profile: Profile, made: Iterator[tuple[str, Figure | None]], fmt: str, dpi: int
) -> tuple[list[FigureImage], list[str]]:
    """Render each figure before the next is made (a reused figure is refilled for the next area)."""
    images: list[FigureImage] = []
    for name, fig in made:
        if fig is not None:
            images.append(_image(name, *TITLES[name], fig, fmt, dpi))
    fig, note = _svg_map(profile) if fmt == "svg" else maps.area_map(profile)
    if fig is None:
        return images, [note]
    images.append(_image("kaart", "Ligging", note, fig, fmt, dpi))
    return images, []


def _image(name: str, title: str, caption: str, fig: Figure, fmt: str, dpi: int) -> FigureImage:
    if fmt == "svg":
        return FigureImage(name, title, caption, svg=theme.to_svg(fig))
    return FigureImage(name, title, caption, png=theme.to_png(fig, dpi=dpi))
