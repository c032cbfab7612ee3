"""One figure house style: Dutch labels, colour-blind-safe, readable on a projector, source under every figure.

Matplotlib is imported where a figure is drawn (PNG, `to_svg`), not on import: the profile page's
figures are written as SVG directly (`figures.svg_charts`) and need only the constants and text
widths here, so `wijktools profiel` never pays matplotlib's start-up.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from wijktools.nl import fmt_number as fmt_number  # figures label numbers the Dutch way too
from wijktools.opendata import rivm
from wijktools.paths import derived_dir, write_text_atomic

if TYPE_CHECKING:  # matplotlib's figure machinery is imported where a figure is drawn (PNG)
    from matplotlib.figure import Figure


@cache
def _matplotlib() -> ModuleType:
    """Matplotlib on the Agg backend: no display on CI or in batch workers; notebooks show via PNG."""
    import matplotlib

    matplotlib.use("Agg")
    return matplotlib


# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = {
    "blauw": "#0072B2",
    "oranje": "#E69F00",
    "groen": "#009E73",
    "rood": "#D55E00",
    "paars": "#CC79A7",
    "lichtblauw": "#56B4E9",
    "geel": "#F0E442",
    "grijs": "#7F7F7F",
    "zwart": "#000000",
}
SERIES = [PALETTE[k] for k in ("blauw", "oranje", "groen", "rood", "paars", "lichtblauw", "grijs")]
AREA, GEMEENTE, NEDERLAND, PEERS = (
    PALETTE["blauw"],
    PALETTE["oranje"],
    PALETTE["grijs"],
    PALETTE["groen"],
)
# The colour of each comparison (profile.model.Comparison.key), the same in every figure and chart.
COMPARISON_COLOURS = {"gemeente": GEMEENTE, "nederland": NEDERLAND, "peers": PEERS}

CBS_KWB_SOURCE = "Bron: CBS, Kerncijfers wijken en buurten {year}; CC BY 4.0"
RIVM_SOURCE = "Bron: RIVM, Gezondheid per wijk en buurt {year} (50090NED); CC BY 4.0"


def rivm_source(years: list[int] | list[str]) -> str:
    """The RIVM source line naming the edition (table) each shown year comes from."""
    ordered = sorted({int(y) for y in years})
    tables = dict.fromkeys(rivm.table_of_year(y) or rivm.SHIPPED_TABLE for y in ordered)
    return (
        f"Bron: RIVM, Gezondheid per wijk en buurt {', '.join(map(str, ordered))} "
        f"({', '.join(tables)}); CC BY 4.0"
    )


# A 10-inch figure prints at 7 in on A4 (render/layout.py): 12 pt there is 8.4 pt on paper.
MIN_PRINT_FONT = 12

RC = {
    "font.size": 13,
    "axes.titlesize": 16,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.formatter.use_locale": False,
}


@dataclass(frozen=True)
class Medium:
    """Where a figure is shown: the renderer's size in inches and the smallest type it allows.

    The same figure function draws for every medium; only size and type sizes follow the medium.
    """

    name: str
    width: float | None = None  # None: the figure function's own size (notebook, report)
    height: float | None = None
    scale: float = 1.0  # type sizes times this
    min_pt: float = 0.0  # but never below this
    source_line: bool = True  # False where the slide prints the source itself
    peers: bool = True  # False: three bars per group (area, gemeente, NL) stay legible on a slide
    compact: bool = False  # True: leave out side boxes that the deck shows on a slide of their own
    # bar charts: the legend above the bars (page), or beside them (wide slide)
    legend_above: bool = True


PAGE = Medium("pagina")
# A 16:9 slide (13,33 × 7,5 inch) below its title; placed 1:1, so 18 pt here is 18 pt on the slide.
SLIDE = Medium(
    "dia",
    12.1,
    5.2,
    scale=1.5,
    min_pt=18.0,
    source_line=False,
    peers=False,
    compact=True,
    legend_above=False,
)
_MEDIUM: ContextVar[Medium] = ContextVar("wijktools_medium", default=PAGE)


def current_medium() -> Medium:
    """The medium figures are drawn for right now (PAGE unless inside `medium()`)."""
    return _MEDIUM.get()


@contextmanager
def medium(target: Medium) -> Iterator[None]:
    """Draw the figures made inside this block for `target` (e.g. SLIDE: slide size, 18 pt+)."""
    token = _MEDIUM.set(target)
    try:
        yield
    finally:
        _MEDIUM.reset(token)


def fs(size: float) -> float:
    """A type size in points for the current medium (unchanged on paper, 18 pt or more on a slide)."""
    target = _MEDIUM.get()
    return max(target.min_pt, size * target.scale)


def _rc() -> dict[str, object]:
    from cycler import cycler  # matplotlib's own dependency; its `matplotlib.cycler`

    target = _MEDIUM.get()
    rc = {**RC, "axes.prop_cycle": cycler(color=SERIES)}
    if target.scale == 1.0 and not target.min_pt:
        return rc
    sizes = {k: fs(v) for k, v in RC.items() if k.endswith("size") and isinstance(v, int | float)}
    return {**rc, **sizes}


@contextmanager
def style() -> Iterator[None]:
    """Apply the house style without leaking rcParams into a user's own plots."""
    with _matplotlib().rc_context(_rc()):
        yield


def new_figure(
    width: float = 10, height: float = 5.6, layout: str | None = "constrained"
) -> tuple[Figure, object]:
    """A figure that is never registered with pyplot, so batch runs cannot leak open figures.

    `layout=None` skips the constrained layout engine (a third of the drawing time); such figures set
    fixed margins with `margins()`. A medium with its own size (SLIDE) overrides width and height.
    """
    target = _MEDIUM.get()
    if target.width and target.height:
        width, height = target.width, target.height
    _matplotlib()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout=layout)
    ax = fig.add_subplot()
    return fig, ax


def margins(
    fig: Figure, left: float, right: float, top: float, bottom: float, **space: float
) -> None:
    """Fixed margins in inches (instead of a layout engine); `space` passes wspace/hspace on."""
    width, height = fig.get_size_inches()
    target = _MEDIUM.get()
    if target.scale != 1.0:  # larger type needs room for tick labels and axis title
        top, bottom = top * target.scale, bottom * target.scale
        if not target.source_line:
            bottom -= 0.45
    fig.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - top / height,
        bottom=bottom / height,
        **space,
    )


@cache
def _measuring_renderer() -> object:
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, 72)


# Measured widths kept across runs: FreeType lays out each text anew (1 to 2 ms a text, 0.15 s a
# profile), while the labels, legends, tick labels and source lines of the figures recur.
WIDTHS_SCHEMA = "tekstbreedtes-2"
WIDTHS_MAX = 10_000  # entries (about 0.6 MB); a fuller file is started afresh: loading stays cheap
# The font settings a width is measured in: matplotlib's defaults (its own DejaVu Sans, the font
# the SVG figures name), whatever a user's matplotlibrc says. So the stored widths depend only on
# the matplotlib that measures them, and a run that reads them need not import matplotlib.
_WIDTH_RC = (
    "font.family",
    "font.sans-serif",
    "font.style",
    "font.variant",
    "font.stretch",
    "text.hinting",
    "text.hinting_factor",
    "text.kerning_factor",
)


def _widths_path() -> Path:
    """The stored widths, keyed by what measures them: matplotlib's FreeType module, as installed.

    Found without importing matplotlib (a tenth of a second) and without reading the package
    metadata (10 ms); a new matplotlib brings a new `ft2font` module, and with it new widths.
    """
    from importlib.util import find_spec

    spec = find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib is a dependency"
    digest = hashlib.sha256(WIDTHS_SCHEMA.encode())
    for found in sorted(Path(spec.origin).parent.glob("ft2font*")):
        stat = found.stat()
        digest.update(f"|{found.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return derived_dir() / f"tekstbreedtes-{digest.hexdigest()[:16]}.json"


@cache
def _stored_widths() -> tuple[dict[str, float], dict[str, float], Path | None]:
    """(widths read from data/derived, widths measured in this run, the file); empty when unreadable."""
    try:
        path = _widths_path()
        stored = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        return {}, {}, None
    if not isinstance(stored, dict):
        stored = {}
    new: dict[str, float] = {}
    atexit.register(_save_widths)
    return stored, new, path


def _save_widths() -> None:
    """Add this run's measurements to the stored widths (atomically; a lost race only costs time)."""
    stored, new, path = _stored_widths()
    if not new or path is None:
        return
    try:
        on_disk = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(on_disk, dict) or len(on_disk) + len(new) > WIDTHS_MAX:
            on_disk = {}
        on_disk.update(new)
        for old in path.parent.glob("tekstbreedtes-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
        write_text_atomic(path, json.dumps(on_disk, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass
    stored.update(new)
    new.clear()


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width in inches of one line of text in the house font: margins that fit without a layout pass.

    The Agg renderer's own measurement (FreeType through `ft2font`, at 72 dpi) made with matplotlib's
    public font look-up in its default font settings (`_WIDTH_RC`), so the HTML figures need no
    renderer and its backend imports. A width measured before (same text, size, weight and
    matplotlib) is read from data/derived without importing matplotlib.
    """
    stored, new, _path = _stored_widths()
    key = f"{size!r}|{weight}|{text}"
    found = stored.get(key)
    if isinstance(found, float):
        return found
    width = _measure(text, size, weight)
    new[key] = width
    return width


def _measure(text: str, size: float, weight: str) -> float:
    matplotlib = _matplotlib()
    from matplotlib.font_manager import FontProperties, findfont, get_font
    from matplotlib.ft2font import LoadFlags

    defaults = {name: matplotlib.rcParamsDefault[name] for name in _WIDTH_RC}
    with matplotlib.rc_context(defaults):
        prop = FontProperties(size=size, weight=weight)
        if matplotlib.rcParams["text.hinting"] != "default":  # a default of another version
            width, _height, _descent = _measuring_renderer().get_text_width_height_descent(
                text, prop, ismath=False
            )
            return width / 72
        font = get_font(findfont(prop))
        font.clear()
        font.set_size(prop.get_size_in_points(), 72)
        font.set_text(text, 0.0, flags=LoadFlags.DEFAULT)
        return font.get_width_height()[0] / 64 / 72


def add_source(fig: Figure, text: str) -> None:
    """Every figure carries its source line, also when it travels alone.

    On a slide the slide itself prints the source under the figure (large enough to read), so the
    figure keeps an empty placeholder text (figure_render refills the last text of a figure).
    """
    shown = text if _MEDIUM.get().source_line else ""
    fig.text(
        0.01,
        0.005,
        shown,
        ha="left",
        va="bottom",
        fontsize=fs(MIN_PRINT_FONT),
        color=PALETTE["grijs"],
        wrap=True,  # a long attribution wraps at the figure's edge instead of losing its licence
    )
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(h_pad=0.25)


def to_png(fig: Figure, dpi: int = 150) -> bytes:
    """Render once to PNG bytes, the pixels of `savefig(facecolor="white")`; every format embeds them.

    Opaque RGB (no transparency to keep on white; WeasyPrint need not split off an alpha channel),
    rows unfiltered at zlib level 1: for these flat charts as small as Pillow's PNG, which tries
    five filters on every row (two thirds of its time). pHYs: the size Word and PowerPoint read.
    """
    import numpy as np
    import png  # pypng
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    dpi_was, face_was, engine = fig.get_dpi(), fig.get_facecolor(), fig.get_layout_engine()
    fig.set_dpi(dpi)
    fig.set_facecolor("white")
    try:
        if engine is not None:  # laid out once (as a draw does it), then drawn with the engine
            if fig.axes:  # off, as savefig does but without its whole draw before the layout
                engine.execute(fig)  # (the renderer keeps the text sizes measured for the draw)
            fig.set_layout_engine("none")
        raw, (width, height) = canvas.print_to_buffer()
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
        fig.set_dpi(dpi_was)
        fig.set_facecolor(face_was)
    rgb = np.frombuffer(raw, np.uint8).reshape(height, width, 4)[:, :, :3]
    phys = dict.fromkeys(("x_pixels_per_unit", "y_pixels_per_unit"), round(dpi / 0.0254))
    writer = png.Writer(width, height, greyscale=False, compression=1, unit_is_meter=True, **phys)
    writer.write(buffer := io.BytesIO(), rgb.reshape(height, width * 3))
    return buffer.getvalue()


def to_svg(fig: Figure, text_as_paths: bool = False) -> bytes:
    """A matplotlib figure as SVG (the profile's own figures are written by `figures.svg_profile`).

    Fixed hash salt and no date: the same figure gives the same bytes (reproducible outputs).
    `text_as_paths` draws the letters as outlines: the figure looks the same on a computer without
    the house font (a presentation laptop), where text would fall back to another font.
    """
    # A text buffer, encoded once: a byte buffer gets a codecs writer that encodes every fragment.
    buffer = io.StringIO()
    fonttype = "path" if text_as_paths else "none"
    with _matplotlib().rc_context({"svg.fonttype": fonttype, "svg.hashsalt": "wijktools"}):
        fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    return buffer.getvalue().encode("utf-8")


def to_data_uri(data: bytes, mime: str = "image/png") -> str:
    """Self-contained HTML needs images inline (PNG by default, `image/svg+xml` for to_svg bytes)."""
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
