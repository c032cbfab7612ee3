"""The profile's simple charts written straight to SVG for HTML: the same figure, without matplotlib's cost.

A matplotlib figure costs about 50 ms to draw to SVG however simple it is (artists, tick machinery,
text layout); the whole country is 18,309 areas with up to six figures each. The bar charts, the
trend panels and the map of the profile are drawn here from the same data, layout numbers and
house theme as their matplotlib versions in `figures.profile` and `figures.maps` (which still make
the PNGs of PDF, Word and PowerPoint): the same size, margins, tick positions (matplotlib's
`MaxNLocator` rule, `figures.locator`), colours, type sizes, titles, legends and source lines, text
kept as text. One Jinja template (`templates/figures/chart.svg.j2`) writes the elements, escaping
every text. Matplotlib's defaults are the house settings here (fonts, tick label size): the SVG
names matplotlib's default font, and this module does not import matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from wijktools.figures import locator, theme
from wijktools.paths import template_cache

PT = 72.0  # SVG user units per inch (points), as matplotlib's SVG backend lays out
FONT = (
    "'DejaVu Sans', 'Bitstream Vera Sans', 'Lucida Grande', Verdana, Geneva, Arial, Helvetica, "
    "sans-serif"
)
# DejaVu Sans, in em: matplotlib aligns text on the box of "lp" (ascent of l, descent of p).
ASCENT, DESCENT = 0.76, 0.21
GRID = {"colour": "#b0b0b0", "opacity": 0.3, "width": 0.8}
SPINE, TICK, PAD, TITLE_PAD, LABEL_PAD = 0.8, 3.5, 3.5, 6.0, 4.0
# The tick label size AutoLocator counts with: the house figures are drawn (saved) outside
# `theme.style()`, so matplotlib counts with its default size there ('medium' of 10 pt), not the
# theme's 12 pt; the same count gives the same ticks here.
LOCATOR_LABEL_SIZE = 10.0
LINE_SPACING = 1.2  # matplotlib's line spacing of multi-line text, in em


@dataclass
class Text:
    """One text element: position of its anchor point in points, baseline already applied."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"  # start, middle, end
    weight: str = "normal"
    colour: str = "#000000"
    rotate: float = 0.0
    halo: float = 0.0  # width in points of a white outline drawn under the text (0: none)


@dataclass
class Rect:
    """A filled rectangle (bars, legend handles, legend frame)."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str = "none"
    stroke_width: float = 0.0
    opacity: float = 1.0
    rx: float = 0.0


@dataclass
class Line:
    """A polyline (spines, grid, ticks, trend lines), optionally with round markers."""

    points: list[tuple[float, float]]
    colour: str
    width: float
    opacity: float = 1.0
    marker: float = 0.0  # marker diameter in points; 0 = none


@dataclass
class Shape:
    """A filled path (map polygons), `d` in SVG path syntax."""

    d: str
    fill: str
    stroke: str
    stroke_width: float


@dataclass
class Canvas:
    """The elements of one figure in drawing order."""

    width: float  # inches
    height: float
    elements: list[object] = field(default_factory=list)

    def add(self, element: object) -> None:
        """Draw this on top of what is there."""
        self.elements.append(element)

    def text(
        self, x: float, y: float, text: str, size: float, va: str = "baseline", **kw: object
    ) -> None:
        """A text with matplotlib's vertical alignment (baseline, center, top, bottom)."""
        shift = {
            "baseline": 0.0,
            "center": (ASCENT - DESCENT) / 2 * size,
            "top": ASCENT * size,
            "bottom": -DESCENT * size,
        }[va]
        self.add(Text(x, y + shift, text, size, **kw))

    def svg(self) -> bytes:
        """The figure as SVG bytes (UTF-8)."""
        kinds = {Text: "text", Rect: "rect", Line: "line", Shape: "shape"}
        return (
            _template()
            .render(
                width=num(self.width * PT),
                height=num(self.height * PT),
                font=FONT,
                elements=[(kinds[type(e)], e) for e in self.elements],
                num=num,
                points=_points,
            )
            .encode("utf-8")
        )


@cache
def _template() -> object:
    env = Environment(
        loader=PackageLoader("wijktools", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache("svg"),
    )
    return env.get_template("figures/chart.svg.j2")


def num(value: float) -> str:
    """Coordinates to 0.01 pt: sharp at any zoom, and the same bytes on every machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def width_pt(text: str, size: float, weight: str = "normal") -> float:
    """Width of one line in the house font (FreeType, cached), in points."""
    return theme.text_width(text, size, weight) * PT


def ticks(low: float, high: float, length_pt: float) -> list[float]:
    """The tick values matplotlib's AutoLocator picks for this axis length (inside the limits)."""
    bins = max(1, min(9, math.floor(length_pt / (LOCATOR_LABEL_SIZE * 3))))
    return _inside(locator.tick_values(low, high, bins), low, high)


def y_ticks(low: float, high: float, length_pt: float) -> list[float]:
    """AutoLocator on a vertical axis (room per tick: two text heights, as matplotlib's YAxis)."""
    bins = max(1, min(9, math.floor(length_pt / (LOCATOR_LABEL_SIZE * 2))))
    return _inside(locator.tick_values(low, high, bins), low, high)


def _inside(values: list[float], low: float, high: float) -> list[float]:
    eps = 1e-10 * max(1.0, abs(high - low))
    return [v for v in values if low - eps <= v <= high + eps]


def autoscale(low: float, high: float, sticky_low: bool = False) -> tuple[float, float]:
    """Matplotlib's data limits plus 5 % margins; a sticky 0 (bars) keeps the axis at 0."""
    if high == low:
        low, high = low - 0.05 * abs(low or 1), high + 0.05 * abs(high or 1)
        return (low if not sticky_low else 0.0, high)
    margin = 0.05 * (high - low)
    return (low if sticky_low else low - margin, high + margin)


@dataclass
class Axes:
    """A plotting box in points (figure coordinates, y down) with its data limits."""

    left: float
    top: float
    width: float
    height: float
    xlim: tuple[float, float]
    ylim: tuple[float, float]  # (value at the bottom, value at the top)

    @classmethod
    def from_margins(
        cls, fig_w: float, fig_h: float, left: float, right: float, top: float, bottom: float
    ) -> Axes:
        """The box `theme.margins` gives a figure (margins in inches)."""
        return cls(
            left * PT,
            top * PT,
            (fig_w - left - right) * PT,
            (fig_h - top - bottom) * PT,
            (0.0, 1.0),
            (0.0, 1.0),
        )

    @property
    def right(self) -> float:
        """X of the right edge."""
        return self.left + self.width

    @property
    def bottom(self) -> float:
        """Y of the bottom edge."""
        return self.top + self.height

    def x(self, value: float) -> float:
        """Data x to points."""
        low, high = self.xlim
        return self.left + (value - low) / (high - low) * self.width

    def y(self, value: float) -> float:
        """Data y to points."""
        low, high = self.ylim
        return self.bottom - (value - low) / (high - low) * self.height


def background(canvas: Canvas) -> None:
    """The white figure, as savefig(facecolor='white') gives it."""
    canvas.add(Rect(0, 0, canvas.width * PT, canvas.height * PT, "#ffffff"))


def spines(canvas: Canvas, ax: Axes) -> None:
    """Left and bottom spines (the theme hides top and right)."""
    canvas.add(Line([(ax.left, ax.top), (ax.left, ax.bottom)], "#000000", SPINE))
    canvas.add(Line([(ax.left, ax.bottom), (ax.right, ax.bottom)], "#000000", SPINE))


def x_axis(
    canvas: Canvas, ax: Axes, values: Sequence[float], labels: Sequence[str], grid: bool
) -> float:
    """Ticks and labels under the axes (and vertical grid lines); returns the labels' lowest y."""
    size = theme.fs(theme.RC["xtick.labelsize"])
    for value, label in zip(values, labels, strict=True):
        x = ax.x(value)
        if grid:
            canvas.add(
                Line([(x, ax.top), (x, ax.bottom)], GRID["colour"], GRID["width"], GRID["opacity"])
            )
        canvas.add(Line([(x, ax.bottom), (x, ax.bottom + TICK)], "#000000", SPINE))
        canvas.text(x, ax.bottom + TICK + PAD, label, size, va="top", anchor="middle")
    return ax.bottom + TICK + PAD + (ASCENT + DESCENT) * size


def y_axis(
    canvas: Canvas, ax: Axes, values: Sequence[float], labels: Sequence[str], grid: bool
) -> float:
    """Ticks and right-aligned labels left of the axes (and horizontal grid); returns their left x."""
    size = theme.fs(theme.RC["ytick.labelsize"])
    widest = 0.0
    for value, label in zip(values, labels, strict=True):
        y = ax.y(value)
        if grid:
            canvas.add(
                Line([(ax.left, y), (ax.right, y)], GRID["colour"], GRID["width"], GRID["opacity"])
            )
        canvas.add(Line([(ax.left - TICK, y), (ax.left, y)], "#000000", SPINE))
        canvas.text(ax.left - TICK - PAD, y, label, size, va="center", anchor="end")
        widest = max(widest, width_pt(label, size))
    return ax.left - TICK - PAD - widest


def x_label(canvas: Canvas, ax: Axes, text: str, below: float) -> None:
    """Axis title centred under the tick labels."""
    size = theme.fs(theme.RC["axes.labelsize"])
    canvas.text((ax.left + ax.right) / 2, below + LABEL_PAD, text, size, va="top", anchor="middle")


def y_label(canvas: Canvas, ax: Axes, text: str, left: float) -> None:
    """Axis title rotated, left of the tick labels."""
    size = theme.fs(theme.RC["axes.labelsize"])
    x = left - LABEL_PAD - DESCENT * size
    canvas.add(Text(x, (ax.top + ax.bottom) / 2, text, size, anchor="middle", rotate=-90))


def title(
    canvas: Canvas, ax: Axes, text: str, size: float | None = None, pad: float = TITLE_PAD
) -> None:
    """Bold title centred above the axes, `pad` points above them (matplotlib's title pad)."""
    size = size or theme.fs(theme.RC["axes.titlesize"])
    canvas.text((ax.left + ax.right) / 2, ax.top - pad, text, size, anchor="middle", weight="bold")


def legend_size(labels: Sequence[str], size: float) -> tuple[float, float]:
    """Width and height in points of a legend with these labels (matplotlib's paddings, in em)."""
    pad, spacing = 0.4 * size, 0.5 * size
    text_w = max(width_pt(label, size) for label in labels)
    line_h = (ASCENT + DESCENT) * size
    return (
        2 * pad + 2.0 * size + 0.8 * size + text_w,
        2 * pad + len(labels) * line_h + (len(labels) - 1) * spacing,
    )


def legend(
    canvas: Canvas,
    entries: Sequence[tuple[str, str, str]],
    x: float,
    y: float,
    size: float,
    align_right: bool = False,
) -> None:
    """A framed legend whose upper-left (or upper-right) corner is at (x, y): (label, colour, kind).

    kind "box" draws a coloured box as for bars, "line" a line with a marker as for plots.
    """
    pad, spacing = 0.4 * size, 0.5 * size
    handle_w, handle_h, text_pad = 2.0 * size, 0.7 * size, 0.8 * size
    line_h = (ASCENT + DESCENT) * size
    width, height = legend_size([label for label, _, _ in entries], size)
    left = x - width if align_right else x
    canvas.add(Rect(left, y, width, height, "#ffffff", "#cccccc", 1.0, 0.8, 0.2 * size))
    for i, (label, colour, kind) in enumerate(entries):
        centre = y + pad + i * (line_h + spacing) + line_h / 2
        hx = left + pad
        if kind == "line":
            canvas.add(Line([(hx, centre), (hx + handle_w, centre)], colour, 1.5, marker=6.0))
        else:
            canvas.add(Rect(hx, centre - handle_h / 2, handle_w, handle_h, colour))
        canvas.text(hx + handle_w + text_pad, centre, label, size, va="center")


def source(canvas: Canvas, text: str) -> None:
    """The source line at the bottom left, wrapped at the figure's edge like matplotlib's wrap=True."""
    if not text:
        return
    size = theme.fs(theme.MIN_PRINT_FONT)
    room = canvas.width * PT * 0.99 - 0.01 * canvas.width * PT
    lines: list[str] = []
    for word in text.split(" "):
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and width_pt(trial, size) <= room:
            lines[-1] = trial
        elif not lines:
            lines.append(word)
        else:
            lines.append(word)
    step = LINE_SPACING * size
    bottom = canvas.height * PT * (1 - 0.005)
    for i, line in enumerate(lines):
        y = bottom - DESCENT * size - (len(lines) - 1 - i) * step
        canvas.add(Text(0.01 * canvas.width * PT, y, line, size, colour=theme.PALETTE["grijs"]))
